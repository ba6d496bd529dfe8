/**
 * Cron schedules: the next time found by skipping months, days and hours agrees with a naive
 * minute-by-minute search over every field (random schedules and start times); known schedules
 * and descriptors give the expected times; malformed ones are refused with the reason.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { cronBackoff, nextCronTime, parseCron, type CronSchedule } from '../../src/engine/model/cron.js';

/** The naive reference: every minute from the next one, checking the five fields as cron defines them. */
function naiveNext(c: Extract<CronSchedule, { kind: 'fields' }>, after: number): number | undefined {
  const has = (bits: bigint, v: number): boolean => ((bits >> BigInt(v)) & 1n) === 1n;
  for (let t = Math.floor(after / 60_000) * 60_000 + 60_000, n = 0; n < 3 * 366 * 1440; t += 60_000, n++) {
    const d = new Date(t);
    const dom = has(c.dom, d.getUTCDate());
    const dow = has(c.dow, d.getUTCDay());
    const day = c.domStar || c.dowStar ? dom && dow : dom || dow;
    if (has(c.minute, d.getUTCMinutes()) && has(c.hour, d.getUTCHours()) && has(c.month, d.getUTCMonth() + 1) && day) return t;
  }
  return undefined;
}

const part = (min: number, max: number): fc.Arbitrary<string> => fc.oneof(
  fc.constant('*'),
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 9 })).map(([a, s]) => `${a}/${s}`),
  fc.integer({ min: 1, max: 9 }).map((s) => `*/${s}`),
);
const field = (min: number, max: number): fc.Arbitrary<string> => fc.array(part(min, max), { minLength: 1, maxLength: 3 }).map((ps) => ps.join(','));
const arbSpec = fc.tuple(field(0, 59), field(0, 23), field(1, 31), field(1, 12), field(0, 7)).map((fs) => fs.join(' '));

describe('cron schedules', () => {
  test('the next time agrees with a minute-by-minute search', () => {
    fc.assert(
      fc.property(arbSpec, fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (spec, after) => {
        const c = parseCron(spec);
        if (c.kind !== 'fields') return;
        const naive = naiveNext(c, after);
        fc.pre(naive !== undefined); // schedules that fire within three years
        expect(nextCronTime(c, after)).toBe(naive);
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  test('known schedules and descriptors', () => {
    const at = (iso: string): number => Date.parse(iso);
    const next = (spec: string, after: string): string => new Date(nextCronTime(parseCron(spec), at(after))).toISOString();
    expect(next('*/15 * * * *', '2026-11-23T10:07:30Z')).toBe('2026-11-23T10:15:00.000Z');
    expect(next('0 9 * * MON-FRI', '2026-11-21T12:00:00Z')).toBe('2026-11-23T09:00:00.000Z'); // Saturday → Monday
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(next('0 0 1 * 7', '2026-11-23T00:00:00Z')).toBe('2026-11-29T00:00:00.000Z'); // day 1 OR Sunday (7 = Sunday)
    expect(next('@hourly', '2026-11-23T10:00:00Z')).toBe('2026-11-23T11:00:00.000Z');
    expect(next('@weekly', '2026-11-23T10:00:00Z')).toBe('2026-11-29T00:00:00.000Z');
    expect(next('@yearly', '2026-11-23T10:00:00Z')).toBe('2027-01-01T00:00:00.000Z');
    expect(next('@every 90s', '2026-11-23T10:00:00.400Z')).toBe('2026-11-23T10:01:30.000Z');
    // Temporal's backoff: the next time from the start that is not before the close (`@every` stays aligned)
    expect(cronBackoff(parseCron('@every 1m'), at('2026-11-23T10:00:00Z'), at('2026-11-23T10:02:20Z'))).toBe(40_000);
    expect(cronBackoff(parseCron('0 * * * *'), at('2026-11-23T10:00:00Z'), at('2026-11-23T10:00:00Z'))).toBe(3_600_000);
  });

  test.each([
    ['* * * *', /expected 5 fields/],
    ['60 * * * *', /minute "60"/],
    ['* * 0 * *', /day of month "0"/],
    ['* * * FOO *', /month "FOO"/],
    ['*/0 * * * *', /minute step "0"/],
    ['5-1 * * * *', /range "5-1" is empty/],
    ['@fortnightly', /unknown descriptor/],
    ['@every 10ms', /at least 1s/],
    ['CRON_TZ=Europe/Paris 0 9 * * *', /time-zone prefixes are not supported/],
  ])('%s is refused', (spec, why) => {
    expect(() => parseCron(spec)).toThrow(why);
  });

  test('a schedule that never fires is an error, not a hang', () => {
    expect(() => nextCronTime(parseCron('0 0 30 2 *'), Date.UTC(2026, 0, 1))).toThrow(/never fires/);
  });
});

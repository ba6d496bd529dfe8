/**
 * Cron schedules as Temporal reads a workflow's `cronSchedule` (robfig/cron's standard parser),
 * in UTC: five fields — minute, hour, day of month, month, day of week — each `*` (or `?`), a
 * value, a range `a-b`, a step `x/n` (`*` or a range or a single start), or a comma list of these;
 * months and weekdays may be names (`JAN`, `MON`; Sunday is 0 or 7). When both day fields are
 * restricted a day matches either (as cron does). Descriptors: `@yearly` (`@annually`),
 * `@monthly`, `@weekly`, `@daily` (`@midnight`), `@hourly`, and `@every <duration>` (a fixed
 * delay). Time-zone prefixes (`CRON_TZ=`, `TZ=`) are refused: the engine runs schedules in UTC.
 * Pure: no clock.
 */
import { msOf } from '../workflow/internals.js';

/** A parsed schedule: field sets (bit i = value i), or a fixed delay. */
export type CronSchedule =
  | { readonly kind: 'fields'; readonly minute: bigint; readonly hour: bigint; readonly dom: bigint; readonly month: bigint; readonly dow: bigint; readonly domStar: boolean; readonly dowStar: boolean }
  | { readonly kind: 'every'; readonly ms: number };

interface Bounds { readonly min: number; readonly max: number; readonly names?: readonly string[] }

const MINUTE: Bounds = { min: 0, max: 59 };
const HOUR: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTH: Bounds = { min: 1, max: 12, names: ['', 'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] };
const DOW: Bounds = { min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

/** Parses `spec`; a TypeError says what is wrong with it. */
export function parseCron(spec: string): CronSchedule {
  const s = spec.trim();
  const bad = (why: string): TypeError => new TypeError(`invalid cronSchedule ${JSON.stringify(spec)}: ${why}`);
  if (/^(CRON_)?TZ=/.test(s)) throw bad('time-zone prefixes are not supported (the engine runs schedules in UTC)');
  if (s.startsWith('@every ')) {
    let ms: number | undefined;
    try { ms = msOf(s.slice(7).trim(), 'duration'); } catch { ms = undefined; }
    if (ms === undefined || !(ms >= 1000)) throw bad('@every needs a duration of at least 1s, such as "@every 5m"');
    return { kind: 'every', ms: Math.floor(ms / 1000) * 1000 };
  }
  const fields = (DESCRIPTORS[s.toLowerCase()] ?? s).split(/\s+/);
  if (s.startsWith('@') && DESCRIPTORS[s.toLowerCase()] === undefined) throw bad(`unknown descriptor ${s.split(/\s/)[0]}`);
  if (fields.length !== 5) throw bad(`expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`);
  const [minute, hour, dom, month, dow] = fields;
  const days = parseField(dom, DOM, bad, 'day of month');
  const weekdays = parseField(dow, DOW, bad, 'day of week');
  return {
    kind: 'fields', minute: parseField(minute, MINUTE, bad, 'minute').bits, hour: parseField(hour, HOUR, bad, 'hour').bits,
    dom: days.bits, month: parseField(month, MONTH, bad, 'month').bits,
    dow: (weekdays.bits & 0x7fn) | ((weekdays.bits >> 7n) & 1n), // 7 is Sunday too
    domStar: days.star, dowStar: weekdays.star,
  };
}

function parseField(field: string, b: Bounds, bad: (why: string) => TypeError, what: string): { bits: bigint; star: boolean } {
  let bits = 0n;
  let star = false;
  for (const part of field.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || range === '') throw bad(`${what} "${part}"`);
    let lo: number;
    let hi: number;
    let isStar = false;
    if (range === '*' || range === '?') {
      lo = b.min; hi = b.max; isStar = true;
    } else {
      const ends = range.split('-');
      if (ends.length > 2) throw bad(`${what} "${part}"`);
      lo = value(ends[0], b, bad, what);
      hi = ends.length === 2 ? value(ends[1], b, bad, what) : stepText !== undefined ? b.max : lo;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw bad(`${what} step "${stepText}"`);
    if (lo > hi) throw bad(`${what} range "${range}" is empty`);
    if (isStar && step === 1) star = true;
    for (let v = lo; v <= hi; v += step) bits |= 1n << BigInt(v);
  }
  return { bits, star };
}

function value(text: string, b: Bounds, bad: (why: string) => TypeError, what: string): number {
  const named = b.names?.indexOf(text.toUpperCase()) ?? -1;
  const v = named > 0 || (named === 0 && b.names === DOW.names) ? named : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(v >= b.min && v <= b.max)) throw bad(`${what} "${text}" (expected ${b.min}-${b.max}${b.names ? ' or a name' : ''})`);
  return v;
}

const has = (bits: bigint, v: number): boolean => ((bits >> BigInt(v)) & 1n) === 1n;

/** Whether day `t` (UTC) matches the day fields of `c`. */
function dayMatches(c: Extract<CronSchedule, { kind: 'fields' }>, t: Date): boolean {
  const dom = has(c.dom, t.getUTCDate());
  const dow = has(c.dow, t.getUTCDay());
  return c.domStar || c.dowStar ? dom && dow : dom || dow;
}

/**
 * The first time of `c` strictly after `after` (epoch ms), at a whole minute (a whole second for
 * `@every`, counted from `after`). Throws if none comes within five years (e.g. `0 0 30 2 *`).
 */
export function nextCronTime(c: CronSchedule, after: number): number {
  if (c.kind === 'every') return Math.floor(after / 1000) * 1000 + c.ms;
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  const limit = after + 5 * 366 * 86_400_000;
  while (t.getTime() <= limit) {
    if (!has(c.month, t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(c, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!has(c.hour, t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!has(c.minute, t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t.getTime();
  }
  throw new TypeError('the cron schedule never fires (no matching time within five years)');
}

/**
 * Temporal's backoff before a cron run: from the schedule's first time after `startTime`, the
 * first one not before `closeTime`, minus `closeTime` (so `@every` stays aligned to the start).
 */
export function cronBackoff(c: CronSchedule, startTime: number, closeTime: number): number {
  let next = nextCronTime(c, startTime);
  while (next < closeTime) next = nextCronTime(c, next);
  return next - closeTime;
}

/**
 * Durations as the workflow API accepts them: a number of milliseconds or a string in the
 * `ms` package's format (`'30s'`, `'1 day'`, `'2.5 hours'`, `'100ms'`), as Temporal does.
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1, msec: 1, msecs: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
  y: 31_557_600_000, yr: 31_557_600_000, yrs: 31_557_600_000, year: 31_557_600_000, years: 31_557_600_000,
};

/** Milliseconds of a duration string, or undefined when it is not one. A bare number is ms. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(-?\d*\.?\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  const factor = unit === '' ? 1 : UNIT_MS[unit];
  return factor === undefined || !Number.isFinite(n) ? undefined : Math.round(n * factor);
}

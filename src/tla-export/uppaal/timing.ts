/**
 * Durations of a workflow as clock constraints (docs/export-uppaal.md, "Time").
 *
 * Every waiting location whose statement has a duration gets the slot's clock `x`, reset on
 * every edge that enters the location:
 * - `sleep(d)`: invariant `x <= d`, the firing edge guarded `x >= d`;
 * - `condition(fn, t)`: invariant `x <= t`, the timeout edge guarded `x >= t`;
 * - an activity call: invariant `x <= B` with B the bound of the whole call (below), and its
 *   failure split in two edges: a failure *by timeout*, guarded `x >= T` (T the first moment a
 *   timeout can end the call), and, when attempts are limited or non-retryable error types are
 *   declared, a failure *by error*, at any time.
 *
 * B is `scheduleToClose` when set; otherwise, with `startToClose` and a finite
 * `maximumAttempts` n, the longest attempt sequence: n·startToClose + Σ_{k<n-1} backoff_k with
 * backoff_k = min(initialInterval·coefficient^k, maximumInterval) (Temporal's defaults: 1 s,
 * 2.0, 100·initialInterval); else the call has no upper bound. T is `scheduleToClose`, else
 * `startToClose` (one attempt timing out when retries are exhausted or the timeout is the last).
 * Unknown durations (`null`) give no constraint and a comment. All values are in milliseconds
 * here; {@link chooseUnit} picks the unit written.
 */
import type { ActivityOptions } from '../../extract/index.js';

/** Temporal's default retry policy. */
export const DEFAULT_INITIAL_INTERVAL_MS = 1000;
export const DEFAULT_BACKOFF_COEFFICIENT = 2;
export const DEFAULT_MAXIMUM_INTERVAL_FACTOR = 100;

/** The clock bounds of one activity call, in ms (null: none). */
export interface ActivityTiming {
  /** Upper bound of the whole call (the awaiting location's invariant). */
  readonly boundMs: number | null;
  /** Lower bound of a failure by timeout; null when no timeout can end the call. */
  readonly timeoutMs: number | null;
  /** Can the call fail by an error (any time)? */
  readonly errorFailure: boolean;
  /** Why a bound is missing, for a comment. */
  readonly comment: string | null;
}

/** The retry backoffs between n attempts: initial·coef^k capped at maximumInterval, k = 0 … n-2. */
export function backoffsMs(o: ActivityOptions, attempts: number): number[] {
  const initial = o.initialIntervalMs ?? DEFAULT_INITIAL_INTERVAL_MS;
  const coef = o.backoffCoefficient ?? DEFAULT_BACKOFF_COEFFICIENT;
  const cap = o.maximumIntervalMs ?? DEFAULT_MAXIMUM_INTERVAL_FACTOR * initial;
  const out: number[] = [];
  for (let k = 0; k < attempts - 1; k++) out.push(Math.min(initial * coef ** k, cap));
  return out;
}

export function activityTiming(o: ActivityOptions): ActivityTiming {
  const s2c = o.scheduleToCloseTimeoutMs;
  const stc = o.startToCloseTimeoutMs;
  const n = o.maximumAttempts;
  let boundMs: number | null = null;
  let comment: string | null = null;
  if (s2c !== null) boundMs = s2c;
  else if (stc !== null && n !== null) boundMs = Math.ceil(n * stc + backoffsMs(o, n).reduce((a, b) => a + b, 0));
  else if (stc === null) comment = 'no startToClose/scheduleToClose timeout known: the call has no time bound';
  else comment = 'unlimited attempts and no scheduleToClose timeout: the call has no time bound';
  // Without a limit on attempts a startToClose timeout is retried, never ending the call.
  const timeoutMs = o.mayFail ? (s2c ?? (stc !== null && n !== null ? stc : null)) : null;
  // Options that could not be read (mayFail without any known reason) fail at any time too.
  const errorFailure = o.mayFail && (n !== null || o.nonRetryableErrorTypes.length > 0 || timeoutMs === null);
  return { boundMs, timeoutMs, errorFailure, comment };
}

/** The time unit written: seconds when every value is a whole number of seconds, else ms. */
export type TimeUnit = 's' | 'ms';

export function chooseUnit(valuesMs: readonly number[]): TimeUnit {
  return valuesMs.every((v) => v % 1000 === 0) ? 's' : 'ms';
}

/** UPPAAL's int range: clock constants must fit. */
export const UPPAAL_INT_MAX = 2147483647;

/** `ms` in `unit`, rounded up for upper bounds (`up`) and down for lower bounds; null when it does not fit UPPAAL's ints. */
export function inUnit(ms: number, unit: TimeUnit, up: boolean): number | null {
  const v = unit === 's' ? ms / 1000 : ms;
  const r = up ? Math.ceil(v) : Math.floor(v);
  return r <= UPPAAL_INT_MAX ? r : null;
}

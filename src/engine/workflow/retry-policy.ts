/**
 * Temporal's `RetryPolicy` option, for activities and for workflows (a child's `retry`, the
 * engine's `start({ retry })`): validated as Temporal's SDK and server do, and converted to
 * milliseconds with Temporal's defaults — initial interval 1 s, coefficient 2, maximum interval
 * 100 × the initial one, unlimited attempts. Used inside the sandbox and by the host alike.
 */
import type { RetryPolicyMs } from '../history/events.js';
import { checkOptions, msOf } from './internals.js';

export interface RetryPolicy {
  initialInterval?: number | string;
  backoffCoefficient?: number;
  maximumInterval?: number | string;
  /** 0 (or Infinity) = unlimited */
  maximumAttempts?: number;
  nonRetryableErrorTypes?: string[];
}

const RETRY_OPTIONS = ['initialInterval', 'backoffCoefficient', 'maximumInterval', 'maximumAttempts', 'nonRetryableErrorTypes'];

/** `r` in milliseconds with the defaults filled in; a TypeError naming the field for an invalid one. */
export function normalizeRetryPolicy(r: RetryPolicy | undefined, owner: string): RetryPolicyMs {
  checkOptions(`${owner} retry policy`, r, RETRY_OPTIONS, []);
  const p = r ?? {};
  const bad = (field: string, why: string): TypeError => new TypeError(`invalid ${owner} retry.${field}: ${JSON.stringify(p[field as keyof RetryPolicy])} (${why})`);
  const initialIntervalMs = msOf(p.initialInterval, 'retry.initialInterval') ?? 1000;
  if (initialIntervalMs === 0) throw bad('initialInterval', 'it cannot be 0');
  const maximumIntervalMs = msOf(p.maximumInterval, 'retry.maximumInterval') ?? initialIntervalMs * 100;
  if (maximumIntervalMs === 0) throw bad('maximumInterval', 'it cannot be 0');
  if (maximumIntervalMs < initialIntervalMs) throw bad('maximumInterval', 'it cannot be less than initialInterval');
  const backoffCoefficient = p.backoffCoefficient ?? 2;
  if (typeof backoffCoefficient !== 'number' || !(backoffCoefficient >= 1)) throw bad('backoffCoefficient', 'it must be a number ≥ 1');
  const attempts = p.maximumAttempts ?? 0;
  if (typeof attempts !== 'number' || !(attempts >= 0) || !(Number.isInteger(attempts) || attempts === Infinity)) throw bad('maximumAttempts', 'it must be a non-negative integer');
  const types = p.nonRetryableErrorTypes ?? [];
  if (!Array.isArray(types) || types.some((t) => typeof t !== 'string')) throw bad('nonRetryableErrorTypes', 'it must be an array of strings');
  return { initialIntervalMs, backoffCoefficient, maximumIntervalMs, maximumAttempts: attempts === Infinity ? 0 : attempts, nonRetryableErrorTypes: types };
}

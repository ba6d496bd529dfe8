/**
 * Activity retry decisions (pure). Temporal semantics: attempt n waits
 * `min(initialInterval × coefficient^(n-1), maximumInterval)` before attempt n+1; no retry when
 * the failure is non-retryable, its type is listed in `nonRetryableErrorTypes`, `maximumAttempts`
 * is reached, or the next attempt would start after the schedule-to-close deadline.
 */
import type { FailureInfo, RetryPolicyMs } from '../history/events.js';

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' | 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED' | 'RETRY_STATE_TIMEOUT' | 'RETRY_STATE_CANCEL_REQUESTED' };

export function decideRetry(policy: RetryPolicyMs, attempt: number, failure: FailureInfo, now: number, deadline: number | undefined): RetryDecision {
  if (failure.kind === 'cancelled') return { retry: false, retryState: 'RETRY_STATE_CANCEL_REQUESTED' };
  if (failure.nonRetryable) return { retry: false, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' };
  if (failure.type !== undefined && (policy.nonRetryableErrorTypes ?? []).includes(failure.type)) {
    return { retry: false, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' };
  }
  const max = policy.maximumAttempts ?? 0;
  if (max > 0 && attempt >= max) return { retry: false, retryState: 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED' };
  const raw = policy.initialIntervalMs * Math.pow(policy.backoffCoefficient, attempt - 1);
  const delayMs = Math.min(raw, policy.maximumIntervalMs ?? raw);
  if (deadline !== undefined && now + delayMs >= deadline) return { retry: false, retryState: 'RETRY_STATE_TIMEOUT' };
  return { retry: true, delayMs };
}

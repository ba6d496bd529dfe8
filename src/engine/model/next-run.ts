/**
 * What follows a run that ends (pure decisions of the step function): whether a failure or a
 * timeout is retried (the workflow's retry policy), and when a cron workflow's next run starts.
 */
import type { FailureInfo } from '../history/events.js';
import { cronBackoff, parseCron } from './cron.js';
import { decideRetry } from './retry.js';
import type { RunState } from './state.js';
import type { Effect } from './step.js';

/**
 * Whether a failed or timed-out run is retried (Temporal's workflow retry: the run's policy and
 * attempt, the failure's type, and the execution's end, which the next run must start before).
 * Without a policy: no retry and no retry state to record. A retry needs the next run's id.
 */
export function retryOf(run: RunState, failure: FailureInfo, now: number, newRunId: string | undefined): { retry: true; delayMs: number } | { retry: false; retryState?: string } {
  if (run.retryPolicy === undefined) return { retry: false };
  const d = decideRetry(run.retryPolicy, run.attempt, failure, now, run.timeouts?.expiresAt);
  if (d.retry && newRunId === undefined) throw new Error(`run ${run.runId} is retried but no id was given for its next run`);
  return d;
}

/**
 * A cron workflow's next run after this one closed at `now` (Temporal: completed, failed or timed
 * out — not cancelled or terminated): its backoff to the schedule's next time, and how this run
 * ended. Undefined without a schedule. The next run needs an id.
 */
export function cronNext(run: RunState, now: number, newRunId: string | undefined, result: unknown, failure: FailureInfo | undefined): Extract<Effect, { kind: 'closed' }>['cronAs'] {
  if (run.cronSchedule === undefined) return undefined;
  if (newRunId === undefined) throw new Error(`cron run ${run.runId} closed but no id was given for its next run`);
  const backoffMs = cronBackoff(parseCron(run.cronSchedule), run.startTime, now);
  return failure === undefined ? { backoffMs, lastCompletionResult: result } : { backoffMs, continuedFailure: failure };
}

/** The wait of a cron execution's first run started at `now`: until the schedule's first time. */
export function firstCronBackoff(spec: string, now: number): number {
  return cronBackoff(parseCron(spec), now, now);
}

/**
 * Commands: what workflow code asks the engine to do, and activation jobs: what the engine tells
 * workflow code happened. They are the two halves of the sandbox boundary (Temporal's
 * `WorkflowActivation` / `WorkflowCommand`), plain JSON-compatible data.
 *
 * Sequence numbers (`seq`) are per command kind, start at 1 and are assigned in call order, so
 * the same code fed the same jobs produces the same commands (the determinism contract).
 */
import type { FailureInfo, MemoMap, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';

/** Activity options after validation, in milliseconds. */
export interface ActivityOptionsMs {
  readonly taskQueue?: string;
  readonly startToCloseTimeoutMs?: number;
  readonly scheduleToCloseTimeoutMs?: number;
  readonly scheduleToStartTimeoutMs?: number;
  readonly heartbeatTimeoutMs?: number;
  readonly retry: RetryPolicyMs;
  readonly local?: boolean;
  /** a local activity: retries whose backoff is longer than this go through a workflow timer (Temporal's `localRetryThreshold`, default 1 minute) */
  readonly localRetryThresholdMs?: number;
}

/** Temporal's default `localRetryThreshold`: a local activity's retry backing off longer than this waits on a workflow timer. */
export const DEFAULT_LOCAL_RETRY_THRESHOLD_MS = 60_000;

/** How a local activity ended, as recorded in its marker (Temporal core's `LocalActivityMarkerData` and the marker's result or failure). */
export interface LocalActivityOutcome {
  readonly seq: number;
  readonly activityId: string;
  readonly activityType: string;
  /** the attempt that ended it */
  readonly attempt: number;
  /** epoch ms: the workflow time once the outcome is delivered; absent for a cancel that did not wait */
  readonly completeTime?: number;
  /** the next attempt waits this long on a workflow timer (the retry backoff was above the local retry threshold) */
  readonly backoffMs?: number;
  /** epoch ms: when the first attempt was scheduled */
  readonly originalScheduleTime: number;
  readonly result?: unknown;
  readonly failure?: FailureInfo;
}

/** A command emitted by workflow code during one activation. `source` is `file:line` when captured. */
export type Command = (
  | { type: 'scheduleActivity'; seq: number; activityId: string; activityType: string; args: readonly unknown[]; options: ActivityOptionsMs }
  | { type: 'requestCancelActivity'; seq: number }
  /** a local activity (no event: it runs while the workflow task stays open; its outcome is recorded as a marker); `attempt` > 1 after a timer backoff */
  | { type: 'scheduleLocalActivity'; seq: number; activityId: string; activityType: string; args: readonly unknown[]; options: ActivityOptionsMs; attempt: number; originalScheduleTime?: number; cancellationType: 'TRY_CANCEL' | 'WAIT_CANCELLATION_COMPLETED' | 'ABANDON' }
  | { type: 'requestCancelLocalActivity'; seq: number }
  /** made by the engine, not by workflow code: a local activity's outcome, recorded as a `core_local_activity` marker */
  | { type: 'recordLocalActivityMarker'; outcome: LocalActivityOutcome }
  | { type: 'startTimer'; seq: number; durationMs: number }
  | { type: 'cancelTimer'; seq: number }
  | { type: 'startChild'; seq: number; workflowId: string; workflowType: string; args: readonly unknown[]; taskQueue?: string; /** absent = TERMINATE */ parentClosePolicy?: 'ABANDON' | 'REQUEST_CANCEL'; workflowRunTimeoutMs?: number; workflowExecutionTimeoutMs?: number; /** absent = ALLOW_DUPLICATE */ workflowIdReusePolicy?: 'ALLOW_DUPLICATE_FAILED_ONLY' | 'REJECT_DUPLICATE'; /** the child execution's retry policy; absent = none */ retry?: RetryPolicyMs; /** the child's cron schedule */ cronSchedule?: string; memo?: MemoMap; searchAttributes?: SearchAttributeMap }
  | { type: 'requestCancelExternal'; seq: number; workflowId: string; /** only this run of the workflow (absent: its current run) */ runId?: string; childOnly: boolean }
  | { type: 'signalExternal'; seq: number; workflowId: string; /** only this run of the workflow (absent: its current run) */ runId?: string; signalName: string; args: readonly unknown[] }
  /** `upsertSearchAttributes`: checked values (an empty array removes an attribute) */
  | { type: 'upsertSearchAttributes'; searchAttributes: SearchAttributeMap }
  /** `upsertMemo`: the keys to set (`null` removes one) */
  | { type: 'modifyWorkflowProperties'; upsertedMemo: MemoMap }
  | { type: 'setPatchMarker'; patchId: string; deprecated: boolean }
  | { type: 'acceptUpdate'; updateId: string; name: string; args: readonly unknown[] }
  | { type: 'completeUpdate'; updateId: string; result?: unknown; failure?: FailureInfo }
  | { type: 'completeWorkflow'; result: unknown }
  | { type: 'failWorkflow'; failure: FailureInfo }
  | { type: 'cancelWorkflow' }
  | { type: 'continueAsNew'; workflowType: string; args: readonly unknown[]; taskQueue?: string; /** absent: the current run's */ workflowRunTimeoutMs?: number; /** the new run's first workflow task waits this long */ backoffStartIntervalMs?: number; /** absent: the current run's */ memo?: MemoMap; /** absent: the current run's */ searchAttributes?: SearchAttributeMap }
) & { source?: string };

export type CommandType = Command['type'];

/** Commands that end a run; at most one per activation, always the last. */
export const TERMINAL_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'completeWorkflow', 'failWorkflow', 'cancelWorkflow', 'continueAsNew',
]);

/** An activation job: one thing that happened, delivered to workflow code. */
export type Job =
  | { type: 'start'; args: readonly unknown[] }
  | { type: 'resolveActivity'; seq: number; result?: unknown; failure?: FailureInfo; /** a local activity to schedule again after a timer (Temporal core's `DoBackoff`) */ backoff?: { attempt: number; backoffMs: number; originalScheduleTime: number } }
  | { type: 'fireTimer'; seq: number }
  | { type: 'signal'; name: string; args: readonly unknown[] }
  | { type: 'update'; updateId: string; name: string; args: readonly unknown[]; replaying: boolean }
  | { type: 'cancelWorkflow' }
  | { type: 'resolveChildStart'; seq: number; runId?: string; failure?: FailureInfo }
  | { type: 'resolveChild'; seq: number; result?: unknown; failure?: FailureInfo }
  | { type: 'resolveSignalExternal'; seq: number; failure?: FailureInfo }
  | { type: 'resolveCancelExternal'; seq: number; failure?: FailureInfo }
  /** Temporal's reset of a run: its randomness is reseeded from the reset's new run id (before the other jobs) */
  | { type: 'updateRandomSeed'; runId: string };

/**
 * Orders an activation's jobs the way Temporal's core SDK does: signals and updates first (in
 * history order), then everything else (in history order). `start` comes first, after a reseed
 * of the randomness (which the SDK applies before anything else).
 */
export function orderJobs(jobs: readonly Job[]): Job[] {
  if (jobs.length < 2) return [...jobs]; // nothing to order (the common case)
  const rank = (j: Job): number => (j.type === 'updateRandomSeed' ? -1 : j.type === 'start' ? 0 : j.type === 'signal' || j.type === 'update' ? 1 : 2);
  return jobs.map((j, i) => ({ j, i })).sort((a, b) => rank(a.j) - rank(b.j) || a.i - b.i).map((x) => x.j);
}

/**
 * `describeExecution`: what a run is waiting for, from its history and the store's activity
 * attempt rows (Temporal's `workflow describe`). Read-only: nothing is run or written. The state
 * is the fold of the history ({@link foldHistory}), so it is what a worker would rebuild.
 */
import type { FailureInfo, MemoMap, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';
import { foldHistory, type RunStatus } from '../model/state.js';
import type { EngineStore, ExecutionRow } from '../store/store.js';

/** A run's description; times are epoch ms. */
export interface ExecutionDescription {
  readonly workflowId: string;
  readonly runId: string;
  readonly workflowType: string;
  readonly module: string;
  readonly status: RunStatus;
  readonly attempt: number;
  readonly startTime: number;
  readonly closeTime?: number;
  readonly historyLength: number;
  readonly firstExecutionRunId: string;
  readonly continuedExecutionRunId?: string;
  readonly parent?: { readonly workflowId: string; readonly runId: string };
  readonly retryPolicy?: RetryPolicyMs;
  /** a cron execution's schedule, and how its previous run ended */
  readonly cronSchedule?: string;
  readonly lastCompletionResult?: unknown;
  readonly continuedFailure?: FailureInfo;
  /** the run's current memo and search attributes (its start values with its upserts merged in); absent when none */
  readonly memo?: MemoMap;
  readonly searchAttributes?: SearchAttributeMap;
  /** the run times out at `runDeadline`; the execution ends at `executionEnds` */
  readonly timeouts?: { readonly runDeadline: number; readonly executionEnds?: number };
  /** a retry's (or continue-as-new's) backoff: no workflow task before this time */
  readonly backoffUntil?: number;
  /** the workflow task: none pending, scheduled, started, or the last one failed (it is retried) */
  readonly workflowTask: 'none' | 'scheduled' | 'started' | 'failed';
  readonly cancelRequested: boolean;
  readonly pendingActivities: readonly {
    readonly scheduledEventId: number; readonly activityId: string; readonly activityType: string; readonly scheduledTime: number;
    /** the attempt to run next, and when (a retry's backoff); attempt 1 when no attempt failed yet */
    readonly attempt: number; readonly nextAttemptAt?: number; readonly lastFailure?: FailureInfo; readonly cancelRequested: boolean;
  }[];
  readonly pendingTimers: readonly { readonly timerId: string; readonly fireAt: number }[];
  readonly pendingChildren: readonly { readonly workflowId: string; readonly workflowType: string; readonly runId?: string }[];
  readonly pendingExternals: readonly { readonly kind: 'signal' | 'cancel'; readonly workflowId: string; readonly signalName?: string }[];
  /** updates accepted and not yet completed */
  readonly acceptedUpdates: readonly string[];
  readonly outcome?: ExecutionRow['outcome'];
}

/** Describes the run `row` of `store`. */
export function describeExecution(store: EngineStore, row: ExecutionRow): ExecutionDescription {
  const s = foldHistory(store.history(row.runId));
  const attempts = new Map(store.attempts(row.runId).map((a) => [a.scheduledEventId, a]));
  const timeouts = s.timeouts === undefined ? undefined : { runDeadline: s.timeouts.deadline, executionEnds: s.timeouts.expiresAt };
  return {
    workflowId: s.workflowId, runId: s.runId, workflowType: s.workflowType, module: row.module, status: s.status, attempt: s.attempt,
    startTime: s.startTime, closeTime: row.closeTime, historyLength: s.nextEventId - 1,
    firstExecutionRunId: s.firstExecutionRunId, continuedExecutionRunId: s.continuedExecutionRunId,
    parent: s.parent === undefined ? undefined : { workflowId: s.parent.workflowId, runId: s.parent.runId },
    retryPolicy: s.retryPolicy, cronSchedule: s.cronSchedule, lastCompletionResult: s.lastCompletionResult, continuedFailure: s.continuedFailure, memo: s.memo, searchAttributes: s.searchAttributes, timeouts: s.status === 'running' ? timeouts : undefined, backoffUntil: s.backoffUntil,
    workflowTask: s.status !== 'running' ? 'none' : s.wftStartedEventId !== 0 ? 'started' : s.wftScheduledEventId !== 0 ? 'scheduled' : s.wftFailed ? 'failed' : 'none',
    cancelRequested: s.cancelRequested,
    pendingActivities: Object.values(s.activities).map((a) => {
      const at = attempts.get(a.scheduledEventId);
      return {
        scheduledEventId: a.scheduledEventId, activityId: a.activityId, activityType: a.activityType, scheduledTime: a.scheduledTime,
        attempt: at?.attempt ?? 1, nextAttemptAt: at?.nextAttemptAt, lastFailure: at?.lastFailure, cancelRequested: a.cancelRequestedEventId !== 0,
      };
    }),
    pendingTimers: Object.values(s.timers).map((t) => ({ timerId: t.timerId, fireAt: t.fireAt })),
    pendingChildren: Object.values(s.children).map((c) => ({ workflowId: c.workflowId, workflowType: c.workflowType, runId: c.runId })),
    pendingExternals: Object.values(s.externals).map((x) => ({ kind: x.kind, workflowId: x.workflowId, signalName: x.signalName })),
    acceptedUpdates: Object.keys(s.acceptedUpdates),
    outcome: s.outcome,
  };
}

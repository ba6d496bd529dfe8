/**
 * The state of one workflow run as a pure fold over its history (Temporal's "mutable state"):
 * `applyEvent(state, event)` is total, side-effect free and never reads the clock, so recovery is
 * `history.reduce(applyEvent, undefined)` and always rebuilds exactly the state that was live.
 * `applyEventInPlace` is the same fold on a private working copy (no copy per event); `step` and
 * `foldHistory` use it.
 */
import type { FailureInfo, HistoryEvent, MemoMap, ParentRef, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';
import { mergeMemo, mergeSearchAttributes } from './attributes.js';

export type RunStatus = 'running' | 'completed' | 'failed' | 'canceled' | 'terminated' | 'continuedAsNew' | 'timedOut';

/** An activity scheduled and not yet closed. */
export interface PendingActivity {
  readonly scheduledEventId: number;
  readonly activityId: string;
  readonly activityType: string;
  readonly input: readonly unknown[];
  readonly scheduledTime: number;
  readonly startToCloseTimeoutMs?: number;
  readonly scheduleToCloseTimeoutMs?: number;
  readonly heartbeatTimeoutMs?: number;
  /** each attempt must start within this long of being ready (Temporal's schedule-to-start timeout) */
  readonly scheduleToStartTimeoutMs?: number;
  readonly retryPolicy: RetryPolicyMs;
  readonly cancelRequestedEventId: number;
}

/** A timer started and neither fired nor cancelled. */
export interface PendingTimer {
  readonly timerId: string;
  readonly startedEventId: number;
  readonly fireAt: number;
}

/** A child workflow initiated and not yet closed. */
export interface PendingChild {
  readonly initiatedEventId: number;
  readonly workflowId: string;
  readonly workflowType: string;
  readonly input: readonly unknown[];
  readonly taskQueue: string;
  readonly runId?: string;
  readonly startedEventId?: number;
  /** as recorded (`PARENT_CLOSE_POLICY_ABANDON`, …); absent or unspecified = TERMINATE */
  readonly parentClosePolicy?: string;
  readonly workflowRunTimeoutMs?: number;
  readonly workflowExecutionTimeoutMs?: number;
  readonly workflowIdReusePolicy?: WorkflowIdReusePolicy;
  readonly retryPolicy?: RetryPolicyMs;
  readonly cronSchedule?: string;
  readonly memo?: MemoMap;
  readonly searchAttributes?: SearchAttributeMap;
}

/** An external signal or cancel request initiated and not yet acknowledged. */
export interface PendingExternal {
  readonly initiatedEventId: number;
  readonly kind: 'signal' | 'cancel';
  readonly workflowId: string;
  /** only this run of the workflow (absent: its current run) */
  readonly runId?: string;
  readonly signalName?: string;
  readonly input?: readonly unknown[];
}

/** How a run ended. */
export interface RunOutcome {
  readonly status: Exclude<RunStatus, 'running'>;
  readonly result?: unknown;
  readonly failure?: FailureInfo;
  /** the run that continues the execution: after continue-as-new, or a retry of a failed or timed-out run */
  readonly newRunId?: string;
  /** Temporal's retry state of a failure or timeout, when the run had a retry policy */
  readonly retryState?: string;
}

export interface RunState {
  readonly workflowId: string;
  readonly runId: string;
  readonly workflowType: string;
  readonly taskQueue: string;
  readonly input: readonly unknown[];
  readonly startTime: number;
  readonly firstExecutionRunId: string;
  readonly continuedExecutionRunId?: string;
  readonly parent?: ParentRef;
  /** the execution's attempt: 1, or n for the (n-1)th retry of a failed or timed-out run */
  readonly attempt: number;
  /** the execution's retry policy (a failed or timed-out run is retried as a new run); absent = none */
  readonly retryPolicy: RetryPolicyMs | undefined;
  /** a retry run's backoff: no workflow task is scheduled before this time (epoch ms); cleared by the first one */
  readonly backoffUntil: number | undefined;
  /** the execution's cron schedule: each close (but a cancellation or termination) starts the next run */
  readonly cronSchedule: string | undefined;
  /** a cron run: how the previous run ended (its result, or its failure) */
  readonly lastCompletionResult?: unknown;
  readonly continuedFailure?: FailureInfo;
  /**
   * the run's current memo and search attributes: those it started with, with its upserts merged
   * in (`WorkflowPropertiesModified`, `UpsertWorkflowSearchAttributes`); undefined while it has none
   */
  readonly memo: MemoMap | undefined;
  readonly searchAttributes: SearchAttributeMap | undefined;
  readonly status: RunStatus;
  readonly outcome?: RunOutcome;
  readonly nextEventId: number;
  /** event id of the pending WorkflowTaskScheduled, 0 if none */
  readonly wftScheduledEventId: number;
  /** event id of the pending WorkflowTaskStarted, 0 if none */
  readonly wftStartedEventId: number;
  /** true when the last workflow task failed and none is scheduled since */
  readonly wftFailed: boolean;
  readonly activities: Readonly<Record<number, PendingActivity>>;
  readonly timers: Readonly<Record<string, PendingTimer>>;
  readonly children: Readonly<Record<number, PendingChild>>;
  readonly externals: Readonly<Record<number, PendingExternal>>;
  readonly cancelRequested: boolean;
  /** update ids accepted and not completed, to their accepted event id */
  readonly acceptedUpdates: Readonly<Record<string, number>>;
  /** update requests admitted but not yet delivered; in memory only (not rebuilt from history) */
  readonly admittedUpdates: readonly AdmittedUpdate[];
  /** the run's workflow timeouts, if it has any (from `WorkflowExecutionStarted`) */
  readonly timeouts: RunTimeouts | undefined;
}

/**
 * A run's workflow timeouts (Temporal's): the run's own, and the whole execution's, which a
 * continue-as-new carries on. The run times out at `deadline`, the earlier of the two ends.
 */
export interface RunTimeouts {
  readonly runMs?: number;
  readonly executionMs?: number;
  /** when the execution's timeout ends it, epoch ms */
  readonly expiresAt?: number;
  /** when the run times out, epoch ms */
  readonly deadline: number;
}

/** An update request admitted to a run and not yet handed to its workflow code. */
export interface AdmittedUpdate {
  readonly updateId: string;
  readonly name: string;
  readonly args: readonly unknown[];
}

/**
 * The empty record (frozen, shared): a run's nested records start as this one (it is never
 * written: the first write copies it, see {@link writable}).
 */
const EMPTY: Readonly<Record<string | number, never>> = Object.freeze({});
/** The empty list of admitted updates (frozen, shared; the list is replaced, never mutated). */
export const NO_UPDATES: RunState['admittedUpdates'] = Object.freeze([]);

/** The nested records of a run state, which the in-place fold copies on its first write. */
type RecordField = 'activities' | 'timers' | 'children' | 'externals' | 'acceptedUpdates';

/**
 * Each nested record made by {@link writable} to the working state that made it. That state may
 * write it in place: nothing else can hold it but that state (or someone who holds that state,
 * which the in-place fold already overwrites). Records of any other state are copied first.
 */
const ownerOf = new WeakMap<object, MutableRunState>();

/**
 * `s[field]`, writable: the record itself when `s` made it, else a copy that `s` now owns. So a
 * working copy copies each record at most once however many events it folds — a task that
 * schedules n activities, or n activity results applied to the executor's own live state, cost
 * O(n) instead of O(n²) — and a record shared with an earlier state is never written.
 */
function writable<F extends RecordField>(s: MutableRunState, field: F): Record<string | number, RunState[F][keyof RunState[F]]> {
  const rec = s[field] as Record<string | number, RunState[F][keyof RunState[F]]>;
  if (ownerOf.get(rec) === s) return rec;
  const copy = { ...rec };
  ownerOf.set(copy, s);
  (s as Record<RecordField, unknown>)[field] = copy;
  return copy;
}

/**
 * Appends `u` to the admitted updates of `s` (a private working copy), copying the list at most
 * once per working state as {@link writable} does for records: k updates admitted to a run cost
 * O(k), not O(k²), and a list shared with an earlier state is never written.
 */
export function admitUpdate(s: MutableRunState, u: AdmittedUpdate): void {
  let list = s.admittedUpdates as AdmittedUpdate[];
  if (ownerOf.get(list) !== s) {
    list = [...list];
    ownerOf.set(list, s);
    s.admittedUpdates = list;
  }
  list.push(u);
}

/** A private working copy of a run's state, updated in place by {@link applyEventInPlace}. */
export type MutableRunState = { -readonly [K in keyof RunState]: RunState[K] };

/** Applies one event to a run's state (`undefined` before the first event). Pure. */
export function applyEvent(state: RunState | undefined, e: HistoryEvent): RunState {
  if (state === undefined) return initialState(e);
  const s: MutableRunState = { ...state };
  applyEventInPlace(s, e);
  return s;
}

/** The state after the first event (which must be `WorkflowExecutionStarted`); a fresh object. */
export function initialState(e: HistoryEvent): MutableRunState {
  if (e.eventType !== 'WorkflowExecutionStarted') throw new Error(`history must begin with WorkflowExecutionStarted, not ${e.eventType}`);
  const a = e.attributes;
  const backoff = a.firstWorkflowTaskBackoffMs ?? 0;
  return {
    workflowId: a.workflowId, runId: a.originalExecutionRunId, workflowType: a.workflowType, taskQueue: a.taskQueue,
    input: a.input, startTime: e.eventTime, firstExecutionRunId: a.firstExecutionRunId, continuedExecutionRunId: a.continuedExecutionRunId, parent: a.parent,
    attempt: a.attempt, retryPolicy: a.retryPolicy, backoffUntil: backoff > 0 ? e.eventTime + backoff : undefined, cronSchedule: a.cronSchedule,
    lastCompletionResult: a.lastCompletionResult, continuedFailure: a.continuedFailure, memo: a.memo, searchAttributes: a.searchAttributes,
    status: 'running', nextEventId: e.eventId + 1, wftScheduledEventId: 0, wftStartedEventId: 0, wftFailed: false,
    activities: EMPTY, timers: EMPTY, children: EMPTY, externals: EMPTY, cancelRequested: false, acceptedUpdates: EMPTY, admittedUpdates: NO_UPDATES,
    timeouts: a.workflowRunTimeoutMs === undefined && a.workflowExecutionExpirationTime === undefined ? undefined : {
      runMs: a.workflowRunTimeoutMs, executionMs: a.workflowExecutionTimeoutMs, expiresAt: a.workflowExecutionExpirationTime,
      // a retry's run timeout counts from the end of its backoff, as on Temporal
      deadline: Math.min(a.workflowRunTimeoutMs === undefined ? Infinity : e.eventTime + backoff + a.workflowRunTimeoutMs, a.workflowExecutionExpirationTime ?? Infinity),
    },
  };
}

/**
 * Applies one event (not the first) to `s` in place. `s` must be a private copy (its top-level
 * fields are overwritten). Nested records shared with other states are never mutated: the first
 * write through `s` replaces one by a copy that `s` owns, and later events applied to `s` update
 * that copy in place (see {@link writable}); a caller that keeps one of `s`'s records must treat
 * it like `s` itself. Same semantics as {@link applyEvent}, without copying the state per event.
 */
export function applyEventInPlace(s: MutableRunState, e: HistoryEvent): void {
  if (e.eventId !== s.nextEventId) throw new Error(`event ${e.eventId} out of order, expected ${s.nextEventId}`);
  s.nextEventId = e.eventId + 1;
  switch (e.eventType) {
    case 'WorkflowExecutionStarted':
      throw new Error('WorkflowExecutionStarted may only be the first event');
    case 'WorkflowTaskScheduled':
      s.wftScheduledEventId = e.eventId; s.wftFailed = false; s.backoffUntil = undefined; return;
    case 'WorkflowTaskStarted':
      s.wftStartedEventId = e.eventId; return;
    case 'WorkflowTaskCompleted':
      s.wftScheduledEventId = 0; s.wftStartedEventId = 0; return;
    case 'WorkflowTaskFailed':
      s.wftScheduledEventId = 0; s.wftStartedEventId = 0; s.wftFailed = true; return;
    case 'WorkflowExecutionCompleted':
      s.status = 'completed';
      s.outcome = e.attributes.newExecutionRunId === undefined ? { status: 'completed', result: e.attributes.result } : { status: 'completed', result: e.attributes.result, newRunId: e.attributes.newExecutionRunId };
      return;
    case 'WorkflowExecutionFailed':
      s.status = 'failed'; s.outcome = closedOutcome('failed', e.attributes.failure, e.attributes.retryState, e.attributes.newExecutionRunId); return;
    case 'WorkflowExecutionCanceled':
      s.status = 'canceled'; s.outcome = { status: 'canceled' }; return;
    case 'WorkflowExecutionTerminated':
      s.status = 'terminated'; s.outcome = { status: 'terminated', failure: { kind: 'terminated', message: e.attributes.reason } }; return;
    case 'WorkflowExecutionTimedOut':
      s.status = 'timedOut'; s.outcome = closedOutcome('timedOut', RUN_TIMEOUT_FAILURE, e.attributes.retryState === 'RETRY_STATE_TIMEOUT' ? undefined : e.attributes.retryState, e.attributes.newExecutionRunId); return;
    case 'WorkflowExecutionContinuedAsNew':
      s.status = 'continuedAsNew'; s.outcome = { status: 'continuedAsNew', newRunId: e.attributes.newExecutionRunId }; return;
    case 'WorkflowExecutionCancelRequested':
      s.cancelRequested = true; return;
    case 'WorkflowExecutionSignaled':
    case 'MarkerRecorded':
    case 'Unknown':
      return;
    case 'UpsertWorkflowSearchAttributes':
      s.searchAttributes = mergeSearchAttributes(s.searchAttributes, e.attributes.searchAttributes); return;
    case 'WorkflowPropertiesModified':
      s.memo = mergeMemo(s.memo, e.attributes.upsertedMemo); return;
    case 'WorkflowExecutionUpdateAccepted':
      writable(s, 'acceptedUpdates')[e.attributes.updateId] = e.eventId;
      s.admittedUpdates = s.admittedUpdates.filter((u) => u.updateId !== e.attributes.updateId);
      return;
    case 'WorkflowExecutionUpdateCompleted':
      delete writable(s, 'acceptedUpdates')[e.attributes.updateId]; return;
    case 'ActivityTaskScheduled': {
      const a = e.attributes;
      const p: PendingActivity = {
        scheduledEventId: e.eventId, activityId: a.activityId, activityType: a.activityType, input: a.input,
        scheduledTime: e.eventTime, startToCloseTimeoutMs: a.startToCloseTimeoutMs,
        scheduleToCloseTimeoutMs: a.scheduleToCloseTimeoutMs, heartbeatTimeoutMs: a.heartbeatTimeoutMs,
        scheduleToStartTimeoutMs: a.scheduleToStartTimeoutMs, retryPolicy: a.retryPolicy, cancelRequestedEventId: 0,
      };
      writable(s, 'activities')[e.eventId] = p; return;
    }
    case 'ActivityTaskStarted':
      return;
    case 'ActivityTaskCancelRequested': {
      const p = s.activities[e.attributes.scheduledEventId];
      if (!p) return;
      writable(s, 'activities')[p.scheduledEventId] = { ...p, cancelRequestedEventId: e.eventId }; return;
    }
    case 'ActivityTaskCompleted':
    case 'ActivityTaskFailed':
    case 'ActivityTaskTimedOut':
    case 'ActivityTaskCanceled':
      delete writable(s, 'activities')[e.attributes.scheduledEventId]; return;
    case 'TimerStarted': {
      const t: PendingTimer = { timerId: e.attributes.timerId, startedEventId: e.eventId, fireAt: e.eventTime + e.attributes.startToFireTimeoutMs };
      writable(s, 'timers')[t.timerId] = t; return;
    }
    case 'TimerFired':
    case 'TimerCanceled':
      delete writable(s, 'timers')[e.attributes.timerId]; return;
    case 'StartChildWorkflowExecutionInitiated': {
      const a = e.attributes;
      const c: PendingChild = { initiatedEventId: e.eventId, workflowId: a.workflowId, workflowType: a.workflowType, input: a.input, taskQueue: a.taskQueue, parentClosePolicy: a.parentClosePolicy, workflowRunTimeoutMs: a.workflowRunTimeoutMs, workflowExecutionTimeoutMs: a.workflowExecutionTimeoutMs, workflowIdReusePolicy: reusePolicyOf(a.workflowIdReusePolicy), retryPolicy: a.retryPolicy, cronSchedule: a.cronSchedule, memo: a.memo, searchAttributes: a.searchAttributes };
      writable(s, 'children')[e.eventId] = c; return;
    }
    case 'ChildWorkflowExecutionStarted': {
      const c = s.children[e.attributes.initiatedEventId];
      if (!c) return;
      writable(s, 'children')[c.initiatedEventId] = { ...c, runId: e.attributes.runId, startedEventId: e.eventId }; return;
    }
    case 'StartChildWorkflowExecutionFailed':
    case 'ChildWorkflowExecutionCompleted':
    case 'ChildWorkflowExecutionFailed':
    case 'ChildWorkflowExecutionCanceled':
    case 'ChildWorkflowExecutionTerminated':
    case 'ChildWorkflowExecutionTimedOut':
      delete writable(s, 'children')[e.attributes.initiatedEventId]; return;
    case 'SignalExternalWorkflowExecutionInitiated': {
      const a = e.attributes;
      const x: PendingExternal = { initiatedEventId: e.eventId, kind: 'signal', workflowId: a.workflowId, ...(a.runId !== undefined ? { runId: a.runId } : {}), signalName: a.signalName, input: a.input };
      writable(s, 'externals')[e.eventId] = x; return;
    }
    case 'RequestCancelExternalWorkflowExecutionInitiated': {
      const x: PendingExternal = { initiatedEventId: e.eventId, kind: 'cancel', workflowId: e.attributes.workflowId, ...(e.attributes.runId !== undefined ? { runId: e.attributes.runId } : {}) };
      writable(s, 'externals')[e.eventId] = x; return;
    }
    case 'ExternalWorkflowExecutionSignaled':
    case 'SignalExternalWorkflowExecutionFailed':
    case 'ExternalWorkflowExecutionCancelRequested':
    case 'RequestCancelExternalWorkflowExecutionFailed':
      delete writable(s, 'externals')[e.attributes.initiatedEventId]; return;
    default: {
      const never: never = e;
      throw new Error(`unhandled event ${(never as HistoryEvent).eventType}`);
    }
  }
}

/** The failure of a run that timed out (shared). */
export const RUN_TIMEOUT_FAILURE: FailureInfo = Object.freeze({ kind: 'timeout', timeoutType: 'START_TO_CLOSE', message: 'workflow execution timed out' });

/** The outcome of a failed or timed-out run; retry fields only when recorded (outcomes without them keep their shape). */
function closedOutcome(status: 'failed' | 'timedOut', failure: FailureInfo, retryState: string | undefined, newRunId: string | undefined): RunOutcome {
  if (retryState === undefined && newRunId === undefined) return { status, failure };
  return newRunId === undefined ? { status, failure, retryState } : { status, failure, retryState, newRunId };
}

/** Rebuilds a run's state from its full history. */
export function foldHistory(events: readonly HistoryEvent[]): RunState {
  if (events.length === 0) throw new Error('empty history');
  const s = initialState(events[0]);
  for (let i = 1; i < events.length; i++) applyEventInPlace(s, events[i]);
  return s;
}

/** Temporal's `WorkflowIdReusePolicy`: may a new run take the workflow id of a closed one? */
export type WorkflowIdReusePolicy = 'ALLOW_DUPLICATE' | 'ALLOW_DUPLICATE_FAILED_ONLY' | 'REJECT_DUPLICATE';

/**
 * Whether a new run may start with the id of a closed run that ended `previous` (undefined: no
 * earlier run). ALLOW_DUPLICATE (the default) always; ALLOW_DUPLICATE_FAILED_ONLY unless it
 * completed (or continued as new); REJECT_DUPLICATE never. An id whose run is open is never
 * reused (that is a conflict, refused whatever the policy).
 */
export function idReuseAllowed(policy: WorkflowIdReusePolicy | undefined, previous: RunStatus | undefined): boolean {
  if (previous === undefined) return true;
  if (previous === 'running') return false;
  if (policy === 'REJECT_DUPLICATE') return false;
  if (policy === 'ALLOW_DUPLICATE_FAILED_ONLY') return previous !== 'completed' && previous !== 'continuedAsNew';
  return true;
}

/** The policy recorded in an event (`WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE` or the short name); undefined = the default. */
export function reusePolicyOf(recorded: string | undefined): WorkflowIdReusePolicy | undefined {
  const p = recorded?.replace(/^WORKFLOW_ID_REUSE_POLICY_/, '');
  return p === 'ALLOW_DUPLICATE_FAILED_ONLY' || p === 'REJECT_DUPLICATE' ? p : undefined;
}

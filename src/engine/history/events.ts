/**
 * History events: the engine's durable record of a workflow run, event-sourced.
 *
 * Event types and attribute names are Temporal's (`ActivityTaskScheduled`, `scheduledEventId`, …)
 * so that {@link ./temporal-json.ts} is a mechanical mapping. Inside the engine, payloads are
 * plain JSON values (not base64 `Payload`s), durations are milliseconds and times are epoch
 * milliseconds; the codec converts at the boundary.
 *
 * Contract: within a run, `eventId`s are 1, 2, 3, … without gaps or duplicates, and every event
 * is immutable once committed. `HISTORY_FORMAT_VERSION` changes whenever the stored shape does.
 */

/** Version of the stored event shape (STYLE.md point 17). */
export const HISTORY_FORMAT_VERSION = 1;

/** A failure as recorded in history (Temporal's `Failure` proto, flattened). */
export interface FailureInfo {
  readonly message: string;
  /** application failures: the error type (class name or `ApplicationFailure.type`) */
  readonly type?: string;
  readonly nonRetryable?: boolean;
  readonly details?: readonly unknown[];
  readonly stack?: string;
  /** `server`: Temporal's `ServerFailure` (raised by workflow code that throws one) */
  readonly kind: 'application' | 'timeout' | 'cancelled' | 'terminated' | 'activity' | 'child' | 'server';
  /** timeout failures: START_TO_CLOSE, SCHEDULE_TO_CLOSE, HEARTBEAT, SCHEDULE_TO_START */
  readonly timeoutType?: string;
  readonly cause?: FailureInfo;
  /** activity and child failures: Temporal's retry state (`RETRY_STATE_…`) of the activity or the child execution */
  readonly retryState?: string;
  /** activity failures: the activity's id, and the identity of the worker that reported the outcome ('' when none did) */
  readonly activityId?: string;
  readonly identity?: string;
  /** child failures: the child execution (its namespace is 'default') */
  readonly workflowId?: string;
  readonly runId?: string;
}

/** Retry policy in milliseconds (Temporal's `RetryPolicy`). */
export interface RetryPolicyMs {
  readonly initialIntervalMs: number;
  readonly backoffCoefficient: number;
  readonly maximumIntervalMs?: number;
  /** 0 or absent = unlimited */
  readonly maximumAttempts?: number;
  readonly nonRetryableErrorTypes?: readonly string[];
}

/** One search attribute value (a `Date` is stored as its ISO string). */
export type SearchAttributeValue = string | number | boolean;

/** Search attributes: name → values (Temporal's legacy `SearchAttributes`; see `../model/attributes.ts`). */
export type SearchAttributeMap = Readonly<Record<string, readonly SearchAttributeValue[]>>;

/** A memo: name → any JSON value. */
export type MemoMap = Readonly<Record<string, unknown>>;

export interface ParentRef {
  readonly workflowId: string;
  readonly runId: string;
  readonly initiatedEventId: number;
}

/** Attribute shapes per event type. */
export interface EventAttributes {
  WorkflowExecutionStarted: {
    workflowType: string; taskQueue: string; input: readonly unknown[]; workflowId: string;
    originalExecutionRunId: string; firstExecutionRunId: string; attempt: number;
    continuedExecutionRunId?: string; parent?: ParentRef; workflowRunTimeoutMs?: number;
    /** the whole execution's timeout (across continue-as-new) and the time it ends, epoch ms */
    workflowExecutionTimeoutMs?: number; workflowExecutionExpirationTime?: number;
    /** the execution's retry policy (Temporal's workflow `retry` option); absent = the run is not retried */
    retryPolicy?: RetryPolicyMs;
    /** a retry's backoff: the first workflow task is scheduled this long after the start, ms */
    firstWorkflowTaskBackoffMs?: number;
    /** the execution's cron schedule (each run's close starts the next at the next time) */
    cronSchedule?: string;
    /** a cron run: the previous run's result, or its failure */
    lastCompletionResult?: unknown;
    continuedFailure?: FailureInfo;
    /** who started a continued run, when not its predecessor's code: `CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE` */
    initiator?: string;
    /** the run's memo and search attributes at its start; absent when it has none */
    memo?: MemoMap; searchAttributes?: SearchAttributeMap;
    identity: string;
  };
  /** `newExecutionRunId`: a cron workflow's next run */
  WorkflowExecutionCompleted: { result: unknown; workflowTaskCompletedEventId: number; newExecutionRunId?: string };
  /**
   * `retryState` is recorded when the run has a retry policy (absent: Temporal's
   * RETRY_STATE_RETRY_POLICY_NOT_SET); RETRY_STATE_IN_PROGRESS comes with the run that retries it.
   */
  WorkflowExecutionFailed: { failure: FailureInfo; workflowTaskCompletedEventId: number; retryState?: string; newExecutionRunId?: string };
  WorkflowExecutionCanceled: { workflowTaskCompletedEventId: number };
  WorkflowExecutionTerminated: { reason: string };
  WorkflowExecutionTimedOut: { retryState: string; newExecutionRunId?: string };
  WorkflowExecutionContinuedAsNew: {
    newExecutionRunId: string; workflowType: string; taskQueue: string; input: readonly unknown[];
    workflowTaskCompletedEventId: number;
    /** the new run's first workflow task waits this long, ms (Temporal's `backoffStartInterval`) */
    backoffStartIntervalMs?: number;
    /** the new run's memo and search attributes (recorded when it has any) */
    memo?: MemoMap; searchAttributes?: SearchAttributeMap;
  };
  WorkflowExecutionCancelRequested: { cause: string };
  WorkflowExecutionSignaled: { signalName: string; input: readonly unknown[]; identity: string };
  WorkflowExecutionUpdateAccepted: {
    protocolInstanceId: string; acceptedRequestMessageId: string; acceptedRequestSequencingEventId: number;
    updateId: string; name: string; input: readonly unknown[];
  };
  WorkflowExecutionUpdateCompleted: {
    updateId: string; acceptedEventId: number; success?: unknown; failure?: FailureInfo;
  };
  WorkflowTaskScheduled: { taskQueue: string; startToCloseTimeoutMs: number; attempt: number };
  /**
   * `suggestContinueAsNew`: the history has grown long (Temporal's hint, read as `workflowInfo().continueAsNewSuggested`).
   * `historySizeBytes`: the history's size before this event as Temporal's server recorded it (read as
   * `workflowInfo().historySize`); the engine records none and counts its own (./history-size.ts)
   */
  WorkflowTaskStarted: { scheduledEventId: number; identity: string; suggestContinueAsNew?: boolean; historySizeBytes?: number };
  WorkflowTaskCompleted: { scheduledEventId: number; startedEventId: number; identity: string };
  /** `newRunId`: a reset (cause WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW), whose run id reseeds the run's randomness on Temporal */
  WorkflowTaskFailed: { scheduledEventId: number; startedEventId: number; cause: string; failure: FailureInfo; identity: string; baseRunId?: string; newRunId?: string };
  ActivityTaskScheduled: {
    activityId: string; activityType: string; taskQueue: string; input: readonly unknown[];
    scheduleToCloseTimeoutMs?: number; startToCloseTimeoutMs?: number; heartbeatTimeoutMs?: number; scheduleToStartTimeoutMs?: number;
    retryPolicy: RetryPolicyMs; workflowTaskCompletedEventId: number;
  };
  ActivityTaskStarted: { scheduledEventId: number; attempt: number; identity: string; lastFailure?: FailureInfo };
  ActivityTaskCompleted: { scheduledEventId: number; startedEventId: number; result: unknown; identity: string };
  ActivityTaskFailed: { scheduledEventId: number; startedEventId: number; failure: FailureInfo; retryState: string; identity: string };
  ActivityTaskTimedOut: { scheduledEventId: number; startedEventId: number; failure: FailureInfo; retryState: string };
  ActivityTaskCancelRequested: { scheduledEventId: number; workflowTaskCompletedEventId: number };
  ActivityTaskCanceled: { scheduledEventId: number; startedEventId: number; latestCancelRequestedEventId: number; details: readonly unknown[]; identity: string };
  TimerStarted: { timerId: string; startToFireTimeoutMs: number; workflowTaskCompletedEventId: number };
  TimerFired: { timerId: string; startedEventId: number };
  TimerCanceled: { timerId: string; startedEventId: number; workflowTaskCompletedEventId: number; identity: string };
  /** `failure`: a local activity's failure (`core_local_activity` markers, see ../history/local-activity-marker.ts) */
  MarkerRecorded: { markerName: string; details: Record<string, unknown>; workflowTaskCompletedEventId: number; failure?: FailureInfo };
  StartChildWorkflowExecutionInitiated: {
    workflowId: string; workflowType: string; taskQueue: string; input: readonly unknown[];
    workflowTaskCompletedEventId: number; parentClosePolicy?: string;
    workflowRunTimeoutMs?: number; workflowExecutionTimeoutMs?: number; workflowIdReusePolicy?: string;
    /** the child execution's retry policy; absent = none */
    retryPolicy?: RetryPolicyMs;
    cronSchedule?: string;
    /** the child's memo and search attributes; absent = none */
    memo?: MemoMap; searchAttributes?: SearchAttributeMap;
  };
  StartChildWorkflowExecutionFailed: { workflowId: string; workflowType: string; cause: string; initiatedEventId: number; workflowTaskCompletedEventId: number };
  ChildWorkflowExecutionStarted: { workflowId: string; runId: string; workflowType: string; initiatedEventId: number };
  ChildWorkflowExecutionCompleted: { workflowId: string; runId: string; workflowType: string; result: unknown; initiatedEventId: number; startedEventId: number };
  ChildWorkflowExecutionFailed: { workflowId: string; runId: string; workflowType: string; failure: FailureInfo; initiatedEventId: number; startedEventId: number; retryState: string };
  ChildWorkflowExecutionCanceled: { workflowId: string; runId: string; workflowType: string; initiatedEventId: number; startedEventId: number };
  ChildWorkflowExecutionTerminated: { workflowId: string; runId: string; workflowType: string; initiatedEventId: number; startedEventId: number };
  ChildWorkflowExecutionTimedOut: { workflowId: string; runId: string; workflowType: string; initiatedEventId: number; startedEventId: number; retryState: string };
  SignalExternalWorkflowExecutionInitiated: { workflowId: string; runId?: string; signalName: string; input: readonly unknown[]; workflowTaskCompletedEventId: number; control: string };
  ExternalWorkflowExecutionSignaled: { initiatedEventId: number; workflowId: string; runId?: string; control: string };
  SignalExternalWorkflowExecutionFailed: { initiatedEventId: number; workflowId: string; cause: string; control: string; workflowTaskCompletedEventId: number };
  RequestCancelExternalWorkflowExecutionInitiated: { workflowId: string; runId?: string; childWorkflowOnly: boolean; workflowTaskCompletedEventId: number };
  ExternalWorkflowExecutionCancelRequested: { initiatedEventId: number; workflowId: string; runId?: string };
  RequestCancelExternalWorkflowExecutionFailed: { initiatedEventId: number; workflowId: string; cause: string; workflowTaskCompletedEventId: number };
  /** `upsertSearchAttributes`: merged into the run's search attributes (an empty array removes one) */
  UpsertWorkflowSearchAttributes: { workflowTaskCompletedEventId: number; searchAttributes: SearchAttributeMap };
  /** `upsertMemo`: merged into the run's memo (a `null` value removes a key) */
  WorkflowPropertiesModified: { workflowTaskCompletedEventId: number; upsertedMemo: MemoMap };
  /** An event type the engine does not interpret (read from a foreign Temporal history). */
  Unknown: { temporalType: string; raw: Record<string, unknown> };
}

export type EventType = keyof EventAttributes;

/** One history event; the union is discriminated by `eventType`. */
export type HistoryEvent = {
  [K in EventType]: { eventId: number; eventTime: number; eventType: K; attributes: EventAttributes[K] };
}[EventType];

/** The event of type `K`. */
export type EventOf<K extends EventType> = Extract<HistoryEvent, { eventType: K }>;

/** Every event type, in declaration order. */
export const EVENT_TYPES: readonly EventType[] = [
  'WorkflowExecutionStarted', 'WorkflowExecutionCompleted', 'WorkflowExecutionFailed',
  'WorkflowExecutionCanceled', 'WorkflowExecutionTerminated', 'WorkflowExecutionContinuedAsNew',
  'WorkflowExecutionCancelRequested', 'WorkflowExecutionSignaled', 'WorkflowExecutionUpdateAccepted',
  'WorkflowExecutionUpdateCompleted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted',
  'WorkflowTaskCompleted', 'WorkflowTaskFailed', 'ActivityTaskScheduled', 'ActivityTaskStarted',
  'ActivityTaskCompleted', 'ActivityTaskFailed', 'ActivityTaskTimedOut', 'ActivityTaskCancelRequested',
  'ActivityTaskCanceled', 'TimerStarted', 'TimerFired', 'TimerCanceled', 'MarkerRecorded',
  'StartChildWorkflowExecutionInitiated', 'StartChildWorkflowExecutionFailed',
  'ChildWorkflowExecutionStarted', 'ChildWorkflowExecutionCompleted', 'ChildWorkflowExecutionFailed',
  'ChildWorkflowExecutionCanceled', 'ChildWorkflowExecutionTerminated', 'ChildWorkflowExecutionTimedOut',
  'SignalExternalWorkflowExecutionInitiated', 'ExternalWorkflowExecutionSignaled',
  'SignalExternalWorkflowExecutionFailed', 'RequestCancelExternalWorkflowExecutionInitiated',
  'ExternalWorkflowExecutionCancelRequested', 'RequestCancelExternalWorkflowExecutionFailed', 'WorkflowExecutionTimedOut',
  'UpsertWorkflowSearchAttributes', 'WorkflowPropertiesModified', 'Unknown',
];

/** Event types that close a run. */
export const CLOSING_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'WorkflowExecutionCompleted', 'WorkflowExecutionFailed', 'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated', 'WorkflowExecutionTimedOut', 'WorkflowExecutionContinuedAsNew',
]);

/** Event types written as the result of a workflow command (they carry `workflowTaskCompletedEventId`). */
export const COMMAND_EVENT_TYPES: ReadonlySet<EventType> = new Set<EventType>([
  'WorkflowExecutionCompleted', 'WorkflowExecutionFailed', 'WorkflowExecutionCanceled',
  'WorkflowExecutionContinuedAsNew', 'ActivityTaskScheduled', 'ActivityTaskCancelRequested',
  'TimerStarted', 'TimerCanceled', 'MarkerRecorded', 'StartChildWorkflowExecutionInitiated',
  'SignalExternalWorkflowExecutionInitiated', 'RequestCancelExternalWorkflowExecutionInitiated',
  'WorkflowExecutionUpdateAccepted', 'WorkflowExecutionUpdateCompleted',
  'UpsertWorkflowSearchAttributes', 'WorkflowPropertiesModified',
]);

/**
 * Per-event attribute conversion between the engine's shape (plain values, ms, numbers) and
 * Temporal's proto JSON (payloads, duration strings, string ids, `{name}` wrappers).
 */
import type { EventType, FailureInfo, HistoryEvent, MemoMap, RetryPolicyMs, SearchAttributeMap } from './events.js';
import { decodeMemo, decodeSearchAttributes, encodeMemo, encodeSearchAttributes } from './temporal-memo.js';
import { decodePayload, encodePayload } from './temporal-payloads.js';

type Json = Record<string, unknown>;

const payloads = (vs: readonly unknown[] | undefined): Json => ({ payloads: (vs ?? []).map(encodePayload) });
const unpayloads = (p: unknown): unknown[] => (((p as Json | undefined)?.payloads as Json[] | undefined) ?? []).map((x) => decodePayload(x));
const single = (v: unknown): Json => ({ payloads: [encodePayload(v)] });
const unsingle = (p: unknown): unknown => unpayloads(p)[0];
const dur = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : `${ms / 1000}s`);
const undur = (s: unknown): number | undefined => {
  if (s === undefined || s === null) return undefined;
  if (typeof s === 'object') return Number((s as Json).seconds ?? 0) * 1000 + Math.round(Number((s as Json).nanos ?? 0) / 1e6);
  return Math.round(parseFloat(String(s)) * 1000);
};
const num = (v: unknown): number => Number(v ?? 0);
/** An int64 byte count (proto JSON writes it as a string); throws for anything else. */
function byteCount(v: unknown): number {
  const x = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
  if (!Number.isSafeInteger(x) || x < 0) throw new Error(`historySizeBytes ${JSON.stringify(v)} is not a byte count`);
  return x;
}
const name = (v: unknown): string => String((v as Json | undefined)?.name ?? v ?? '');

export function encodeFailure(f: FailureInfo | undefined): Json | undefined {
  if (!f) return undefined;
  const base: Json = { message: f.message, source: 'TypeScriptSDK', stackTrace: f.stack ?? '', cause: encodeFailure(f.cause) };
  switch (f.kind) {
    case 'application': return { ...base, applicationFailureInfo: { type: f.type ?? 'Error', nonRetryable: f.nonRetryable ?? false, details: payloads(f.details) } };
    case 'timeout': return { ...base, timeoutFailureInfo: { timeoutType: `TIMEOUT_TYPE_${f.timeoutType ?? 'START_TO_CLOSE'}`, lastHeartbeatDetails: payloads(f.details) } };
    case 'cancelled': return { ...base, canceledFailureInfo: { details: payloads(f.details) } };
    case 'terminated': return { ...base, terminatedFailureInfo: {} };
    case 'activity': return { ...base, activityFailureInfo: { activityType: { name: f.type ?? '' }, activityId: f.activityId, identity: f.identity, retryState: f.retryState } };
    case 'child': return {
      ...base,
      childWorkflowExecutionFailureInfo: {
        namespace: f.workflowId === undefined ? undefined : 'default', workflowType: { name: f.type ?? '' },
        workflowExecution: f.workflowId === undefined ? undefined : { workflowId: f.workflowId, runId: f.runId }, retryState: f.retryState,
      },
    };
    case 'server': return { ...base, serverFailureInfo: { nonRetryable: f.nonRetryable ?? false } };
  }
}

export function decodeFailure(j: unknown): FailureInfo | undefined {
  if (!j || typeof j !== 'object') return undefined;
  const f = j as Json;
  const base = { message: String(f.message ?? ''), stack: (f.stackTrace as string) || undefined, cause: decodeFailure(f.cause) };
  if (f.applicationFailureInfo) {
    const a = f.applicationFailureInfo as Json;
    return { ...base, kind: 'application', type: (a.type as string) ?? 'Error', nonRetryable: Boolean(a.nonRetryable), details: unpayloads(a.details) };
  }
  if (f.timeoutFailureInfo) return { ...base, kind: 'timeout', timeoutType: String((f.timeoutFailureInfo as Json).timeoutType ?? '').replace(/^TIMEOUT_TYPE_/, '') };
  if (f.canceledFailureInfo) return { ...base, kind: 'cancelled', details: unpayloads((f.canceledFailureInfo as Json).details) };
  if (f.terminatedFailureInfo) return { ...base, kind: 'terminated' };
  if (f.activityFailureInfo) {
    const a = f.activityFailureInfo as Json;
    return {
      ...base, kind: 'activity', type: name(a.activityType), ...retryStateOf(a),
      ...(typeof a.activityId === 'string' ? { activityId: a.activityId } : {}), ...(typeof a.identity === 'string' ? { identity: a.identity } : {}),
    };
  }
  if (f.childWorkflowExecutionFailureInfo) {
    const c = f.childWorkflowExecutionFailureInfo as Json;
    const x = c.workflowExecution as Json | undefined;
    return {
      ...base, kind: 'child', type: name(c.workflowType), ...retryStateOf(c),
      ...(typeof x?.workflowId === 'string' ? { workflowId: x.workflowId } : {}), ...(typeof x?.runId === 'string' ? { runId: x.runId } : {}),
    };
  }
  if (f.serverFailureInfo) return { ...base, kind: 'server', nonRetryable: Boolean((f.serverFailureInfo as Json).nonRetryable) };
  return { ...base, kind: 'application', type: 'Error' };
}

/** The `retryState` member of a failure info, when it has a specified one. */
function retryStateOf(info: Json): { retryState?: string } {
  return typeof info.retryState === 'string' && info.retryState !== 'RETRY_STATE_UNSPECIFIED' ? { retryState: info.retryState } : {};
}

function encodeRetry(r: RetryPolicyMs): Json {
  return {
    initialInterval: dur(r.initialIntervalMs), backoffCoefficient: r.backoffCoefficient, maximumInterval: dur(r.maximumIntervalMs),
    maximumAttempts: r.maximumAttempts ?? 0, nonRetryableErrorTypes: r.nonRetryableErrorTypes ?? [],
  };
}

function decodeRetry(j: unknown): RetryPolicyMs {
  const r = (j ?? {}) as Json;
  return {
    initialIntervalMs: undur(r.initialInterval) ?? 1000, backoffCoefficient: Number(r.backoffCoefficient ?? 2),
    maximumIntervalMs: undur(r.maximumInterval), maximumAttempts: Number(r.maximumAttempts ?? 0),
    nonRetryableErrorTypes: (r.nonRetryableErrorTypes as string[]) ?? [],
  };
}

/** Temporal's retry state of a run without a retry policy (the engine records none then). */
const POLICY_NOT_SET = 'RETRY_STATE_RETRY_POLICY_NOT_SET';

const tq = (n: string): Json => ({ name: n, kind: 'TASK_QUEUE_KIND_NORMAL' });
const wfe = (workflowId: string, runId?: string): Json => ({ workflowId, runId: runId ?? '' });
const ids = (o: Json): Json => {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = typeof v === 'number' && /EventId$/.test(k) ? String(v) : v;
  return out;
};

/** The `memo` and `searchAttributes` members of an event that has them (none when absent). */
function memoFields(a: { memo?: MemoMap; searchAttributes?: SearchAttributeMap }): Json {
  return { memo: a.memo === undefined ? undefined : encodeMemo(a.memo), searchAttributes: a.searchAttributes === undefined ? undefined : encodeSearchAttributes(a.searchAttributes) };
}

/** Engine attributes → Temporal proto JSON attributes. */
export function encodeAttributes(e: HistoryEvent): Json {
  switch (e.eventType) {
    case 'WorkflowExecutionStarted': {
      const a = e.attributes;
      return ids({
        workflowType: { name: a.workflowType }, taskQueue: tq(a.taskQueue), input: payloads(a.input), workflowTaskTimeout: '10s',
        originalExecutionRunId: a.originalExecutionRunId, firstExecutionRunId: a.firstExecutionRunId, attempt: a.attempt,
        continuedExecutionRunId: a.continuedExecutionRunId, identity: a.identity, workflowId: a.workflowId, header: { fields: {} },
        parentWorkflowExecution: a.parent ? wfe(a.parent.workflowId, a.parent.runId) : undefined, parentWorkflowNamespace: a.parent ? 'default' : undefined,
        parentInitiatedEventId: a.parent?.initiatedEventId, firstWorkflowTaskBackoff: dur(a.firstWorkflowTaskBackoffMs ?? 0),
        retryPolicy: a.retryPolicy === undefined ? undefined : encodeRetry(a.retryPolicy),
        // a later attempt is a run started by the server's retry (Temporal's initiator)
        initiator: a.initiator ?? (a.attempt > 1 ? 'CONTINUE_AS_NEW_INITIATOR_RETRY' : undefined),
        cronSchedule: a.cronSchedule, lastCompletionResult: a.lastCompletionResult === undefined ? undefined : single(a.lastCompletionResult),
        continuedFailure: a.continuedFailure === undefined ? undefined : encodeFailure(a.continuedFailure),
        workflowRunTimeout: dur(a.workflowRunTimeoutMs), workflowExecutionTimeout: dur(a.workflowExecutionTimeoutMs),
        workflowExecutionExpirationTime: a.workflowExecutionExpirationTime === undefined ? undefined : new Date(a.workflowExecutionExpirationTime).toISOString(),
        ...memoFields(a),
      });
    }
    case 'WorkflowExecutionTimedOut': return ids({ retryState: e.attributes.retryState, newExecutionRunId: e.attributes.newExecutionRunId });
    case 'WorkflowExecutionCompleted': return ids({ result: single(e.attributes.result), workflowTaskCompletedEventId: e.attributes.workflowTaskCompletedEventId, newExecutionRunId: e.attributes.newExecutionRunId });
    case 'WorkflowExecutionFailed': {
      const a = e.attributes;
      return ids({ failure: encodeFailure(a.failure), retryState: a.retryState ?? POLICY_NOT_SET, workflowTaskCompletedEventId: a.workflowTaskCompletedEventId, newExecutionRunId: a.newExecutionRunId });
    }
    case 'WorkflowExecutionContinuedAsNew': {
      const a = e.attributes;
      return ids({ newExecutionRunId: a.newExecutionRunId, workflowType: { name: a.workflowType }, taskQueue: tq(a.taskQueue), input: payloads(a.input), workflowTaskTimeout: '10s', workflowTaskCompletedEventId: a.workflowTaskCompletedEventId, header: { fields: {} }, initiator: 'CONTINUE_AS_NEW_INITIATOR_WORKFLOW', backoffStartInterval: dur(a.backoffStartIntervalMs), ...memoFields(a) });
    }
    case 'WorkflowExecutionSignaled': return { signalName: e.attributes.signalName, input: payloads(e.attributes.input), identity: e.attributes.identity, header: { fields: {} } };
    case 'WorkflowExecutionUpdateAccepted': {
      const a = e.attributes;
      return ids({ protocolInstanceId: a.protocolInstanceId, acceptedRequestMessageId: a.acceptedRequestMessageId, acceptedRequestSequencingEventId: a.acceptedRequestSequencingEventId, acceptedRequest: { meta: { updateId: a.updateId, identity: 'wfverify' }, input: { name: a.name, args: payloads(a.input), header: { fields: {} } } } });
    }
    case 'WorkflowExecutionUpdateCompleted': {
      const a = e.attributes;
      return ids({ meta: { updateId: a.updateId }, acceptedEventId: a.acceptedEventId, outcome: a.failure ? { failure: encodeFailure(a.failure) } : { success: single(a.success) } });
    }
    case 'UpsertWorkflowSearchAttributes': return ids({ workflowTaskCompletedEventId: e.attributes.workflowTaskCompletedEventId, searchAttributes: encodeSearchAttributes(e.attributes.searchAttributes) });
    case 'WorkflowPropertiesModified': return ids({ workflowTaskCompletedEventId: e.attributes.workflowTaskCompletedEventId, upsertedMemo: encodeMemo(e.attributes.upsertedMemo, true) });
    case 'WorkflowTaskScheduled': return { taskQueue: tq(e.attributes.taskQueue), startToCloseTimeout: dur(e.attributes.startToCloseTimeoutMs), attempt: e.attributes.attempt };
    case 'WorkflowTaskStarted': {
      const a = e.attributes;
      return ids({ scheduledEventId: a.scheduledEventId, identity: a.identity, suggestContinueAsNew: a.suggestContinueAsNew, historySizeBytes: a.historySizeBytes === undefined ? undefined : String(a.historySizeBytes) });
    }
    case 'WorkflowTaskFailed': return ids({ ...e.attributes, failure: encodeFailure(e.attributes.failure) });
    case 'ActivityTaskScheduled': {
      const a = e.attributes;
      return ids({
        activityId: a.activityId, activityType: { name: a.activityType }, taskQueue: tq(a.taskQueue), header: { fields: {} }, input: payloads(a.input),
        scheduleToCloseTimeout: dur(a.scheduleToCloseTimeoutMs) ?? '0s', scheduleToStartTimeout: dur(a.scheduleToStartTimeoutMs ?? a.scheduleToCloseTimeoutMs) ?? '0s',
        startToCloseTimeout: dur(a.startToCloseTimeoutMs ?? a.scheduleToCloseTimeoutMs), heartbeatTimeout: dur(a.heartbeatTimeoutMs) ?? '0s',
        workflowTaskCompletedEventId: a.workflowTaskCompletedEventId, retryPolicy: encodeRetry(a.retryPolicy),
      });
    }
    case 'ActivityTaskStarted': return ids({ scheduledEventId: e.attributes.scheduledEventId, identity: e.attributes.identity, attempt: e.attributes.attempt, lastFailure: encodeFailure(e.attributes.lastFailure) });
    case 'ActivityTaskCompleted': return ids({ ...e.attributes, result: single(e.attributes.result) });
    case 'ActivityTaskFailed': case 'ActivityTaskTimedOut': return ids({ ...e.attributes, failure: encodeFailure(e.attributes.failure) });
    case 'ActivityTaskCanceled': return ids({ ...e.attributes, details: payloads(e.attributes.details) });
    case 'TimerStarted': return ids({ timerId: e.attributes.timerId, startToFireTimeout: dur(e.attributes.startToFireTimeoutMs), workflowTaskCompletedEventId: e.attributes.workflowTaskCompletedEventId });
    case 'MarkerRecorded': {
      const d = e.attributes.details;
      // a patch marker as Temporal's core SDK writes it: one `patch-data` payload holding `PatchedMarkerData` {id, deprecated}
      const details: Json = e.attributes.markerName === 'core_patch' ? { 'patch-data': single({ id: d.patchId, deprecated: d.deprecated === true }) } : Object.fromEntries(Object.entries(d).map(([k, v]) => [k, single(v)]));
      // a local activity's undefined result (a member JSON drops) is still written, as Temporal's core writes it: binary/null
      if (e.attributes.markerName === 'core_local_activity' && e.attributes.failure === undefined && details.result === undefined) details.result = single(undefined);
      return ids({ markerName: e.attributes.markerName, details, workflowTaskCompletedEventId: e.attributes.workflowTaskCompletedEventId, failure: encodeFailure(e.attributes.failure) });
    }
    case 'StartChildWorkflowExecutionInitiated': {
      const a = e.attributes;
      return ids({
        namespace: 'default', workflowId: a.workflowId, workflowType: { name: a.workflowType }, taskQueue: tq(a.taskQueue), input: payloads(a.input), workflowTaskTimeout: '10s',
        workflowRunTimeout: dur(a.workflowRunTimeoutMs), workflowExecutionTimeout: dur(a.workflowExecutionTimeoutMs),
        parentClosePolicy: a.parentClosePolicy, workflowTaskCompletedEventId: a.workflowTaskCompletedEventId, workflowIdReusePolicy: a.workflowIdReusePolicy ?? 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE', header: { fields: {} },
        retryPolicy: a.retryPolicy === undefined ? undefined : encodeRetry(a.retryPolicy), cronSchedule: a.cronSchedule, ...memoFields(a),
      });
    }
    case 'StartChildWorkflowExecutionFailed': {
      const a = e.attributes;
      return ids({ namespace: 'default', workflowId: a.workflowId, workflowType: { name: a.workflowType }, cause: a.cause, initiatedEventId: a.initiatedEventId, workflowTaskCompletedEventId: a.workflowTaskCompletedEventId });
    }
    case 'ChildWorkflowExecutionStarted': case 'ChildWorkflowExecutionCompleted': case 'ChildWorkflowExecutionFailed':
    case 'ChildWorkflowExecutionCanceled': case 'ChildWorkflowExecutionTerminated': case 'ChildWorkflowExecutionTimedOut': {
      const a = e.attributes as Json;
      const out: Json = { namespace: 'default', workflowExecution: wfe(String(a.workflowId), String(a.runId)), workflowType: { name: a.workflowType }, initiatedEventId: a.initiatedEventId, startedEventId: a.startedEventId, retryState: a.retryState };
      if (e.eventType === 'ChildWorkflowExecutionCompleted') out.result = single(e.attributes.result);
      if (e.eventType === 'ChildWorkflowExecutionFailed') out.failure = encodeFailure(e.attributes.failure);
      if (e.eventType === 'ChildWorkflowExecutionStarted') out.header = { fields: {} };
      return ids(out);
    }
    case 'SignalExternalWorkflowExecutionInitiated': {
      const a = e.attributes;
      return ids({ namespace: 'default', workflowExecution: wfe(a.workflowId, a.runId), signalName: a.signalName, input: payloads(a.input), control: a.control, workflowTaskCompletedEventId: a.workflowTaskCompletedEventId, header: { fields: {} } });
    }
    case 'RequestCancelExternalWorkflowExecutionInitiated': {
      const a = e.attributes;
      return ids({ namespace: 'default', workflowExecution: wfe(a.workflowId, a.runId), childWorkflowOnly: a.childWorkflowOnly, workflowTaskCompletedEventId: a.workflowTaskCompletedEventId });
    }
    case 'ExternalWorkflowExecutionSignaled': case 'SignalExternalWorkflowExecutionFailed':
    case 'ExternalWorkflowExecutionCancelRequested': case 'RequestCancelExternalWorkflowExecutionFailed': {
      const a = e.attributes as Json;
      const { workflowId, runId, ...rest } = a;
      return ids({ ...rest, namespace: 'default', workflowExecution: wfe(String(workflowId), runId as string | undefined) });
    }
    default:
      return ids({ ...(e.attributes as Json) });
  }
}

/** Temporal proto JSON attributes → engine attributes (lenient: missing fields get defaults). */
export function decodeAttributes(type: EventType, a: Json): HistoryEvent['attributes'] {
  const n = (k: string): number => num(a[k]);
  const exec = (a.workflowExecution ?? {}) as Json;
  switch (type) {
    case 'WorkflowExecutionStarted': {
      const parent = a.parentWorkflowExecution as Json | undefined;
      return {
        workflowType: name(a.workflowType), taskQueue: name(a.taskQueue), input: unpayloads(a.input), workflowId: String(a.workflowId ?? ''),
        originalExecutionRunId: String(a.originalExecutionRunId ?? ''), firstExecutionRunId: String(a.firstExecutionRunId ?? a.originalExecutionRunId ?? ''),
        attempt: Number(a.attempt ?? 1), continuedExecutionRunId: (a.continuedExecutionRunId as string) || undefined, identity: String(a.identity ?? ''),
        parent: parent ? { workflowId: String(parent.workflowId), runId: String(parent.runId), initiatedEventId: n('parentInitiatedEventId') } : undefined,
        workflowRunTimeoutMs: undur(a.workflowRunTimeout) || undefined, workflowExecutionTimeoutMs: undur(a.workflowExecutionTimeout) || undefined,
        workflowExecutionExpirationTime: a.workflowExecutionExpirationTime ? Date.parse(String(a.workflowExecutionExpirationTime)) || undefined : undefined,
        retryPolicy: a.retryPolicy ? decodeRetry(a.retryPolicy) : undefined, firstWorkflowTaskBackoffMs: undur(a.firstWorkflowTaskBackoff) || undefined,
        cronSchedule: (a.cronSchedule as string) || undefined, lastCompletionResult: a.lastCompletionResult === undefined ? undefined : unsingle(a.lastCompletionResult),
        continuedFailure: decodeFailure(a.continuedFailure),
        // the retry initiator is implied by the attempt (see the encoder); any other is kept
        initiator: a.initiator === 'CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE' ? String(a.initiator) : undefined,
        memo: decodeMemo(a.memo), searchAttributes: decodeSearchAttributes(a.searchAttributes),
      };
    }
    case 'WorkflowExecutionCompleted': return { result: unsingle(a.result), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), newExecutionRunId: (a.newExecutionRunId as string) || undefined };
    case 'WorkflowExecutionFailed': return {
      failure: decodeFailure(a.failure) ?? { kind: 'application', message: '' }, workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'),
      retryState: a.retryState === undefined || a.retryState === POLICY_NOT_SET ? undefined : String(a.retryState), newExecutionRunId: (a.newExecutionRunId as string) || undefined,
    };
    case 'WorkflowExecutionCanceled': return { workflowTaskCompletedEventId: n('workflowTaskCompletedEventId') };
    case 'WorkflowExecutionTerminated': return { reason: String(a.reason ?? '') };
    case 'WorkflowExecutionTimedOut': return { retryState: String(a.retryState ?? 'RETRY_STATE_TIMEOUT'), newExecutionRunId: (a.newExecutionRunId as string) || undefined };
    case 'WorkflowExecutionContinuedAsNew': return { newExecutionRunId: String(a.newExecutionRunId ?? ''), workflowType: name(a.workflowType), taskQueue: name(a.taskQueue), input: unpayloads(a.input), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), backoffStartIntervalMs: undur(a.backoffStartInterval) || undefined, memo: decodeMemo(a.memo), searchAttributes: decodeSearchAttributes(a.searchAttributes) };
    case 'WorkflowExecutionCancelRequested': return { cause: String(a.cause ?? '') };
    case 'WorkflowExecutionSignaled': return { signalName: String(a.signalName ?? ''), input: unpayloads(a.input), identity: String(a.identity ?? '') };
    case 'WorkflowExecutionUpdateAccepted': {
      const req = (a.acceptedRequest ?? {}) as Json;
      const inp = (req.input ?? {}) as Json;
      return { protocolInstanceId: String(a.protocolInstanceId ?? ''), acceptedRequestMessageId: String(a.acceptedRequestMessageId ?? ''), acceptedRequestSequencingEventId: n('acceptedRequestSequencingEventId'), updateId: String((req.meta as Json | undefined)?.updateId ?? a.protocolInstanceId ?? ''), name: String(inp.name ?? ''), input: unpayloads(inp.args) };
    }
    case 'WorkflowExecutionUpdateCompleted': {
      const o = (a.outcome ?? {}) as Json;
      return { updateId: String((a.meta as Json | undefined)?.updateId ?? ''), acceptedEventId: n('acceptedEventId'), success: o.success ? unsingle(o.success) : undefined, failure: decodeFailure(o.failure) };
    }
    case 'WorkflowTaskScheduled': return { taskQueue: name(a.taskQueue), startToCloseTimeoutMs: undur(a.startToCloseTimeout) ?? 10_000, attempt: Number(a.attempt ?? 1) };
    case 'WorkflowTaskStarted': return {
      scheduledEventId: n('scheduledEventId'), identity: String(a.identity ?? ''), suggestContinueAsNew: a.suggestContinueAsNew === true ? true : undefined,
      historySizeBytes: a.historySizeBytes === undefined ? undefined : byteCount(a.historySizeBytes),
    };
    case 'WorkflowTaskCompleted': return { scheduledEventId: n('scheduledEventId'), startedEventId: n('startedEventId'), identity: String(a.identity ?? '') };
    case 'WorkflowTaskFailed': return {
      scheduledEventId: n('scheduledEventId'), startedEventId: n('startedEventId'), cause: String(a.cause ?? ''), failure: decodeFailure(a.failure) ?? { kind: 'application', message: '' }, identity: String(a.identity ?? ''),
      ...(a.baseRunId ? { baseRunId: String(a.baseRunId) } : {}), ...(a.newRunId ? { newRunId: String(a.newRunId) } : {}),
    };
    case 'ActivityTaskScheduled': return {
      activityId: String(a.activityId ?? ''), activityType: name(a.activityType), taskQueue: name(a.taskQueue), input: unpayloads(a.input),
      scheduleToCloseTimeoutMs: undur(a.scheduleToCloseTimeout) || undefined, startToCloseTimeoutMs: undur(a.startToCloseTimeout) || undefined,
      heartbeatTimeoutMs: undur(a.heartbeatTimeout) || undefined, retryPolicy: decodeRetry(a.retryPolicy), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'),
      // the server fills an unset schedule-to-start timeout with the schedule-to-close one: only a different value was set
      scheduleToStartTimeoutMs: undur(a.scheduleToStartTimeout) && undur(a.scheduleToStartTimeout) !== undur(a.scheduleToCloseTimeout) ? undur(a.scheduleToStartTimeout) : undefined,
    };
    case 'ActivityTaskStarted': return { scheduledEventId: n('scheduledEventId'), attempt: Number(a.attempt ?? 1), identity: String(a.identity ?? ''), lastFailure: decodeFailure(a.lastFailure) };
    case 'ActivityTaskCompleted': return { scheduledEventId: n('scheduledEventId'), startedEventId: n('startedEventId'), result: unsingle(a.result), identity: String(a.identity ?? '') };
    case 'ActivityTaskFailed': return { scheduledEventId: n('scheduledEventId'), startedEventId: n('startedEventId'), failure: decodeFailure(a.failure) ?? { kind: 'application', message: '' }, retryState: String(a.retryState ?? ''), identity: String(a.identity ?? '') };
    case 'ActivityTaskTimedOut': return { scheduledEventId: n('scheduledEventId'), startedEventId: n('startedEventId'), failure: decodeFailure(a.failure) ?? { kind: 'timeout', message: '' }, retryState: String(a.retryState ?? '') };
    case 'ActivityTaskCancelRequested': return { scheduledEventId: n('scheduledEventId'), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId') };
    case 'ActivityTaskCanceled': return { scheduledEventId: n('scheduledEventId'), startedEventId: n('startedEventId'), latestCancelRequestedEventId: n('latestCancelRequestedEventId'), details: unpayloads(a.details), identity: String(a.identity ?? '') };
    case 'TimerStarted': return { timerId: String(a.timerId ?? ''), startToFireTimeoutMs: undur(a.startToFireTimeout) ?? 0, workflowTaskCompletedEventId: n('workflowTaskCompletedEventId') };
    case 'TimerFired': return { timerId: String(a.timerId ?? ''), startedEventId: n('startedEventId') };
    case 'TimerCanceled': return { timerId: String(a.timerId ?? ''), startedEventId: n('startedEventId'), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), identity: String(a.identity ?? '') };
    case 'MarkerRecorded': {
      const d = (a.details ?? {}) as Json;
      const details: Json = {};
      for (const [k, v] of Object.entries(d)) details[k === 'patch_id' ? 'patchId' : k] = unsingle(v);
      // core's patch marker (`patch-data`: {id, deprecated}); the older `patch_id` / `deprecated` pair is read above
      const patch = details['patch-data'] as { id?: unknown; deprecated?: unknown } | undefined;
      if (a.markerName === 'core_patch' && patch !== undefined && typeof patch === 'object' && patch !== null) {
        delete details['patch-data'];
        details.patchId = String(patch.id ?? '');
        details.deprecated = patch.deprecated === true;
      }
      const failure = decodeFailure(a.failure);
      return { markerName: String(a.markerName ?? ''), details, workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), ...(failure === undefined ? {} : { failure }) };
    }
    case 'StartChildWorkflowExecutionInitiated': return {
      workflowId: String(a.workflowId ?? ''), workflowType: name(a.workflowType), taskQueue: name(a.taskQueue), input: unpayloads(a.input), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'),
      parentClosePolicy: a.parentClosePolicy as string | undefined, workflowRunTimeoutMs: undur(a.workflowRunTimeout) || undefined, workflowExecutionTimeoutMs: undur(a.workflowExecutionTimeout) || undefined,
      workflowIdReusePolicy: a.workflowIdReusePolicy === undefined || a.workflowIdReusePolicy === 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE' ? undefined : String(a.workflowIdReusePolicy),
      retryPolicy: a.retryPolicy ? decodeRetry(a.retryPolicy) : undefined, cronSchedule: (a.cronSchedule as string) || undefined,
      memo: decodeMemo(a.memo), searchAttributes: decodeSearchAttributes(a.searchAttributes),
    };
    case 'StartChildWorkflowExecutionFailed': return { workflowId: String(a.workflowId ?? ''), workflowType: name(a.workflowType), cause: String(a.cause ?? ''), initiatedEventId: n('initiatedEventId'), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId') };
    case 'ChildWorkflowExecutionStarted': case 'ChildWorkflowExecutionCompleted': case 'ChildWorkflowExecutionFailed':
    case 'ChildWorkflowExecutionCanceled': case 'ChildWorkflowExecutionTerminated': case 'ChildWorkflowExecutionTimedOut': {
      // each type with its own members (events.ts), so that a history reads back as it was written
      const child = { workflowId: String(exec.workflowId ?? ''), runId: String(exec.runId ?? ''), workflowType: name(a.workflowType), initiatedEventId: n('initiatedEventId') };
      if (type === 'ChildWorkflowExecutionStarted') return child;
      const started = { ...child, startedEventId: n('startedEventId') };
      if (type === 'ChildWorkflowExecutionCompleted') return { ...started, result: unsingle(a.result) };
      if (type === 'ChildWorkflowExecutionFailed') return { ...started, failure: decodeFailure(a.failure) ?? { kind: 'application', message: '' }, retryState: String(a.retryState ?? '') };
      if (type === 'ChildWorkflowExecutionTimedOut') return { ...started, retryState: String(a.retryState ?? '') };
      return started;
    }
    case 'SignalExternalWorkflowExecutionInitiated': return { workflowId: String(exec.workflowId ?? ''), runId: (exec.runId as string) || undefined, signalName: String(a.signalName ?? ''), input: unpayloads(a.input), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), control: String(a.control ?? '') };
    case 'RequestCancelExternalWorkflowExecutionInitiated': return { workflowId: String(exec.workflowId ?? ''), runId: (exec.runId as string) || undefined, childWorkflowOnly: Boolean(a.childWorkflowOnly), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId') };
    case 'ExternalWorkflowExecutionSignaled': case 'SignalExternalWorkflowExecutionFailed':
    case 'ExternalWorkflowExecutionCancelRequested': case 'RequestCancelExternalWorkflowExecutionFailed':
      return { initiatedEventId: n('initiatedEventId'), workflowId: String(exec.workflowId ?? ''), runId: (exec.runId as string) || undefined, control: String(a.control ?? ''), cause: String(a.cause ?? ''), workflowTaskCompletedEventId: n('workflowTaskCompletedEventId') } as HistoryEvent['attributes'];
    case 'UpsertWorkflowSearchAttributes': return { workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), searchAttributes: decodeSearchAttributes(a.searchAttributes, true) ?? {} };
    case 'WorkflowPropertiesModified': return { workflowTaskCompletedEventId: n('workflowTaskCompletedEventId'), upsertedMemo: decodeMemo(a.upsertedMemo, false) ?? {} };
    case 'Unknown': return { temporalType: 'Unknown', raw: a };
  }
}

/**
 * The pure step function of a workflow run (STYLE.md point 6):
 * `step(state, input) → { state, events, effects }`.
 *
 * `events` are the history events the input produces (to be committed atomically); `effects`
 * are what the executor must do *after* the commit (dispatch an activity, arm a timer, start a
 * child, tell waiters the run closed). No I/O, no clock: the time and any fresh ids come in the
 * input. The same `applyEvent` fold is used here and in recovery, so the live state and the
 * replayed state cannot drift apart.
 */
import type { EventAttributes, EventType, FailureInfo, HistoryEvent, MemoMap, ParentRef, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';
import type { Command } from './commands.js';
import { localActivityMarker } from '../history/local-activity-marker.js';
import { cronNext, firstCronBackoff, retryOf } from './next-run.js';
import { RUN_TIMEOUT_FAILURE, admitUpdate, applyEventInPlace, initialState, type WorkflowIdReusePolicy, type MutableRunState, type PendingActivity, type RunOutcome, type RunState } from './state.js';

/** A command plus the event it targets (`requestCancelActivity` → the activity's scheduled event). */
export type ResolvedCommand = Command & { targetEventId?: number };

export type StepInput =
  | {
      kind: 'start'; workflowId: string; runId: string; workflowType: string; taskQueue: string; input: readonly unknown[];
      firstExecutionRunId?: string; continuedExecutionRunId?: string; parent?: ParentRef; attempt?: number;
      /** workflow timeouts (ms); a continued run passes its execution's end on (`workflowExecutionExpirationTime`) */
      workflowRunTimeoutMs?: number; workflowExecutionTimeoutMs?: number; workflowExecutionExpirationTime?: number;
      /** the execution's retry policy; a retry run also has its backoff before the first workflow task (ms) */
      retryPolicy?: RetryPolicyMs; firstWorkflowTaskBackoffMs?: number;
      /** signal-with-start: the signal recorded right after the start, before the first workflow task */
      signal?: { signalName: string; input: readonly unknown[] };
      /** a cron schedule (a first run without a backoff waits for its first time); a later cron run: its predecessor's result or failure */
      cronSchedule?: string; lastCompletionResult?: unknown; continuedFailure?: FailureInfo; initiator?: string;
      /** the run's memo and search attributes (checked); absent = none */
      memo?: MemoMap; searchAttributes?: SearchAttributeMap;
    }
  /** the run's timeout expired; `newRunId` names the run that retries it, if its retry policy allows one */
  | { kind: 'runTimedOut'; newRunId?: string }
  /** a retry run's backoff is over: its first workflow task is scheduled */
  | { kind: 'backoffElapsed' }
  /** `suggestContinueAsNew`: recorded in `WorkflowTaskStarted` (the executor decides when the history is long) */
  | { kind: 'startWorkflowTask'; suggestContinueAsNew?: boolean }
  /** `newRunId`: the next run's id, for a continue-as-new or for a retry of a failure (the run has a retry policy) */
  /** `forceNewTask`: another workflow task is scheduled at once (a heartbeat of a task kept open by local activities) */
  | { kind: 'completeWorkflowTask'; commands: readonly ResolvedCommand[]; newRunId?: string; forceNewTask?: boolean }
  | { kind: 'failWorkflowTask'; failure: FailureInfo; cause: string }
  | { kind: 'retryWorkflowTask' }
  // `lastFailure`: the failure of the attempt before `attempt`, recorded on its ActivityTaskStarted
  | { kind: 'activityCompleted'; scheduledEventId: number; attempt: number; result: unknown; lastFailure?: FailureInfo }
  | { kind: 'activityFailed'; scheduledEventId: number; attempt: number; failure: FailureInfo; retryState: string; lastFailure?: FailureInfo }
  | { kind: 'activityTimedOut'; scheduledEventId: number; attempt: number; failure: FailureInfo; retryState: string; lastFailure?: FailureInfo }
  | { kind: 'activityCanceled'; scheduledEventId: number; attempt: number; started: boolean; details: readonly unknown[]; lastFailure?: FailureInfo }
  | { kind: 'timerFired'; timerId: string }
  | { kind: 'signal'; signalName: string; input: readonly unknown[] }
  | { kind: 'update'; updateId: string; name: string; args: readonly unknown[] }
  | { kind: 'cancelRequest'; cause: string }
  | { kind: 'terminate'; reason: string }
  | { kind: 'childStarted'; initiatedEventId: number; runId: string }
  | { kind: 'childStartFailed'; initiatedEventId: number; cause: string }
  | { kind: 'childClosed'; initiatedEventId: number; outcome: RunOutcome }
  | { kind: 'externalDone'; initiatedEventId: number; failedCause?: string };

export type Effect =
  | { kind: 'workflowTaskReady' }
  | { kind: 'dispatchActivity'; activity: PendingActivity }
  | { kind: 'cancelActivity'; scheduledEventId: number }
  | { kind: 'startTimer'; timerId: string; fireAt: number }
  | { kind: 'cancelTimer'; timerId: string }
  | { kind: 'startChild'; initiatedEventId: number; workflowId: string; workflowType: string; input: readonly unknown[]; taskQueue: string; workflowRunTimeoutMs?: number; workflowExecutionTimeoutMs?: number; workflowIdReusePolicy?: WorkflowIdReusePolicy; retryPolicy?: RetryPolicyMs; cronSchedule?: string; memo?: MemoMap; searchAttributes?: SearchAttributeMap }
  | { kind: 'signalExternal'; initiatedEventId: number; workflowId: string; runId?: string; signalName: string; input: readonly unknown[] }
  | { kind: 'cancelExternal'; initiatedEventId: number; workflowId: string; runId?: string }
  | { kind: 'updateCompleted'; updateId: string; result?: unknown; failure?: FailureInfo }
  /** the run closed; `continueAs` / `retryAs`: the execution goes on in the outcome's `newRunId` */
  | { kind: 'closed'; outcome: RunOutcome; continueAs?: { workflowType: string; input: readonly unknown[]; taskQueue: string; workflowRunTimeoutMs?: number; backoffMs?: number; memo?: MemoMap; searchAttributes?: SearchAttributeMap }; retryAs?: { attempt: number; backoffMs: number };
      /** a cron workflow's next run, after `backoffMs`, told how this one ended */
      cronAs?: { backoffMs: number; lastCompletionResult?: unknown; continuedFailure?: FailureInfo } };

export interface StepResult {
  readonly state: RunState | undefined;
  readonly events: readonly HistoryEvent[];
  readonly effects: readonly Effect[];
}

/** The events of a step that has none (frozen, shared). */
const NO_EVENTS: readonly HistoryEvent[] = Object.freeze([]);

/** The effects of a step that has none (frozen, shared). */
const NO_EFFECTS: readonly Effect[] = Object.freeze([]);

/** The one (frozen) `workflowTaskReady` effect: it carries nothing, so every step shares it. */
const TASK_READY: Effect = Object.freeze({ kind: 'workflowTaskReady' });

/** The timer id of a run's workflow timeout (not a workflow timer: those are numbers). */
export const RUN_TIMEOUT_TIMER = 'workflow-timeout';

/** The timer id of a retry run's backoff before its first workflow task. */
export const RETRY_BACKOFF_TIMER = 'workflow-backoff';

/** Who writes events; recorded as `identity` like a Temporal worker. */
export const ENGINE_IDENTITY = 'wfverify-engine';

/**
 * Applies one input at time `now` (epoch ms). Inputs that no longer apply (a late activity result
 * after a timeout, a signal to a closed run) produce no events: the step is idempotent for them.
 *
 * `state` is never mutated, unless the caller passes `owned = true`: it hands the state object
 * over (keeps no other reference to it, like the executor's live run) and it is then updated in
 * place instead of being copied (one state object less per step).
 */
export function step(state: RunState | undefined, input: StepInput, now: number, owned = false): StepResult {
  const st = new Stepper(state, now, owned);
  if (input.kind === 'start') {
    if (state !== undefined) return st;
    const executionMs = input.workflowExecutionTimeoutMs;
    st.emit('WorkflowExecutionStarted', {
      workflowType: input.workflowType, taskQueue: input.taskQueue, input: input.input, workflowId: input.workflowId,
      originalExecutionRunId: input.runId, firstExecutionRunId: input.firstExecutionRunId ?? input.runId,
      attempt: input.attempt ?? 1, continuedExecutionRunId: input.continuedExecutionRunId, parent: input.parent,
      workflowRunTimeoutMs: input.workflowRunTimeoutMs, workflowExecutionTimeoutMs: executionMs,
      workflowExecutionExpirationTime: input.workflowExecutionExpirationTime ?? (executionMs === undefined ? undefined : now + executionMs),
      retryPolicy: input.retryPolicy,
      // a cron execution's first run waits for the schedule's first time
      firstWorkflowTaskBackoffMs: (input.firstWorkflowTaskBackoffMs ?? (input.cronSchedule === undefined ? undefined : firstCronBackoff(input.cronSchedule, now))) || undefined,
      cronSchedule: input.cronSchedule, lastCompletionResult: input.lastCompletionResult, continuedFailure: input.continuedFailure, initiator: input.initiator,
      memo: input.memo, searchAttributes: input.searchAttributes,
      identity: ENGINE_IDENTITY,
    });
    if (input.signal !== undefined) st.emit('WorkflowExecutionSignaled', { signalName: input.signal.signalName, input: input.signal.input, identity: ENGINE_IDENTITY });
    const { timeouts, backoffUntil } = st.s!;
    if (timeouts !== undefined) st.effect({ kind: 'startTimer', timerId: RUN_TIMEOUT_TIMER, fireAt: timeouts.deadline });
    // a retry run waits out its backoff before its first workflow task (signals meanwhile are recorded)
    if (backoffUntil !== undefined) st.effect({ kind: 'startTimer', timerId: RETRY_BACKOFF_TIMER, fireAt: backoffUntil });
    else st.needTask();
    return st;
  }
  if (st.s === undefined || st.s.status !== 'running') return st;
  const run: RunState = st.s;
  switch (input.kind) {
    case 'startWorkflowTask':
      if (run.wftScheduledEventId !== 0 && run.wftStartedEventId === 0) {
        st.emit('WorkflowTaskStarted', input.suggestContinueAsNew === true
          ? { scheduledEventId: run.wftScheduledEventId, identity: ENGINE_IDENTITY, suggestContinueAsNew: true }
          : { scheduledEventId: run.wftScheduledEventId, identity: ENGINE_IDENTITY });
      }
      break;
    case 'completeWorkflowTask':
      completeTask(run, input.commands, input.newRunId, now, st);
      if (input.forceNewTask === true) st.needTask();
      break;
    case 'failWorkflowTask':
      if (run.wftStartedEventId !== 0) {
        st.emit('WorkflowTaskFailed', {
          scheduledEventId: run.wftScheduledEventId, startedEventId: run.wftStartedEventId, cause: input.cause,
          failure: input.failure, identity: ENGINE_IDENTITY,
        });
      }
      break;
    case 'retryWorkflowTask':
      st.needTask();
      break;
    case 'backoffElapsed':
      if (run.backoffUntil !== undefined) st.scheduleTask();
      break;
    case 'activityCompleted':
    case 'activityFailed':
    case 'activityTimedOut':
    case 'activityCanceled': {
      const p = run.activities[input.scheduledEventId];
      if (!p) break;
      // a cancelled activity may not have started, nor one that timed out waiting to start
      const started = input.kind === 'activityCanceled' ? input.started : !(input.kind === 'activityTimedOut' && input.failure.timeoutType === 'SCHEDULE_TO_START');
      const startedEventId = !started ? 0 : input.lastFailure === undefined
        ? st.emit('ActivityTaskStarted', { scheduledEventId: p.scheduledEventId, attempt: input.attempt, identity: ENGINE_IDENTITY })
        : st.emit('ActivityTaskStarted', { scheduledEventId: p.scheduledEventId, attempt: input.attempt, identity: ENGINE_IDENTITY, lastFailure: input.lastFailure });
      // Attribute objects are written out (no spreads): one allocation each, keys in the recorded order.
      const scheduledEventId = p.scheduledEventId;
      if (input.kind === 'activityCompleted') st.emit('ActivityTaskCompleted', { scheduledEventId, startedEventId, result: input.result, identity: ENGINE_IDENTITY });
      else if (input.kind === 'activityFailed') st.emit('ActivityTaskFailed', { scheduledEventId, startedEventId, failure: input.failure, retryState: input.retryState, identity: ENGINE_IDENTITY });
      else if (input.kind === 'activityTimedOut') st.emit('ActivityTaskTimedOut', { scheduledEventId, startedEventId, failure: input.failure, retryState: input.retryState });
      else st.emit('ActivityTaskCanceled', { scheduledEventId, startedEventId, latestCancelRequestedEventId: p.cancelRequestedEventId, details: input.details, identity: ENGINE_IDENTITY });
      // A new workflow task after every outcome, a cancellation included, as Temporal's server
      // does: under WAIT_CANCELLATION_COMPLETED the workflow waits for it (under TRY_CANCEL and
      // ABANDON it saw the cancellation already, and the task has nothing to do).
      st.needTask();
      break;
    }
    case 'timerFired': {
      const t = run.timers[input.timerId];
      if (!t) break;
      st.emit('TimerFired', { timerId: t.timerId, startedEventId: t.startedEventId });
      st.needTask();
      break;
    }
    case 'signal':
      st.emit('WorkflowExecutionSignaled', { signalName: input.signalName, input: input.input, identity: ENGINE_IDENTITY });
      st.needTask();
      break;
    case 'update':
      admitUpdate(st.working(), { updateId: input.updateId, name: input.name, args: input.args });
      st.needTask();
      break;
    case 'cancelRequest':
      if (run.cancelRequested) break;
      st.emit('WorkflowExecutionCancelRequested', { cause: input.cause });
      st.needTask();
      break;
    case 'terminate':
      st.emit('WorkflowExecutionTerminated', { reason: input.reason });
      st.effect({ kind: 'closed', outcome: st.s.outcome! });
      break;
    case 'runTimedOut': {
      if (run.timeouts === undefined) break;
      const attempt = run.attempt;
      const retry = retryOf(run, RUN_TIMEOUT_FAILURE, now, input.newRunId);
      if (retry.retry) {
        st.emit('WorkflowExecutionTimedOut', { retryState: 'RETRY_STATE_IN_PROGRESS', newExecutionRunId: input.newRunId });
        st.effect({ kind: 'closed', outcome: st.s.outcome!, retryAs: { attempt: attempt + 1, backoffMs: retry.delayMs } });
      } else {
        const cron = cronNext(run, now, input.newRunId, undefined, RUN_TIMEOUT_FAILURE);
        st.emit('WorkflowExecutionTimedOut', cron === undefined ? { retryState: retry.retryState ?? 'RETRY_STATE_TIMEOUT' } : { retryState: retry.retryState ?? 'RETRY_STATE_TIMEOUT', newExecutionRunId: input.newRunId });
        st.effect(cron === undefined ? { kind: 'closed', outcome: st.s.outcome! } : { kind: 'closed', outcome: st.s.outcome!, cronAs: cron });
      }
      break;
    }
    case 'childStarted': {
      const c = run.children[input.initiatedEventId];
      if (!c || c.runId !== undefined) break;
      st.emit('ChildWorkflowExecutionStarted', { workflowId: c.workflowId, runId: input.runId, workflowType: c.workflowType, initiatedEventId: c.initiatedEventId });
      st.needTask();
      break;
    }
    case 'childStartFailed': {
      const c = run.children[input.initiatedEventId];
      if (!c) break;
      st.emit('StartChildWorkflowExecutionFailed', { workflowId: c.workflowId, workflowType: c.workflowType, cause: input.cause, initiatedEventId: c.initiatedEventId, workflowTaskCompletedEventId: 0 });
      st.needTask();
      break;
    }
    case 'childClosed':
      childClosed(run, input.initiatedEventId, input.outcome, st);
      st.needTask();
      break;
    case 'externalDone': {
      const x = run.externals[input.initiatedEventId];
      if (!x) break;
      const base = { initiatedEventId: x.initiatedEventId, workflowId: x.workflowId };
      if (x.kind === 'signal') {
        if (input.failedCause) st.emit('SignalExternalWorkflowExecutionFailed', { ...base, cause: input.failedCause, control: '', workflowTaskCompletedEventId: 0 });
        else st.emit('ExternalWorkflowExecutionSignaled', { ...base, control: '' });
      } else if (input.failedCause) {
        st.emit('RequestCancelExternalWorkflowExecutionFailed', { ...base, cause: input.failedCause, workflowTaskCompletedEventId: 0 });
      } else st.emit('ExternalWorkflowExecutionCancelRequested', base);
      st.needTask();
      break;
    }
    default: {
      const never: never = input;
      throw new Error(`unhandled input ${(never as StepInput).kind}`);
    }
  }
  return st;
}

/**
 * The working state of one `step` call, and its result: the run state (`s`, copied once at the
 * first event unless owned, then updated in place), the events and effects so far. A class
 * rather than closures: nothing is allocated per call but this object and, only when there are
 * events or effects, their arrays (a step without returns shared empty ones).
 */
class Stepper implements StepResult {
  s: RunState | undefined;
  private work: MutableRunState | undefined;
  events: readonly HistoryEvent[] = NO_EVENTS;
  effects: readonly Effect[] = NO_EFFECTS;

  get state(): RunState | undefined {
    return this.s;
  }

  constructor(state: RunState | undefined, readonly now: number, owned: boolean) {
    this.s = state;
    this.work = owned ? state as MutableRunState | undefined : undefined;
  }

  /** The working copy of the (existing) run state: the state itself when owned, else a copy made once. */
  working(): MutableRunState {
    const s = this.s!;
    let work = this.work;
    if (work !== s) this.s = this.work = work = { ...s };
    return work;
  }

  emit<K extends EventType>(eventType: K, attributes: EventAttributes[K]): number {
    const s = this.s;
    const eventId = s === undefined ? 1 : s.nextEventId;
    const e = { eventId, eventTime: this.now, eventType, attributes } as HistoryEvent;
    if (s === undefined) this.s = this.work = initialState(e);
    else applyEventInPlace(this.working(), e);
    // Exact-size arrays for the usual one to three events of a step: an empty array grown by
    // `push` reserves 17 slots at once.
    const ev = this.events;
    const n = ev.length;
    if (n === 0) this.events = [e];
    else if (n === 1) this.events = [ev[0], e];
    else if (n === 2) this.events = [ev[0], ev[1], e];
    else (ev as HistoryEvent[]).push(e);
    return eventId;
  }

  effect(e: Effect): void {
    if (this.effects === NO_EFFECTS) this.effects = [e];
    else (this.effects as Effect[]).push(e);
  }

  /** Schedules a workflow task unless one is scheduled, the run is closed, or it is in a retry's backoff. */
  needTask(): void {
    const s = this.s;
    if (s && s.status === 'running' && s.wftScheduledEventId === 0 && s.backoffUntil === undefined) this.scheduleTask();
  }

  /** Schedules a workflow task (the caller checked that the run may have one). */
  scheduleTask(): void {
    this.emit('WorkflowTaskScheduled', { taskQueue: this.s!.taskQueue, startToCloseTimeoutMs: 10_000, attempt: 1 });
    this.effect(TASK_READY);
  }
}

function childClosed(run: RunState, initiatedEventId: number, outcome: RunOutcome, st: Stepper): void {
  const c = run.children[initiatedEventId];
  if (!c || c.runId === undefined || c.startedEventId === undefined) return;
  const base = { workflowId: c.workflowId, runId: c.runId, workflowType: c.workflowType, initiatedEventId, startedEventId: c.startedEventId };
  switch (outcome.status) {
    case 'completed': st.emit('ChildWorkflowExecutionCompleted', { ...base, result: outcome.result }); break;
    case 'failed': st.emit('ChildWorkflowExecutionFailed', { ...base, failure: outcome.failure!, retryState: outcome.retryState ?? 'RETRY_STATE_RETRY_POLICY_NOT_SET' }); break;
    case 'canceled': st.emit('ChildWorkflowExecutionCanceled', base); break;
    case 'terminated': st.emit('ChildWorkflowExecutionTerminated', base); break;
    case 'timedOut': st.emit('ChildWorkflowExecutionTimedOut', { ...base, retryState: outcome.retryState ?? 'RETRY_STATE_TIMEOUT' }); break;
    case 'continuedAsNew': break; // the parent waits for the last run of the chain
  }
}

function cancelsTimer(commands: readonly ResolvedCommand[]): boolean {
  for (let i = 0; i < commands.length; i++) if (commands[i].type === 'cancelTimer') return true;
  return false;
}

function completeTask(run: RunState, commands: readonly ResolvedCommand[], newRunId: string | undefined, now: number, st: Stepper): void {
  // `run` may be updated in place by `emit` (an owned state): read what is needed first.
  const wftStartedEventId = run.wftStartedEventId;
  // the timers before the task (the fold updates the working state's own record in place), for
  // `cancelTimer`: copied only when the task cancels one
  const timers = cancelsTimer(commands) ? { ...run.timers } : run.timers;
  if (wftStartedEventId === 0) return;
  const done = st.emit('WorkflowTaskCompleted', { scheduledEventId: run.wftScheduledEventId, startedEventId: run.wftStartedEventId, identity: ENGINE_IDENTITY });
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    switch (c.type) {
      case 'scheduleActivity': {
        const o = c.options;
        const id = st.emit('ActivityTaskScheduled', {
          activityId: c.activityId, activityType: c.activityType, taskQueue: o.taskQueue ?? run.taskQueue, input: c.args,
          scheduleToCloseTimeoutMs: o.scheduleToCloseTimeoutMs, startToCloseTimeoutMs: o.startToCloseTimeoutMs,
          heartbeatTimeoutMs: o.heartbeatTimeoutMs, scheduleToStartTimeoutMs: o.scheduleToStartTimeoutMs, retryPolicy: o.retry, workflowTaskCompletedEventId: done,
        });
        st.effect({ kind: 'dispatchActivity', activity: st.s!.activities[id] }); // the record the event made
        break;
      }
      case 'requestCancelActivity':
        if (c.targetEventId === undefined) break;
        st.emit('ActivityTaskCancelRequested', { scheduledEventId: c.targetEventId, workflowTaskCompletedEventId: done });
        st.effect({ kind: 'cancelActivity', scheduledEventId: c.targetEventId });
        break;
      case 'startTimer': {
        const timerId = String(c.seq);
        st.emit('TimerStarted', { timerId, startToFireTimeoutMs: c.durationMs, workflowTaskCompletedEventId: done });
        st.effect({ kind: 'startTimer', timerId, fireAt: now + c.durationMs });
        break;
      }
      case 'cancelTimer': {
        const timerId = String(c.seq);
        const t = timers[timerId];
        st.emit('TimerCanceled', { timerId, startedEventId: c.targetEventId ?? t?.startedEventId ?? 0, identity: ENGINE_IDENTITY, workflowTaskCompletedEventId: done });
        st.effect({ kind: 'cancelTimer', timerId });
        break;
      }
      case 'startChild': {
        const taskQueue = c.taskQueue ?? run.taskQueue;
        const id = st.emit('StartChildWorkflowExecutionInitiated', {
          workflowId: c.workflowId, workflowType: c.workflowType, taskQueue, input: c.args, parentClosePolicy: `PARENT_CLOSE_POLICY_${c.parentClosePolicy ?? 'TERMINATE'}`,
          workflowTaskCompletedEventId: done, workflowRunTimeoutMs: c.workflowRunTimeoutMs, workflowExecutionTimeoutMs: c.workflowExecutionTimeoutMs,
          workflowIdReusePolicy: c.workflowIdReusePolicy === undefined ? undefined : `WORKFLOW_ID_REUSE_POLICY_${c.workflowIdReusePolicy}`,
          retryPolicy: c.retry, cronSchedule: c.cronSchedule, memo: c.memo, searchAttributes: c.searchAttributes,
        });
        st.effect({
          kind: 'startChild', initiatedEventId: id, workflowId: c.workflowId, workflowType: c.workflowType, input: c.args, taskQueue,
          workflowRunTimeoutMs: c.workflowRunTimeoutMs, workflowExecutionTimeoutMs: c.workflowExecutionTimeoutMs, workflowIdReusePolicy: c.workflowIdReusePolicy, retryPolicy: c.retry, cronSchedule: c.cronSchedule,
          memo: c.memo, searchAttributes: c.searchAttributes,
        });
        break;
      }
      case 'requestCancelExternal': {
        const run = c.runId !== undefined ? { runId: c.runId } : {};
        const id = st.emit('RequestCancelExternalWorkflowExecutionInitiated', { workflowId: c.workflowId, ...run, childWorkflowOnly: c.childOnly, workflowTaskCompletedEventId: done });
        st.effect({ kind: 'cancelExternal', initiatedEventId: id, workflowId: c.workflowId, ...run });
        break;
      }
      case 'signalExternal': {
        const run = c.runId !== undefined ? { runId: c.runId } : {};
        const id = st.emit('SignalExternalWorkflowExecutionInitiated', { workflowId: c.workflowId, ...run, signalName: c.signalName, input: c.args, control: '', workflowTaskCompletedEventId: done });
        st.effect({ kind: 'signalExternal', initiatedEventId: id, workflowId: c.workflowId, ...run, signalName: c.signalName, input: c.args });
        break;
      }
      case 'upsertSearchAttributes':
        st.emit('UpsertWorkflowSearchAttributes', { workflowTaskCompletedEventId: done, searchAttributes: c.searchAttributes });
        break;
      case 'modifyWorkflowProperties':
        st.emit('WorkflowPropertiesModified', { workflowTaskCompletedEventId: done, upsertedMemo: c.upsertedMemo });
        break;
      case 'setPatchMarker':
        st.emit('MarkerRecorded', { markerName: 'core_patch', details: { patchId: c.patchId, deprecated: c.deprecated }, workflowTaskCompletedEventId: done });
        break;
      case 'recordLocalActivityMarker':
        st.emit('MarkerRecorded', localActivityMarker(c.outcome, done));
        break;
      case 'scheduleLocalActivity': case 'requestCancelLocalActivity':
        throw new Error(`${c.type} reached the step function: local activities are the executor's (worker/open-task.ts)`);
      case 'acceptUpdate':
        st.emit('WorkflowExecutionUpdateAccepted', {
          protocolInstanceId: c.updateId, acceptedRequestMessageId: `${c.updateId}/request`,
          acceptedRequestSequencingEventId: wftStartedEventId - 1, updateId: c.updateId, name: c.name, input: c.args,
        });
        break;
      case 'completeUpdate': {
        const acceptedEventId = st.s!.acceptedUpdates[c.updateId];
        // A rejected update (never accepted) leaves no trace in history, as on Temporal.
        if (acceptedEventId !== undefined) st.emit('WorkflowExecutionUpdateCompleted', { updateId: c.updateId, acceptedEventId, success: c.result, failure: c.failure });
        st.effect({ kind: 'updateCompleted', updateId: c.updateId, result: c.result, failure: c.failure });
        break;
      }
      case 'completeWorkflow': {
        const cron = cronNext(run, now, newRunId, c.result, undefined);
        st.emit('WorkflowExecutionCompleted', cron === undefined ? { result: c.result, workflowTaskCompletedEventId: done } : { result: c.result, workflowTaskCompletedEventId: done, newExecutionRunId: newRunId });
        st.effect(cron === undefined ? { kind: 'closed', outcome: st.s!.outcome! } : { kind: 'closed', outcome: st.s!.outcome!, cronAs: cron });
        return;
      }
      case 'failWorkflow': {
        const attempt = run.attempt;
        const retry = retryOf(run, c.failure, now, newRunId);
        if (retry.retry) {
          st.emit('WorkflowExecutionFailed', { failure: c.failure, workflowTaskCompletedEventId: done, retryState: 'RETRY_STATE_IN_PROGRESS', newExecutionRunId: newRunId });
          st.effect({ kind: 'closed', outcome: st.s!.outcome!, retryAs: { attempt: attempt + 1, backoffMs: retry.delayMs } });
        } else {
          const cron = cronNext(run, now, newRunId, undefined, c.failure);
          const attrs = retry.retryState === undefined ? { failure: c.failure, workflowTaskCompletedEventId: done } : { failure: c.failure, workflowTaskCompletedEventId: done, retryState: retry.retryState };
          st.emit('WorkflowExecutionFailed', cron === undefined ? attrs : { ...attrs, newExecutionRunId: newRunId });
          st.effect(cron === undefined ? { kind: 'closed', outcome: st.s!.outcome! } : { kind: 'closed', outcome: st.s!.outcome!, cronAs: cron });
        }
        return;
      }
      case 'cancelWorkflow':
        st.emit('WorkflowExecutionCanceled', { workflowTaskCompletedEventId: done });
        st.effect({ kind: 'closed', outcome: { status: 'canceled' } });
        return;
      case 'continueAsNew': {
        const id = newRunId ?? `${run.runId}-next`;
        const taskQueue = c.taskQueue ?? run.taskQueue;
        // absent: the run's current memo and search attributes (its upserts in this task included), as on Temporal
        const newMemo = c.memo ?? st.s!.memo;
        const newAttributes = c.searchAttributes ?? st.s!.searchAttributes;
        st.emit('WorkflowExecutionContinuedAsNew', { newExecutionRunId: id, workflowType: c.workflowType, taskQueue, input: c.args, workflowTaskCompletedEventId: done, backoffStartIntervalMs: c.backoffStartIntervalMs, memo: newMemo, searchAttributes: newAttributes });
        st.effect({ kind: 'closed', outcome: { status: 'continuedAsNew', newRunId: id }, continueAs: { workflowType: c.workflowType, input: c.args, taskQueue, workflowRunTimeoutMs: c.workflowRunTimeoutMs, backoffMs: c.backoffStartIntervalMs, memo: newMemo, searchAttributes: newAttributes } });
        return;
      }
      default: {
        const never: never = c;
        throw new Error(`unhandled command ${(never as Command).type}`);
      }
    }
  }
}

/**
 * The effects a recovered run still owes (after a restart): dispatch every pending activity, arm
 * every pending timer, start children not yet started, and run a pending or failed workflow task.
 */
export function recoveryEffects(s: RunState): Effect[] {
  if (s.status !== 'running') return [];
  const out: Effect[] = [];
  for (const a of Object.values(s.activities)) {
    if (a.cancelRequestedEventId !== 0) out.push({ kind: 'cancelActivity', scheduledEventId: a.scheduledEventId });
    out.push({ kind: 'dispatchActivity', activity: a });
  }
  for (const t of Object.values(s.timers)) out.push({ kind: 'startTimer', timerId: t.timerId, fireAt: t.fireAt });
  for (const c of Object.values(s.children)) {
    if (c.runId === undefined) {
      out.push({ kind: 'startChild', initiatedEventId: c.initiatedEventId, workflowId: c.workflowId, workflowType: c.workflowType, input: c.input, taskQueue: c.taskQueue, workflowRunTimeoutMs: c.workflowRunTimeoutMs, workflowExecutionTimeoutMs: c.workflowExecutionTimeoutMs, workflowIdReusePolicy: c.workflowIdReusePolicy, retryPolicy: c.retryPolicy, cronSchedule: c.cronSchedule, memo: c.memo, searchAttributes: c.searchAttributes });
    }
  }
  for (const x of Object.values(s.externals)) {
    const run = x.runId !== undefined ? { runId: x.runId } : {};
    if (x.kind === 'signal') out.push({ kind: 'signalExternal', initiatedEventId: x.initiatedEventId, workflowId: x.workflowId, ...run, signalName: x.signalName ?? '', input: x.input ?? [] });
    else out.push({ kind: 'cancelExternal', initiatedEventId: x.initiatedEventId, workflowId: x.workflowId, ...run });
  }
  if (s.timeouts !== undefined) out.push({ kind: 'startTimer', timerId: RUN_TIMEOUT_TIMER, fireAt: s.timeouts.deadline });
  if (s.backoffUntil !== undefined) out.push({ kind: 'startTimer', timerId: RETRY_BACKOFF_TIMER, fireAt: s.backoffUntil });
  if (s.wftScheduledEventId !== 0 || s.wftFailed) out.push({ kind: 'workflowTaskReady' });
  return out;
}

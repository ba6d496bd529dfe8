/**
 * `WorkflowRunner`: the host side of one run's workflow code. It turns committed history events
 * into activation jobs, activates the sandbox, resolves commands against earlier events (which
 * activity a cancel targets), learns which event each command produced, and replays a recorded
 * history, detecting nondeterminism (STYLE.md point 7).
 */
import { NondeterminismError, WorkflowTaskError } from '../errors.js';
import type { FailureInfo, HistoryEvent, MemoMap, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';
import { COMMAND_EVENT_TYPES } from '../history/events.js';
import type { Command, Job, LocalActivityOutcome } from '../model/commands.js';
import { outcomeOfMarker } from '../history/local-activity-marker.js';
import { HistorySizer } from '../history/history-size.js';
import { hasUndefinedArg, jsonClone, jsonCloneArgs } from '../model/json-clone.js';
import type { ResolvedCommand } from '../model/step.js';
import { describeCommand, describeEvent, commandMatchesEvent } from './match.js';
import type { WorkflowSandbox } from './sandbox.js';
import { userStack } from '../workflow/failures.js';

export interface RunInfo {
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue: string;
  firstExecutionRunId: string;
  continuedFromExecutionRunId?: string;
  attempt: number;
  parent?: { workflowId: string; runId: string };
  startTime: number;
  retryPolicy?: RetryPolicyMs;
  runTimeoutMs?: number;
  executionTimeoutMs?: number;
  /** epoch ms */
  executionExpirationTime?: number;
  cronSchedule?: string;
  /** a cron run: the previous run's result or failure */
  lastResult?: unknown;
  lastFailure?: FailureInfo;
  /** the run's memo and search attributes at its start (its upserts are replayed by its code) */
  memo?: MemoMap;
  searchAttributes?: SearchAttributeMap;
  /** a run started by an engine whose workflow randomness predates Temporal's (`EngineStore.randomness`) */
  legacyRandom?: boolean;
  /** error class names whose errors fail the run rather than its workflow task (`EngineOptions.workflowFailureErrorTypes`) */
  failureExceptionTypeNames?: readonly string[];
  /** whether a local activity type can run here (absent: not known, e.g. in an offline replay) */
  localActivityRuns?: (activityType: string) => boolean;
}

/**
 * Where a runner finds the size of its run's history (`workflowInfo().historySize`) outside a
 * replay: the executor, which has the run's events (./history-size.ts says what is counted).
 */
export interface HistorySizeSource {
  /** the bytes of the events of run `runId` whose id is below `beforeEventId` */
  historyBytesBefore(runId: string, beforeEventId: number): number;
}

export interface ActivationResult {
  commands: ResolvedCommand[];
  /** calls to the engine's sinks (`proxySinks`) this activation made (none while replaying) */
  sinkCalls?: { sink: string; fn: string; args: unknown[] }[];
  /** workflow code threw a non-failure error: fail the workflow task */
  taskFailure?: FailureInfo;
}

function isCancel(c: Command): boolean {
  return c.type === 'requestCancelActivity' || c.type === 'cancelTimer';
}

/** The options of a live activation (shared: read only). */
const LIVE = Object.freeze({});
/** No patches (shared: the sandbox only reads it). */
const NO_PATCHES: readonly string[] = Object.freeze([]);

/** Host-side driver of one run's workflow code. */
export class WorkflowRunner {
  private readonly activator: object;
  private pending: Job[] = [];
  /** event id of a command's event → the command (kind, seq, activity type); one map per run keeps runs small */
  private readonly byEvent = new Map<number, { kind: Command['type']; seq: number; activityType?: string; activityId?: string }>();
  /** seq → event id of cancellable commands: activities at `seq`, timers at `-seq` */
  private readonly eventOf = new Map<number, number>();
  historyLength = 0;
  /** where the history's size is found outside a replay (the executor); without one, after a replay, the replayed history's */
  historySizes: HistorySizeSource | undefined;
  /** the history being replayed (kept after the replay when there is no {@link historySizes}), and its sizes once asked */
  private replayed: readonly HistoryEvent[] | undefined;
  private replaySizes: HistorySizer | undefined;

  constructor(readonly sandbox: WorkflowSandbox, readonly info: RunInfo) {
    const fn = sandbox.workflowOrThrow(info.workflowType);
    // The facts the run has (most are absent), objects as sandbox-realm copies: the activator
    // copies them into its own info, so only nested objects need copying here.
    const sInfo: Record<string, unknown> = {};
    const facts = info as unknown as Record<string, unknown>;
    for (const k in facts) {
      const v = facts[k];
      if (v === undefined || k === 'startTime') continue;
      sInfo[k] = typeof v === 'object' && v !== null ? sandbox.api.toSandbox(v) : v;
    }
    sInfo.startTime = new sandbox.Date(info.startTime);
    sInfo.runStartTime = new sandbox.Date(info.startTime);
    sInfo.historySizeBefore = this.historySizeBefore;
    // A direct call: `newActivator` runs no workflow code (the workflow function starts with the first activation).
    this.activator = sandbox.api.newActivator(sInfo, fn, info.runId);
  }

  /** Converts newly committed non-command events into pending jobs. */
  observe(events: readonly HistoryEvent[]): void {
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      this.historyLength = e.eventId;
      if (e.eventType === 'WorkflowTaskStarted') this.taskStarted(e);
      const job = this.jobFor(e);
      if (job) this.pending.push(job);
    }
  }

  /**
   * The time of the last `WorkflowTaskStarted` observed: the workflow time of the live activation
   * of that task, as a replay of the history will give it (`Date.now()` in workflow code is the
   * same live and replayed).
   */
  taskStartedAt = 0;
  /** the `suggestContinueAsNew` of the last `WorkflowTaskStarted` observed */
  private continueAsNewSuggested = false;
  /** the id of the last `WorkflowTaskStarted` observed, and the history size recorded in it (-1: none) */
  private taskStartedEventId = 0;
  private recordedHistorySize = -1;

  private taskStarted(e: Extract<HistoryEvent, { eventType: 'WorkflowTaskStarted' }>): void {
    this.taskStartedAt = e.eventTime;
    this.continueAsNewSuggested = e.attributes.suggestContinueAsNew === true;
    this.taskStartedEventId = e.eventId;
    this.recordedHistorySize = e.attributes.historySizeBytes ?? -1;
  }

  /**
   * The bytes of the run's events below `beforeEventId` (a task's `WorkflowTaskStarted`), counted
   * when workflow code first reads `workflowInfo().historySize`; 0 when nothing has the events.
   */
  private readonly historySizeBefore = (beforeEventId: number): number => {
    if (this.replayed !== undefined) {
      if (this.replaySizes === undefined) {
        this.replaySizes = new HistorySizer();
        this.replaySizes.add(this.replayed);
      }
      return this.replaySizes.bytesBefore(beforeEventId);
    }
    return this.historySizes?.historyBytesBefore(this.info.runId, beforeEventId) ?? 0;
  };

  /** Queues an update request (updates are not in history until accepted). */
  queueUpdate(updateId: string, name: string, args: readonly unknown[]): void {
    this.pending.push({ type: 'update', updateId, name, args, replaying: false });
  }

  /** True when there is something to deliver. */
  get hasPendingJobs(): boolean {
    return this.pending.length > 0;
  }

  /** The seq of the `kind` command whose event is `eventId`. */
  private seqOf(kind: Command['type'], eventId: number): number | undefined {
    const l = this.byEvent.get(eventId);
    return l !== undefined && l.kind === kind ? l.seq : undefined;
  }

  /**
   * The failure an activity's workflow code sees for its failed, timed-out or cancelled outcome
   * `e`, as Temporal's core makes it: the message says which, with the activity's type and id,
   * the reporting worker's identity ('' for a timeout) and the retry state.
   */
  private activityFailure(e: Extract<HistoryEvent, { eventType: 'ActivityTaskFailed' | 'ActivityTaskTimedOut' | 'ActivityTaskCanceled' }>): FailureInfo {
    const scheduled = this.byEvent.get(e.attributes.scheduledEventId);
    const type = scheduled?.activityType ?? '';
    const activityId = scheduled?.activityId ?? '';
    switch (e.eventType) {
      case 'ActivityTaskFailed':
        return { kind: 'activity', message: 'Activity task failed', type, activityId, identity: e.attributes.identity, retryState: e.attributes.retryState, cause: e.attributes.failure };
      case 'ActivityTaskTimedOut':
        return { kind: 'activity', message: 'Activity task timed out', type, activityId, identity: '', retryState: e.attributes.retryState, cause: e.attributes.failure };
      case 'ActivityTaskCanceled':
        return { kind: 'activity', message: 'Activity cancelled', type, activityId, identity: e.attributes.identity, retryState: 'RETRY_STATE_CANCEL_REQUESTED', cause: { kind: 'cancelled', message: '', details: e.attributes.details } };
    }
  }

  private jobFor(e: HistoryEvent): Job | undefined {
    switch (e.eventType) {
      case 'WorkflowExecutionStarted': return { type: 'start', args: e.attributes.input };
      case 'ActivityTaskCompleted': {
        const seq = this.seqOf('scheduleActivity', e.attributes.scheduledEventId);
        return seq === undefined ? undefined : { type: 'resolveActivity', seq, result: e.attributes.result };
      }
      case 'ActivityTaskFailed':
      case 'ActivityTaskTimedOut':
      case 'ActivityTaskCanceled': {
        const seq = this.seqOf('scheduleActivity', e.attributes.scheduledEventId);
        return seq === undefined ? undefined : { type: 'resolveActivity', seq, failure: this.activityFailure(e) };
      }
      case 'TimerFired': return { type: 'fireTimer', seq: Number(e.attributes.timerId) };
      // a reset (recorded by Temporal): the run's randomness is reseeded from the new run id, as Temporal's core does
      case 'WorkflowTaskFailed': return e.attributes.cause === 'WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW' && e.attributes.newRunId ? { type: 'updateRandomSeed', runId: e.attributes.newRunId } : undefined;
      case 'WorkflowExecutionSignaled': return { type: 'signal', name: e.attributes.signalName, args: e.attributes.input };
      case 'WorkflowExecutionCancelRequested': return { type: 'cancelWorkflow' };
      case 'ChildWorkflowExecutionStarted': {
        const seq = this.seqOf('startChild', e.attributes.initiatedEventId);
        return seq === undefined ? undefined : { type: 'resolveChildStart', seq, runId: e.attributes.runId };
      }
      case 'StartChildWorkflowExecutionFailed': {
        const seq = this.seqOf('startChild', e.attributes.initiatedEventId);
        const failure: FailureInfo = { kind: 'application', type: 'WorkflowExecutionAlreadyStartedError', message: `child workflow ${e.attributes.workflowId} could not start: ${e.attributes.cause}` };
        return seq === undefined ? undefined : { type: 'resolveChildStart', seq, failure };
      }
      case 'ChildWorkflowExecutionCompleted':
      case 'ChildWorkflowExecutionFailed':
      case 'ChildWorkflowExecutionCanceled':
      case 'ChildWorkflowExecutionTerminated':
      case 'ChildWorkflowExecutionTimedOut': {
        const a = e.attributes;
        const seq = this.seqOf('startChild', a.initiatedEventId);
        if (seq === undefined) return undefined;
        if (e.eventType === 'ChildWorkflowExecutionCompleted') return { type: 'resolveChild', seq, result: e.attributes.result };
        // as Temporal's core makes them: the cause of a cancelled, terminated or timed-out child, the retry state
        const cause: FailureInfo = e.eventType === 'ChildWorkflowExecutionFailed' ? e.attributes.failure
          : e.eventType === 'ChildWorkflowExecutionCanceled' ? { kind: 'cancelled', message: '', details: [] }
          : e.eventType === 'ChildWorkflowExecutionTerminated' ? { kind: 'terminated', message: 'Terminated' }
          : { kind: 'timeout', message: 'Timed out', timeoutType: 'START_TO_CLOSE' };
        const retryState = e.eventType === 'ChildWorkflowExecutionFailed' || e.eventType === 'ChildWorkflowExecutionTimedOut' ? e.attributes.retryState : 'RETRY_STATE_NON_RETRYABLE_FAILURE';
        return { type: 'resolveChild', seq, failure: { kind: 'child', message: 'Child Workflow execution failed', type: a.workflowType, workflowId: a.workflowId, runId: a.runId, cause, retryState } };
      }
      case 'ExternalWorkflowExecutionSignaled':
      case 'SignalExternalWorkflowExecutionFailed': {
        const seq = this.seqOf('signalExternal', e.attributes.initiatedEventId);
        if (seq === undefined) return undefined;
        return e.eventType === 'ExternalWorkflowExecutionSignaled' ? { type: 'resolveSignalExternal', seq }
          : { type: 'resolveSignalExternal', seq, failure: { kind: 'application', type: 'ExternalWorkflowExecutionNotFound', message: `signal to ${e.attributes.workflowId} failed: ${e.attributes.cause}` } };
      }
      case 'ExternalWorkflowExecutionCancelRequested':
      case 'RequestCancelExternalWorkflowExecutionFailed': {
        const seq = this.seqOf('requestCancelExternal', e.attributes.initiatedEventId);
        if (seq === undefined) return undefined;
        return e.eventType === 'ExternalWorkflowExecutionCancelRequested' ? { type: 'resolveCancelExternal', seq }
          : { type: 'resolveCancelExternal', seq, failure: { kind: 'application', type: 'ExternalWorkflowExecutionNotFound', message: `cancel of ${e.attributes.workflowId} failed: ${e.attributes.cause}` } };
      }
      default:
        return undefined;
    }
  }

  /**
   * Delivers the pending jobs at workflow time `now` and returns the resulting commands.
   * Commands that cancel something started in the same activation are dropped together with it
   * (Temporal's core SDK does the same, so histories stay replayable there).
   */
  activate(now: number, opts: { replaying?: boolean; patches?: readonly string[]; captureSource?: boolean } = LIVE): ActivationResult {
    const jobs = this.pending;
    this.pending = [];
    const sb = this.sandbox;
    const api = sb.api;
    const a = this.activator;
    // The options are read by the engine's own code only; the jobs are copied into the sandbox realm.
    const o = { now, replaying: opts.replaying ?? false, captureSource: opts.captureSource ?? false, historyLength: this.historyLength, continueAsNewSuggested: this.continueAsNewSuggested, taskStartedEventId: this.taskStartedEventId, recordedHistorySize: this.recordedHistorySize, patches: opts.patches ?? NO_PATCHES };
    let out: { commands: unknown[]; taskFailure?: unknown; sinkCalls?: unknown[] };
    try {
      const sJobs = api.jobsToSandbox(jobs); // direct call: runs no workflow code
      // One evaluation delivers the jobs and drains the microtasks they cause; conditions are
      // re-checked (one evaluation each round) only when some are waiting.
      sb.invoke(api.activate, a, sJobs, o);
      while (api.pendingConditions(a) > 0 && sb.invoke(api.unblockConditions, a) > 0) { /* re-check until stable */ }
      out = api.conclude(a); // direct call: runs no workflow code
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new WorkflowTaskError('WFE3003', deadlockMessage(this.info.workflowType, this.info.workflowId), err);
      }
      throw err;
    }
    const commands = jsonClone(out.commands as Command[]); // host-realm copies, as their JSON round trip
    for (let i = 0; i < commands.length; i++) {
      // an argument list keeps its `undefined` arguments (each is a payload of its own on Temporal)
      const args = (out.commands[i] as { args?: unknown }).args;
      if (hasUndefinedArg(args)) (commands[i] as unknown as { args: unknown[] }).args = jsonCloneArgs(args as unknown[]);
    }
    const result: ActivationResult = { commands: this.resolve(commands) };
    if (out.sinkCalls !== undefined) result.sinkCalls = jsonClone(out.sinkCalls) as ActivationResult['sinkCalls'];
    if (out.taskFailure !== undefined) {
      const e = out.taskFailure as { name?: string; message?: string; stack?: string };
      result.taskFailure = { kind: 'application', type: e?.name ?? 'Error', message: e?.message ?? String(out.taskFailure), stack: typeof e?.stack === 'string' ? userStack(e.stack) : undefined };
    }
    return result;
  }

  private resolve(commands: Command[]): ResolvedCommand[] {
    if (!commands.some(isCancel)) return commands; // nothing to resolve or drop
    const dropActivity = new Set<number>();
    const dropTimer = new Set<number>();
    for (const c of commands) {
      if (c.type === 'requestCancelActivity' && !this.eventOf.has(c.seq)) dropActivity.add(c.seq);
      if (c.type === 'cancelTimer' && !this.eventOf.has(-c.seq)) dropTimer.add(c.seq);
    }
    const out: ResolvedCommand[] = [];
    for (const c of commands) {
      if ((c.type === 'scheduleActivity' || c.type === 'requestCancelActivity') && dropActivity.has(c.seq)) continue;
      if ((c.type === 'startTimer' || c.type === 'cancelTimer') && dropTimer.has(c.seq)) continue;
      if (c.type === 'requestCancelActivity') out.push({ ...c, targetEventId: this.eventOf.get(c.seq) });
      else if (c.type === 'cancelTimer') out.push({ ...c, targetEventId: this.eventOf.get(-c.seq) });
      else out.push(c);
    }
    return out;
  }

  /**
   * Records which event each command produced: `events` from index `from` on are what the step
   * wrote after WorkflowTaskCompleted.
   */
  learn(commands: readonly ResolvedCommand[], events: readonly HistoryEvent[], from = 0): void {
    let i = from;
    for (let k = 0; k < commands.length; k++) {
      const c = commands[k];
      const e = events[i];
      if (!e || !commandMatchesEvent(c, e)) continue; // e.g. a rejected update leaves no event
      i++;
      switch (c.type) {
        case 'scheduleActivity':
          this.byEvent.set(e.eventId, { kind: c.type, seq: c.seq, activityType: c.activityType, activityId: c.activityId }); this.eventOf.set(c.seq, e.eventId); break;
        case 'startTimer': this.eventOf.set(-c.seq, e.eventId); break;
        case 'startChild': case 'signalExternal': case 'requestCancelExternal': this.byEvent.set(e.eventId, { kind: c.type, seq: c.seq }); break;
        default: break;
      }
    }
  }

  /**
   * Replays a recorded history: re-runs every completed workflow task and checks that the code
   * produces the recorded commands. Leaves the runner ready for the next live activation.
   * Throws {@link NondeterminismError} at the first divergence.
   */
  replay(history: readonly HistoryEvent[]): void {
    this.replayed = history;
    try {
      this.replayEvents(history);
    } finally {
      if (this.historySizes !== undefined) this.replayed = this.replaySizes = undefined;
    }
  }

  private replayEvents(history: readonly HistoryEvent[]): void {
    let i = 0;
    let task = 0;
    while (i < history.length) {
      const e = history[i];
      if (e.eventType === 'WorkflowTaskStarted') {
        this.taskStarted(e);
        const next = history[i + 1];
        if (next?.eventType === 'WorkflowTaskFailed') {
          this.observe([next]); // a reset's failure reseeds the randomness
          i += 2;
          continue;
        }
        if (next?.eventType !== 'WorkflowTaskCompleted') { i++; continue; }
        task++;
        let j = i + 2;
        const recorded: HistoryEvent[] = [];
        while (j < history.length && COMMAND_EVENT_TYPES.has(history[j].eventType)) recorded.push(history[j++]);
        const patches: string[] = [];
        const markers: LocalActivityOutcome[] = [];
        const positional: HistoryEvent[] = [];
        for (const r of recorded) {
          if (r.eventType === 'MarkerRecorded' && r.attributes.markerName === 'core_patch') patches.push(String(r.attributes.details.patchId));
          if (r.eventType === 'WorkflowExecutionUpdateAccepted') {
            this.pending.push({ type: 'update', updateId: r.attributes.updateId, name: r.attributes.name, args: r.attributes.input, replaying: true });
          }
          const o = r.eventType === 'MarkerRecorded' ? outcomeOfMarker(r.attributes) : undefined;
          if (o !== undefined) markers.push(o);
          else positional.push(r);
        }
        this.historyLength = e.eventId;
        const commands = this.replayTask(e.eventTime, patches, markers, task, e.eventId);
        this.check(commands, positional, task, e.eventId);
        this.learn(commands, positional);
        i = j;
        continue;
      }
      this.observe([e]);
      i++;
    }
    this.historyLength = history.length;
  }

  /**
   * Local activities scheduled and not resolved by a marker in a replayed history (Temporal's
   * core runs them when the next workflow task is not a replay): the executor runs them.
   */
  readonly unresolvedLocal = new Map<number, Extract<Command, { type: 'scheduleLocalActivity' }>>();

  /**
   * The activations of one recorded workflow task: the first at the task's start time, then one
   * per round of local activities its markers resolve (each at the recorded completion time), as
   * Temporal's core pre-resolves them. Returns the task's commands other than local activities'.
   */
  private replayTask(startedAt: number, patches: readonly string[], markers: readonly LocalActivityOutcome[], task: number, startedId: number): ResolvedCommand[] {
    const where = `workflow ${this.info.workflowType} (${this.info.workflowId}), workflow task ${task} (event ${startedId})`;
    const bySeq = new Map<number, LocalActivityOutcome>();
    for (const m of markers) bySeq.set(m.seq, m);
    const commands: ResolvedCommand[] = [];
    let now = startedAt;
    for (;;) {
      const out = this.activate(now, { replaying: true, patches, captureSource: true });
      if (out.taskFailure) throw new WorkflowTaskError('WFE3002', `workflow code failed during replay of workflow task ${task}: ${out.taskFailure.message}`);
      for (const c of out.commands) {
        if (c.type === 'scheduleLocalActivity') this.unresolvedLocal.set(c.seq, c);
        else if (c.type !== 'requestCancelLocalActivity') commands.push(c);
      }
      let resolved = 0;
      for (const m of bySeq.values()) { // in recorded order; resolved ones are deleted as they go
        const c = this.unresolvedLocal.get(m.seq);
        if (c === undefined) continue;
        if (c.activityType !== m.activityType || c.activityId !== m.activityId) {
          throw new NondeterminismError(`${where}: the code produced ${describeCommand(c)} but its marker records local activity "${m.activityType}" (activityId ${m.activityId})`, c.source ? this.sourceOf(c.source) : undefined);
        }
        this.unresolvedLocal.delete(m.seq);
        bySeq.delete(m.seq);
        this.pending.push(localResolution(m));
        if (m.completeTime !== undefined) now = m.completeTime;
        resolved++;
      }
      if (resolved === 0) break;
    }
    for (const m of bySeq.values()) throw new NondeterminismError(`${where}: history has the marker of local activity "${m.activityType}" (seq ${m.seq}) but the code did not schedule it`);
    return commands;
  }

  /** Queues the resolution of a local activity the executor ran (delivered by the next activation). */
  resolveLocal(o: LocalActivityOutcome): void {
    this.pending.push(localResolution(o));
  }

  private check(commands: readonly ResolvedCommand[], recorded: readonly HistoryEvent[], task: number, startedId: number): void {
    const effective = commands.filter((c) => !(c.type === 'completeUpdate' && !recorded.some((r) => r.eventType === 'WorkflowExecutionUpdateCompleted' && r.attributes.updateId === c.updateId)));
    const events = recorded.filter((r) => !(r.eventType === 'MarkerRecorded' && r.attributes.details.deprecated === true && !effective.some((c) => c.type === 'setPatchMarker' && c.patchId === r.attributes.details.patchId)));
    const where = `workflow ${this.info.workflowType} (${this.info.workflowId}), workflow task ${task} (event ${startedId})`;
    for (let k = 0; k < Math.max(effective.length, events.length); k++) {
      const c = effective[k];
      const r = events[k];
      if (c && r && commandMatchesEvent(c, r)) continue;
      const src = c?.source ? this.sourceOf(c.source) : undefined;
      if (c && r) throw new NondeterminismError(`${where}: the code produced ${describeCommand(c)} but history has ${describeEvent(r)} (event ${r.eventId})`, src);
      if (c) throw new NondeterminismError(`${where}: the code produced ${describeCommand(c)} which is not in history`, src);
      throw new NondeterminismError(`${where}: history has ${describeEvent(r!)} (event ${r!.eventId}) but the code did not produce it`);
    }
  }

  /**
   * The source line of a command's call site, mapped to the original TypeScript; undefined when
   * the call site is not in the workflow's modules (a command the engine makes itself, such as
   * `completeWorkflow`, has none).
   */
  private sourceOf(location: string): string | undefined {
    const file = /^(.*):\d+:\d+$/.exec(location)?.[1];
    if (file === undefined || !this.sandbox.loader.evaluated(file)) return undefined;
    return this.sandbox.loader.mapLocation(location);
  }

  /** Runs a query handler against the current state. */
  query(name: string, args: readonly unknown[]): unknown {
    const sb = this.sandbox;
    const r = sb.invoke(sb.api.query, this.activator, name, sb.api.argsToSandbox(args));
    return r === undefined ? undefined : jsonClone(r);
  }
}

/** The job that delivers a local activity's outcome to workflow code. */
export function localResolution(o: LocalActivityOutcome): Job {
  if (o.backoffMs !== undefined) return { type: 'resolveActivity', seq: o.seq, backoff: { attempt: o.attempt + 1, backoffMs: o.backoffMs, originalScheduleTime: o.originalScheduleTime } };
  return o.failure !== undefined ? { type: 'resolveActivity', seq: o.seq, failure: o.failure } : { type: 'resolveActivity', seq: o.seq, result: o.result };
}

/** The WFE3003 message. */
export function deadlockMessage(workflowType: string, workflowId: string): string {
  return `workflow ${workflowType} (${workflowId}) did not yield within the deadlock timeout: does it loop forever or block?`;
}

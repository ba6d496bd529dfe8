/**
 * A workflow task kept open while its local activities run, as Temporal's core SDK keeps it:
 * the workflow code waits for their outcomes within the task; each outcome is delivered by one
 * more activation (at the workflow time the activity completed) and recorded as a
 * `core_local_activity` marker among the task's commands, at the point it arrived. The task
 * completes, with all its commands, once no local activity is outstanding.
 *
 * Nothing of an open task is committed: its `WorkflowTaskStarted` is held back and written with
 * the completion, and inputs for the run that arrive meanwhile wait in `buffered` (Temporal's
 * server buffers events while a workflow task is in flight), so a crash loses only the task,
 * which runs again after recovery (local activities are at-least-once).
 *
 * A task still open after {@link HEARTBEAT_AFTER_MS} is heartbeated, as Temporal's core does at
 * 80% of the task timeout: completed with the commands and markers so far and a new workflow
 * task forced at once ({@link OpenTask.heartbeat}); the inputs that waited are applied, and the
 * new task goes on waiting for the same local activities, which keep running.
 */
import type { FailureInfo, HistoryEvent } from '../history/events.js';
import { DEFAULT_LOCAL_RETRY_THRESHOLD_MS, type Command, type LocalActivityOutcome } from '../model/commands.js';
import type { ResolvedCommand } from '../model/step.js';
import type { PendingActivity } from '../model/state.js';
import type { ActivityTask } from './activities.js';
import type { QueueItem } from './fill.js';

type ScheduleLocal = Extract<Command, { type: 'scheduleLocalActivity' }>;

/** The workflow task timeout every run records (10 s, as Temporal's default). */
export const WORKFLOW_TASK_TIMEOUT_MS = 10_000;
/** How long a task may stay open before it is heartbeated (Temporal core: 80% of the task timeout). */
export const HEARTBEAT_AFTER_MS = WORKFLOW_TASK_TIMEOUT_MS * 0.8;

/** One local activity of an open task, until its outcome arrives. */
interface LocalActivityRun {
  readonly command: ScheduleLocal;
  /** workflow time when it was scheduled, and the real time then (its completion time is the first plus the time it took) */
  readonly scheduledWorkflowTime: number;
  readonly scheduledAt: number;
  readonly originalScheduleTime: number;
}

/** Stops local activity `seq` of run `runId` (the executor's local activity worker). */
export type CancelLocal = (runId: string, seq: number) => void;

export class OpenTask {
  /** the task's commands so far, with the outcome markers where the outcomes arrived */
  commands: ResolvedCommand[] = [];
  /** outcomes arrived and not yet delivered to workflow code */
  arrived: LocalActivityOutcome[] = [];
  /** inputs for the run that arrived while the task is open, applied in order once it ends */
  readonly buffered: QueueItem[] = [];
  /** sink calls of the task's activations, made once the task is committed */
  sinkCalls: { sink: string; fn: string; args: unknown[] }[] = [];
  /** the heartbeat is due: the task has been open for {@link HEARTBEAT_AFTER_MS} */
  heartbeatDue = false;
  /** heartbeated: the workflow task that goes on with it is scheduled and not yet started (inputs are applied meanwhile) */
  awaitingStart = false;
  /** the heartbeat timer of the current task */
  timer: NodeJS.Timeout | undefined;
  private readonly running = new Map<number, LocalActivityRun>();

  /**
   * @param held the task's `WorkflowTaskStarted` event(s), written with its completion
   * @param now the workflow time of the next activation (the task's start, then each outcome's completion time)
   */
  constructor(public held: readonly HistoryEvent[], public now: number) {}

  /**
   * Heartbeats the task: returns what its completion records (its held `WorkflowTaskStarted`, its
   * commands and markers so far, its sink calls) and the inputs that waited for it, and goes on
   * as the next task, not yet started.
   */
  heartbeat(): { held: readonly HistoryEvent[]; commands: ResolvedCommand[]; sinkCalls: { sink: string; fn: string; args: unknown[] }[]; buffered: QueueItem[] } {
    const out = { held: this.held, commands: this.commands, sinkCalls: this.sinkCalls, buffered: this.buffered.splice(0) };
    this.held = [];
    this.commands = [];
    this.sinkCalls = [];
    this.heartbeatDue = false;
    this.awaitingStart = true;
    return out;
  }

  /** The next task started (`held`: its `WorkflowTaskStarted`, `now`: its workflow time). */
  started(held: readonly HistoryEvent[], now: number): void {
    this.held = held;
    this.now = now;
    this.awaitingStart = false;
  }

  /** True while some local activity has no outcome yet. */
  get outstanding(): boolean {
    return this.running.size > 0;
  }

  /**
   * Takes one activation's commands: local activities to run (returned, to be dispatched once
   * the batch commits) and cancel requests are the task's own; the rest join its commands.
   */
  take(commands: readonly ResolvedCommand[], run: { runId: string; workflowId: string; workflowType: string; taskQueue: string }, cancel: CancelLocal): ActivityTask[] {
    const dispatch: ActivityTask[] = [];
    for (const c of commands) {
      if (c.type === 'scheduleLocalActivity') dispatch.push(this.schedule(c, run));
      else if (c.type === 'requestCancelLocalActivity') {
        // one scheduled by the same activation never runs: it is cancelled at once, whatever its type
        const unsent = dispatch.findIndex((t) => t.activity.scheduledEventId === -c.seq);
        if (unsent >= 0) {
          dispatch.splice(unsent, 1);
          this.resolve(c.seq, this.running.get(c.seq)!.command.attempt, { failure: { kind: 'cancelled', message: 'Activity cancelled' } }, false);
        } else this.cancel(c.seq, run.runId, cancel);
      } else this.commands.push(c);
    }
    return dispatch;
  }

  /** Schedules the local activities a replay left unresolved (Temporal's core runs them in the first task that is not a replay). */
  resume(commands: Iterable<ScheduleLocal>, run: { runId: string; workflowId: string; workflowType: string; taskQueue: string }): ActivityTask[] {
    return [...commands].map((c) => this.schedule(c, run));
  }

  private schedule(c: ScheduleLocal, run: { runId: string; workflowId: string; workflowType: string; taskQueue: string }): ActivityTask {
    const now = Date.now();
    const originalScheduleTime = c.originalScheduleTime ?? now;
    this.running.set(c.seq, { command: c, scheduledWorkflowTime: this.now, scheduledAt: now, originalScheduleTime });
    const o = c.options;
    const activity: PendingActivity = {
      scheduledEventId: -c.seq, activityId: c.activityId, activityType: c.activityType, input: c.args, scheduledTime: originalScheduleTime,
      startToCloseTimeoutMs: o.startToCloseTimeoutMs, scheduleToCloseTimeoutMs: o.scheduleToCloseTimeoutMs, scheduleToStartTimeoutMs: o.scheduleToStartTimeoutMs,
      retryPolicy: o.retry, cancelRequestedEventId: 0,
    };
    return { ...run, activity, attempt: c.attempt, notBefore: 0, localRetryThresholdMs: o.localRetryThresholdMs ?? DEFAULT_LOCAL_RETRY_THRESHOLD_MS };
  }

  /**
   * A cancel request (Temporal core's rules): TRY_CANCEL and ABANDON resolve the activity at once
   * as cancelled (TRY_CANCEL also stops it); WAIT_CANCELLATION_COMPLETED stops it and waits for
   * its outcome. A request for an activity already resolved does nothing.
   */
  private cancel(seq: number, runId: string, stop: CancelLocal): void {
    const r = this.running.get(seq);
    if (r === undefined) return;
    const type = r.command.cancellationType;
    if (type !== 'ABANDON') stop(runId, seq);
    if (type !== 'WAIT_CANCELLATION_COMPLETED') this.resolve(seq, r.command.attempt, { failure: { kind: 'cancelled', message: 'Activity cancelled' } }, false);
  }

  /**
   * Records the outcome of local activity `seq` (ignored unless it is outstanding): its marker
   * joins the commands and the outcome waits for the next activation. `timed`: the outcome has a
   * completion time (a cancel that did not wait has none). True if it was taken.
   */
  resolve(seq: number, attempt: number, end: { result?: unknown; failure?: FailureInfo; backoffMs?: number; retryState?: string }, timed = true): boolean {
    const r = this.running.get(seq);
    if (r === undefined) return false;
    this.running.delete(seq);
    const c = r.command;
    const failure: FailureInfo | undefined = end.failure === undefined ? undefined
      : { kind: 'activity', message: 'Activity task failed', type: c.activityType, retryState: end.retryState ?? (end.failure.kind === 'cancelled' ? 'RETRY_STATE_CANCEL_REQUESTED' : 'RETRY_STATE_NON_RETRYABLE_FAILURE'), cause: end.failure };
    const outcome: LocalActivityOutcome = {
      seq, activityId: c.activityId, activityType: c.activityType, attempt, originalScheduleTime: r.originalScheduleTime,
      completeTime: timed ? r.scheduledWorkflowTime + (Date.now() - r.scheduledAt) : undefined,
      backoffMs: end.backoffMs,
      ...(failure === undefined ? { result: end.result } : { failure }),
    };
    this.commands.push({ type: 'recordLocalActivityMarker', outcome });
    this.arrived.push(outcome);
    return true;
  }

  /** Stops every outstanding local activity (the task ends without their outcomes: the run closed, or the task failed). */
  abandon(runId: string, stop: CancelLocal): void {
    for (const seq of this.running.keys()) stop(runId, seq);
    this.running.clear();
  }
}

/**
 * The engine's loop (see {@link ./engine.ts} for the contract): apply inputs with the pure step
 * function, run ready workflow tasks, group-commit, then perform effects.
 */
import { randomUUID } from 'node:crypto';
import { EngineError, NondeterminismError, WorkflowTaskError, asTaskError } from '../errors.js';
import type { FailureInfo, HistoryEvent } from '../history/events.js';
import { step, type Effect, type ResolvedCommand, type StepInput } from '../model/step.js';
import { TERMINAL_COMMANDS } from '../model/commands.js';
import { NO_UPDATES, initialState, type MutableRunState, type RunOutcome, type RunState } from '../model/state.js';
import { HistorySizer, historyBytesBefore } from '../history/history-size.js';
import { WorkflowRunner, type HistorySizeSource } from '../runtime/runner.js';
import { emptyBatch, type EngineStore, type ExecutionRow } from '../store/store.js';
import { ActivityRunner, type ActivitySink, type ActivityTask } from './activities.js';
import { Batch, fillBatch, type FillHost, type QueueItem } from './fill.js';
import { WorkflowModules } from './modules.js';
import { Observers } from './observers.js';
import { HEARTBEAT_AFTER_MS, OpenTask } from './open-task.js';
import { FRESH_PER_BATCH, ReadyQueue } from './ready.js';
import { recoverOpenRuns } from './recovery.js';
import { followClose, requestExternal, startChild, type LinkHost } from './run-links.js';
import type { LiveRun } from './live-run.js';
import { TimerService } from './timers.js';

export type { LiveRun };

export abstract class EngineCore implements HistorySizeSource {
  protected readonly runs = new Map<string, LiveRun>();
  /** workflow id → the run id of its run in this process that is open (or whose close is not yet committed) */
  protected readonly current = new Map<string, string>();
  protected queue: QueueItem[] = [];
  protected readonly wftReady = new ReadyQueue<LiveRun>();
  protected readonly waiters = new Map<string, ((o: RunOutcome) => void)[]>();
  protected readonly taskErrorWaiters = new Map<string, ((e: EngineError) => void)[]>();
  protected readonly updateWaiters = new Map<string, { resolve(v: unknown): void; reject(e: unknown): void }>();
  /** ids of updates that came through the inbox: their outcomes are written to the store */
  protected readonly remoteUpdates = new Set<string>();
  protected readonly observers = new Observers();
  protected abstract readonly modules: WorkflowModules;
  protected abstract readonly activities: ActivityRunner;
  /** the worker of local activities (their outcomes go to open workflow tasks, not to history: ./open-task.ts) */
  protected abstract readonly localActivities: ActivityRunner;
  protected abstract readonly timers: TimerService;
  abstract readonly store: EngineStore;
  protected pumpScheduled = false;
  protected idleWaiters: (() => void)[] = [];
  protected closed = false;
  protected maxBatch = 2000;
  /** history length (events) from which workflow tasks suggest continue-as-new (Temporal's default: 4,096) */
  protected suggestContinueAsNewAfter = 4096;
  /** the group commit being filled, if any (its events are not in the store yet) */
  private filling: Batch | undefined;
  /** `EngineOptions.workflowFailureErrorTypes` (checked) */
  protected failureErrorTypes: Readonly<Record<string, readonly string[]>> | undefined;

  /** The error class names that fail runs of `workflowType` (Temporal's `resolveFailureExceptionTypeNames`); undefined = none. */
  protected failureTypeNames(workflowType: string): readonly string[] | undefined {
    const t = this.failureErrorTypes;
    if (t === undefined) return undefined;
    const names = new Set([...(t['*'] ?? []), ...(t[workflowType] ?? [])]);
    return names.size > 0 ? [...names] : undefined;
  }

  /** True when a nondeterminism in a run of `workflowType` fails the execution (as Temporal's core does with the option). */
  protected failsOnNondeterminism(workflowType: string): boolean {
    const names = this.failureTypeNames(workflowType);
    return names !== undefined && names.some((n) => n === 'NondeterminismError' || n === 'DeterminismViolationError' || n === 'Error');
  }

  /**
   * Fails run `live` for a nondeterminism its replay found: a workflow task whose one command
   * fails the execution (a retry policy may retry it as a new run), as Temporal's core completes
   * the task when `workflowFailureErrorTypes` names `NondeterminismError`.
   */
  private failForNondeterminism(live: LiveRun, err: NondeterminismError, batch: Batch): void {
    this.applyTo(live, START_TASK, batch); // called from `workflowTask`: the task is scheduled
    const failure: FailureInfo = { kind: 'application', type: 'NondeterminismError', message: err.message, nonRetryable: false, details: [] };
    const commands: ResolvedCommand[] = [{ type: 'failWorkflow', failure }];
    const r = step(live.state, { kind: 'completeWorkflowTask', commands, newRunId: live.state.retryPolicy !== undefined || live.state.cronSchedule !== undefined ? randomUUID() : undefined }, Date.now(), true);
    live.state = r.state!;
    this.record(live, r.events, batch);
    this.effects(live, r.effects, batch);
    const { workflowId, runId } = live.state;
    batch.post.push(() => this.observers.emit({ kind: 'nondeterminism', workflowId, runId, error: err }));
  }
  private deferred: LiveRun[] = [];
  private deadlock: EngineError | undefined;
  /** the run whose workflow code is executing (what a watchdog timeout interrupted) */
  private activeTask: LiveRun | undefined;
  /** Makes the sink calls of a committed workflow task (`proxySinks`; see `EngineOptions.sinks`). */
  protected abstract callSinks(info: import('../runtime/runner.js').RunInfo, calls: readonly { sink: string; fn: string; args: unknown[] }[]): void;
  /** Called synchronously after a deadlock timeout was recorded; must not return to async code. */
  protected onDeadlock(err: EngineError): void {
    process.stderr.write(`wfverify: error ${err.describe()}\n`);
    process.exit(err.exitCode);
  }
  /** The executor as seen by {@link fillBatch}. */
  private readonly fillHost: FillHost<LiveRun> = (() => {
    const core = this;
    return {
      get maxBatch() { return core.maxBatch; },
      get deadlockTimeoutMs() { return core.modules.deadlockTimeoutMs; },
      get wftReady() { return core.wftReady; },
      deadlocked: () => core.deadlock !== undefined,
      applyQueued: (batch) => core.applyQueued(batch),
      needsReplay: (live) => core.needsReplay(live),
      workflowTask: (live, batch) => core.workflowTask(live, batch),
      takeActiveTask: () => { const t = core.activeTask; core.activeTask = undefined; return t; },
      failTask: (live, err, failure, batch) => core.failTask(live, err, failure, batch),
      onDeadlock: (err) => core.onDeadlock(err),
    };
  })();
  /** The executor as seen by the links between runs (./run-links.ts). */
  private readonly links: LinkHost = (() => {
    const core = this;
    return {
      runs: core.runs,
      current: core.current,
      get store() { return core.store; },
      queue: (item) => { core.queue.push(item); },
      apply: (runId, input, batch, module) => core.apply(runId, input, batch, module),
    };
  })();
  /** counters, for benchmarks and tests */
  readonly stats = { commits: 0, events: 0, workflowTasks: 0, activitiesCompleted: 0, activityAttempts: 0, replays: 0 };

  protected enqueue(item: QueueItem): void {
    if (this.closed) return;
    this.queue.push(item);
    this.schedulePump();
  }

  protected schedulePump(): void {
    if (this.pumpScheduled || this.closed) return;
    this.pumpScheduled = true;
    setImmediate(() => this.pump());
  }

  protected isIdle(): boolean {
    return this.queue.length === 0 && this.wftReady.size === 0 && this.activities.pending === 0 && this.localActivities.pending === 0 && !this.pumpScheduled;
  }

  /**
   * Group commits while there is work; each starts at most `FRESH_PER_BATCH` runs started from
   * outside. When all that is left is the first workflow tasks of such runs, the next call is
   * scheduled instead: what arrives meanwhile (activity outcomes, timers) joins the next batch,
   * so runs under way finish before fresh ones start (ready.ts), as if those starts had come a
   * moment later.
   */
  protected pump(): void {
    this.pumpScheduled = false;
    if (this.closed) return;
    while (this.queue.length > 0 || this.wftReady.size > 0 || this.pendingAttempts.length > 0 || this.pendingAttemptsDone.length > 0 || this.pendingInboxDone.length > 0) {
      const batch = new Batch();
      this.wftReady.allowFresh(FRESH_PER_BATCH);
      this.filling = batch;
      try {
        fillBatch(this.fillHost, batch);
      } finally {
        this.filling = undefined;
      }
      batch.write.attempts.push(...this.pendingAttempts);
      batch.write.attemptsDone.push(...this.pendingAttemptsDone);
      batch.write.inboxDone.push(...this.pendingInboxDone);
      this.pendingInboxDone = [];
      this.pendingAttempts = [];
      this.pendingAttemptsDone = [];
      this.commit(batch);
      if (this.closed) return;
      for (const live of this.deferred) this.wftReady.add(live);
      this.deferred = [];
      if (this.queue.length === 0 && this.wftReady.onlyFresh) {
        this.schedulePump();
        return;
      }
    }
    if (this.isIdle()) {
      const w = this.idleWaiters;
      this.idleWaiters = [];
      for (const r of w) r();
    }
  }

  private applyQueued(batch: Batch): void {
    while (this.queue.length > 0) {
      const items = this.queue;
      this.queue = [];
      for (let i = 0; i < items.length; i++) {
        const it = items[i];
        if (!this.apply(it.runId, it.input, batch, it.module, it)) continue; // waits for an open task (acknowledged once applied)
        if (!it.ack) continue;
        const started = it.input.kind === 'start' ? this.runs.get(it.runId) : undefined;
        // a fresh run's start is acknowledged with its first workflow task (ready.ts), unless that task waits for a backoff (cron, retry)
        if (started !== undefined && started.early !== undefined && started.startAck === undefined && started.state.backoffUntil === undefined) started.startAck = it.ack;
        else batch.acks.push(it.ack);
      }
    }
  }

  private needsReplay(live: LiveRun): boolean {
    return live.runner === undefined && live.early === undefined && live.state.status === 'running' && live.blocked === undefined;
  }

  protected commit(batch: Batch): void {
    this.store.commit(batch.write);
    if (this.deadlock) {
      // Interrupting workflow code inside a promise job leaves Node's async-hook stack
      // inconsistent (Node aborts at the next async operation), so the failure is committed
      // above and the process ends here, synchronously, with a clear message.
      const err = this.deadlock;
      this.deadlock = undefined;
      this.onDeadlock(err);
    }
    this.stats.commits++;
    // Indexed loops: long loops in a rarely called function (no iterator objects).
    const { events } = batch.write;
    for (let i = 0; i < events.length; i++) this.stats.events += events[i].events.length;
    const { post, acks } = batch;
    for (let i = 0; i < post.length; i++) post[i]();
    for (let i = 0; i < acks.length; i++) acks[i]();
  }

  /**
   * Applies one input to a run inside `batch`; false when it waits for the run's open workflow
   * task instead (./open-task.ts: `item` is kept, with its acknowledgement, and applied once the
   * task ends). A termination does not wait: the open task fails (Temporal's server drops a task
   * in flight).
   */
  protected apply(runId: string, input: StepInput, batch: Batch, module?: string, item?: QueueItem): boolean {
    let live = this.runs.get(runId);
    if (!live) {
      if (input.kind === 'update') this.settleUpdate(input.updateId, { kind: 'application', type: 'WorkflowExecutionAlreadyCompleted', message: `workflow execution already completed: run ${runId} closed before update ${input.updateId} reached it`, nonRetryable: true }, undefined, batch);
      if (input.kind !== 'start' || module === undefined) return true;
      const r = step(undefined, input, Date.now());
      live = { state: r.state!, module, early: [], external: input.parent === undefined && input.continuedExecutionRunId === undefined, batchSeq: 0, batchIndex: 0, open: undefined, held: undefined };
      this.runs.set(runId, live);
      this.current.set(input.workflowId, runId);
      try {
        this.modules.get(module).workflowOrThrow(input.workflowType); // the runner itself is made at the first workflow task
      } catch (err) {
        live.blocked = err as EngineError;
        live.early = undefined;
      }
      this.record(live, r.events, batch);
      batch.write.executions.push(execRow(live));
      this.effects(live, r.effects, batch);
      return true;
    }
    if (live.open !== undefined) {
      if (input.kind !== 'terminate') {
        if (!live.open.awaitingStart) { live.open.buffered.push(item ?? { runId, input, module }); return false; }
      } else this.abortOpenTask(live, 'the workflow was terminated while its workflow task waited for local activities', batch);
    }
    this.applyTo(live, input, batch);
    return true;
  }

  /** Applies one input to the run `live` (which must be the one registered under its run id). */
  private applyTo(live: LiveRun, input: StepInput, batch: Batch): void {
    if (input.kind === 'update' && live.state.status !== 'running') {
      this.redirectUpdate(live.state, input, batch);
      return;
    }
    const r = step(live.state, input, Date.now(), true);
    live.state = r.state!;
    this.record(live, r.events, batch);
    this.effects(live, r.effects, batch);
  }

  private record(live: LiveRun, events: readonly HistoryEvent[], batch: Batch, observed = false): void {
    if (events.length === 0) return;
    batch.addEvents(live.state.runId, events, live);
    if (live.sizer !== undefined) live.sizer.add(events);
    if (live.early !== undefined) for (let i = 0; i < events.length; i++) live.early.push(events[i]);
    else if (!observed) live.runner?.observe(events);
    if (this.observers.active) {
      const s = live.state;
      batch.post.push(() => {
        for (let i = 0; i < events.length; i++) this.observers.emit({ kind: 'history', workflowId: s.workflowId, runId: s.runId, workflowType: s.workflowType, event: events[i] });
      });
    }
  }

  /**
   * Runs one workflow task of a run: activate its code and record the commands, or, for a task
   * kept open by local activities (./open-task.ts), deliver the outcomes that arrived.
   */
  protected workflowTask(live: LiveRun, batch: Batch): void {
    const runId = live.state.runId;
    if (live.state.status !== 'running' || live.blocked) return; // closed (and maybe dropped) since it was queued
    const open = live.open;
    if (open !== undefined) { // kept open by local activities: go on once outcomes arrived, heartbeat when due
      if (open.awaitingStart) {
        this.stats.workflowTasks++;
        open.started(this.startTask(live), live.runner!.taskStartedAt);
        this.armHeartbeat(live, open);
        this.activateTask(live, open, batch);
      } else {
        if (open.arrived.length > 0) this.activateTask(live, open, batch);
        if (open.heartbeatDue && live.open === open) this.heartbeat(live, open, batch); // still open after the outcomes
      }
      return;
    }
    if (live.startAck) {
      batch.acks.push(live.startAck);
      live.startAck = undefined;
    }
    if (live.state.wftScheduledEventId === 0) {
      if (!live.state.wftFailed) return;
      this.applyTo(live, RETRY_TASK, batch);
    }
    if (!live.runner) {
      if (live.early === undefined && batch.touches(live)) { this.deferred.push(live); return; }
      try {
        live.runner = live.early !== undefined ? this.firstRunner(live) : this.rebuildRunner(live.module, this.store.history(runId));
      } catch (err) {
        if (err instanceof NondeterminismError && this.failsOnNondeterminism(live.state.workflowType)) this.failForNondeterminism(live, err, batch);
        else this.block(live, err, batch);
        return;
      }
    }
    this.stats.workflowTasks++;
    live.held = this.startTask(live); // recorded when the task completes or fails (failTask records it even after a watchdog interrupt)
    this.activateTask(live, live.runner.unresolvedLocal.size > 0 ? this.openTask(live, batch) : undefined, batch);
  }

  /**
   * Starts the scheduled workflow task of `live` (whose runner observes it) and returns its
   * `WorkflowTaskStarted`, recorded with the task's completion. A long history gets Temporal's
   * hint to continue as new.
   */
  private startTask(live: LiveRun): readonly HistoryEvent[] {
    const runner = live.runner!;
    const started = step(live.state, live.state.nextEventId > this.suggestContinueAsNewAfter ? START_TASK_SUGGEST_CAN : START_TASK, Date.now(), true);
    live.state = started.state!;
    runner.observe(started.events);
    if (live.state.admittedUpdates.length > 0) {
      for (const u of live.state.admittedUpdates) runner.queueUpdate(u.updateId, u.name, u.args);
      (live.state as MutableRunState).admittedUpdates = NO_UPDATES; // the live state is the executor's own (handed to `step` as owned)
    }
    return started.events;
  }

  /** Heartbeats the task of `task` after {@link HEARTBEAT_AFTER_MS} (unless it ended first). */
  private armHeartbeat(live: LiveRun, task: OpenTask): void {
    task.timer = setTimeout(() => {
      if (live.open !== task || task.awaitingStart) return;
      task.heartbeatDue = true;
      this.wftReady.add(live);
      this.schedulePump();
    }, HEARTBEAT_AFTER_MS);
    task.timer.unref();
  }

  /**
   * Heartbeats the open task of `live` (Temporal core's workflow task heartbeat): completes it
   * with its commands and markers so far and forces a new workflow task, which goes on waiting
   * for the same local activities. The inputs that waited for the task are applied now.
   */
  private heartbeat(live: LiveRun, task: OpenTask, batch: Batch): void {
    const { held, commands, sinkCalls, buffered } = task.heartbeat();
    this.record(live, held, batch, true);
    this.completeWith(live, commands, sinkCalls, batch, true);
    for (const it of buffered) this.queue.push(it);
  }

  /**
   * Keeps the workflow task of `live` open for local activities (its held WorkflowTaskStarted goes
   * with it), and runs those a replay left unresolved.
   */
  private openTask(live: LiveRun, batch: Batch): OpenTask {
    const runner = live.runner!;
    const task = new OpenTask(live.held ?? [], runner.taskStartedAt); // the WorkflowTaskStarted time, as replays use
    live.held = undefined;
    live.open = task;
    this.armHeartbeat(live, task);
    const unresolved = runner.unresolvedLocal;
    if (unresolved.size > 0) {
      this.dispatchLocal(task.resume(unresolved.values(), this.localRun(live)), batch);
      unresolved.clear();
    }
    return task;
  }

  /**
   * Activates the run's code and completes the workflow task with its commands — unless local
   * activities keep the task open (`task`, made at the first of them): then each round of
   * outcomes that arrived is delivered by one more activation. A terminal command ends the task at
   * once: local activities still running are abandoned, without markers.
   */
  private activateTask(live: LiveRun, task: OpenTask | undefined, batch: Batch): void {
    const runner = live.runner!;
    let failure: FailureInfo | undefined;
    let error: EngineError | undefined;
    try {
      for (;;) {
        if (task !== undefined) {
          for (const o of task.arrived) {
            runner.resolveLocal(o);
            if (o.completeTime !== undefined) task.now = o.completeTime;
          }
          task.arrived = [];
        }
        this.activeTask = live;
        const out = runner.activate(task === undefined ? runner.taskStartedAt : task.now);
        this.activeTask = undefined;
        if (out.taskFailure) {
          failure = out.taskFailure;
          error = new WorkflowTaskError('WFE3002', `workflow ${live.state.workflowType} (${live.state.workflowId}) threw ${out.taskFailure.type}: ${out.taskFailure.message}`);
          break;
        }
        if (task === undefined) {
          if (!out.commands.some(isLocalActivity)) { // the common case: the task completes now
            this.recordHeld(live, batch);
            this.completeWith(live, out.commands, out.sinkCalls, batch);
            return;
          }
          task = this.openTask(live, batch);
        }
        if (out.sinkCalls !== undefined) task.sinkCalls.push(...out.sinkCalls);
        this.dispatchLocal(task.take(out.commands, this.localRun(live), this.cancelLocal), batch);
        if (task.arrived.length > 0) continue; // cancelled without waiting: delivered by the next activation, within the task
        if (task.outstanding && !task.commands.some(isTerminal)) return; // open until an outcome arrives
        this.closeTask(live, task, batch);
        this.completeWith(live, task.commands, task.sinkCalls, batch);
        return;
      }
    } catch (err) {
      this.activeTask = undefined;
      error = asTaskError(err);
      failure = { kind: 'application', type: (err as Error).name, message: error.message };
    }
    this.failTask(live, error!, failure!, batch);
  }

  /** Completes the started workflow task of `live` with `commands`. */
  private completeWith(live: LiveRun, commands: readonly ResolvedCommand[], sinkCalls: readonly { sink: string; fn: string; args: unknown[] }[] | undefined, batch: Batch, forceNewTask = false): void {
    // the next run's id: for a continue-as-new, a failure the retry policy may retry, or any close of a cron run
    const next = commands.some(live.state.cronSchedule !== undefined ? closesRun : live.state.retryPolicy === undefined ? isContinueAsNew : continuesExecution);
    const r = step(live.state, { kind: 'completeWorkflowTask', commands, newRunId: next ? randomUUID() : undefined, forceNewTask }, Date.now(), true);
    live.state = r.state!;
    this.record(live, r.events, batch);
    live.runner!.learn(commands, r.events, 1); // the events after WorkflowTaskCompleted
    live.taskError = undefined;
    this.effects(live, r.effects, batch);
    if (sinkCalls !== undefined && sinkCalls.length > 0) {
      const info = runInfo(live.state);
      batch.post.push(() => this.callSinks(info, sinkCalls)); // once the task that made them is committed
    }
  }

  /** Records the held WorkflowTaskStarted of `live`'s task, if any (its runner observed it already). */
  private recordHeld(live: LiveRun, batch: Batch): void {
    const held = live.held;
    if (held === undefined) return;
    live.held = undefined;
    this.record(live, held, batch, true);
  }

  /**
   * Ends the open task of `live` (completed or failed): records its held WorkflowTaskStarted,
   * abandons its local activities still running, and queues the inputs that waited for it.
   */
  private closeTask(live: LiveRun, task: OpenTask, batch: Batch): void {
    live.open = undefined;
    clearTimeout(task.timer);
    this.record(live, task.held, batch, true);
    task.abandon(live.state.runId, this.cancelLocal);
    for (const it of task.buffered) this.queue.push(it);
  }

  /**
   * Fails the open task of `live` (its local activities abandoned): recorded as a failed workflow
   * task; its runner, left mid-task, is rebuilt by replay if the run goes on.
   */
  private abortOpenTask(live: LiveRun, message: string, batch: Batch): void {
    this.closeTask(live, live.open!, batch);
    live.runner = undefined;
    this.applyTo(live, { kind: 'failWorkflowTask', failure: { kind: 'application', type: 'Error', message }, cause: 'WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE' }, batch);
  }

  /** The run facts a local activity task carries. */
  private localRun(live: LiveRun): { runId: string; workflowId: string; workflowType: string; taskQueue: string } {
    const s = live.state;
    return { runId: s.runId, workflowId: s.workflowId, workflowType: s.workflowType, taskQueue: s.taskQueue };
  }

  /** Starts local activities once the batch that opened them commits. */
  private dispatchLocal(tasks: readonly ActivityTask[], batch: Batch): void {
    if (tasks.length > 0) batch.post.push(() => this.localActivities.dispatchAll(tasks));
  }

  /** Stops a local activity (keyed by `-seq` in the local activity worker). */
  private readonly cancelLocal = (runId: string, seq: number): void => this.localActivities.cancel(runId, -seq);
  /** Whether a local activity type has a function here (given to the workflow side, which refuses the others). */
  private readonly localActivityRuns = (activityType: string): boolean => this.localActivities.implements(activityType);

  /** The sink of the local activity worker: outcomes go to the open task of their run, which the next batch goes on with. */
  protected localActivitySink(): ActivitySink {
    const arrive = (t: ActivityTask, attempt: number, end: { result?: unknown; failure?: FailureInfo; backoffMs?: number; retryState?: string }): void => {
      const live = this.runs.get(t.runId);
      if (live?.open === undefined || !live.open.resolve(-t.activity.scheduledEventId, attempt, end)) return; // abandoned, or its task ended
      this.wftReady.add(live);
      this.schedulePump();
    };
    return {
      started: () => { this.stats.activityAttempts++; },
      completed: (t, attempt, result) => { this.stats.activitiesCompleted++; arrive(t, attempt, { result }); },
      failed: (t, attempt, failure, retryState) => { this.stats.activitiesCompleted++; arrive(t, attempt, { failure, retryState }); },
      canceled: (t, attempt) => { this.stats.activitiesCompleted++; arrive(t, attempt, { failure: { kind: 'cancelled', message: 'Activity cancelled' }, retryState: 'RETRY_STATE_CANCEL_REQUESTED' }); },
      backoff: (t, attempt, failure, delayMs) => { arrive(t, attempt, { failure, backoffMs: delayMs, retryState: 'RETRY_STATE_IN_PROGRESS' }); },
      retrying: () => undefined, // retried in memory: a local activity is at-least-once, like its task
      heartbeat: () => undefined,
    };
  }

  /** Records a failed workflow task (the runner, partially executed, is dropped and rebuilt by replay). */
  private failTask(live: LiveRun, err: EngineError, failure: FailureInfo, batch: Batch): void {
    const runId = live.state.runId;
    // its WorkflowTaskStarted, then the failure
    if (live.open !== undefined) this.closeTask(live, live.open, batch);
    else this.recordHeld(live, batch);
    if (err.code === 'WFE3003') {
      this.discardSandbox(live.module, batch);
      this.deadlock = err;
    }
    live.runner = undefined;
    this.apply(runId, { kind: 'failWorkflowTask', failure, cause: 'WORKFLOW_TASK_FAILED_CAUSE_WORKFLOW_WORKER_UNHANDLED_FAILURE' }, batch);
    live.taskError = err;
    batch.post.push(() => {
      this.observers.emit({ kind: 'workflowTaskFailed', workflowId: live.state.workflowId, runId, error: err });
      for (const w of this.taskErrorWaiters.get(runId) ?? []) w(err);
      this.taskErrorWaiters.delete(runId);
    });
  }

  private discardSandbox(module: string, batch?: Batch): void {
    this.modules.discard(module);
    for (const r of this.runs.values()) {
      if (r.module !== module) continue;
      // a task kept open by local activities loses its workflow code's state: it fails, and runs again by replay
      if (r.open !== undefined && batch !== undefined && r !== this.activeTask) this.abortOpenTask(r, 'the workflow sandbox was discarded after a deadlock in another run', batch);
      r.runner = undefined;
    }
  }

  private block(live: LiveRun, err: unknown, batch: Batch): void {
    const e = asTaskError(err);
    live.blocked = e;
    const { workflowId, runId } = live.state;
    batch.post.push(() => {
      this.observers.emit(e instanceof NondeterminismError ? { kind: 'nondeterminism', workflowId, runId, error: e } : { kind: 'workflowTaskFailed', workflowId, runId, error: e });
      for (const w of this.taskErrorWaiters.get(runId) ?? []) w(e);
      this.taskErrorWaiters.delete(runId);
    });
  }

  /**
   * The bytes of run `runId`'s events below `beforeEventId` (`workflowInfo().historySize`): an
   * open run counts its history once, from the store and the batch being filled, and from then on
   * each event as it is recorded; a closed one (a query) counts its stored history.
   */
  historyBytesBefore(runId: string, beforeEventId: number): number {
    const live = this.runs.get(runId);
    if (live === undefined) return historyBytesBefore(this.store.history(runId), beforeEventId);
    let sizer = live.sizer;
    if (sizer === undefined) {
      sizer = live.sizer = new HistorySizer();
      sizer.add(this.store.history(runId));
      if (this.filling !== undefined) sizer.add(this.filling.eventsOf(live));
    }
    return sizer.bytesBefore(beforeEventId);
  }

  /** The runner of a run that has not had a workflow task yet: it observes the run's events so far. */
  protected firstRunner(live: LiveRun): WorkflowRunner {
    const info = runInfo(live.state);
    info.failureExceptionTypeNames = this.failureTypeNames(info.workflowType);
    info.localActivityRuns = this.localActivityRuns;
    const runner = new WorkflowRunner(this.modules.get(live.module), info);
    runner.historySizes = this;
    runner.observe(live.early ?? []);
    live.early = undefined;
    return runner;
  }

  /** A runner for `module` brought up to date by replaying `history`. */
  protected rebuildRunner(module: string, history: readonly HistoryEvent[]): WorkflowRunner {
    const info = replayInfo(history);
    // a run an earlier engine started draws the randomness it drew then (its id is its original execution run id)
    if (this.store.randomness(info.runId) === 'legacy') info.legacyRandom = true;
    info.failureExceptionTypeNames = this.failureTypeNames(info.workflowType);
    info.localActivityRuns = this.localActivityRuns;
    const runner = new WorkflowRunner(this.modules.get(module), info);
    runner.historySizes = this;
    runner.replay(history);
    this.stats.replays++;
    return runner;
  }

  /** Performs (or schedules after commit) the effects of a step. */
  protected effects(live: LiveRun, effects: readonly Effect[], batch: Batch): void {
    const s = live.state;
    const runId = s.runId;
    for (let i = 0; i < effects.length; i++) {
      const e = effects[i];
      switch (e.kind) {
        case 'workflowTaskReady': this.wftReady.add(live, live.early !== undefined && live.external === true); break;
        case 'dispatchActivity': {
          const task: ActivityTask = { runId, workflowId: s.workflowId, workflowType: s.workflowType, taskQueue: s.taskQueue, activity: e.activity, attempt: 1, notBefore: 0 };
          batch.post.push(() => this.activities.dispatch(task));
          break;
        }
        case 'cancelActivity': batch.post.push(() => this.activities.cancel(runId, e.scheduledEventId)); break;
        case 'startTimer': batch.post.push(() => this.timers.add({ runId, timerId: e.timerId }, e.fireAt)); break;
        case 'cancelTimer': batch.post.push(() => this.timers.cancel({ runId, timerId: e.timerId })); break;
        case 'startChild': startChild(this.links, live, e, batch); break;
        case 'signalExternal': case 'cancelExternal': requestExternal(this.links, live, e); break;
        case 'updateCompleted': this.settleUpdate(e.updateId, e.failure, e.result, batch); break;
        case 'closed': this.closeRun(live, e, batch); break;
        default: {
          const never: never = e;
          throw new Error(`unhandled effect ${(never as Effect).kind}`);
        }
      }
    }
  }

  /**
   * Tells an update's caller its outcome once the batch is committed: the waiter in this process,
   * or, for an update from another process (`wfverify update`), the store it waits on.
   */
  private settleUpdate(updateId: string, failure: FailureInfo | undefined, result: unknown, batch: Batch): void {
    if (this.remoteUpdates.delete(updateId)) batch.write.updateOutcomes.push({ updateId, outcome: failure ? { failure } : { result } });
    const w = this.updateWaiters.get(updateId);
    if (w) batch.post.push(() => { this.updateWaiters.delete(updateId); if (failure) w.reject(Object.assign(new Error(failure.message), { failure })); else w.resolve(result); });
  }

  /**
   * The updates of a run that closed before completing them, as Temporal's server aborts them:
   * an accepted one fails with its `AcceptedUpdateCompletedWorkflow` failure; one not yet
   * delivered to the workflow goes on to the run that continues the execution (continue-as-new,
   * a retry, the next cron run: on Temporal its client retries it there), else fails as the
   * closed execution's error. Call after the next run is started.
   */
  private abandonUpdates(s: RunState, batch: Batch): void {
    for (const updateId in s.acceptedUpdates) this.settleUpdate(updateId, ACCEPTED_UPDATE_ABORTED, undefined, batch);
    for (const u of s.admittedUpdates) this.redirectUpdate(s, { kind: 'update', updateId: u.updateId, name: u.name, args: u.args }, batch);
  }

  /** An update for closed run `s`: to the run that continues its execution, if it has one in this process, else failed. */
  private redirectUpdate(s: RunState, input: Extract<StepInput, { kind: 'update' }>, batch: Batch): void {
    const next = s.outcome?.newRunId;
    if (next !== undefined && this.runs.get(next)?.state.status === 'running') this.queue.push({ runId: next, input });
    else this.settleUpdate(input.updateId, closedBeforeUpdate(s), undefined, batch);
  }

  private closeRun(live: LiveRun, e: Extract<Effect, { kind: 'closed' }>, batch: Batch): void {
    const s = live.state;
    batch.write.executions.push(execRow(live));
    if (live.startAck) {
      batch.acks.push(live.startAck);
      live.startAck = undefined;
    }
    batch.post.push(() => {
      for (const w of this.waiters.get(s.runId) ?? []) w(e.outcome);
      this.waiters.delete(s.runId);
      this.taskErrorWaiters.delete(s.runId);
      this.timers.dropRun(s.runId);
      this.runs.delete(s.runId);
      // closed runs are found in the store: a long-lived worker keeps nothing per finished workflow
      if (this.current.get(s.workflowId) === s.runId) this.current.delete(s.workflowId);
    });
    followClose(this.links, live, e, batch);
    this.abandonUpdates(s, batch); // after the next run (if any) started
  }

  /** Rebuilds every open run from the store and resumes its pending work (see `./recovery.ts`). */
  protected recover(): void {
    const core = this;
    recoverOpenRuns({
      failsOnNondeterminism: (workflowType) => core.failsOnNondeterminism(workflowType),
      store: this.store,
      modules: this.modules,
      register: (row, live) => { core.runs.set(row.runId, live); core.current.set(row.workflowId, row.runId); },
      rebuildRunner: (module, history) => core.rebuildRunner(module, history),
      discardSandbox: (module) => core.discardSandbox(module),
      onDeadlock: (err) => core.onDeadlock(err),
      applyTo: (live, input, batch) => core.applyTo(live, input, batch),
      commit: (batch) => core.commit(batch),
      effects: (live, effects, batch) => core.effects(live, effects, batch),
      dispatch: (task) => core.activities.dispatch(task),
    });
    this.schedulePump();
  }

  /** The sink through which the activity worker reports outcomes. */
  protected activitySink(): ActivitySink {
    const done = (t: ActivityTask): void => {
      this.stats.activitiesCompleted++;
      if (t.attempt > 1) this.pendingAttemptsDone.push({ runId: t.runId, scheduledEventId: t.activity.scheduledEventId });
    };
    return {
      started: () => { this.stats.activityAttempts++; },
      completed: (t, attempt, result) => { done(t); this.enqueue({ runId: t.runId, input: { kind: 'activityCompleted', scheduledEventId: t.activity.scheduledEventId, attempt, result, lastFailure: t.lastFailure } }); },
      failed: (t, attempt, failure, retryState, timedOut) => {
        done(t);
        const id = t.activity.scheduledEventId;
        const lastFailure = t.lastFailure;
        this.enqueue({ runId: t.runId, input: timedOut ? { kind: 'activityTimedOut', scheduledEventId: id, attempt, failure, retryState, lastFailure } : { kind: 'activityFailed', scheduledEventId: id, attempt, failure, retryState, lastFailure } });
      },
      canceled: (t, attempt, started) => { done(t); this.enqueue({ runId: t.runId, input: { kind: 'activityCanceled', scheduledEventId: t.activity.scheduledEventId, attempt, started, details: [], lastFailure: t.lastFailure } }); },
      retrying: (t, attempt, nextAttemptAt, failure) => {
        this.pendingAttempts.push({ runId: t.runId, scheduledEventId: t.activity.scheduledEventId, attempt, nextAttemptAt, heartbeatDetails: t.heartbeatDetails, lastFailure: failure });
        this.schedulePump();
        if (this.observers.active) this.observers.emit({ kind: 'activityRetrying', workflowId: t.workflowId, runId: t.runId, activityType: t.activity.activityType, attempt, failure });
      },
      heartbeat: () => undefined,
    };
  }
  /**
   * Commits the retry bookkeeping not yet committed (the attempt each failed activity runs next),
   * so that a worker that stops resumes the attempt count where it was. The rest of the pending
   * work is not committed: it is recovered from what was, as after a crash.
   */
  protected commitPendingAttempts(): void {
    if (this.pendingAttempts.length === 0) return;
    this.store.commit({ ...emptyBatch(), attempts: this.pendingAttempts });
    this.pendingAttempts = [];
  }
  protected pendingAttempts: import('../store/store.js').ActivityAttemptRow[] = [];
  protected pendingAttemptsDone: { runId: string; scheduledEventId: number }[] = [];
  protected pendingInboxDone: number[] = [];
}

/** How Temporal's server fails an accepted update whose workflow closed first (its `acceptedUpdateCompletedWorkflowFailure`). */
const ACCEPTED_UPDATE_ABORTED: FailureInfo = Object.freeze({
  kind: 'application', type: 'AcceptedUpdateCompletedWorkflow', nonRetryable: true,
  message: 'Workflow Update failed because the Workflow completed before the Update completed.',
});

/** The error of an update that never reached the workflow code of run `s`, closed first (Temporal: "workflow execution already completed"). */
function closedBeforeUpdate(s: RunState): FailureInfo {
  return { kind: 'application', type: 'WorkflowExecutionAlreadyCompleted', nonRetryable: true, message: `workflow execution already completed: ${s.workflowId} (run ${s.runId}) closed ${s.status} before the update reached it` };
}

/** Inputs without data (shared). */
const START_TASK: StepInput = Object.freeze({ kind: 'startWorkflowTask' });
const START_TASK_SUGGEST_CAN: StepInput = Object.freeze({ kind: 'startWorkflowTask', suggestContinueAsNew: true });
const RETRY_TASK: StepInput = Object.freeze({ kind: 'retryWorkflowTask' });

function isLocalActivity(c: ResolvedCommand): boolean {
  return c.type === 'scheduleLocalActivity' || c.type === 'requestCancelLocalActivity';
}

function isTerminal(c: ResolvedCommand): boolean {
  return TERMINAL_COMMANDS.has(c.type);
}

function isContinueAsNew(c: ResolvedCommand): boolean {
  return c.type === 'continueAsNew';
}

function continuesExecution(c: ResolvedCommand): boolean {
  return c.type === 'continueAsNew' || c.type === 'failWorkflow';
}

/** A command after which a cron workflow's next run may start. */
function closesRun(c: ResolvedCommand): boolean {
  return c.type === 'continueAsNew' || c.type === 'failWorkflow' || c.type === 'completeWorkflow';
}

/** The `WorkflowRunner` info of a run (before its first workflow task: at a later one, its memo and search attributes may have changed since its start, see {@link replayInfo}). */
export function runInfo(s: RunState): import('../runtime/runner.js').RunInfo {
  return {
    workflowId: s.workflowId, runId: s.runId, workflowType: s.workflowType, taskQueue: s.taskQueue, firstExecutionRunId: s.firstExecutionRunId,
    continuedFromExecutionRunId: s.continuedExecutionRunId, attempt: s.attempt, parent: s.parent ? { workflowId: s.parent.workflowId, runId: s.parent.runId } : undefined, startTime: s.startTime,
    retryPolicy: s.retryPolicy, runTimeoutMs: s.timeouts?.runMs, executionTimeoutMs: s.timeouts?.executionMs, executionExpirationTime: s.timeouts?.expiresAt,
    cronSchedule: s.cronSchedule, lastResult: s.lastCompletionResult, lastFailure: s.continuedFailure,
    memo: s.memo, searchAttributes: s.searchAttributes,
  };
}

/**
 * The `WorkflowRunner` info of the run whose history is `history`, for a replay: the info its code
 * saw at its start (everything in it is fixed then, but the memo and search attributes, which the
 * replayed upserts change again), so from the first event, not from the fold of the whole history.
 */
export function replayInfo(history: readonly HistoryEvent[]): import('../runtime/runner.js').RunInfo {
  return runInfo(initialState(history[0]));
}

function execRow(live: LiveRun): ExecutionRow {
  const s = live.state;
  return {
    workflowId: s.workflowId, runId: s.runId, workflowType: s.workflowType, status: s.status, module: live.module,
    startTime: s.startTime, closeTime: s.status === 'running' ? undefined : Date.now(), outcome: s.outcome,
  };
}

export { Batch, emptyBatch, type QueueItem };


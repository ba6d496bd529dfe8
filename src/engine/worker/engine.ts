/**
 * The engine: a single-process durable executor around the pure {@link step} function.
 *
 * Loop: inputs (starts, signals, activity outcomes, timer firings) are queued; `pump` applies
 * them with `step`, runs the workflow tasks they made ready in the sandbox, writes everything in
 * ONE store transaction (group commit), and only then performs effects: dispatching activities,
 * arming timers, resolving callers (acknowledgement = after commit) and notifying observers.
 * Cross-run effects (child start, child result to parent, continue-as-new, external signals)
 * are applied inside the same batch, so they are atomic with their cause.
 *
 * Recovery (`Engine.open`): every open run's history is folded into its state and replayed
 * through its workflow code (detecting nondeterminism); pending activities are re-dispatched
 * (at-least-once), timers re-armed, pending workflow tasks re-run. Runs that a `terminate` in
 * the inbox ends are terminated first, without replay.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { EngineError, EngineInputError } from '../errors.js';
import type { HistoryEvent } from '../history/events.js';
import { RETRY_BACKOFF_TIMER, RUN_TIMEOUT_TIMER, type StepInput } from '../model/step.js';
import { idReuseAllowed, type RunOutcome } from '../model/state.js';
import { MemoryStore } from '../store/memory.js';
import type { RunInfo } from '../runtime/runner.js';
import { SqliteStore, type SyncPolicy } from '../store/sqlite.js';
import type { EngineStore, InboxRow } from '../store/store.js';
import { ActivityRunner, type ActivityFn } from './activities.js';
import { EngineCore } from './core.js';
import { inboxInput } from './recovery.js';
import { WorkflowModules } from './modules.js';
import type { EngineListener } from './observers.js';
import { TimerService } from './timers.js';
import { lineLog, type LogLevel, type LogSink } from './log.js';
import type { RetryPolicy } from '../workflow/retry-policy.js';
import { checkStartOptions } from './start-options.js';

export interface EngineOptions {
  /** SQLite file, or `:memory:` / undefined for the in-memory store */
  db?: string;
  sync?: SyncPolicy;
  /** activity implementations by type name */
  activities?: Readonly<Record<string, ActivityFn>>;
  /**
   * more activity implementations for a workflow module, asked once when the module is first
   * loaded (a worker loads the activities beside each module it meets, e.g. one `wfverify start`
   * names); types already known keep their function
   */
  activitiesFor?: (module: string) => Readonly<Record<string, ActivityFn>> | undefined;
  /** workflow module used by `start` when none is given */
  workflows?: string;
  taskQueue?: string;
  deadlockTimeoutMs?: number;
  maxConcurrentActivities?: number;
  /** max inputs + workflow tasks per group commit */
  maxBatch?: number;
  /**
   * where `log` calls of workflow and activity code go: a sink, or `false` for nowhere; default
   * INFO and above to stderr, one line each (workflow logs are not repeated by replays)
   */
  log?: LogSink | false;
  /** history length (events) from which workflow tasks suggest continue-as-new (`workflowInfo().continueAsNewSuggested`); Temporal's default 4,096 */
  suggestContinueAsNewAfter?: number;
  /**
   * poll the inbox (messages from other processes: `wfverify signal`, …) every N ms; 0 = never.
   * Default 100 for a database file — whatever the sync policy, which is only about fsync —
   * and 0 for the in-memory store, which no other process can reach.
   */
  inboxPollMs?: number;
  /**
   * Temporal's injected sinks: functions workflow code calls through `proxySinks<T>()`
   * (`sinks.analytics.track(…)` in workflow code calls `sinks.analytics.track.fn(info, …)` here),
   * once the workflow task that made the call is committed, with the run's facts first and the
   * arguments as JSON copies; never for a replay. `defaultWorkerLogger` (Temporal's
   * `LoggerSinks`) is built in and writes to `log`. A call to a sink not given here is logged
   * as an error and dropped, as Temporal's worker does; an error thrown by a sink is logged.
   */
  sinks?: Record<string, Record<string, { fn(info: RunInfo, ...args: any[]): void | Promise<void> }>>;
  /**
   * Temporal's worker option `workflowFailureErrorTypes`: workflow type (or `'*'` for all) →
   * error class names whose errors fail the execution instead of the workflow task, matched along
   * the error's constructor chain (`'Error'` matches anything). `NondeterminismError` (or
   * `DeterminismViolationError`, or `Error`) also makes a nondeterminism found when a run's
   * history is replayed fail the execution, where the run would otherwise stay open, blocked.
   */
  workflowFailureErrorTypes?: Readonly<Record<string, readonly string[]>>;
}

export interface StartOptions {
  workflowId?: string;
  args?: readonly unknown[];
  /** workflow module (absolute or relative path); default `options.workflows` */
  module?: string;
  taskQueue?: string;
  /** the run's timeout (ms, or a duration such as `'1h'`): the run times out (`timedOut`) if still open then */
  workflowRunTimeout?: number | string;
  /** the whole execution's timeout, across continue-as-new (ms or a duration) */
  workflowExecutionTimeout?: number | string;
  /** whether the id of a closed run may be reused (Temporal's; default ALLOW_DUPLICATE) */
  workflowIdReusePolicy?: string;
  /**
   * what a start does when the id's run is open (Temporal's `WorkflowIdConflictPolicy`): `FAIL`
   * (the default: WFE1005), `USE_EXISTING` (no new run: the open run's ids are returned) or
   * `TERMINATE_EXISTING` (the open run is terminated and the new one starts, in one commit);
   * signal-with-start always signals an open run (`USE_EXISTING` only)
   */
  workflowIdConflictPolicy?: string;
  /**
   * the execution's retry policy (Temporal's workflow `retry`): a run that fails or times out is
   * retried as a new run of the same workflow id, after the policy's backoff; absent = never
   */
  retry?: RetryPolicy;
  /**
   * Temporal's cron schedule (UTC; five fields or a descriptor such as `@hourly`, `@every 5m`):
   * the first run waits for the first time, and each run that completes, fails or times out
   * starts the next at the following time, until the execution is cancelled or terminated
   */
  cronSchedule?: string;
  /** the run's memo: name → JSON value (Temporal's; `workflowInfo().memo`, `wfverify describe`) */
  memo?: Record<string, unknown>;
  /**
   * the run's search attributes, Temporal's `SearchAttributes`: name → an array of strings,
   * numbers, booleans or Dates (stored as ISO strings); `workflowInfo().searchAttributes`
   */
  searchAttributes?: Record<string, readonly unknown[]>;
}

const BACKOFF_ELAPSED: StepInput = Object.freeze({ kind: 'backoffElapsed' });

/** `EngineOptions.workflowFailureErrorTypes`, checked (an input error otherwise) and copied. */
function checkFailureErrorTypes(v: EngineOptions['workflowFailureErrorTypes']): Record<string, readonly string[]> | undefined {
  if (v === undefined) return undefined;
  const ok = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((names) => Array.isArray(names) && names.every((n) => typeof n === 'string' && n !== ''));
  if (!ok) throw new EngineInputError('WFE1007', 'workflowFailureErrorTypes (--failure-error-types) must map workflow types (or "*") to arrays of error class names');
  return Object.fromEntries(Object.entries(v).map(([k, names]) => [k, Object.freeze([...names])]));
}

/** The durable workflow engine (public API). */
export class Engine extends EngineCore {
  readonly store: EngineStore;
  protected readonly modules: WorkflowModules;
  protected readonly activities: ActivityRunner;
  protected readonly localActivities: ActivityRunner;
  protected readonly timers: TimerService;
  private inboxCursor = 0;
  private readonly logSink: LogSink | undefined;
  private inboxTimer: NodeJS.Timeout | undefined;
  private resultWaiters = 0;

  private constructor(private readonly options: EngineOptions) {
    super();
    this.store = options.db === undefined || options.db === ':memory:' ? new MemoryStore() : new SqliteStore(options.db, { sync: options.sync });
    const log = options.log === false ? undefined : options.log ?? lineLog('INFO');
    this.logSink = log;
    this.modules = new WorkflowModules({
      deadlockTimeoutMs: options.deadlockTimeoutMs,
      log: log === undefined ? undefined : (level, message, attrs, run) => log({ level: level as LogLevel, message, attrs, source: 'workflow', ...run }),
      // workflow metrics go to the subscribers (nothing is kept when there are none, as with no metrics exporter on Temporal)
      metric: (metric, run) => { if (this.observers.active) this.observers.emit({ kind: 'metric', ...run, metric }); },
    }, options.activitiesFor === undefined ? undefined : (module) => {
      const fns = options.activitiesFor!(module);
      if (fns !== undefined) { this.activities.register(fns); this.localActivities.register(fns); }
    });
    this.activities = new ActivityRunner(options.activities ?? {}, this.activitySink(), options.maxConcurrentActivities ?? 1000, log);
    this.localActivities = new ActivityRunner(options.activities ?? {}, this.localActivitySink(), options.maxConcurrentActivities ?? 1000, log);
    this.timers = new TimerService((k) => this.enqueue({ runId: k.runId, input: timerInput(k.timerId) }));
    if (options.maxBatch) this.maxBatch = options.maxBatch;
    if (options.suggestContinueAsNewAfter !== undefined) this.suggestContinueAsNewAfter = options.suggestContinueAsNewAfter;
    this.failureErrorTypes = checkFailureErrorTypes(options.workflowFailureErrorTypes);
  }

  /** Opens (and recovers) an engine. Throws `EngineStoreError` for an unusable database. */
  static async open(options: EngineOptions = {}): Promise<Engine> {
    const e = new Engine(options);
    try {
      e.store.acquireWorkerLock(process.pid);
      e.recover();
    } catch (err) {
      e.store.close();
      throw err;
    }
    const poll = options.inboxPollMs ?? (e.store.shared ? 100 : 0);
    if (poll > 0) {
      e.inboxTimer = setInterval(() => e.pollInbox(), poll);
      e.inboxTimer.unref();
    }
    e.pollInbox();
    return e;
  }

  protected callSinks(info: RunInfo, calls: readonly { sink: string; fn: string; args: unknown[] }[]): void {
    const run = { workflowId: info.workflowId, runId: info.runId, workflowType: info.workflowType };
    for (const c of calls) {
      if (c.sink === 'defaultWorkerLogger' && this.options.sinks?.defaultWorkerLogger === undefined && ['trace', 'debug', 'info', 'warn', 'error'].includes(c.fn)) {
        this.logSink?.({ level: c.fn.toUpperCase() as LogLevel, message: String(c.args[0]), attrs: c.args[1], source: 'workflow', ...run });
        continue;
      }
      const injected = this.options.sinks?.[c.sink]?.[c.fn];
      const failed = (err: unknown): void => this.logSink?.({ level: 'ERROR', message: `sink ${c.sink}.${c.fn} failed: ${(err as Error)?.message ?? String(err)}`, source: 'engine', ...run });
      if (injected === undefined) {
        this.logSink?.({ level: 'ERROR', message: `workflow called sink ${c.sink}.${c.fn}, which the engine was not given (EngineOptions.sinks): the call is dropped`, source: 'engine', ...run });
        continue;
      }
      try {
        const r = injected.fn(info, ...c.args);
        if (r !== undefined && typeof (r as Promise<void>).then === 'function') (r as Promise<void>).then(undefined, failed);
      } catch (err) {
        failed(err);
      }
    }
  }

  subscribe(listener: EngineListener): () => void {
    return this.observers.subscribe(listener);
  }

  /** `path.resolve(file)`, remembered for the last file and working directory (a burst of starts names one module). */
  private resolveModule(file: string): string {
    const cwd = process.cwd();
    const last = this.lastModule;
    if (last !== undefined && last.file === file && last.cwd === cwd) return last.resolved;
    const resolved = path.resolve(file);
    this.lastModule = { file, cwd, resolved };
    return resolved;
  }
  private lastModule: { file: string; cwd: string; resolved: string } | undefined;

  /** Starts a workflow; resolves once the start is durable. */
  start(workflowType: string, o: StartOptions = {}): Promise<{ workflowId: string; runId: string }> {
    return this.startRun(workflowType, o, undefined);
  }

  /**
   * Temporal's signal-with-start: signals the open run of `o.workflowId`, or starts one with the
   * signal recorded right after `WorkflowExecutionStarted`, in the same commit (its code sees the
   * signal in its first activation). Resolves with the run signalled, once durable.
   */
  async signalWithStart(workflowType: string, o: StartOptions & { workflowId: string; signal: string; signalArgs?: readonly unknown[] }): Promise<{ workflowId: string; runId: string }> {
    const { workflowId } = o;
    const runId = this.current.get(workflowId);
    if (runId !== undefined && this.runs.get(runId)?.state.status === 'running') {
      await this.signal(workflowId, o.signal, ...(o.signalArgs ?? []));
      return { workflowId, runId };
    }
    return this.startRun(workflowType, o, { signalName: o.signal, input: o.signalArgs ?? [] });
  }

  private async startRun(workflowType: string, o: StartOptions, signal: { signalName: string; input: readonly unknown[] } | undefined): Promise<{ workflowId: string; runId: string }> {
    const module = this.resolveModule(o.module ?? this.options.workflows ?? '');
    if (!o.module && !this.options.workflows) throw new EngineInputError('WFE1003', 'no workflow module given');
    this.modules.get(module).workflowOrThrow(workflowType);
    const workflowId = o.workflowId ?? randomUUID();
    const { runTimeoutMs, executionTimeoutMs, retryPolicy, cronSchedule, reusePolicy: policy, conflictPolicy, memo, searchAttributes } = checkStartOptions(o);
    if (signal !== undefined && conflictPolicy !== undefined && conflictPolicy !== 'USE_EXISTING') {
      throw new EngineInputError('WFE1007', `signal-with-start signals an open run: workflowIdConflictPolicy ${conflictPolicy} is not supported with it (only USE_EXISTING)`);
    }
    const prev = this.store.execution(workflowId);
    const cur = this.runs.get(this.current.get(workflowId) ?? '');
    const open = cur?.state.status === 'running' ? cur.state.runId : prev?.status === 'running' ? prev.runId : undefined;
    if (open !== undefined && conflictPolicy === 'USE_EXISTING') return { workflowId, runId: open };
    if (open !== undefined && conflictPolicy !== 'TERMINATE_EXISTING') {
      throw new EngineInputError('WFE1005', `workflow execution ${workflowId} is already running`, { hint: 'workflowIdConflictPolicy USE_EXISTING returns the open run; TERMINATE_EXISTING replaces it' });
    }
    // with TERMINATE_EXISTING, the id's last run is the open one once terminated
    const previous = open !== undefined ? 'terminated' : cur?.state.status ?? prev?.status;
    if (!idReuseAllowed(policy, previous)) {
      throw new EngineInputError('WFE1005', `workflow execution ${workflowId} ${open !== undefined ? 'is running' : `already ran (${previous})`} and workflowIdReusePolicy is ${policy}`);
    }
    // queued before the start: the open run is terminated, then the new one starts, in the same group commit
    if (open !== undefined) void this.toRun(workflowId, { kind: 'terminate', reason: 'terminated by a new start of its workflow id (workflowIdConflictPolicy TERMINATE_EXISTING)' }).catch(() => undefined);
    const runId = randomUUID();
    this.current.set(workflowId, runId);
    await new Promise<void>((ack) => {
      this.enqueue({
        runId, module, ack,
        input: { kind: 'start', workflowId, runId, workflowType, taskQueue: o.taskQueue ?? this.options.taskQueue ?? 'default', input: o.args ?? [], workflowRunTimeoutMs: runTimeoutMs, workflowExecutionTimeoutMs: executionTimeoutMs, retryPolicy, signal, cronSchedule, memo, searchAttributes },
      });
    });
    return { workflowId, runId };
  }

  /**
   * Resolves with the outcome of the workflow's last run (following continue-as-new and retries). While it
   * waits, the inbox poller keeps the process alive (a signal may come from another process);
   * timers and activity attempts and retries keep it alive by themselves.
   */
  async result(workflowId: string): Promise<RunOutcome> {
    this.resultWaiters++;
    this.inboxTimer?.ref();
    try {
      return await this.awaitResult(workflowId);
    } finally {
      if (--this.resultWaiters === 0) this.inboxTimer?.unref();
    }
  }

  private async awaitResult(workflowId: string): Promise<RunOutcome> {
    for (;;) {
      const runId = this.current.get(workflowId) ?? this.store.execution(workflowId)?.runId;
      if (!runId) throw new EngineInputError('WFE1004', `unknown workflow execution ${workflowId}`);
      const live = this.runs.get(runId);
      let outcome: RunOutcome | undefined;
      if (live) {
        if (live.blocked) throw live.blocked;
        if (live.taskError) throw live.taskError;
        outcome = await new Promise<RunOutcome>((resolve, reject) => {
          this.on(this.waiters, runId, resolve);
          this.on(this.taskErrorWaiters, runId, reject);
        });
      } else outcome = this.store.execution(workflowId, runId)?.outcome;
      if (!outcome) throw new EngineInputError('WFE1004', `workflow execution ${workflowId} has no outcome`);
      if (outcome.newRunId === undefined) return outcome;
      await this.idle();
    }
  }

  private on<T>(m: Map<string, T[]>, key: string, v: T): void {
    const l = m.get(key);
    if (l) l.push(v);
    else m.set(key, [v]);
  }

  /** Sends a signal; resolves once it is durable. */
  signal(workflowId: string, signalName: string, ...args: unknown[]): Promise<void> {
    return this.toRun(workflowId, { kind: 'signal', signalName, input: args });
  }

  /** Requests cancellation of the workflow. */
  cancel(workflowId: string, cause = 'cancelled by user'): Promise<void> {
    return this.toRun(workflowId, { kind: 'cancelRequest', cause });
  }

  /** Terminates the workflow at once (no workflow code runs). */
  terminate(workflowId: string, reason = 'terminated by user'): Promise<void> {
    return this.toRun(workflowId, { kind: 'terminate', reason });
  }

  /** Sends an update and resolves with the handler's result (rejects with its failure). */
  async update(workflowId: string, name: string, ...args: unknown[]): Promise<unknown> {
    const updateId = randomUUID();
    const done = new Promise<unknown>((resolve, reject) => this.updateWaiters.set(updateId, { resolve, reject }));
    try {
      await this.toRun(workflowId, { kind: 'update', updateId, name, args });
    } catch (err) {
      this.updateWaiters.delete(updateId); // refused (no such run, or closed): nothing will settle it
      throw err;
    }
    return done;
  }

  private toRun(workflowId: string, input: StepInput): Promise<void> {
    const runId = this.current.get(workflowId);
    const live = runId ? this.runs.get(runId) : undefined;
    if (!live || live.state.status !== 'running') {
      const row = this.store.execution(workflowId);
      if (!row) return Promise.reject(new EngineInputError('WFE1004', `unknown workflow execution ${workflowId}`));
      return Promise.reject(new EngineInputError('WFE1009', `workflow execution ${workflowId} is closed (${row.status})`));
    }
    return new Promise<void>((ack) => this.enqueue({ runId: runId!, input, ack }));
  }

  /** Runs a query handler on the live run (or on a replay of a closed one). */
  query(workflowId: string, name: string, ...args: unknown[]): unknown {
    const runId = this.current.get(workflowId) ?? this.store.execution(workflowId)?.runId;
    if (!runId) throw new EngineInputError('WFE1004', `unknown workflow execution ${workflowId}`);
    const live = this.runs.get(runId);
    let runner = live?.runner;
    if (!runner && live?.early !== undefined && live.blocked === undefined) live.runner = runner = this.firstRunner(live);
    if (!runner) {
      const row = this.store.execution(workflowId, runId)!;
      runner = this.rebuildRunner(row.module, this.store.history(runId));
    }
    try {
      return runner.query(name, args);
    } catch (err) {
      if (err instanceof EngineError) throw err;
      throw new EngineInputError('WFE1006', (err as Error).message);
    }
  }

  /** The history of the workflow's current (or given) run. */
  history(workflowId: string, runId?: string): HistoryEvent[] {
    const row = this.store.execution(workflowId, runId);
    if (!row) throw new EngineInputError('WFE1004', `unknown workflow execution ${workflowId}`);
    return this.store.history(row.runId);
  }

  /** Resolves when no input, workflow task, activity or inbox message is outstanding (timers may be). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }


  /** Stops the engine; pending work stays durable and resumes at the next open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.inboxTimer) clearInterval(this.inboxTimer);
    this.activities.stop();
    this.localActivities.stop();
    this.timers.stop();
    this.commitPendingAttempts();
    this.store.releaseWorkerLock(process.pid);
    this.store.close();
  }

  get openRunCount(): number {
    let n = 0;
    for (const r of this.runs.values()) if (r.state.status === 'running') n++;
    return n;
  }


  /**
   * A start queued by `wfverify start`: started (or signalled with start) as `start` would; the
   * inbox row is done in the same commit. A start that is refused (its id is taken by now, its
   * module no longer loads) is logged and dropped: `wfverify start` checked it when it queued it.
   */
  private startFromInbox(r: InboxRow): void {
    this.pendingInboxDone.push(r.id);
    const s = r.payload.start;
    const refused = (err: unknown): void => {
      this.logSink?.({ level: 'ERROR', message: `queued start of ${r.workflowId} refused: ${(err as Error).message}`, source: 'engine', workflowId: r.workflowId, workflowType: s?.workflowType });
    };
    if (s === undefined) { refused(new Error('the message has no start')); this.schedulePump(); return; }
    const { signal, signalArgs, ...rest } = s.options;
    const o = { ...rest, module: s.module } as StartOptions & { workflowId: string };
    const started = signal !== undefined ? this.signalWithStart(s.workflowType, { ...o, signal, signalArgs }) : this.start(s.workflowType, o);
    started.catch(refused);
  }

  /** Applies messages other processes left in the store's inbox (`wfverify signal`, …). */
  private pollInbox(): void {
    if (this.closed) return;
    let rows;
    try {
      rows = this.store.inbox(this.inboxCursor);
    } catch {
      return;
    }
    for (const r of rows) {
      this.inboxCursor = Math.max(this.inboxCursor, r.id);
      if (r.kind === 'start') {
        this.startFromInbox(r);
        continue;
      }
      const runId = this.current.get(r.workflowId);
      const live = runId ? this.runs.get(runId) : undefined;
      const done = (): void => { this.pendingInboxDone.push(r.id); };
      if (!live || live.state.status !== 'running') { done(); this.schedulePump(); continue; }
      if (r.kind === 'update' && r.payload.updateId !== undefined) this.remoteUpdates.add(r.payload.updateId);
      this.enqueue({ runId: runId!, input: inboxInput(r) });
      done();
    }
  }
}

/** The step input of a fired timer: a workflow timer, the run's timeout, or the end of a retry's backoff. */
function timerInput(timerId: string): StepInput {
  if (timerId === RUN_TIMEOUT_TIMER) return { kind: 'runTimedOut', newRunId: randomUUID() }; // the id of a retry, if the policy allows one
  if (timerId === RETRY_BACKOFF_TIMER) return BACKOFF_ELAPSED;
  return { kind: 'timerFired', timerId };
}

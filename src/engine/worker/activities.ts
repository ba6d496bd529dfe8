/**
 * The activity worker: runs activity functions with Temporal's retry policy and timeouts
 * (start-to-close per attempt, schedule-to-close overall, heartbeat), heartbeat details and
 * cancellation. Outcomes go to a sink (the engine), which records them durably.
 *
 * At-least-once: an attempt whose outcome was not recorded before a crash runs again after
 * recovery. Attempt numbers and heartbeat details survive restarts through the sink's
 * `retrying` / `heartbeat` callbacks.
 *
 * Cost per attempt is kept small: the function is called directly (inside the activity
 * `Context`, unless it cannot reach one: see `markContextFree`), timeouts share one timer ({@link Deadlines}), and the `AbortController` is made
 * only if activity code reads its signal or the attempt is aborted. A timed-out or cancelled
 * attempt is settled at once; whatever its function does later is ignored. Retry backoff timers
 * are ref'd: a pending retry keeps the process alive (`wfverify run` waits for it).
 */
import { Context, isContextFree, type CancellationSource } from '../activity/context.js';
import type { FailureInfo } from '../history/events.js';
import { decideRetry } from '../model/retry.js';
import type { PendingActivity } from '../model/state.js';
import { errorToFailure } from '../workflow/failures.js';
import { Deadlines } from './deadlines.js';
import type { LogLevel, LogSink } from './log.js';

export type ActivityFn = (...args: any[]) => unknown;

export interface ActivityTask {
  readonly runId: string;
  readonly workflowId: string;
  readonly workflowType: string;
  readonly taskQueue: string;
  readonly activity: PendingActivity;
  attempt: number;
  notBefore: number;
  heartbeatDetails?: unknown;
  /** the failure of the attempt before `attempt` (none for the first) */
  lastFailure?: FailureInfo;
  /**
   * A local activity (keyed by `-seq` as its `scheduledEventId`): a retry backing off longer than
   * this is not run here but reported through `ActivitySink.backoff`, and a timeout is not retried
   * (Temporal core's local activity manager).
   */
  readonly localRetryThresholdMs?: number;
}

export interface ActivitySink {
  completed(t: ActivityTask, attempt: number, result: unknown): void;
  failed(t: ActivityTask, attempt: number, failure: FailureInfo, retryState: string, timedOut: boolean): void;
  canceled(t: ActivityTask, attempt: number, started: boolean): void;
  retrying(t: ActivityTask, nextAttempt: number, nextAttemptAt: number, failure: FailureInfo): void;
  heartbeat(t: ActivityTask, details: unknown): void;
  started?(t: ActivityTask, attempt: number): void;
  /** a local activity's next attempt must wait `delayMs` on a workflow timer (only for tasks with `localRetryThresholdMs`) */
  backoff?(t: ActivityTask, attempt: number, failure: FailureInfo, delayMs: number): void;
}

/** One dispatched activity, across its attempts. */
interface Entry {
  readonly task: ActivityTask;
  /** the running attempt, if any */
  run?: Attempt;
  /** retry backoff (or a `notBefore` after recovery) */
  timer?: NodeJS.Timeout;
  /** the schedule-to-start deadline of the attempt waiting to start, if the activity has one */
  startBy?: number;
  startTimer?: NodeJS.Timeout;
  cancelRequested: boolean;
  done: boolean;
}

/** One running attempt: its deadlines and (lazily) its abort signal. */
class Attempt implements CancellationSource {
  settled = false;
  /** timeout of the attempt (start-to-close or schedule-to-close), epoch ms */
  deadline = Infinity;
  deadlineType = '';
  /** the activity's schedule-to-close deadline, epoch ms */
  scheduleDeadline: number | undefined;
  /** heartbeat deadline, epoch ms; moved by each heartbeat */
  heartbeatAt = Infinity;
  private ac: AbortController | undefined;
  private reason: string | undefined;

  constructor(readonly entry: Entry, readonly attempt: number) {}

  signal(): AbortSignal {
    if (!this.ac) {
      this.ac = new AbortController();
      if (this.reason !== undefined) this.ac.abort(this.reason);
    }
    return this.ac.signal;
  }

  abort(reason: string): void {
    if (this.reason !== undefined) return;
    this.reason = reason;
    this.ac?.abort(reason);
  }

  /** the earliest deadline, epoch ms (Infinity if none); its timeout type is {@link nextType} */
  get nextAt(): number {
    return this.heartbeatAt < this.deadline ? this.heartbeatAt : this.deadline;
  }

  /** the timeout type of {@link nextAt} */
  get nextType(): string {
    return this.heartbeatAt < this.deadline ? 'HEARTBEAT' : this.deadlineType;
  }
}

export class ActivityRunner {
  /**
   * Unfinished activities by run id, then by scheduled event id: no `runId/id` key string is built
   * per task, and finding, adding and removing one costs O(1) however many a run has at a time (a
   * workflow may fan out to thousands).
   */
  private readonly byRun = new Map<string, Map<number, Entry>>();
  private count = 0;
  private ready: Entry[] = [];
  private readyHead = 0;
  private running = 0;
  private draining = false;
  private stopped = false;
  private readonly deadlines = new Deadlines<Attempt>((a, now) => this.due(a, now));
  /** running attempts with a deadline; at 0 the (lazily pruned) deadline heap is emptied */
  private timed = 0;
  /** attempts with a deadline settled since the heap was last emptied or pruned */
  private timedSettled = 0;

  private readonly activities: Record<string, ActivityFn>;

  constructor(
    activities: Readonly<Record<string, ActivityFn>>,
    private readonly sink: ActivitySink,
    private readonly maxConcurrent = 1000,
    /** receives `log` calls of activity code */
    private readonly log: LogSink | undefined = undefined,
  ) {
    this.activities = { ...activities };
  }

  /** Adds implementations of activity types not known yet (a type already known keeps its function); returns the types added. */
  register(fns: Readonly<Record<string, ActivityFn>>): string[] {
    const added: string[] = [];
    for (const [name, fn] of Object.entries(fns)) {
      if (Object.hasOwn(this.activities, name)) continue;
      this.activities[name] = fn;
      added.push(name);
    }
    return added;
  }

  /**
   * True when an attempt of `activityType` has a function to run: its own, or the fallback
   * registered as `default` (Temporal's worker runs unregistered types with it).
   */
  implements(activityType: string): boolean {
    return this.functionFor(activityType) !== undefined;
  }

  /** The function that runs `activityType`: its own, else the `default` activity, else none. */
  private functionFor(activityType: string): ActivityFn | undefined {
    if (Object.hasOwn(this.activities, activityType)) return this.activities[activityType];
    return Object.hasOwn(this.activities, 'default') ? this.activities.default : undefined;
  }

  /** Number of activities not yet finished. */
  get pending(): number {
    return this.count;
  }

  /** The unfinished activity `scheduledEventId` of run `runId`, if any. */
  private find(runId: string, scheduledEventId: number): Entry | undefined {
    return this.byRun.get(runId)?.get(scheduledEventId);
  }

  dispatch(task: ActivityTask): void {
    this.add(task);
    this.drain();
  }

  /** Dispatches many tasks (one group commit's), then starts attempts up to the concurrency limit. */
  dispatchAll(tasks: readonly ActivityTask[]): void {
    for (const t of tasks) this.add(t);
    this.drain();
  }

  private add(task: ActivityTask): void {
    if (this.stopped) return;
    let run = this.byRun.get(task.runId);
    if (run === undefined) this.byRun.set(task.runId, (run = new Map()));
    else if (run.has(task.activity.scheduledEventId)) return;
    const e: Entry = { task, cancelRequested: false, done: false };
    run.set(task.activity.scheduledEventId, e);
    this.count++;
    this.armStartDeadline(e);
    const delay = task.notBefore - Date.now();
    if (delay > 0) this.later(e, delay);
    else this.ready.push(e);
  }

  /** Requests cancellation: aborts a running attempt, or cancels a waiting one at once. */
  cancel(runId: string, scheduledEventId: number): void {
    const e = this.find(runId, scheduledEventId);
    if (!e || e.done) return;
    e.cancelRequested = true;
    const r = e.run;
    if (r) {
      r.abort('cancelled');
      this.settle(r, () => this.finish(e, () => this.sink.canceled(e.task, r.attempt, true)));
    } else this.finish(e, () => this.sink.canceled(e.task, e.task.attempt, false));
  }

  /** Stops starting attempts; running ones are abandoned (they re-run after recovery). */
  stop(): void {
    this.stopped = true;
    this.deadlines.clear();
    this.timed = 0;
    this.timedSettled = 0;
    for (const run of this.byRun.values()) {
      for (const e of run.values()) {
        if (e.timer) clearTimeout(e.timer);
        if (e.startTimer) clearTimeout(e.startTimer);
        e.run?.abort('worker stopping');
        e.done = true;
      }
    }
    this.byRun.clear();
    this.count = 0;
  }

  /**
   * The schedule-to-start timeout of the attempt about to wait (Temporal's: non-retryable): it
   * must start within the timeout of being ready — scheduled, or its retry due — or the activity
   * times out with SCHEDULE_TO_START, whether it waits behind the concurrency limit, a backoff
   * that outlasts it, or a worker that was down.
   */
  private armStartDeadline(e: Entry): void {
    const t = e.task;
    const timeout = t.activity.scheduleToStartTimeoutMs;
    if (timeout === undefined) return;
    e.startBy = (t.notBefore > 0 ? t.notBefore : t.activity.scheduledTime || Date.now()) + timeout;
    if (e.startTimer) clearTimeout(e.startTimer);
    e.startTimer = setTimeout(() => {
      e.startTimer = undefined;
      if (!e.done && !e.run && !this.stopped) this.startTimedOut(e);
    }, Math.max(0, e.startBy - Date.now()));
  }

  private startTimedOut(e: Entry): void {
    const t = e.task;
    const failure: FailureInfo = { kind: 'timeout', message: 'activity SCHEDULE_TO_START timeout', timeoutType: 'SCHEDULE_TO_START', details: [] };
    this.finish(e, () => this.sink.failed(t, t.attempt, failure, 'RETRY_STATE_NON_RETRYABLE_FAILURE', true));
    this.drain();
  }

  private later(e: Entry, delayMs: number): void {
    e.timer = setTimeout(() => {
      e.timer = undefined;
      if (e.done || this.stopped) return;
      this.ready.push(e);
      this.drain();
    }, delayMs);
  }

  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.running < this.maxConcurrent && this.readyHead < this.ready.length) {
        const e = this.ready[this.readyHead++];
        if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
          this.ready = this.ready.slice(this.readyHead); // O(1) amortised dequeue
          this.readyHead = 0;
        }
        if (e.done || this.stopped) continue;
        this.start(e);
      }
      if (this.readyHead === this.ready.length) {
        this.ready = [];
        this.readyHead = 0;
      }
    } finally {
      this.draining = false;
    }
  }

  private finish(e: Entry, report: () => void): void {
    if (this.close(e)) report();
  }

  /** Marks `e` done (false if it already was). */
  private close(e: Entry): boolean {
    if (e.done) return false;
    e.done = true;
    if (e.timer) clearTimeout(e.timer);
    if (e.startTimer) clearTimeout(e.startTimer);
    this.unlink(e);
    return true;
  }

  /** Removes `e` from its run's unfinished activities. */
  private unlink(e: Entry): void {
    const runId = e.task.runId;
    const run = this.byRun.get(runId);
    if (run === undefined || run.get(e.task.activity.scheduledEventId) !== e) return; // not there (cannot happen: entries are unlinked once)
    run.delete(e.task.activity.scheduledEventId);
    if (run.size === 0) this.byRun.delete(runId);
    this.count--;
  }

  /** Ends an attempt once (the first of: its outcome, a timeout, a cancellation). */
  private settle(r: Attempt, then: () => void): void {
    if (!this.end(r)) return;
    then();
    this.drain();
  }

  /** `settle` for a successful outcome (the common case, without closures). */
  private succeed(r: Attempt, value: unknown): void {
    if (!this.end(r)) return;
    const e = r.entry;
    if (this.close(e)) this.sink.completed(e.task, r.attempt, value); // undefined stays undefined (Temporal: a binary/null payload)
    this.drain();
  }

  /** The bookkeeping of ending attempt `r`; false if it had ended already. */
  private end(r: Attempt): boolean {
    if (r.settled) return false;
    r.settled = true;
    if (r.entry.run === r) r.entry.run = undefined;
    this.running--;
    // Settled attempts stay in the heap until due; drop them all when no timed attempt runs,
    // so that a finished attempt's deadline does not keep the process alive, and prune them
    // when they are most of the heap, so that finished attempts are not kept in memory.
    if (r.deadline !== Infinity || r.heartbeatAt !== Infinity) {
      if (--this.timed === 0) {
        this.deadlines.clear();
        this.timedSettled = 0;
      } else if (++this.timedSettled > 1024 && this.timedSettled * 2 > this.deadlines.size) {
        this.deadlines.prune((a) => a.settled);
        this.timedSettled = 0;
      }
    }
    return true;
  }

  private start(e: Entry): void {
    const t = e.task;
    const a = t.activity;
    const attempt = t.attempt;
    const now = Date.now();
    if (e.startBy !== undefined) {
      if (e.startTimer) clearTimeout(e.startTimer);
      e.startTimer = undefined;
      if (now > e.startBy) {
        this.startTimedOut(e);
        return;
      }
      e.startBy = undefined;
    }
    const scheduleDeadline = a.scheduleToCloseTimeoutMs ? (a.scheduledTime || now) + a.scheduleToCloseTimeoutMs : undefined;
    const fn = this.functionFor(a.activityType);
    if (!fn) {
      // Temporal's worker fails the attempt with a retryable NotFoundError and the retry policy
      // decides: a worker restarted with the type runs a later attempt.
      this.failedAttempt(e, attempt, notRegistered(a.activityType, Object.keys(this.activities)), undefined, scheduleDeadline);
      return;
    }
    const r = new Attempt(e, attempt);
    e.run = r;
    this.running++;
    this.sink.started?.(t, attempt);
    r.scheduleDeadline = scheduleDeadline;
    const s2c = a.startToCloseTimeoutMs;
    if (s2c !== undefined && (scheduleDeadline === undefined || now + s2c <= scheduleDeadline)) {
      r.deadline = now + s2c;
      r.deadlineType = 'START_TO_CLOSE';
    } else if (scheduleDeadline !== undefined) {
      r.deadline = scheduleDeadline;
      r.deadlineType = 'SCHEDULE_TO_CLOSE';
    }
    if (a.heartbeatTimeoutMs !== undefined) r.heartbeatAt = now + a.heartbeatTimeoutMs;
    const first = r.nextAt;
    if (first !== Infinity) {
      this.timed++;
      this.deadlines.add(first, r);
    }
    let result: unknown;
    try {
      result = isContextFree(fn) ? fn(...a.input) : Context.run(this.context(e, r), () => fn(...a.input));
    } catch (err) {
      this.settle(r, () => this.failedAttempt(e, r.attempt, errorToFailure(err), undefined, scheduleDeadline));
      return;
    }
    this.outcome(e, r, result, scheduleDeadline);
  }

  /** The activity `Context` of attempt `r`. */
  private context(e: Entry, r: Attempt): Context {
    const t = e.task;
    const a = t.activity;
    const info = {
      activityId: a.activityId, activityType: a.activityType, attempt: r.attempt, workflowExecution: { workflowId: t.workflowId, runId: t.runId },
      workflowType: t.workflowType, heartbeatDetails: t.heartbeatDetails, scheduledTimestampMs: a.scheduledTime, taskQueue: t.taskQueue,
      isLocal: t.localRetryThresholdMs !== undefined,
    };
    return new Context(info, r, (details) => {
      if (r.settled) return;
      if (details !== undefined) t.heartbeatDetails = details;
      this.sink.heartbeat(t, details);
      if (a.heartbeatTimeoutMs !== undefined) r.heartbeatAt = Date.now() + a.heartbeatTimeoutMs; // `due` re-arms lazily
    }, this.log === undefined ? undefined : (level, message, attrs) => this.log?.({
      level: level as LogLevel, message, attrs, source: 'activity', workflowId: t.workflowId, runId: t.runId, workflowType: t.workflowType, activityType: a.activityType,
    }));
  }

  /** Settles attempt `r` with what its function returned (a value or a promise). */
  private outcome(e: Entry, r: Attempt, result: unknown, scheduleDeadline: number | undefined): void {
    const t = e.task;
    const attempt = r.attempt;
    if (result !== null && typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      (result as PromiseLike<unknown>).then(
        (v) => this.succeed(r, v),
        (err: unknown) => this.settle(r, () => (e.cancelRequested ? this.finish(e, () => this.sink.canceled(t, attempt, true)) : this.failedAttempt(e, attempt, errorToFailure(err), undefined, scheduleDeadline))),
      );
    } else this.succeed(r, result);
  }

  /** A deadline of `r` came due: time the attempt out, or wait for its (moved) next deadline. */
  private due(r: Attempt, now: number): void {
    if (r.settled) return;
    const at = r.nextAt;
    if (at > now) {
      this.deadlines.add(at, r);
      return;
    }
    const type = r.nextType;
    r.abort(`timeout ${type}`);
    this.settle(r, () => this.failedAttempt(r.entry, r.attempt, undefined, type, r.scheduleDeadline));
  }

  /** Logs a failed attempt as Temporal's worker does ("Activity failed", WARN), whether it is retried or not. */
  private logFailure(t: ActivityTask, attempt: number, f: FailureInfo): void {
    this.log?.({
      level: 'WARN', message: 'Activity failed', attrs: { attempt, error: `${f.type ?? 'Error'}: ${f.message}` },
      source: 'activity', workflowId: t.workflowId, runId: t.runId, workflowType: t.workflowType, activityType: t.activity.activityType,
    });
  }

  /**
   * Decides retry or failure after attempt `attempt` failed (`failure`; undefined when it timed
   * out, with `timeoutType`).
   */
  private failedAttempt(e: Entry, attempt: number, failed: FailureInfo | undefined, timeoutType: string | undefined, deadline: number | undefined): void {
    if (e.done) return;
    const t = e.task;
    const failure: FailureInfo = timeoutType !== undefined || failed === undefined
      ? { kind: 'timeout', message: `activity ${timeoutType} timeout`, timeoutType, details: t.heartbeatDetails === undefined ? [] : [t.heartbeatDetails] }
      : failed;
    if (failed !== undefined) this.logFailure(t, attempt, failed);
    const now = Date.now();
    const local = t.localRetryThresholdMs !== undefined;
    const d = local && timeoutType !== undefined
      ? { retry: false as const, retryState: 'RETRY_STATE_TIMEOUT' }
      : decideRetry(t.activity.retryPolicy, attempt, failure, now, timeoutType === 'SCHEDULE_TO_CLOSE' ? now : deadline);
    if (d.retry && local && d.delayMs > t.localRetryThresholdMs! && this.sink.backoff) {
      const backoff = this.sink.backoff.bind(this.sink);
      this.finish(e, () => backoff(t, attempt, failure, d.delayMs));
    } else if (d.retry) {
      t.attempt = attempt + 1;
      t.lastFailure = failure;
      t.notBefore = now + d.delayMs;
      this.sink.retrying(t, t.attempt, t.notBefore, failure);
      this.armStartDeadline(e);
      if (d.delayMs > 0) this.later(e, d.delayMs);
      else this.ready.push(e);
    } else {
      const timedOut = timeoutType !== undefined || d.retryState === 'RETRY_STATE_TIMEOUT';
      const f: FailureInfo = timedOut && failure.kind !== 'timeout' ? { kind: 'timeout', message: 'activity SCHEDULE_TO_CLOSE timeout', timeoutType: 'SCHEDULE_TO_CLOSE', cause: failure } : failure;
      this.finish(e, () => this.sink.failed(t, attempt, f, d.retryState, timedOut));
    }
  }
}

/**
 * The failure of an attempt whose activity type the worker has no function for (and no `default`
 * activity): Temporal's TypeScript worker's `NotFoundError`, retryable, with its message.
 */
function notRegistered(activityType: string, registered: readonly string[]): FailureInfo {
  return {
    kind: 'application', type: 'NotFoundError', nonRetryable: false, details: [],
    message: `Activity function ${activityType} is not registered on this Worker, available activities: ${JSON.stringify(registered)}`,
  };
}

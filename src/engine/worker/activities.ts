/**
 * The activity worker: runs activity functions with Temporal's retry policy and timeouts
 * (start-to-close per attempt, schedule-to-close overall, heartbeat), heartbeat details and
 * cancellation. Outcomes go to a sink (the engine), which records them durably.
 *
 * At-least-once: an attempt whose outcome was not recorded before a crash runs again after
 * recovery. Attempt numbers and heartbeat details survive restarts through the sink's
 * `retrying` / `heartbeat` callbacks.
 */
import { Context } from '../activity/context.js';
import type { FailureInfo } from '../history/events.js';
import { decideRetry } from '../model/retry.js';
import type { PendingActivity } from '../model/state.js';
import { errorToFailure } from '../workflow/failures.js';

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
}

export interface ActivitySink {
  completed(t: ActivityTask, attempt: number, result: unknown): void;
  failed(t: ActivityTask, attempt: number, failure: FailureInfo, retryState: string, timedOut: boolean): void;
  canceled(t: ActivityTask, attempt: number, started: boolean): void;
  retrying(t: ActivityTask, nextAttempt: number, nextAttemptAt: number, failure: FailureInfo): void;
  heartbeat(t: ActivityTask, details: unknown): void;
  started?(t: ActivityTask, attempt: number): void;
}

interface Entry {
  task: ActivityTask;
  abort?: AbortController;
  timer?: NodeJS.Timeout;
  running: boolean;
  cancelRequested: boolean;
  done: boolean;
}

export class ActivityRunner {
  private readonly entries = new Map<string, Entry>();
  private ready: Entry[] = [];
  private readyHead = 0;
  private running = 0;
  private stopped = false;

  constructor(
    private readonly activities: Readonly<Record<string, ActivityFn>>,
    private readonly sink: ActivitySink,
    private readonly maxConcurrent = 1000,
  ) {}

  /** Number of activities not yet finished. */
  get pending(): number {
    return this.entries.size;
  }

  dispatch(task: ActivityTask): void {
    const key = `${task.runId}/${task.activity.scheduledEventId}`;
    if (this.entries.has(key) || this.stopped) return;
    const e: Entry = { task, running: false, cancelRequested: false, done: false };
    this.entries.set(key, e);
    this.schedule(e);
  }

  /** Requests cancellation: aborts a running attempt, or cancels a waiting one at once. */
  cancel(runId: string, scheduledEventId: number): void {
    const e = this.entries.get(`${runId}/${scheduledEventId}`);
    if (!e || e.done) return;
    e.cancelRequested = true;
    if (e.running) e.abort?.abort('cancelled');
    else this.finish(e, () => this.sink.canceled(e.task, e.task.attempt, false));
  }

  /** Stops starting attempts; running ones are abandoned (they re-run after recovery). */
  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values()) {
      if (e.timer) clearTimeout(e.timer);
      e.abort?.abort('worker stopping');
      e.done = true;
    }
    this.entries.clear();
  }

  private schedule(e: Entry): void {
    const delay = e.task.notBefore - Date.now();
    if (delay > 0) {
      e.timer = setTimeout(() => { e.timer = undefined; this.enqueue(e); }, delay);
      e.timer.unref?.();
    } else this.enqueue(e);
  }

  private enqueue(e: Entry): void {
    if (e.done || this.stopped) return;
    this.ready.push(e);
    this.drain();
  }

  private drain(): void {
    while (this.running < this.maxConcurrent && this.readyHead < this.ready.length) {
      const e = this.ready[this.readyHead++];
      if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
        this.ready = this.ready.slice(this.readyHead); // O(1) amortised dequeue
        this.readyHead = 0;
      }
      if (e.done) continue;
      this.running++;
      void this.runAttempt(e).finally(() => { this.running--; this.drain(); });
    }
  }

  private finish(e: Entry, report: () => void): void {
    if (e.done) return;
    e.done = true;
    if (e.timer) clearTimeout(e.timer);
    this.entries.delete(`${e.task.runId}/${e.task.activity.scheduledEventId}`);
    report();
  }

  private async runAttempt(e: Entry): Promise<void> {
    const t = e.task;
    const a = t.activity;
    const attempt = t.attempt;
    const fn = this.activities[a.activityType];
    if (!fn) {
      const known = Object.keys(this.activities).join(', ') || 'none';
      const failure: FailureInfo = { kind: 'application', type: 'NotFoundError', nonRetryable: true, message: `activity type "${a.activityType}" is not registered (registered: ${known})` };
      this.finish(e, () => this.sink.failed(t, attempt, failure, 'RETRY_STATE_NON_RETRYABLE_FAILURE', false));
      return;
    }
    const now = Date.now();
    const deadline = a.scheduleToCloseTimeoutMs ? (a.scheduledTime || now) + a.scheduleToCloseTimeoutMs : undefined;
    const ac = new AbortController();
    e.abort = ac;
    e.running = true;
    this.sink.started?.(t, attempt);
    let timeoutType: string | undefined;
    const timers: NodeJS.Timeout[] = [];
    const arm = (ms: number | undefined, type: string): NodeJS.Timeout | undefined => {
      if (ms === undefined) return undefined;
      const h = setTimeout(() => { timeoutType ??= type; ac.abort(`timeout ${type}`); }, Math.max(0, ms));
      timers.push(h);
      return h;
    };
    const s2c = a.startToCloseTimeoutMs;
    const remaining = deadline !== undefined ? deadline - now : undefined;
    if (s2c !== undefined && (remaining === undefined || s2c <= remaining)) arm(s2c, 'START_TO_CLOSE');
    else arm(remaining, 'SCHEDULE_TO_CLOSE');
    let hbTimer = arm(a.heartbeatTimeoutMs, 'HEARTBEAT');
    const info = {
      activityId: a.activityId, activityType: a.activityType, attempt, workflowExecution: { workflowId: t.workflowId, runId: t.runId },
      workflowType: t.workflowType, heartbeatDetails: t.heartbeatDetails, scheduledTimestampMs: a.scheduledTime, taskQueue: t.taskQueue,
    };
    const ctx = new Context(info, ac.signal, (details) => {
      if (details !== undefined) t.heartbeatDetails = details;
      this.sink.heartbeat(t, details);
      if (hbTimer) { clearTimeout(hbTimer); hbTimer = arm(a.heartbeatTimeoutMs, 'HEARTBEAT'); }
    });
    const aborted = new Promise<never>((_, reject) => ac.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    aborted.catch(() => undefined);
    let result: unknown;
    let error: unknown;
    let ok = false;
    try {
      result = await Promise.race([Context.run(ctx, () => Promise.resolve().then(() => fn(...a.input))), aborted]);
      ok = true;
    } catch (err) {
      error = err;
    } finally {
      for (const h of timers) clearTimeout(h);
      e.running = false;
    }
    if (e.done) return;
    if (ok && timeoutType === undefined) {
      this.finish(e, () => this.sink.completed(t, attempt, result === undefined ? null : result));
      return;
    }
    if (e.cancelRequested && timeoutType === undefined) {
      this.finish(e, () => this.sink.canceled(t, attempt, true));
      return;
    }
    const failure: FailureInfo = timeoutType !== undefined
      ? { kind: 'timeout', message: `activity ${timeoutType} timeout`, timeoutType, details: t.heartbeatDetails === undefined ? [] : [t.heartbeatDetails] }
      : errorToFailure(error);
    const d = decideRetry(a.retryPolicy, attempt, failure, Date.now(), timeoutType === 'SCHEDULE_TO_CLOSE' ? Date.now() : deadline);
    if (d.retry) {
      t.attempt = attempt + 1;
      t.notBefore = Date.now() + d.delayMs;
      this.sink.retrying(t, t.attempt, t.notBefore, failure);
      this.schedule(e);
    } else {
      const timedOut = timeoutType !== undefined || d.retryState === 'RETRY_STATE_TIMEOUT';
      const f: FailureInfo = timedOut && failure.kind !== 'timeout' ? { kind: 'timeout', message: 'activity SCHEDULE_TO_CLOSE timeout', timeoutType: 'SCHEDULE_TO_CLOSE', cause: failure } : failure;
      this.finish(e, () => this.sink.failed(t, attempt, f, d.retryState, timedOut));
    }
  }
}

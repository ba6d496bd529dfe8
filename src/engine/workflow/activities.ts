/**
 * `proxyActivities` / `proxyLocalActivities`: typed stubs whose calls schedule activities.
 * Options and defaults follow Temporal: one of `startToCloseTimeout` / `scheduleToCloseTimeout`
 * is required; the default retry policy is 1s initial interval, coefficient 2, maximum interval
 * 100 × initial, unlimited attempts. The activity id is the call's sequence number unless given.
 *
 * Cancellation (`cancellationType`, Temporal's {@link ActivityCancellationType}) when the calling
 * scope is cancelled:
 * - `TRY_CANCEL` (the default, as in Temporal's core SDK): a cancel request is recorded and the
 *   promise rejects at once with an `ActivityFailure` caused by `CancelledFailure`;
 * - `WAIT_CANCELLATION_COMPLETED`: a cancel request is recorded and the promise settles with the
 *   activity's outcome — rejected as cancelled once `ActivityTaskCanceled` is recorded, or its
 *   result or failure if it finished first;
 * - `ABANDON`: no cancel request (the activity runs on; its outcome is ignored) and the promise
 *   rejects at once.
 * An activity cancelled in the activation that scheduled it is dropped together with its
 * schedule command and rejects at once, whatever its type (as in Temporal's core SDK).
 */
import { DEFAULT_LOCAL_RETRY_THRESHOLD_MS, type ActivityOptionsMs, type Command } from '../model/commands.js';
import { CancellationScope } from './cancellation.js';
import { ActivityFailure, CancelledFailure, failureToError } from './failures.js';
import { checkOptionValue, checkOptions, getActivator, msOf, pushCommand } from './internals.js';
import { normalizeRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { sleep } from './timers.js';

export type { RetryPolicy } from './retry-policy.js';

export interface ActivityOptions {
  taskQueue?: string;
  activityId?: string;
  startToCloseTimeout?: number | string;
  scheduleToCloseTimeout?: number | string;
  scheduleToStartTimeout?: number | string;
  heartbeatTimeout?: number | string;
  retry?: RetryPolicy;
  cancellationType?: ActivityCancellationType;
}

/** What cancelling an activity's scope does (Temporal's `ActivityCancellationType`). */
export const ActivityCancellationType = Object.freeze({
  TRY_CANCEL: 'TRY_CANCEL',
  WAIT_CANCELLATION_COMPLETED: 'WAIT_CANCELLATION_COMPLETED',
  ABANDON: 'ABANDON',
} as const);
export type ActivityCancellationType = (typeof ActivityCancellationType)[keyof typeof ActivityCancellationType];

/** The cancellation type of `o` (TRY_CANCEL when absent); a TypeError for anything else. */
export function cancellationTypeOf(o: ActivityOptions): ActivityCancellationType {
  checkOptionValue('activity', 'cancellationType', o.cancellationType, Object.values(ActivityCancellationType));
  return o.cancellationType ?? 'TRY_CANCEL';
}

export type LocalActivityOptions = ActivityOptions & { localRetryThreshold?: number | string };

/** An activity function type or a module of them. */
type ActivityFunction = (...args: any[]) => Promise<any> | any;
export type ActivityInterfaceFor<T> = {
  [K in keyof T]: T[K] extends ActivityFunction ? (...args: Parameters<T[K]>) => Promise<Awaited<ReturnType<T[K]>>> : never;
};

const SUPPORTED = ['activityId', 'taskQueue', 'startToCloseTimeout', 'scheduleToCloseTimeout', 'scheduleToStartTimeout', 'heartbeatTimeout', 'retry', 'cancellationType'];
/** Local activities: no task queue and no heartbeats (Temporal's `LocalActivityOptions`); the activity id is always the call's sequence number. */
const SUPPORTED_LOCAL = ['startToCloseTimeout', 'scheduleToCloseTimeout', 'scheduleToStartTimeout', 'retry', 'cancellationType', 'localRetryThreshold'];
/** Temporal metadata and dispatch hints, without effect on one machine. */
const IGNORED = ['summary', 'priority', 'versioningIntent', 'allowEagerDispatch'];

/** Validates options (refusing those the engine does not implement) and converts durations to milliseconds. */
export function normalizeActivityOptions(o: ActivityOptions, local = false): ActivityOptionsMs {
  checkOptions(local ? 'local activity' : 'activity', o, local ? SUPPORTED_LOCAL : SUPPORTED, IGNORED);
  const startToCloseTimeoutMs = msOf(o.startToCloseTimeout, 'startToCloseTimeout');
  const scheduleToCloseTimeoutMs = msOf(o.scheduleToCloseTimeout, 'scheduleToCloseTimeout');
  if (startToCloseTimeoutMs === undefined && scheduleToCloseTimeoutMs === undefined) {
    throw new TypeError('Required either scheduleToCloseTimeout or startToCloseTimeout');
  }
  return {
    taskQueue: o.taskQueue, startToCloseTimeoutMs, scheduleToCloseTimeoutMs,
    heartbeatTimeoutMs: msOf(o.heartbeatTimeout, 'heartbeatTimeout'), scheduleToStartTimeoutMs: msOf(o.scheduleToStartTimeout, 'scheduleToStartTimeout'), local,
    retry: normalizeRetryPolicy(o.retry, local ? 'local activity' : 'activity'),
    localRetryThresholdMs: local ? (msOf((o as LocalActivityOptions).localRetryThreshold, 'localRetryThreshold') ?? DEFAULT_LOCAL_RETRY_THRESHOLD_MS) : undefined,
  };
}

/** Schedules one activity and resolves with its result (or rejects with `ActivityFailure`). */
function scheduleTask(activityType: string, args: unknown[], options: ActivityOptionsMs, activityIdOpt?: string, cancellationType: ActivityCancellationType = 'TRY_CANCEL'): Promise<unknown> {
  const a = getActivator();
  const scope = CancellationScope.current();
  if (scope.consideredCancelled) return scope.cancelRequested as Promise<never>; // as Temporal's SDK: the scope's own CancelledFailure
  const seq = ++a.seq.activity;
  const activityId = activityIdOpt ?? String(seq);
  return new Promise((resolve, reject) => {
    if (scope.cancellable) {
      scope.cancelRequested.catch(() => {
        if (!a.activities.has(seq)) return;
        // an activity whose schedule command is not sent yet is simply dropped
        if (!dropUnsentSchedule(a.commands, seq)) {
          if (cancellationType !== 'ABANDON') pushCommand(a, { type: 'requestCancelActivity', seq });
          if (cancellationType === 'WAIT_CANCELLATION_COMPLETED') return; // settles with the outcome
        }
        a.activities.delete(seq);
        // as Temporal's core resolves a TRY_CANCEL or ABANDON activity at once: no worker reported it
        reject(new ActivityFailure('Activity cancelled', activityType, activityId, 'CANCEL_REQUESTED', '', new CancelledFailure('', [])));
      });
    }
    a.activities.set(seq, { resolve, reject, activityType, activityId });
    pushCommand(a, { type: 'scheduleActivity', seq, activityId, activityType, args, options });
  });
}

/**
 * Removes the `scheduleActivity` command of `seq` from `commands` (the current activation's, not
 * yet sent) if it is there; true if it was.
 */
function dropUnsentSchedule(commands: Command[], seq: number): boolean {
  for (let i = commands.length - 1; i >= 0; i--) {
    const c = commands[i];
    if (c.type === 'scheduleActivity' && c.seq === seq) {
      commands.splice(i, 1);
      return true;
    }
  }
  return false;
}

function makeProxy<A>(options: ActivityOptions, local: boolean): ActivityInterfaceFor<A> {
  const normalized = normalizeActivityOptions(options, local);
  const cancellationType = cancellationTypeOf(options);
  return new Proxy({} as ActivityInterfaceFor<A>, {
    get(_, name) {
      if (typeof name !== 'string') throw new TypeError('activity names must be strings');
      return local
        ? (...args: unknown[]) => scheduleLocal(name, args, normalized, cancellationType)
        : (...args: unknown[]) => scheduleTask(name, args, normalized, options.activityId, cancellationType);
    },
  });
}

/** Returns stubs that schedule activities with `options`. */
export function proxyActivities<A = Record<string, ActivityFunction>>(options: ActivityOptions): ActivityInterfaceFor<A> {
  return makeProxy<A>(options, false);
}

/**
 * Local activities, as on Temporal: the engine runs them while the workflow task that scheduled
 * them stays open, and records each outcome as a `core_local_activity` marker when the task
 * completes (no `ActivityTask*` events). Retries whose backoff is at most `localRetryThreshold`
 * (default 1 minute) run within the task; a longer backoff ends the call's attempt with a marker,
 * and this stub sleeps on a workflow timer and schedules the next attempt under a new sequence
 * number (Temporal's `DoBackoff`). Like Temporal's, they are at-least-once: an outcome not yet
 * recorded when the process stops is lost, and the workflow task runs again.
 */
export function proxyLocalActivities<A = Record<string, ActivityFunction>>(options: LocalActivityOptions): ActivityInterfaceFor<A> {
  return makeProxy<A>(options, true);
}

/**
 * Schedules the activity named `activityType` with `args` and `options` (Temporal's
 * `scheduleActivity`, what a `proxyActivities` stub calls): for activity types chosen at run time.
 */
export function scheduleActivity<R = unknown>(activityType: string, args: unknown[], options: ActivityOptions): Promise<R> {
  return scheduleNamed(activityType, args, options, false) as Promise<R>;
}

/** {@link scheduleActivity} for a local activity (see {@link proxyLocalActivities}). */
export function scheduleLocalActivity<R = unknown>(activityType: string, args: unknown[], options: LocalActivityOptions): Promise<R> {
  return scheduleNamed(activityType, args, options, true) as Promise<R>;
}

/** Thrown into a local activity's call when its next attempt must wait on a workflow timer. */
class LocalActivityDoBackoff extends Error {
  constructor(readonly backoff: { attempt: number; backoffMs: number; originalScheduleTime: number }) {
    super('local activity backs off on a workflow timer');
  }
}

/**
 * Runs a local activity to its end: one `scheduleLocalActivity` per round, each under a new
 * sequence number; between rounds, a timer of the backoff the engine asked for (Temporal's
 * `scheduleLocalActivity` loop).
 */
async function scheduleLocal(activityType: string, args: unknown[], options: ActivityOptionsMs, cancellationType: ActivityCancellationType): Promise<unknown> {
  let attempt = 1;
  let originalScheduleTime: number | undefined;
  for (;;) {
    try {
      return await scheduleLocalRound(activityType, args, options, cancellationType, attempt, originalScheduleTime);
    } catch (err) {
      if (!(err instanceof LocalActivityDoBackoff)) throw err;
      await sleep(err.backoff.backoffMs);
      attempt = err.backoff.attempt;
      originalScheduleTime = err.backoff.originalScheduleTime;
    }
  }
}

/** One round of {@link scheduleLocal}: a cancel request waits for the engine's resolution (a cancelled marker), as on Temporal. */
function scheduleLocalRound(activityType: string, args: unknown[], options: ActivityOptionsMs, cancellationType: ActivityCancellationType, attempt: number, originalScheduleTime: number | undefined): Promise<unknown> {
  const a = getActivator();
  const seq = ++a.seq.activity;
  const activityId = String(seq);
  // As Temporal's: a type the worker cannot run fails the call at once (the workflow task fails
  // unless the code catches it); a replay runs no activity and is not checked.
  if (!a.replaying && a.localActivityRuns !== undefined && !a.localActivityRuns(activityType)) return Promise.reject(new ReferenceError(`Local activity of type '${activityType}' not registered on worker`));
  const scope = CancellationScope.current();
  if (scope.consideredCancelled) return scope.cancelRequested;
  return new Promise((resolve, reject) => {
    if (scope.cancellable) {
      scope.cancelRequested.catch(() => {
        if (a.activities.has(seq)) pushCommand(a, { type: 'requestCancelLocalActivity', seq });
      });
    }
    a.activities.set(seq, { resolve, reject, activityType, activityId });
    pushCommand(a, { type: 'scheduleLocalActivity', seq, activityId, activityType, args, options, attempt, originalScheduleTime, cancellationType });
  });
}

function scheduleNamed(activityType: string, args: unknown[], options: ActivityOptions, local: boolean): Promise<unknown> {
  if (typeof activityType !== 'string' || activityType === '') throw new TypeError(`activity type must be a non-empty string, got ${JSON.stringify(activityType)}`);
  if (!Array.isArray(args)) throw new TypeError('activity arguments must be an array');
  if (options === null || typeof options !== 'object') throw new TypeError(`${local ? 'local activity' : 'activity'} options are required (one of startToCloseTimeout / scheduleToCloseTimeout)`);
  const normalized = normalizeActivityOptions(options, local);
  return local ? scheduleLocal(activityType, args, normalized, cancellationTypeOf(options)) : scheduleTask(activityType, args, normalized, options.activityId, cancellationTypeOf(options));
}

/** Resolves a pending activity (host → workflow); `backoff`: a local activity's next round waits on a timer. */
export function resolveActivity(seq: number, result: unknown, failure: import('../history/events.js').FailureInfo | undefined, backoff?: { attempt: number; backoffMs: number; originalScheduleTime: number }): void {
  const a = getActivator();
  const c = a.activities.get(seq);
  if (!c) return;
  a.activities.delete(seq);
  if (backoff) c.reject(new LocalActivityDoBackoff(backoff));
  else if (failure) {
    // a local activity's failure (no history event): as Temporal's core makes it, without an id or an identity
    const err = failure.kind === 'activity' ? failureToError(failure) : new ActivityFailure('Activity task failed', c.activityType, '', 'MAXIMUM_ATTEMPTS_REACHED', '', failureToError(failure));
    c.reject(err);
  } else c.resolve(result);
}

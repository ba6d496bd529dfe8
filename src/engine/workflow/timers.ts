/**
 * Durable time: `sleep(ms)` records a timer that survives restarts; `condition(fn, timeout?)`
 * waits until `fn()` is true (re-checked after every activation), optionally bounded by a timer.
 * `Date.now()` inside workflow code is the time of the current workflow task.
 */
import { CancellationScope, registerSleep } from './cancellation.js';
import { checkOptions, getActivator, msOf, pushCommand } from './internals.js';
import { patched } from './misc.js';

/** Options of a timer (Temporal's `TimerOptions`): `summary` is metadata for Temporal's UI, accepted without effect. */
export interface TimerOptions {
  summary?: string;
}

/**
 * Sleeps for `duration` (ms or a string like `'1 day'`); cancellable through the current scope.
 * As in Temporal's SDK, a duration below 1 ms (0 or negative) sleeps 1 ms.
 */
export function sleep(duration: number | string, options?: TimerOptions): Promise<void> {
  const a = getActivator();
  checkOptions('timer', options, [], ['summary']);
  const ms = Math.max(1, timerMs(duration));
  const scope = CancellationScope.current();
  if (scope.consideredCancelled) return scope.cancelRequested;
  const seq = ++a.seq.timer;
  return new Promise<void>((resolve, reject) => {
    if (scope.cancellable) {
      scope.cancelRequested.catch((err) => {
        if (!a.timers.has(seq)) return;
        a.timers.delete(seq);
        pushCommand(a, { type: 'cancelTimer', seq });
        reject(err);
      });
    }
    a.timers.set(seq, { resolve: () => resolve(), reject });
    pushCommand(a, { type: 'startTimer', seq, durationMs: ms });
  });
}

/** A timer's duration in ms: a number as given (negative too: the caller clamps it), or a duration string; a TypeError for anything else. */
function timerMs(duration: number | string): number {
  if (typeof duration === 'number') {
    if (Number.isNaN(duration)) throw new TypeError('invalid sleep duration: NaN');
    return duration;
  }
  const negative = typeof duration === 'string' && /^\s*-/.test(duration);
  const ms = msOf(negative ? duration.replace('-', '') : duration, 'sleep duration') ?? 1;
  return negative ? -ms : ms;
}
registerSleep(sleep);

/** Fires a timer (host → workflow). */
export function fireTimer(seq: number): void {
  const a = getActivator();
  const t = a.timers.get(seq);
  if (!t) return;
  a.timers.delete(seq);
  t.resolve(undefined);
}

/**
 * Waits until `fn()` holds. As in Temporal's SDK, `fn` is evaluated at once (a condition that
 * already holds resolves without waiting for the end of the activation), then after every
 * activation.
 */
function conditionNoTimeout(fn: () => boolean): Promise<void> {
  const a = getActivator();
  const scope = CancellationScope.current();
  if (scope.consideredCancelled) return scope.cancelRequested;
  const seq = ++a.seq.condition;
  return new Promise<void>((resolve, reject) => {
    if (scope.cancellable) {
      scope.cancelRequested.catch((err) => {
        a.conditions.delete(seq);
        reject(err);
      });
    }
    if (fn()) {
      resolve();
      return;
    }
    a.conditions.set(seq, { fn, resolve });
  });
}

/** The patch Temporal's SDK records the first time `condition(fn, 0)` runs (before 1.5.0, a timeout of 0 meant none). */
const CONDITION_0_PATCH = '__sdk_internal_patch_number:1';

/** Waits until `fn()` returns true. */
export function condition(fn: () => boolean): Promise<void>;
/** Waits until `fn()` returns true (resolves `true`) or `timeout` passes (resolves `false`). */
export function condition(fn: () => boolean, timeout: number | string, options?: TimerOptions): Promise<boolean>;
export async function condition(fn: () => boolean, timeout?: number | string, options?: TimerOptions): Promise<void | boolean> {
  // an async function, as the SDK's: its promise settles in the same microtask turn as there
  getActivator();
  // a timeout of 0 is a 1 ms timer, behind the SDK's internal patch (a history without its marker waits without a timeout, as it was made)
  if (timeout === 0 && !patched(CONDITION_0_PATCH)) return conditionNoTimeout(fn);
  if (timeout === undefined) return conditionNoTimeout(fn);
  return CancellationScope.cancellable(async () => {
    try {
      return await Promise.race([sleep(timeout, options).then(() => false), conditionNoTimeout(fn).then(() => true)]);
    } finally {
      CancellationScope.current().cancel();
    }
  });
}

/** Resolves every condition whose predicate now holds; returns how many were resolved. */
export function unblockConditions(): number {
  const a = getActivator();
  let n = 0;
  for (const [seq, c] of a.conditions) {
    if (c.fn()) {
      a.conditions.delete(seq);
      c.resolve();
      n++;
    }
  }
  return n;
}


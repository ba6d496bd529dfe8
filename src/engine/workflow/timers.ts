/**
 * Durable time: `sleep(ms)` records a timer that survives restarts; `condition(fn, timeout?)`
 * waits until `fn()` is true (re-checked after every activation), optionally bounded by a timer.
 * `Date.now()` inside workflow code is the time of the current workflow task.
 */
import { CancellationScope, registerSleep } from './cancellation.js';
import { getActivator, msOf, pushCommand } from './internals.js';

/** Sleeps for `duration` (ms or a string like `'1 day'`); cancellable through the current scope. */
export function sleep(duration: number | string): Promise<void> {
  const a = getActivator();
  const ms = Math.max(1, msOf(duration, 'sleep duration') ?? 1);
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
registerSleep(sleep);

/** Fires a timer (host → workflow). */
export function fireTimer(seq: number): void {
  const a = getActivator();
  const t = a.timers.get(seq);
  if (!t) return;
  a.timers.delete(seq);
  t.resolve(undefined);
}

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
    a.conditions.set(seq, { fn, resolve });
  });
}

/** Waits until `fn()` returns true. */
export function condition(fn: () => boolean): Promise<void>;
/** Waits until `fn()` returns true (resolves `true`) or `timeout` passes (resolves `false`). */
export function condition(fn: () => boolean, timeout: number | string): Promise<boolean>;
export function condition(fn: () => boolean, timeout?: number | string): Promise<void | boolean> {
  if (timeout === undefined) return conditionNoTimeout(fn);
  return CancellationScope.cancellable(async () => {
    try {
      return await Promise.race([sleep(timeout).then(() => false), conditionNoTimeout(fn).then(() => true)]);
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


/**
 * The activity-side API (Temporal's `@temporalio/activity` `Context`, subset): heartbeats with
 * details, cancellation (an `AbortSignal` and a `cancelled` promise), and facts about the attempt.
 * Activity modules loaded by the engine that import `@temporalio/activity` get this module.
 *
 * Semantics: activities run at least once. An attempt whose completion was not recorded before a
 * crash runs again; make activities idempotent (the activity id and workflow id are stable keys).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { CancelledFailure } from '../workflow/failures.js';
import { msOf } from '../workflow/internals.js';

export interface ActivityInfo {
  readonly activityId: string;
  readonly activityType: string;
  readonly attempt: number;
  readonly workflowExecution: { workflowId: string; runId: string };
  readonly workflowType: string;
  readonly heartbeatDetails: unknown;
  readonly scheduledTimestampMs: number;
  readonly taskQueue: string;
  /** true for a local activity (`proxyLocalActivities`) */
  readonly isLocal: boolean;
}

/**
 * Where an attempt's cancellation comes from (the engine's activity worker). The `AbortSignal` is
 * made only when activity code asks for it: most attempts never need one.
 */
export interface CancellationSource {
  /** the attempt's signal (already aborted if the attempt was cancelled or timed out) */
  signal(): AbortSignal;
}

export class Context {
  private static readonly storage = new AsyncLocalStorage<Context>();
  private cancelledPromise: Promise<never> | undefined;

  constructor(
    readonly info: ActivityInfo,
    private readonly source: CancellationSource,
    private readonly onHeartbeat: (details: unknown) => void,
    private readonly onLog: (level: string, message: string, attrs?: unknown) => void = () => undefined,
  ) {}

  /** The activity's logger (lines name the activity and its workflow). */
  get log(): ActivityLogger {
    const at = (level: string) => (message: string, attrs?: Record<string, unknown>): void => this.onLog(level, message, attrs);
    return { trace: at('TRACE'), debug: at('DEBUG'), info: at('INFO'), warn: at('WARN'), error: at('ERROR') };
  }

  /** Aborted when the activity is cancelled or times out. */
  get cancellationSignal(): AbortSignal {
    return this.source.signal();
  }

  /** Rejects with `CancelledFailure` when the activity is cancelled or times out. */
  get cancelled(): Promise<never> {
    if (!this.cancelledPromise) {
      const signal = this.cancellationSignal;
      this.cancelledPromise = new Promise<never>((_, reject) => {
        const fire = (): void => reject(new CancelledFailure(String(signal.reason ?? 'cancelled')));
        if (signal.aborted) fire();
        else signal.addEventListener('abort', fire, { once: true });
      });
      this.cancelledPromise.catch(() => undefined);
    }
    return this.cancelledPromise;
  }

  /** The context of the running activity; throws outside an activity. */
  static current(): Context {
    const c = Context.storage.getStore();
    if (!c) throw new Error('Context.current() called outside an activity');
    return c;
  }

  /** Runs `fn` with `ctx` as the current context (engine only). */
  static run<T>(ctx: Context, fn: () => T): T {
    return Context.storage.run(ctx, fn);
  }

  /** Records progress; resets the heartbeat timeout; details are visible to the next attempt. */
  heartbeat(details?: unknown): void {
    this.onHeartbeat(details);
  }

  /** Sleeps `ms` (or a duration such as '2s'), rejecting early with `CancelledFailure` on cancellation. */
  sleep(ms: number | string): Promise<void> {
    const d = msOf(ms, 'sleep duration') ?? 0;
    return Promise.race([new Promise<void>((r) => setTimeout(r, d)), this.cancelled]);
  }
}

export interface ActivityLogger {
  trace(message: string, attrs?: Record<string, unknown>): void;
  debug(message: string, attrs?: Record<string, unknown>): void;
  info(message: string, attrs?: Record<string, unknown>): void;
  warn(message: string, attrs?: Record<string, unknown>): void;
  error(message: string, attrs?: Record<string, unknown>): void;
}

const contextFree = new WeakSet<object>();

/**
 * Marks an activity function that cannot reach this module (the activity loader knows when a
 * module graph imports neither the activity API nor any package that could): it then runs
 * without an activity `Context`, and without the `AsyncLocalStorage` that would carry one —
 * whose promise hooks, once on, cost on every promise of the process.
 */
export function markContextFree(fn: object): void {
  contextFree.add(fn);
}

/** True if `fn` was marked by {@link markContextFree}. */
export function isContextFree(fn: object): boolean {
  return contextFree.has(fn);
}

/** Facts about the running activity. */
export function activityInfo(): ActivityInfo {
  return Context.current().info;
}

/** `Context.current().heartbeat(details)`. */
export function heartbeat(details?: unknown): void {
  Context.current().heartbeat(details);
}

/** `Context.current().sleep(ms)`. */
export function sleep(ms: number | string): Promise<void> {
  return Context.current().sleep(ms);
}

/** `Context.current().cancelled`. */
export function cancelled(): Promise<never> {
  return Context.current().cancelled;
}

/** `Context.current().cancellationSignal`. */
export function cancellationSignal(): AbortSignal {
  return Context.current().cancellationSignal;
}

/** The current activity's logger (`Context.current().log`); outside an activity it throws as `Context.current()` does. */
export const log: ActivityLogger = {
  trace: (m, a) => Context.current().log.trace(m, a),
  debug: (m, a) => Context.current().log.debug(m, a),
  info: (m, a) => Context.current().log.info(m, a),
  warn: (m, a) => Context.current().log.warn(m, a),
  error: (m, a) => Context.current().log.error(m, a),
};

export { CancelledFailure };
export { ApplicationFailure } from '../workflow/failures.js';

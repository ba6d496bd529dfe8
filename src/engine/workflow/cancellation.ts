/**
 * `CancellationScope` (Temporal's name and semantics): a tree of scopes; cancelling a scope
 * cancels the timers, activities and child workflows started in it and in its cancellable
 * descendants. The current scope follows async continuations through an `AsyncLocalStorage`
 * injected by the host (promise hooks work across `node:vm` contexts); outside the engine a
 * synchronous fallback keeps the class usable. Code in no scope of its own (no store) is in
 * its workflow's root scope.
 */
import { CancelledFailure } from './failures.js';
import { contextStorage } from './context-storage.js';
import { getActivator, maybeActivator, msOf } from './internals.js';

/** The host's store of the current scope (./context-storage.ts). */
const storage = contextStorage<CancellationScope>('als');

export interface CancellationScopeOptions {
  /** default true */
  cancellable?: boolean;
  /** default: the current scope; `null` for a root scope */
  parent?: CancellationScope | null;
  /** cancel the scope after this duration (a durable timer) */
  timeout?: number | string;
}

export class CancellationScope {
  readonly cancellable: boolean;
  readonly parent: CancellationScope | undefined;
  readonly timeout: number | undefined;
  /** Rejects with `CancelledFailure` when the scope is cancelled. */
  readonly cancelRequested: Promise<never>;
  #requested = false;
  #reject!: (err: unknown) => void;

  constructor(options: CancellationScopeOptions = {}) {
    this.cancellable = options.cancellable ?? true;
    this.timeout = msOf(options.timeout, 'scope timeout');
    this.parent = options.parent === null ? undefined : options.parent ?? (maybeActivator() ? CancellationScope.current() : undefined);
    this.cancelRequested = new Promise<never>((_, reject) => { this.#reject = reject; });
    this.cancelRequested.catch(() => undefined);
    if (this.cancellable && this.parent) {
      if (this.parent.consideredCancelled) this.cancel();
      else this.parent.cancelRequested.catch((err) => this.cancel(err));
    }
  }

  /** True when this scope (or a cancellable ancestor chain) was cancelled. */
  get consideredCancelled(): boolean {
    return this.cancellable && (this.#requested || (this.parent?.consideredCancelled ?? false));
  }

  /** Requests cancellation of this scope and its cancellable children. */
  cancel(reason?: unknown): void {
    if (this.#requested) return;
    this.#requested = true;
    this.#reject(reason instanceof Error && reason.name === 'CancelledFailure' ? reason : new CancelledFailure(typeof reason === 'string' ? reason : 'Cancellation scope cancelled'));
  }

  /** Runs `fn` with this scope as the current scope. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return storage().run(this, () => this.#runInScope(fn));
  }

  /**
   * Runs the workflow's main function in its root scope (`this` must be the activator's
   * `rootScope`). Same as `run`, except that the async context holds no scope: `current()`
   * falls back to the root scope, so nothing changes for workflow code, and the host's promise
   * hooks stay off unless workflow code opens a scope of its own (they cost on every promise).
   */
  runAsRoot<T>(fn: () => Promise<T>): Promise<T> {
    return storage().run(undefined, () => this.#runInScope(fn));
  }

  async #runInScope<T>(fn: () => Promise<T>): Promise<T> {
    let timerScope: CancellationScope | undefined;
    if (this.timeout !== undefined) {
      timerScope = new CancellationScope();
      const ms = this.timeout;
      timerScope.run(() => sleepOf()(ms)).then(() => this.cancel(), () => undefined);
    }
    try {
      return await fn();
    } finally {
      if (timerScope && !timerScope.consideredCancelled) timerScope.cancel();
    }
  }

  /** The scope of the running code (the workflow's root scope at top level). */
  static current(): CancellationScope {
    return storage().getStore() ?? (getActivator().rootScope as CancellationScope);
  }

  /** Runs `fn` in a new cancellable scope. */
  static cancellable<T>(fn: () => Promise<T>): Promise<T> {
    return new CancellationScope({ cancellable: true }).run(fn);
  }

  /** Runs `fn` in a new scope that ignores cancellation of its parents. */
  static nonCancellable<T>(fn: () => Promise<T>): Promise<T> {
    return new CancellationScope({ cancellable: false }).run(fn);
  }

  /** Runs `fn` in a cancellable scope that is cancelled after `timeout`. */
  static withTimeout<T>(timeout: number | string, fn: () => Promise<T>): Promise<T> {
    return new CancellationScope({ cancellable: true, timeout }).run(fn);
  }
}

/** Creates the root scope of a run (not attached to any parent). */
export function newRootScope(): CancellationScope {
  return new CancellationScope({ cancellable: true, parent: null });
}

// `sleep` lives in timers.ts, which imports this module; resolve it lazily to avoid a cycle.
let sleepFn: ((ms: number) => Promise<void>) | undefined;
/** Called once by timers.ts. */
export function registerSleep(fn: (ms: number) => Promise<void>): void {
  sleepFn = fn;
}
function sleepOf(): (ms: number) => Promise<void> {
  if (!sleepFn) throw new Error('sleep is not registered');
  return sleepFn;
}

/**
 * `AsyncLocalStorage` for workflow code (Temporal's workflow-safe export of Node's class): a
 * value that follows a callback through its awaits. In the engine's sandbox it is the host's
 * `AsyncLocalStorage` (its promise hooks follow continuations inside the sandbox, as they do for
 * cancellation scopes); loaded outside the engine, a synchronous stand-in keeps the class usable
 * (the value is visible until the callback's first await).
 */

interface Storage<T> {
  run<R>(store: T, fn: (...args: any[]) => R, ...args: any[]): R;
  exit<R>(fn: (...args: any[]) => R, ...args: any[]): R;
  getStore(): T | undefined;
  enterWith(store: T): void;
  disable(): void;
}

/** The synchronous stand-in (no host). */
class SyncStorage<T> implements Storage<T> {
  #store: T | undefined;
  run<R>(store: T, fn: (...args: any[]) => R, ...args: any[]): R {
    const prev = this.#store;
    this.#store = store;
    try { return fn(...args); } finally { this.#store = prev; }
  }
  exit<R>(fn: (...args: any[]) => R, ...args: any[]): R {
    const prev = this.#store;
    this.#store = undefined;
    try { return fn(...args); } finally { this.#store = prev; }
  }
  getStore(): T | undefined { return this.#store; }
  enterWith(store: T): void { this.#store = store; }
  disable(): void { this.#store = undefined; }
}

const Base = ((globalThis as { __wfv_host?: { AsyncLocalStorage?: new () => Storage<unknown> } }).__wfv_host?.AsyncLocalStorage ?? SyncStorage) as new <T>() => Storage<T>;

/** Node's `AsyncLocalStorage`, usable from workflow code (Temporal's `AsyncLocalStorage` of `@temporalio/workflow`). */
export class AsyncLocalStorage<T> extends Base<T> {}

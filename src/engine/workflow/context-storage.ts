/**
 * Values that follow workflow code through its awaits (the current cancellation scope, update,
 * random stream): each is kept in one of the host's `AsyncLocalStorage`s, injected into the
 * sandbox as `__wfv_host[key]` (promise hooks follow continuations across the sandbox boundary).
 * Loaded outside the engine, a synchronous stand-in keeps the API usable: the value is visible
 * until the callback's first await.
 */

/** The two operations workflow code uses. */
export interface ContextStorage<T> {
  run<R>(store: T | undefined, fn: () => R): R;
  getStore(): T | undefined;
}

/** A synchronous stand-in for an `AsyncLocalStorage`. */
export function syncStorage<T>(): ContextStorage<T> {
  let current: T | undefined;
  return {
    run(store, fn) {
      const prev = current;
      current = store;
      try { return fn(); } finally { current = prev; }
    },
    getStore: () => current,
  };
}

/**
 * The host's store `key`, else a synchronous stand-in; looked up on first use and then kept (a
 * global of the sandbox costs an interceptor call on every read).
 */
export function contextStorage<T>(key: 'als' | 'updateStorage' | 'randomStorage'): () => ContextStorage<T> {
  let found: ContextStorage<T> | undefined;
  return () => {
    if (found !== undefined) return found;
    const host = (globalThis as { __wfv_host?: Record<string, ContextStorage<T> | undefined> }).__wfv_host?.[key];
    return (found = host ?? syncStorage<T>());
  };
}

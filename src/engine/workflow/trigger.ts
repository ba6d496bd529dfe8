/**
 * `Trigger`: a promise that workflow code settles from elsewhere (a signal handler, say), as
 * Temporal's `Trigger`. Made inside a cancellable scope, it rejects when that scope is cancelled.
 */
import { CancellationScope } from './cancellation.js';

export class Trigger<T> implements PromiseLike<T> {
  readonly resolve: (value: T | PromiseLike<T>) => void;
  readonly reject: (reason?: unknown) => void;
  private readonly promise: Promise<T>;

  constructor() {
    let resolve!: (value: T | PromiseLike<T>) => void;
    let reject!: (reason?: unknown) => void;
    this.promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.resolve = resolve;
    this.reject = reject;
    const scope = CancellationScope.current();
    if (scope.cancellable) scope.cancelRequested.catch(reject);
    this.promise.catch(() => undefined); // a trigger nobody awaits may reject without an unhandled rejection
  }

  then<R1 = T, R2 = never>(onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.promise.then(onFulfilled, onRejected);
  }
}

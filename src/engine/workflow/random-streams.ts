/**
 * Temporal's workflow random streams (`@temporalio/workflow` 1.24, experimental there): the
 * default stream `workflowRandom` (the sequence `Math.random()` draws from) and named streams
 * `getRandomStream(name)`, each seeded from the run's seed and its name (./random.ts
 * `streamSeed`) so that drawing from one never moves another. `stream.with(fn)` routes
 * `Math.random()` and `uuid4()` through the stream for `fn` and its async continuations (the
 * host's `AsyncLocalStorage`). Values are the SDK's, draw for draw.
 */
import { contextStorage } from './context-storage.js';
import { getActivator } from './internals.js';
import { fillFrom, uuid4From } from './random.js';

/** A deterministic stream of random numbers of the running workflow (Temporal's `WorkflowRandomStream`). */
export interface WorkflowRandomStream {
  random(): number;
  uuid4(): string;
  fill(bytes: Uint8Array): Uint8Array;
  /** runs `fn` with `Math.random()` and `uuid4()` drawing from this stream */
  with<T>(fn: () => T): T;
}

/** A source the activator can make current: its `random` draws from the stream. */
export interface RandomSource {
  random(): number;
}

/** What every stream does with its `random`. */
abstract class Stream implements WorkflowRandomStream, RandomSource {
  abstract random(): number;
  uuid4(): string {
    return uuid4From(() => this.random());
  }
  fill(bytes: Uint8Array): Uint8Array {
    return fillFrom(() => this.random(), bytes);
  }
  with<T>(fn: () => T): T {
    return getActivator().withRandom(this, fn);
  }
}

class NamedStream extends Stream {
  constructor(private readonly name: string) {
    super();
  }
  random(): number {
    return getActivator().namedRandom(this.name)();
  }
}

class DefaultStream extends Stream {
  /** the run's main generator, whatever stream is current */
  random(): number {
    return getActivator().mainRandom();
  }
}

/** The run's main stream: what `Math.random()` draws from when no other stream is current. */
export const workflowRandom: WorkflowRandomStream = new DefaultStream();

/** The named stream `name` of the running workflow (the same state for every call with that name). */
export function getRandomStream(name: string): WorkflowRandomStream {
  getActivator();
  if (typeof name !== 'string') throw new TypeError('a random stream name must be a string');
  return new NamedStream(name);
}

/** The host's store of the current stream (./context-storage.ts). */
const sources = contextStorage<RandomSource>('randomStorage');

/** The stream `Math.random()` and `uuid4()` draw from here, if one was made current (`with`). */
export function currentRandomSource(): RandomSource | undefined {
  return sources().getStore();
}

/** Runs `fn` with `source` current. */
export function runWithRandom<T>(source: RandomSource, fn: () => T): T {
  return sources().run(source, fn);
}

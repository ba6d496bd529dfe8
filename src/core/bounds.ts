/**
 * Run bounds. Every exploration runs under a complete {@link RunBounds}; hitting one ends the run
 * *inconclusive* — never with a pass.
 */

export interface RunBounds {
  /**
   * Maximum number of distinct states: the run is bounded as soon as one more is discovered
   * (so a bounded run reports `maxStates + 1` states; a state space of exactly `maxStates`
   * states completes).
   */
  readonly maxStates: number;
  /** Wall-clock budget in milliseconds. */
  readonly timeoutMs: number;
  /** Resident memory budget in bytes (checked periodically on the process' RSS). */
  readonly maxMemoryBytes: number;
}

/** Which bound ended a run. */
export type BoundKind = 'states' | 'time' | 'memory';

/** Defaults: no state or time limit; 20 GiB of resident memory (the machines have 24 GiB). */
export const DEFAULT_BOUNDS: RunBounds = {
  maxStates: Number.POSITIVE_INFINITY,
  timeoutMs: Number.POSITIVE_INFINITY,
  maxMemoryBytes: 20 * 1024 ** 3,
};

/** Completes partial bounds with the defaults; rejects negative or NaN values. */
export function resolveBounds(partial: Partial<RunBounds> = {}): RunBounds {
  const b = { ...DEFAULT_BOUNDS, ...dropUndefined(partial) };
  for (const [k, v] of Object.entries(b)) {
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new RangeError(`bound ${k} must be a non-negative number, got ${v}`);
  }
  return b;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The time or memory bound `elapsedMs` into a run has hit, if any (the state bound is the caller's). */
export function timeOrMemoryBoundHit(bounds: RunBounds, elapsedMs: number): BoundKind | undefined {
  if (elapsedMs > bounds.timeoutMs) return 'time';
  if (bounds.maxMemoryBytes !== Number.POSITIVE_INFINITY && process.memoryUsage.rss() > bounds.maxMemoryBytes) return 'memory';
  return undefined;
}

/** Describes a bound hit for humans, e.g. "state bound of 1000 states reached". */
export function describeBound(kind: BoundKind, bounds: RunBounds): string {
  switch (kind) {
    case 'states':
      return `state bound of ${bounds.maxStates} states reached`;
    case 'time':
      return `time bound of ${bounds.timeoutMs / 1000} s reached`;
    case 'memory':
      return `memory bound of ${Math.round(bounds.maxMemoryBytes / 1024 ** 2)} MiB reached`;
  }
}

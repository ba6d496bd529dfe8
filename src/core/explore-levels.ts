/**
 * Level-synchronous breadth-first exploration with partitioned delayed duplicate detection: the
 * fast path for runs that need the reachable state space and its figures but no per-state or
 * per-edge callback (state counts, edge counts, depth, deadlocks, shortest traces afterwards).
 *
 * A BFS level is expanded state by state; every successor candidate (packed words, hash, parent,
 * action) is appended to the buffer region of its partition (top bits of its hash): sequential
 * writes, no lookup. When a region fills up, and at the end of the level, every partition's
 * candidates are looked up in that partition's own small table ({@link PartitionedStore.absorb});
 * new states are appended to the arena and form the next level. Levels stay exact, so depth and
 * the BFS-tree paths (shortest traces) are those of {@link explore}; the ids within a level, and
 * so which of several shortest traces is kept, may differ.
 *
 * Contract: on a complete run, `stats.states`, `stats.transitions` (one per enabled action of
 * each state), `stats.depth` and the set of stored states equal those of {@link explore}; so do
 * `levelStarts` (as positions) and the deadlocks found. Bounds behave as in {@link explore}: the
 * state bound ends the run as soon as state `maxStates + 1` is stored, time and memory are checked
 * every 4096 expansions, and a bound hit gives status `bounded` (every stored state is still
 * reachable by its recorded path). LayoutOverflow widens the packing and restarts, calling
 * `onRestart`. Deterministic: the same system gives the same ids from run to run.
 */
import { type BoundKind, type RunBounds, resolveBounds } from './bounds.js';
import type { Exploration, ExploreStatus, ProgressInfo } from './explore.js';
import { hashPair, hashWords } from './hash.js';
import type { LayoutOverflow, TransitionSystem } from './model.js';
import { withWidening } from './widening.js';
import { PartitionedStore } from './partitioned-store.js';

export interface LevelExploreOptions {
  readonly bounds?: Partial<RunBounds>;
  /** Called about once a second. */
  readonly onProgress?: (p: ProgressInfo) => void;
  /** Called when the run starts over after the packing was widened. */
  readonly onRestart?: () => void;
  /** `k` for the store's `2^k` partitions (default 8). */
  readonly partitionBits?: number;
  /**
   * Buffered candidates per partition before a flush is forced, as a fraction of the states
   * stored so far divided by the partition count (default 1/2 for states of up to 2 words, 1/4 for wider ones; rounded down to a power of two).
   * A larger buffer lets one flush serve more lookups per table line; it costs `(w + 3) · 4`
   * bytes per buffered candidate.
   */
  readonly bufferRatio?: number;
  /** Smallest buffer per partition, in candidates (default 64; small values force flushes mid-level, for tests). */
  readonly minRegion?: number;
}

export interface LevelExploration extends Exploration {
  readonly store: PartitionedStore;
  /** Expanded states without successors. */
  readonly deadlocks: number;
  /** The first deadlock in id order (so at the smallest depth), or -1. */
  readonly firstDeadlock: number;
  /** Largest size in bytes of the candidate buffer during the run (working memory beyond the store). */
  readonly bufferBytes: number;
}

const MIN_REGION = 64;

/** Explores `system` level by level; widens its packing and restarts on {@link LayoutOverflow}. */
export function exploreLevels(system: TransitionSystem, options: LevelExploreOptions = {}): LevelExploration {
  const started = Date.now();
  return withWidening(system, () => exploreOnce(system, options, started), options.onRestart);
}

/** Enumerates successors of the state at `src[off…]` into a scratch buffer; returns how many. */
type Enumerate = (src: Uint32Array, off: number) => number;

function exploreOnce(system: TransitionSystem, options: LevelExploreOptions, started: number): LevelExploration {
  const bounds = resolveBounds(options.bounds);
  const limit = bounds.maxStates;
  const checkBounds = boundChecker(bounds);
  const W = system.stateWords;
  const store = new PartitionedStore(W, { partitionBits: options.partitionBits });
  const P = store.partitions;
  // Key hash r = hashWords rotated left by k (see PartitionedStore.keyHash); partition = r's low k bits.
  const k = store.partitionBits;
  const shift = 32 - k;
  const pmask = P - 1;
  const stride = W + 3;
  // Wider states make wider candidates: a smaller buffer keeps their storage per state in budget.
  const ratio = options.bufferRatio ?? (W <= 2 ? 0.5 : 0.25);
  const minRegion = Math.max(1, Math.floor(options.minRegion ?? MIN_REGION));

  // Successors of one state land in `scratch`/`scratchActions` first.
  let scratch = new Uint32Array(W * Math.max(16, system.actionCount));
  let scratchActions = new Int32Array(Math.max(16, system.actionCount));
  let enumerate: Enumerate;
  if (system.successorsInto !== undefined) {
    const into = system.successorsInto.bind(system);
    enumerate = (src, off) => into(src, off, scratch, 0, scratchActions);
  } else {
    let n = 0;
    const sink = (action: number, successor: Uint32Array): boolean => {
      if (n === scratchActions.length) {
        const s = new Uint32Array(scratch.length * 2);
        s.set(scratch);
        scratch = s;
        const a = new Int32Array(scratchActions.length * 2);
        a.set(scratchActions);
        scratchActions = a;
      }
      for (let i = 0; i < W; i++) scratch[n * W + i] = successor[i];
      scratchActions[n++] = action;
      return false;
    };
    enumerate = (src, off) => {
      n = 0;
      system.successors(src, off, sink);
      return n;
    };
  }

  // Candidate buffer: partition p owns ints [p*regionInts, (p+1)*regionInts); fills[p] in ints.
  let regionInts = minRegion * stride;
  let cand = new Uint32Array(P * regionInts);
  let bufferBytes = cand.byteLength;
  const fills = new Int32Array(P);

  let status: ExploreStatus = 'complete';
  let bound: BoundKind | undefined;
  let transitions = 0;
  let deadlocks = 0;
  let firstDeadlock = -1;

  /** Looks up every buffered candidate; returns false when the state bound was hit. */
  const flush = (): boolean => {
    for (let p = 0; p < P; p++) {
      const f = fills[p];
      if (f === 0) continue;
      fills[p] = 0;
      store.absorb(p, cand, p * regionInts, p * regionInts + f, limit);
      if (store.size > limit) return false;
    }
    // Regions grow with the store (a fixed fraction of it), so one flush serves many lookups per
    // partition table.
    const want = Math.max(minRegion, 2 ** Math.floor(Math.log2(Math.max(1, (store.size * ratio) / P))));
    if (want * stride > regionInts) {
      regionInts = want * stride;
      cand = new Uint32Array(P * regionInts);
      if (cand.byteLength > bufferBytes) bufferBytes = cand.byteLength;
    }
    return true;
  };

  const initialIndex: number[] = [];
  for (const [k, init] of system.initialStates().entries()) {
    if (store.add(init, 0, hashWords(init, 0, W), -1, -1)) initialIndex.push(k);
    if (store.size > limit) {
      status = 'bounded';
      bound = 'states';
      break;
    }
  }
  const initialCount = store.size;
  const levelStarts: number[] = [0];
  let expanded = 0;
  let nextCheck = 4096;
  let lastProgress = started;
  let levelStart = 0;
  let levelEnd = status === 'complete' ? store.size : 0;

  level: while (levelStart < levelEnd) {
    for (let s = levelStart; s < levelEnd; s++) {
      if (s === nextCheck) {
        nextCheck += 4096;
        const now = Date.now();
        const hit = checkBounds(now - started);
        if (hit !== undefined) {
          status = 'bounded';
          bound = hit;
          break level;
        }
        if (options.onProgress !== undefined && now - lastProgress >= 1000) {
          lastProgress = now;
          options.onProgress({ states: store.size, transitions, depth: levelStarts.length - 1, queued: store.size - s, ms: now - started });
        }
      }
      const n = enumerate(store.arena, s * W);
      transitions += n;
      if (n === 0) {
        deadlocks++;
        if (firstDeadlock < 0) firstDeadlock = s;
      }
      const sc = scratch;
      const sa = scratchActions;
      for (let j = 0; j < n; j++) {
        const h = W === 2 ? hashPair(sc[j << 1], sc[(j << 1) + 1]) : hashWords(sc, j * W, W);
        const r = ((h << k) | (h >>> shift)) >>> 0;
        const p = r & pmask;
        let f = fills[p];
        if (f === regionInts) {
          // This state's candidates so far are looked up now; the rest follow.
          if (!flush()) {
            status = 'bounded';
            bound = 'states';
            break level;
          }
          f = 0;
        }
        const o = p * regionInts + f;
        const c = cand;
        for (let i = 0; i < W; i++) c[o + i] = sc[j * W + i];
        c[o + W] = r;
        c[o + W + 1] = s;
        c[o + W + 2] = sa[j];
        fills[p] = f + stride;
      }
    }
    if (!flush()) {
      status = 'bounded';
      bound = 'states';
      break;
    }
    expanded = levelEnd;
    levelStart = levelEnd;
    levelEnd = store.size;
    if (levelEnd > levelStart) levelStarts.push(levelStart);
  }
  // States discovered beyond the last complete level still belong to the next level.
  if (status !== 'complete' && store.size > levelEnd && levelStarts[levelStarts.length - 1] < levelEnd) levelStarts.push(levelEnd);
  return {
    system,
    store,
    parents: store.parents,
    parentActions: store.parentActions,
    initialCount,
    initialIndex,
    levelStarts,
    expanded,
    status,
    bound,
    bounds,
    edges: undefined,
    stats: { states: store.size, transitions, depth: levelStarts.length - 1, ms: Date.now() - started },
    deadlocks,
    firstDeadlock,
    bufferBytes,
  };
}

/** Checks the time bound, and the memory bound at most every 100 ms (reading the RSS is a system call). */
function boundChecker(bounds: RunBounds): (elapsedMs: number) => BoundKind | undefined {
  let nextMemoryCheck = 0;
  return (elapsedMs) => {
    if (elapsedMs > bounds.timeoutMs) return 'time';
    if (bounds.maxMemoryBytes === Number.POSITIVE_INFINITY || elapsedMs < nextMemoryCheck) return undefined;
    nextMemoryCheck = elapsedMs + 100;
    return process.memoryUsage.rss() > bounds.maxMemoryBytes ? 'memory' : undefined;
  };
}

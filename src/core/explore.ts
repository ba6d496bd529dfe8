/**
 * Breadth-first exploration of a {@link TransitionSystem} into a {@link StateStore}.
 *
 * States are expanded in id order, which *is* BFS order because ids are given at discovery: the
 * store doubles as the queue. Every state keeps its BFS parent and the action that reached it,
 * so the path to any state is a shortest one. Optionally every edge is recorded, in
 * compressed-row form (states are expanded in id order), to build a {@link StateGraph}.
 *
 * Determinism: given a deterministic transition system, ids, edges and traces are identical from
 * run to run. Bounds are checked every 4096 expansions; a bound hit ends the run with status
 * `bounded` and the explored part is still usable (e.g. a violation found before the bound is a
 * real violation; "no violation found" is inconclusive).
 */
import { type BoundKind, type RunBounds, resolveBounds, timeOrMemoryBoundHit } from './bounds.js';
import { Int32List, ensureInt32 } from './growable.js';
import { hashWords } from './hash.js';
import type { LayoutOverflow, TransitionSystem } from './model.js';
import { withWidening } from './widening.js';
import { StateStore } from './state-store.js';
import type { StoredStates } from './stored-states.js';

/** How an exploration ended: all reachable states expanded, stopped by a callback, or by a bound. */
export type ExploreStatus = 'complete' | 'stopped' | 'bounded';

export interface ProgressInfo {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  /** Discovered states not yet expanded. */
  readonly queued: number;
  readonly ms: number;
}

export interface ExploreOptions {
  readonly bounds?: Partial<RunBounds>;
  /** Record every edge (needed for a {@link StateGraph}); costs 8 bytes per edge. */
  readonly recordEdges?: boolean;
  /** Called about once a second. */
  readonly onProgress?: (p: ProgressInfo) => void;
  /**
   * Called once for every new state (initial states first) with its BFS parent and the action
   * from it (both -1 for initial states); return `true` to stop the run.
   */
  readonly onState?: (id: number, arena: Uint32Array, offset: number, parent: number, action: number) => boolean | void;
  /** Called for every edge explored; return `true` to stop the run. */
  readonly onEdge?: (from: number, action: number, to: number) => boolean | void;
  /** Called for every expanded state without successors; return `true` to stop the run. */
  readonly onDeadlock?: (id: number) => boolean | void;
  /**
   * Called when the run starts over because the packing of states was widened (see
   * {@link TransitionSystem.widen}): every hook is then called again from the first state, and
   * ids seen before are meaningless. Observers must reset what they accumulated.
   */
  readonly onRestart?: () => void;
}

/** Recorded edges in compressed-row form: edges of state `s` are `offsets[s] … offsets[s+1]-1`. */
export interface EdgeRecord {
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  readonly actions: Int32Array;
}

export interface Exploration {
  readonly system: TransitionSystem;
  /** The states, ids `0 … size-1` in discovery (BFS) order. */
  readonly store: StoredStates;
  /** BFS parent of each state (-1 for initial states). */
  readonly parents: Int32Array;
  /** Action from the parent (-1 for initial states). */
  readonly parentActions: Int32Array;
  /** Number of distinct initial states; they have ids `0 … initialCount-1`. */
  readonly initialCount: number;
  /** For each initial state id, its (first) index in {@link TransitionSystem.initialStates}. */
  readonly initialIndex: readonly number[];
  /** Id of the first state of each BFS level (level 0 = initial states). */
  readonly levelStarts: readonly number[];
  /** Number of states expanded (their successors are all known when status is complete). */
  readonly expanded: number;
  readonly status: ExploreStatus;
  readonly bound?: BoundKind;
  readonly bounds: RunBounds;
  readonly edges?: EdgeRecord;
  readonly stats: ExploreStats;
}

export interface ExploreStats {
  readonly states: number;
  /** Edges explored (each enabled action of each expanded state counts once). */
  readonly transitions: number;
  /** Largest BFS level reached. */
  readonly depth: number;
  readonly ms: number;
}

/** Explores `system` breadth-first; widens its packing and restarts on {@link LayoutOverflow}. */
export function explore(system: TransitionSystem, options: ExploreOptions = {}): Exploration {
  const started = Date.now();
  return withWidening(system, () => exploreOnce(system, options, started), options.onRestart);
}

function exploreOnce(system: TransitionSystem, options: ExploreOptions, started: number): Exploration {
  const bounds = resolveBounds(options.bounds);
  const { onState, onEdge, onDeadlock, onProgress } = options;
  const store = new StateStore(system.stateWords, 1 << 12);
  let parents: Int32Array = new Int32Array(1 << 12);
  let parentActions: Int32Array = new Int32Array(1 << 12);
  const recordEdges = options.recordEdges === true;
  const offsets = new Int32List(recordEdges ? 1 << 12 : 0);
  const targets = new Int32List(recordEdges ? 1 << 14 : 0);
  const actions = new Int32List(recordEdges ? 1 << 14 : 0);
  const levelStarts: number[] = [0];
  let status: ExploreStatus = 'complete';
  let bound: BoundKind | undefined;
  let stop = false;
  let transitions = 0;
  let cur = -1;

  const add = (state: Uint32Array, offset: number, hash: number, parent: number, action: number): number => {
    const r = store.findOrAddHashed(state, offset, hash);
    if (r < 0) return -r - 1;
    if (r >= parents.length) {
      parents = ensureInt32(parents, r);
      parentActions = ensureInt32(parentActions, r);
    }
    parents[r] = parent;
    parentActions[r] = action;
    if (store.size > bounds.maxStates) {
      status = 'bounded';
      bound = 'states';
      stop = true;
    } else if (onState !== undefined && onState(r, store.arena, r * store.words, parent, action) === true) {
      status = 'stopped';
      stop = true;
    }
    return r;
  };

  // Successors of the state being expanded are first collected with their hashes, then looked
  // up together: touching their index slots in one pass lets the cache misses overlap.
  const words = system.stateWords;
  let batch = new Uint32Array(words * 16);
  let batchHashes: Int32Array = new Int32Array(16);
  let batchActions: Int32Array = new Int32Array(16);
  let batchSize = 0;
  const sink = (action: number, successor: Uint32Array): boolean => {
    if (batchSize === batchHashes.length) {
      const grown = new Uint32Array(batch.length * 2);
      grown.set(batch);
      batch = grown;
      batchHashes = ensureInt32(batchHashes, batchSize);
      batchActions = ensureInt32(batchActions, batchSize);
    }
    const base = batchSize * words;
    for (let i = 0; i < words; i++) batch[base + i] = successor[i];
    batchHashes[batchSize] = hashWords(successor, 0, words) | 0;
    batchActions[batchSize++] = action;
    return false;
  };
  // Accumulates what the touches read, so the loads cannot be optimised away.
  let sinkHole = 0;
  const lookUpBatch = (): void => {
    for (let k = 0; k < batchSize; k++) sinkHole ^= store.touch(batchHashes[k]);
    for (let k = 0; k < batchSize && !stop; k++) {
      const action = batchActions[k];
      transitions++;
      const to = add(batch, k * words, batchHashes[k], cur, action);
      if (recordEdges) {
        targets.push(to);
        actions.push(action);
      }
      if (onEdge !== undefined && !stop && onEdge(cur, action, to) === true) {
        status = 'stopped';
        stop = true;
      }
    }
  };

  const initialIndex: number[] = [];
  for (const [k, init] of system.initialStates().entries()) {
    const id = add(init, 0, hashWords(init, 0, init.length) | 0, -1, -1);
    if (id === initialIndex.length) initialIndex.push(k);
    if (stop) break;
  }
  const initialCount = store.size;
  let levelEnd = store.size;
  let nextCheck = 4096;
  let lastProgress = started;
  for (cur = 0; cur < store.size && !stop; cur++) {
    if (cur === levelEnd) {
      levelStarts.push(cur);
      levelEnd = store.size;
    }
    if (cur === nextCheck) {
      nextCheck += 4096;
      const now = Date.now();
      const hit = timeOrMemoryBoundHit(bounds, now - started);
      if (hit !== undefined) {
        status = 'bounded';
        bound = hit;
        break;
      }
      if (onProgress !== undefined && now - lastProgress >= 1000) {
        lastProgress = now;
        onProgress({ states: store.size, transitions, depth: levelStarts.length - 1, queued: store.size - cur, ms: now - started });
      }
    }
    if (recordEdges) offsets.push(targets.length);
    batchSize = 0;
    system.successors(store.arena, cur * store.words, sink);
    lookUpBatch();
    if (batchSize === 0 && !stop && onDeadlock !== undefined && onDeadlock(cur) === true) {
      status = 'stopped';
      stop = true;
      cur++;
      break;
    }
  }
  // `cur` is now the number of states whose successors were enumerated (fully, unless stopped).
  const expanded = Math.min(cur, store.size);
  if (recordEdges) offsets.push(targets.length);
  return {
    system,
    store,
    parents,
    parentActions,
    initialCount,
    initialIndex,
    levelStarts,
    expanded,
    status,
    bound,
    bounds,
    edges: recordEdges ? { offsets: offsets.toArray(), targets: targets.toArray(), actions: actions.toArray() } : undefined,
    stats: { states: store.size, transitions, depth: levelStarts.length - 1, ms: Date.now() - started },
  };
}


/** BFS depth of state `id` (its distance from an initial state). */
export function depthOf(exploration: Exploration, id: number): number {
  const starts = exploration.levelStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= id) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

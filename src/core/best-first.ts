/**
 * Best-first ("distance-guided") search for a goal state of a {@link TransitionSystem}.
 *
 * States are expanded in order of a caller-supplied heuristic distance to the goal (lower =
 * closer), ties broken by discovery order (newest first by default, see {@link BestFirstOptions}); every discovered state is tested against the goal
 * when it is discovered, and the search stops at the first goal state. States are stored in a
 * {@link StateStore} (exact keys, so no two states are merged) with the parent and action that
 * first reached them, so the path to any discovered state is a real path of the system — but not,
 * in general, a shortest one.
 *
 * Contract:
 * - `found`: `trace` replays on `system` (via {@link TransitionSystem.successors}) from initial
 *   state `trace.initial` to `goal`, a copy of the state on which `isGoal` returned true. It is a
 *   definite witness for "a goal state is reachable".
 * - `bounded`: a bound (states, time, memory) was hit first — nothing is known.
 * - `exhausted`: every state reachable from the initial states was discovered and none is a goal
 *   state. Callers that only want witnesses treat it like `bounded`; it is a proof of
 *   unreachability only because the search is exhaustive, never because of the heuristic.
 *
 * The heuristic only orders the search: any distance function (even a wrong one) keeps witnesses
 * genuine; `Infinity` (or `NaN`) just means "expand last". Determinism: for a deterministic system
 * and deterministic `isGoal`/`distance`, the expansion order, statistics and trace are identical
 * from run to run. The packing may be widened on {@link LayoutOverflow}: the search then starts over.
 */
import { type BoundKind, type RunBounds, resolveBounds, timeOrMemoryBoundHit } from './bounds.js';
import { ensureInt32 } from './growable.js';
import { hashWords } from './hash.js';
import type { TransitionSystem } from './model.js';
import { StateHeap } from './state-heap.js';
import { StateStore } from './state-store.js';
import type { Trace } from './trace.js';
import { withWidening } from './widening.js';

/** A test or a measure of the packed state at `arena[offset…]` (the state must not be kept). */
export type StateMeasure<T> = (arena: Uint32Array, offset: number) => T;

export interface BestFirstOptions {
  /** Bounds on distinct states discovered, wall-clock time and memory; see {@link RunBounds}. */
  readonly bounds?: Partial<RunBounds>;
  /**
   * Which of the states at the same distance is expanded first: the one discovered last (the
   * default; the search then dives along a plateau, as TAPAAL's verifypn does) or first.
   */
  readonly ties?: 'newest-first' | 'oldest-first';
}

export interface BestFirstStats {
  /** Distinct states discovered (stored). */
  readonly states: number;
  /** States whose successors were enumerated. */
  readonly expanded: number;
  /** Edges explored. */
  readonly transitions: number;
  readonly ms: number;
}

export type BestFirstResult =
  | { readonly status: 'found'; readonly trace: Trace; readonly goal: Uint32Array; readonly stats: BestFirstStats }
  | { readonly status: 'bounded'; readonly bound: BoundKind; readonly bounds: RunBounds; readonly stats: BestFirstStats }
  | { readonly status: 'exhausted'; readonly stats: BestFirstStats };

/** Bounds are checked every this many expansions (states are also counted on discovery). */
const CHECK_EVERY = 1024;

/**
 * Searches `system` best-first for a state satisfying `isGoal`, expanding states by increasing
 * `distance` (then discovery order). See the module comment for the contract of the result.
 */
export function bestFirstSearch(system: TransitionSystem, isGoal: StateMeasure<boolean>, distance: StateMeasure<number>, options: BestFirstOptions = {}): BestFirstResult {
  const started = Date.now();
  const bounds = resolveBounds(options.bounds);
  const newestFirst = (options.ties ?? 'newest-first') === 'newest-first';
  return withWidening(system, () => searchOnce(system, isGoal, distance, bounds, newestFirst, started));
}

function searchOnce(system: TransitionSystem, isGoal: StateMeasure<boolean>, distance: StateMeasure<number>, bounds: RunBounds, newestFirst: boolean, started: number): BestFirstResult {
  const words = system.stateWords;
  const store = new StateStore(words, 1 << 12);
  const heap = new StateHeap(newestFirst);
  let parents: Int32Array = new Int32Array(1 << 12);
  let parentActions: Int32Array = new Int32Array(1 << 12);
  const initialIndex: number[] = [];
  let goal = -1;
  let overBound = false;
  let transitions = 0;
  let expanded = 0;

  /** Stores a state if new; records its parent, tests the goal and queues it. */
  const discover = (state: Uint32Array, parent: number, action: number): void => {
    const id = store.findOrAddHashed(state, 0, hashWords(state, 0, words) | 0);
    if (id < 0) return;
    if (store.size > bounds.maxStates) {
      overBound = true;
      return;
    }
    if (id >= parents.length) {
      parents = ensureInt32(parents, id);
      parentActions = ensureInt32(parentActions, id);
    }
    parents[id] = parent;
    parentActions[id] = action;
    const offset = id * words;
    if (isGoal(store.arena, offset)) {
      goal = id;
      return;
    }
    const d = distance(store.arena, offset);
    heap.push(id, Number.isNaN(d) ? Number.POSITIVE_INFINITY : d);
  };

  for (const [k, init] of system.initialStates().entries()) {
    const before = store.size;
    discover(init, -1, -1);
    if (store.size > before && !overBound) initialIndex.push(k);
    if (goal >= 0 || overBound) break;
  }

  const current = new Uint32Array(words);
  let cur = -1;
  const sink = (action: number, successor: Uint32Array): boolean => {
    transitions++;
    discover(successor, cur, action);
    return goal >= 0 || overBound;
  };
  let bound: BoundKind | undefined = overBound ? 'states' : undefined;
  while (goal < 0 && bound === undefined && heap.size > 0) {
    if (expanded % CHECK_EVERY === 0 && expanded > 0) bound = timeOrMemoryBoundHit(bounds, Date.now() - started);
    if (bound !== undefined) break;
    cur = heap.pop();
    // The store's arena may be replaced while successors are added: expand a copy.
    current.set(store.arena.subarray(cur * words, cur * words + words));
    system.successors(current, 0, sink);
    expanded++;
    if (overBound) bound = 'states';
  }

  const stats: BestFirstStats = { states: Math.min(store.size, bounds.maxStates + 1), expanded, transitions, ms: Date.now() - started };
  if (goal >= 0) return { status: 'found', trace: traceOf(goal, parents, parentActions, initialIndex), goal: store.get(goal), stats };
  if (bound !== undefined) return { status: 'bounded', bound, bounds, stats };
  return { status: 'exhausted', stats };
}

/** The action path from an initial state to `id` along the recorded parents. */
function traceOf(id: number, parents: Int32Array, parentActions: Int32Array, initialIndex: readonly number[]): Trace {
  const actions: number[] = [];
  let s = id;
  while (parents[s] !== -1) {
    actions.push(parentActions[s]);
    s = parents[s];
  }
  return { initial: initialIndex[s], actions: actions.reverse() };
}


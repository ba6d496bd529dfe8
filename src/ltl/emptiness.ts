/**
 * Emptiness check of the on-the-fly product: Couvreur's SCC-based algorithm for generalised
 * Büchi acceptance on transitions (Couvreur FM'99; the iterative form of Geldenhuys–Valmari /
 * Gaiser–Schwoon), with early termination.
 *
 * A depth-first search keeps a stack of *roots*: each root stands for a partial SCC (the live
 * states with DFS number ≥ the root's), with the union of the acceptance marks of the edges
 * inside it. An edge to a live state closes a cycle: the roots above the target merge (their
 * marks and the marks of the edges entering them join). When the top root's marks cover every
 * acceptance set, an accepting cycle exists: the search stops at once. When the DFS leaves a
 * root, its SCC is complete and its states become dead (never looked at again).
 *
 * With weak fairness, a partial SCC may become fair only later (fairness is not monotone under
 * merging), so the test runs when an SCC is complete: if its marks cover every set and it is
 * fair ({@link FairnessChecker}), the search stops.
 *
 * Two more early exits: a successor in a *universal* automaton state (every continuation is
 * accepted; e.g. `G p` fails at the first `¬p` state) ends the search without fairness, and under
 * `'finite'` semantics a deadlock where the automaton may end accepted does.
 *
 * Iterative (explicit stacks, no recursion). Time O(product states + product edges) plus, with
 * fairness, one re-expansion of the states of each complete SCC whose marks are all present.
 * Memory per product state: the store's words plus one int (DFS number), plus stacks as deep as
 * the DFS.
 */
import { type BoundKind, type ProgressInfo, type RunBounds, ensureInt32 } from '../core/index.js';
import { FairnessChecker } from './fairness.js';
import type { Product } from './product.js';

/** A path of product states: `actions[i]` leads from `states[i]` to `states[i+1]`. */
export interface ProductPath {
  readonly states: number[];
  readonly actions: number[];
}

export type SearchOutcome =
  | { readonly kind: 'empty' }
  | { readonly kind: 'bounded'; readonly bound: BoundKind }
  /** An accepting (and, with fairness, fair) SCC: `prefix` ends at its root; `inScc` tells its members. */
  | { readonly kind: 'cycle'; readonly prefix: ProductPath; readonly inScc: (id: number) => boolean }
  /** `prefix` ends in a product state whose automaton state is universal. */
  | { readonly kind: 'universal'; readonly prefix: ProductPath }
  /** `'finite'` semantics: `prefix` ends at a deadlock where the run ends accepted. */
  | { readonly kind: 'end'; readonly prefix: ProductPath };

export interface SearchOptions {
  readonly bounds: RunBounds;
  /** `Date.now()` when the check started (the time bound counts from there). */
  readonly started: number;
  readonly weakFairness: boolean;
  /**
   * Called about once a second with the core progress record: `states` = product states stored,
   * `transitions` = product edges explored, `depth` = DFS depth, `queued` = stored product
   * states not yet visited.
   */
  readonly onProgress?: (p: ProgressInfo) => void;
}

const CHECK_EVERY = 1024;

/** Runs the search from the initial product states; returns how it ended and the edges explored. */
export function searchAcceptingCycle(product: Product, o: SearchOptions): { outcome: SearchOutcome; transitions: number } {
  const aut = product.automaton;
  const all = aut.accCount === 0 ? 0 : (1 << aut.accCount) - 1;
  const fair = o.weakFairness;
  const fairness = fair ? new FairnessChecker(product) : undefined;
  const store = product.store;
  // index[id]: 0 unvisited, > 0 DFS number of a live state, -1 dead (its SCC is complete).
  let index: Int32Array = new Int32Array(1 << 12);
  // DFS frames: state, its edges fStart…fEnd-1 on the edge stack, next edge, action from the parent.
  let fState: Int32Array = new Int32Array(256);
  let fStart: Int32Array = new Int32Array(256);
  let fEnd: Int32Array = new Int32Array(256);
  let fCursor: Int32Array = new Int32Array(256);
  let fAction: Int32Array = new Int32Array(256);
  let fp = 0;
  let eTarget: Int32Array = new Int32Array(1024);
  let eAcc: Int32Array = new Int32Array(1024);
  let eAction: Int32Array = new Int32Array(1024);
  let eTop = 0;
  // Roots: DFS number, marks inside, marks of the entering edge, frame, active-stack position, has a cycle.
  let rIdx: Int32Array = new Int32Array(256);
  let rAcc: Int32Array = new Int32Array(256);
  let rIn: Int32Array = new Int32Array(256);
  let rFrame: Int32Array = new Int32Array(256);
  let rActive: Int32Array = new Int32Array(256);
  let rCyclic: Int32Array = new Int32Array(256);
  let rp = 0;
  let active: Int32Array = new Int32Array(256);
  let ap = 0;
  let counter = 0;
  let transitions = 0;
  let nextCheck = CHECK_EVERY;
  let lastProgress = o.started;

  const path = (top: number, extraTarget = -1, extraAction = 0): ProductPath => {
    const states = Array.from(fState.subarray(0, top + 1));
    const actions = Array.from(fAction.subarray(1, top + 1));
    if (extraTarget >= 0) {
      states.push(extraTarget);
      actions.push(extraAction);
    }
    return { states, actions };
  };

  const found = (r: number): SearchOutcome => {
    const rootIndex = rIdx[r];
    const dfsIndex = index;
    return { kind: 'cycle', prefix: path(rFrame[r]), inScc: (id) => dfsIndex[id] >= rootIndex };
  };

  /** Visits `id`, reached by an edge with marks `inAcc` and `action`; returns an outcome when the search can stop. */
  const push = (id: number, inAcc: number, action: number): SearchOutcome | undefined => {
    index[id] = ++counter;
    if (fp === fState.length) {
      fState = ensureInt32(fState, fp);
      fStart = ensureInt32(fStart, fp);
      fEnd = ensureInt32(fEnd, fp);
      fCursor = ensureInt32(fCursor, fp);
      fAction = ensureInt32(fAction, fp);
    }
    product.expand(id);
    index = ensureInt32(index, store.size);
    const n = product.edgeCount;
    transitions += n;
    if (eTop + n >= eTarget.length) {
      eTarget = ensureInt32(eTarget, eTop + n);
      eAcc = ensureInt32(eAcc, eTop + n);
      eAction = ensureInt32(eAction, eTop + n);
    }
    fState[fp] = id;
    fAction[fp] = action;
    fStart[fp] = eTop;
    fCursor[fp] = eTop;
    for (let k = 0; k < n; k++) {
      eTarget[eTop] = product.edgeTargets[k];
      eAcc[eTop] = product.edgeAcc[k];
      eAction[eTop++] = product.edgeActions[k];
    }
    fEnd[fp] = eTop;
    fp++;
    if (rp === rIdx.length) {
      rIdx = ensureInt32(rIdx, rp);
      rAcc = ensureInt32(rAcc, rp);
      rIn = ensureInt32(rIn, rp);
      rFrame = ensureInt32(rFrame, rp);
      rActive = ensureInt32(rActive, rp);
      rCyclic = ensureInt32(rCyclic, rp);
    }
    rIdx[rp] = counter;
    rAcc[rp] = 0;
    rIn[rp] = inAcc;
    rFrame[rp] = fp - 1;
    rActive[rp] = ap;
    rCyclic[rp++] = 0;
    active = ensureInt32(active, ap);
    active[ap++] = id;
    if (product.endAccepted) return { kind: 'end', prefix: path(fp - 1) };
    if (!fair) {
      for (let e = fStart[fp - 1]; e < eTop; e++) {
        if (aut.universal[product.automatonState(eTarget[e])] === 1) return { kind: 'universal', prefix: path(fp - 1, eTarget[e], eAction[e]) };
      }
    }
    if (store.size > o.bounds.maxStates) return { kind: 'bounded', bound: 'states' };
    if (counter >= nextCheck) {
      nextCheck += CHECK_EVERY;
      const now = Date.now();
      if (now - o.started > o.bounds.timeoutMs) return { kind: 'bounded', bound: 'time' };
      if (o.bounds.maxMemoryBytes !== Number.POSITIVE_INFINITY && process.memoryUsage.rss() > o.bounds.maxMemoryBytes) {
        return { kind: 'bounded', bound: 'memory' };
      }
      if (o.onProgress !== undefined && now - lastProgress >= 1000) {
        lastProgress = now;
        o.onProgress({ states: store.size, transitions, depth: fp, queued: store.size - counter, ms: now - o.started });
      }
    }
    return undefined;
  };

  const initial = product.initialIds();
  index = ensureInt32(index, store.size);
  if (store.size > o.bounds.maxStates) return { outcome: { kind: 'bounded', bound: 'states' }, transitions };
  for (const init of initial) {
    if (index[init] !== 0) continue;
    if (!fair && aut.universal[0] === 1) return { outcome: { kind: 'universal', prefix: { states: [init], actions: [] } }, transitions };
    const stop = push(init, 0, -2);
    if (stop !== undefined) return { outcome: stop, transitions };
    while (fp > 0) {
      const top = fp - 1;
      const e = fCursor[top];
      if (e < fEnd[top]) {
        fCursor[top] = e + 1;
        const t = eTarget[e];
        const it = index[t];
        if (it === 0) {
          const out = push(t, eAcc[e], eAction[e]);
          if (out !== undefined) return { outcome: out, transitions };
        } else if (it > 0) {
          // t is live: the edge closes a cycle; merge every partial SCC above t's.
          let acc = eAcc[e];
          while (it < rIdx[rp - 1]) {
            rp--;
            acc |= rAcc[rp] | rIn[rp];
          }
          rAcc[rp - 1] |= acc;
          rCyclic[rp - 1] = 1;
          if (!fair && (rAcc[rp - 1] & all) === all) return { outcome: found(rp - 1), transitions };
        }
        continue;
      }
      // All edges of the top state done: leave it.
      if (rIdx[rp - 1] === index[fState[top]]) {
        const r = rp - 1;
        if (fair && rCyclic[r] === 1 && (rAcc[r] & all) === all) {
          const rootIndex = rIdx[r];
          const unfair = (fairness as FairnessChecker).unfairActions(active.subarray(rActive[r], ap), (id) => index[id] >= rootIndex);
          if (unfair.length === 0) return { outcome: found(r), transitions };
        }
        rp--;
        while (ap > rActive[r]) index[active[--ap]] = -1;
      }
      eTop = fStart[top];
      fp--;
    }
  }
  return { outcome: { kind: 'empty' }, transitions };
}

/**
 * The three CTL primitives every other operator reduces to, each linear in the graph:
 *
 * - {@link preExists} (`EX`): one pass over the successor arrays, O(states + edges).
 * - {@link existsUntil} (`E[p U q]`): backward BFS from `q` over the predecessor arrays, entering
 *   only `p`-states, O(states + edges).
 * - {@link existsGlobally} (`EG p`, fair or not): Tarjan SCCs of the graph restricted to `p`
 *   (iterative, `core/scc.ts`), keep the *fair cores* — non-trivial components (a cycle inside
 *   `p`) that meet every fairness set, plus deadlocks (see below) — then the backward closure of
 *   the cores inside `p`. O((states + edges) · 1 + states · fairness sets).
 *
 * Deadlocks (states without successors): under `'stutter'` a deadlock has an implicit self-loop,
 * so it is a non-trivial component on its own (fair iff it is in every fairness set); under
 * `'finite'` a `p`-deadlock is a core unconditionally (a finite maximal path is fair). Without
 * fairness both give the same `EG`.
 *
 * No recursion over states and no per-state objects: typed arrays and index queues only.
 */
import { stronglyConnectedComponents, type StateGraph } from '../core/index.js';
import type { Bits } from './bitset.js';
import type { DeadlockSemantics } from './types.js';

/** `EX target`: states with a successor in `target` (under `'stutter'` a deadlock is its own successor). */
export function preExists(g: StateGraph, target: Bits, semantics: DeadlockSemantics): Bits {
  const n = g.stateCount;
  const out = new Uint8Array(n);
  const { succOffsets: off, succTargets: tg } = g;
  const stutter = semantics === 'stutter';
  for (let s = 0; s < n; s++) {
    const a = off[s];
    const b = off[s + 1];
    if (a === b) {
      if (stutter) out[s] = target[s];
      continue;
    }
    for (let e = a; e < b; e++) {
      if (target[tg[e]] === 1) {
        out[s] = 1;
        break;
      }
    }
  }
  return out;
}

/**
 * `E[via U target]`: the least set containing `target` and every `via`-state with a successor in
 * the set. Backward BFS over `g.predecessors()`.
 */
export function existsUntil(g: StateGraph, via: Bits, target: Bits): Bits {
  const n = g.stateCount;
  const out = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (target[s] === 1) {
      out[s] = 1;
      queue[tail++] = s;
    }
  }
  const { offsets, sources } = g.predecessors();
  for (let head = 0; head < tail; head++) {
    const t = queue[head];
    for (let k = offsets[t]; k < offsets[t + 1]; k++) {
      const s = sources[k];
      if (out[s] === 0 && via[s] === 1) {
        out[s] = 1;
        queue[tail++] = s;
      }
    }
  }
  return out;
}

/** The result of the `EG` computation, kept so evidence can build lassos inside the cores. */
export interface GloballyAnalysis {
  /** `E_fair G p`. */
  readonly sat: Bits;
  /** States of fair cores: fair non-trivial SCCs inside `p`, and the `p`-deadlocks that count as fair. */
  readonly core: Bits;
  /** SCC id of each `p`-state in the graph restricted to `p` (-1 outside `p`). */
  readonly component: Int32Array;
}

/**
 * `E G p` over fair paths: states with a path inside `p` that is either infinite and visits every
 * set of `fairness` infinitely often, or (under `'finite'`) ends in a deadlock.
 * With no fairness sets every non-trivial component is fair (plain `EG`).
 */
export function existsGlobally(g: StateGraph, p: Bits, fairness: readonly Bits[], semantics: DeadlockSemantics): GloballyAnalysis {
  if (fairness.length > 0) return fairCores(g, p, fairness, semantics);
  // Without fairness the greatest fixpoint is computed by counting (no SCCs: one sequential pass
  // over the edges plus backward pruning); the cores and components, needed only to draw a
  // lasso, are computed on first use.
  const sat = greatestFixpointEG(g, p);
  let full: GloballyAnalysis | undefined;
  const analysis = () => (full ??= fairCores(g, p, fairness, semantics));
  return {
    sat,
    get core() {
      return analysis().core;
    },
    get component() {
      return analysis().component;
    },
  };
}

/**
 * `EG p` without fairness as the greatest fixpoint `νZ. p ∧ (EX Z ∨ kept deadlock)`, by counting
 * for every `p`-state its edges into the current set and pruning states whose count drops to
 * zero (O(states + edges)). A `p`-deadlock stays in the set under both semantics (a stuttering
 * or a finite maximal path may rest there).
 */
function greatestFixpointEG(g: StateGraph, p: Bits): Bits {
  const n = g.stateCount;
  const { succOffsets: off, succTargets: tg } = g;
  const inZ = Uint8Array.from(p);
  const count = new Int32Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let s = 0; s < n; s++) {
    if (inZ[s] === 0) continue;
    if (off[s] === off[s + 1]) continue;
    let c = 0;
    for (let e = off[s]; e < off[s + 1]; e++) if (p[tg[e]] === 1) c++;
    count[s] = c;
    if (c === 0) {
      inZ[s] = 0;
      queue[tail++] = s;
    }
  }
  const { offsets, sources } = tail > 0 ? g.predecessors() : { offsets: new Int32Array(0), sources: new Int32Array(0) };
  for (let head = 0; head < tail; head++) {
    const t = queue[head];
    for (let k = offsets[t]; k < offsets[t + 1]; k++) {
      const u = sources[k];
      if (inZ[u] === 1 && --count[u] === 0) {
        inZ[u] = 0;
        queue[tail++] = u;
      }
    }
  }
  return inZ;
}

/** `E G p` over fair paths through the SCCs of the graph restricted to `p` (see above). */
function fairCores(g: StateGraph, p: Bits, fairness: readonly Bits[], semantics: DeadlockSemantics): GloballyAnalysis {
  const n = g.stateCount;
  const { component, count } = stronglyConnectedComponents(g, (s) => p[s] === 1);
  const { succOffsets: off, succTargets: tg } = g;
  const stutter = semantics === 'stutter';
  // cyclic[c]: component c contains a cycle (size > 1, a self-loop, or a stuttering deadlock).
  const cyclic = new Uint8Array(count);
  const size = new Int32Array(count);
  const finiteCore = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const c = component[s];
    if (c < 0) continue;
    if (++size[c] > 1) cyclic[c] = 1;
    if (off[s] === off[s + 1]) {
      if (stutter) cyclic[c] = 1;
      else finiteCore[s] = 1;
      continue;
    }
    for (let e = off[s]; e < off[s + 1]; e++) {
      if (tg[e] === s) {
        cyclic[c] = 1;
        break;
      }
    }
  }
  // A cyclic component is fair when it meets every fairness set.
  const good = cyclic;
  for (const f of fairness) {
    const hit = new Uint8Array(count);
    for (let s = 0; s < n; s++) if (f[s] === 1 && component[s] >= 0) hit[component[s]] = 1;
    for (let c = 0; c < count; c++) good[c] &= hit[c];
  }
  const core = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const c = component[s];
    if (c >= 0 && (good[c] === 1 || finiteCore[s] === 1)) core[s] = 1;
  }
  return { sat: existsUntil(g, p, core), core, component };
}

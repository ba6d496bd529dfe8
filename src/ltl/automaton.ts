/**
 * The automaton the product is built with: a transition-based generalised Büchi automaton (TGBA)
 * over the atoms, stored in flat arrays, plus its post-processing (pruning, universal states).
 *
 * Reading convention (how the product uses it): a run reads the atom valuation of the *current*
 * system state: in product state `(s, q)` a transition `q --label--> q'` may be taken when the
 * atoms of `s` satisfy `label`, and the product moves to `(s', q')` for every successor `s'` of
 * `s`. A transition label is a conjunction of literals over atoms (empty = true). Acceptance is
 * on transitions: a run is accepting when, for each of the `accCount` sets, it takes infinitely
 * many transitions whose `acc` mask has that bit. For finite maximal paths (deadlock semantics
 * `'finite'`), a run may also end with a transition marked `endOk` taken from the last state.
 */

export interface Tgba {
  /** Number of states; states are `0 … stateCount-1`, the initial state is 0. */
  readonly stateCount: number;
  /** Number of acceptance sets (≤ 30); all sets together are `(1 << accCount) - 1`. */
  readonly accCount: number;
  /** Transitions of state `q` are `transStart[q] … transStart[q+1]-1`. */
  readonly transStart: Int32Array;
  /** Target state, or -1 for an end-only transition (`'finite'`: it can only end the run). */
  readonly transDst: Int32Array;
  readonly transAcc: Int32Array;
  /** 1 when the run may end with this transition (finite maximal paths only). */
  readonly transEndOk: Uint8Array;
  /** Literal codes of transition `t` are `lits[litStart[t] … litStart[t+1])`; code = 2·atom + (negated ? 1 : 0). */
  readonly litStart: Int32Array;
  readonly lits: Int32Array;
  /** 1 for states that accept every continuation (a true self-loop in every acceptance set). */
  readonly universal: Uint8Array;
  /** The obligation (an NNF formula, printed) each state stands for. */
  readonly stateNames: readonly string[];
}

/** A transition while the automaton is being built. */
export interface RawTransition {
  /** Target state, or -1 for an end-only transition (then `endOk` is true). */
  readonly dst: number;
  /** Sorted literal codes. */
  readonly lits: readonly number[];
  readonly acc: number;
  readonly endOk: boolean;
}

/**
 * Packs a raw automaton (state 0 initial) into a {@link Tgba}: keeps only the states reachable
 * from the initial state that can still reach an accepting cycle (a strongly connected set whose
 * internal transitions cover every acceptance set) or, when `finite`, an `endOk` transition;
 * renumbers them in breadth-first order and marks universal states. An `endOk` transition into a
 * dropped state stays as an end-only transition (target -1). The initial state is always
 * kept (possibly without transitions: the language is then empty). O(states · transitions).
 */
export function packAutomaton(names: readonly string[], trans: readonly (readonly RawTransition[])[], accCount: number, finite: boolean): Tgba {
  const n = trans.length;
  const all = accCount === 0 ? 0 : (1 << accCount) - 1;
  const reach = trans.map((_, q) => reachable(trans, q));
  const good = new Uint8Array(n);
  for (let q = 0; q < n; q++) {
    if (finite && trans[q].some((t) => t.endOk)) good[q] = 1;
    // Acceptance marks of the transitions inside q's strongly connected component.
    let acc = 0;
    let cyclic = false;
    for (let p = 0; p < n; p++) {
      if (!reach[q][p] || !reach[p][q]) continue;
      for (const t of trans[p]) {
        if (t.dst >= 0 && reach[q][t.dst] && reach[t.dst][q]) {
          cyclic = true;
          acc |= t.acc;
        }
      }
    }
    if (cyclic && (acc & all) === all) good[q] = 1;
  }
  const useful = (q: number) => reach[q].some((r, p) => r && good[p] === 1);
  const keep = trans.map((_, q) => useful(q));
  const order = [0];
  const newId = new Int32Array(n).fill(-1);
  newId[0] = 0;
  for (let i = 0; i < order.length; i++) {
    for (const t of trans[order[i]]) {
      if (t.dst >= 0 && keep[t.dst] && newId[t.dst] < 0) {
        newId[t.dst] = order.length;
        order.push(t.dst);
      }
    }
  }
  // A transition into a useless state can still end a finite run: it becomes end-only.
  const kept = order.map((q) =>
    keep[q] ? trans[q].flatMap((t) => (t.dst >= 0 && keep[t.dst] ? [t] : t.endOk ? [{ ...t, dst: -1 }] : [])) : [],
  );
  const count = kept.reduce((s, ts) => s + ts.length, 0);
  const transStart = new Int32Array(order.length + 1);
  const transDst = new Int32Array(count);
  const transAcc = new Int32Array(count);
  const transEndOk = new Uint8Array(count);
  const litStart = new Int32Array(count + 1);
  const lits = new Int32Array(kept.reduce((s, ts) => s + ts.reduce((u, t) => u + t.lits.length, 0), 0));
  const universal = new Uint8Array(order.length);
  let k = 0;
  let l = 0;
  order.forEach((_, i) => {
    transStart[i] = k;
    for (const t of kept[i]) {
      transDst[k] = t.dst < 0 ? -1 : newId[t.dst];
      transAcc[k] = t.acc & all;
      transEndOk[k] = t.endOk ? 1 : 0;
      for (const c of t.lits) lits[l++] = c;
      litStart[k + 1] = l;
      if (t.dst >= 0 && newId[t.dst] === i && t.lits.length === 0 && (t.acc & all) === all && (t.endOk || !finite)) universal[i] = 1;
      k++;
    }
  });
  transStart[order.length] = k;
  return { stateCount: order.length, accCount, transStart, transDst, transAcc, transEndOk, litStart, lits, universal, stateNames: order.map((q) => names[q]) };
}

/** States reachable from `q` in zero or more steps, as a boolean per state. */
function reachable(trans: readonly (readonly RawTransition[])[], q: number): boolean[] {
  const seen = trans.map(() => false);
  seen[q] = true;
  const stack = [q];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    for (const t of trans[p]) {
      if (t.dst >= 0 && !seen[t.dst]) {
        seen[t.dst] = true;
        stack.push(t.dst);
      }
    }
  }
  return seen;
}

/** The number of transitions of an automaton. */
export function transitionCount(a: Tgba): number {
  return a.transStart[a.stateCount];
}

/** A readable listing (one line per transition), for diagnostics and tests. */
export function describeTgba(a: Tgba, atomName: (atom: number) => string = (i) => `a${i}`): string {
  const lines = [`states=${a.stateCount} transitions=${transitionCount(a)} acceptance-sets=${a.accCount}`];
  for (let q = 0; q < a.stateCount; q++) {
    lines.push(`${q}${a.universal[q] ? ' (universal)' : ''}: ${a.stateNames[q]}`);
    for (let t = a.transStart[q]; t < a.transStart[q + 1]; t++) {
      const label: string[] = [];
      for (let i = a.litStart[t]; i < a.litStart[t + 1]; i++) label.push(`${a.lits[i] & 1 ? '!' : ''}${atomName(a.lits[i] >> 1)}`);
      const marks: number[] = [];
      for (let b = 0; b < a.accCount; b++) if (a.transAcc[t] & (1 << b)) marks.push(b);
      lines.push(`  --${label.length > 0 ? label.join(' & ') : 'true'}--> ${a.transDst[t] < 0 ? '(end)' : a.transDst[t]}${marks.length > 0 ? ` {${marks.join(',')}}` : ''}${a.transEndOk[t] ? ' end' : ''}`);
    }
  }
  return lines.join('\n');
}

/**
 * Weak fairness on actions, evaluated on sets of product states.
 *
 * A run is weakly fair when every action that is enabled continuously from some point on is
 * taken infinitely often. For a strongly connected set C of product states (what a lasso's cycle
 * or an SCC visits infinitely often), the run that traverses every edge of C infinitely often is
 * fair iff every action enabled (in the system) in *all* states of C labels some edge inside C.
 * If the maximal SCC fails this test, so does every cycle inside it (an action enabled everywhere
 * in C is enabled everywhere in a subset, and a subset has fewer edges), hence checking maximal
 * SCCs decides the existence of a fair accepting cycle exactly.
 */
import type { Product } from './product.js';

/**
 * Scratch counters over action ids, reused between calls (no allocation per check).
 * `unfairActions` is O(Σ over the states of their edges and enabled actions).
 */
export class FairnessChecker {
  private readonly enabledIn: Int32Array;
  private readonly taken: Uint8Array;
  private readonly touched: number[] = [];

  constructor(private readonly product: Product) {
    this.enabledIn = new Int32Array(product.system.actionCount);
    this.taken = new Uint8Array(product.system.actionCount);
  }

  /**
   * The actions enabled in every state of `states` (distinct product ids, each with at least one
   * matching automaton transition) that label no edge between two states satisfying `inside`.
   * Empty means: cycling through all of `states` (using only `inside` edges) is weakly fair.
   */
  unfairActions(states: Iterable<number>, inside: (id: number) => boolean): number[] {
    const p = this.product;
    let n = 0;
    for (const u of states) {
      n++;
      p.expand(u);
      for (let k = 0; k < p.enabledCount; k++) {
        const a = p.enabled[k];
        if (this.enabledIn[a]++ === 0) this.touched.push(a);
      }
      for (let k = 0; k < p.edgeCount; k++) {
        const a = p.edgeActions[k];
        if (a >= 0 && inside(p.edgeTargets[k])) this.taken[a] = 1;
      }
    }
    const unfair: number[] = [];
    for (const a of this.touched) {
      if (this.enabledIn[a] === n && this.taken[a] === 0) unfair.push(a);
      this.enabledIn[a] = 0;
      this.taken[a] = 0;
    }
    this.touched.length = 0;
    return unfair.sort((x, y) => x - y);
  }
}

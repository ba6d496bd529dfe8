/**
 * An explicit reachability graph in compressed-row form, built once by {@link explore} and read
 * by fixpoint checkers (CTL, ATL, liveness) without re-running successor functions.
 *
 * Edges of state `s` are `succOffsets[s] … succOffsets[s+1]-1` into `succTargets`/`succActions`.
 * Predecessors are computed on first use (counting sort: O(states + edges)).
 */
import { InternalError } from './errors.js';
import type { Exploration } from './explore.js';

export class StateGraph {
  readonly stateCount: number;
  readonly succOffsets: Int32Array;
  readonly succTargets: Int32Array;
  readonly succActions: Int32Array;
  /** Number of initial states (ids `0 … initialCount-1`). */
  readonly initialCount: number;
  private preds?: { offsets: Int32Array; sources: Int32Array; actions: Int32Array };

  constructor(stateCount: number, succOffsets: Int32Array, succTargets: Int32Array, succActions: Int32Array, initialCount: number) {
    if (succOffsets.length !== stateCount + 1) throw new InternalError(`graph offsets have length ${succOffsets.length}, expected ${stateCount + 1}`);
    this.stateCount = stateCount;
    this.succOffsets = succOffsets;
    this.succTargets = succTargets;
    this.succActions = succActions;
    this.initialCount = initialCount;
  }

  /** Builds the graph of a complete exploration that recorded its edges. */
  static fromExploration(x: Exploration): StateGraph {
    if (x.edges === undefined) throw new InternalError('exploration did not record edges');
    if (x.status !== 'complete') throw new InternalError(`cannot build a state graph from a ${x.status} exploration`);
    return new StateGraph(x.store.size, x.edges.offsets, x.edges.targets, x.edges.actions, x.initialCount);
  }

  get edgeCount(): number {
    return this.succTargets.length;
  }

  /** Out-degree of `s`. */
  outDegree(s: number): number {
    return this.succOffsets[s + 1] - this.succOffsets[s];
  }

  /** Predecessor lists in compressed-row form (computed once, then cached). */
  predecessors(): { offsets: Int32Array; sources: Int32Array; actions: Int32Array } {
    if (this.preds !== undefined) return this.preds;
    const n = this.stateCount;
    const offsets = new Int32Array(n + 1);
    const targets = this.succTargets;
    for (let e = 0; e < targets.length; e++) offsets[targets[e] + 1]++;
    for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
    const fill = offsets.slice(0, n);
    const sources = new Int32Array(targets.length);
    const actions = new Int32Array(targets.length);
    for (let s = 0; s < n; s++) {
      for (let e = this.succOffsets[s]; e < this.succOffsets[s + 1]; e++) {
        const k = fill[targets[e]]++;
        sources[k] = s;
        actions[k] = this.succActions[e];
      }
    }
    this.preds = { offsets, sources, actions };
    return this.preds;
  }

  /** Bytes held by the graph's arrays. */
  get bytes(): number {
    const p = this.preds;
    const pb = p ? p.offsets.byteLength + p.sources.byteLength + p.actions.byteLength : 0;
    return this.succOffsets.byteLength + this.succTargets.byteLength + this.succActions.byteLength + pb;
  }
}

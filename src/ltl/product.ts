/**
 * The synchronous product of a {@link TransitionSystem} with a {@link Tgba}, built on the fly.
 *
 * A product state is the system's packed words followed by one word holding the automaton
 * state; product states live in a {@link StateStore} (exact keys, dense ids in discovery order).
 * Nothing of the system is explored ahead: {@link Product.expand} computes the successors of one
 * product state when the search asks for them.
 *
 * Edges: from `(s, q)`, for every automaton transition `q --label--> q'` whose label holds in `s`
 * (atoms evaluated lazily, each at most once per expansion) and every enabled action `a` of `s`
 * with successor `s'`, an edge `(s, q) --a--> (s', q')` carrying the transition's acceptance
 * mask. When `s` is a deadlock, under `'stutter'` the edge is `(s, q) --(-1)--> (s, q')`
 * (`STUTTER`, not a system action); under `'finite'` there is no edge and
 * {@link Product.endAccepted} says whether some matching transition may end the run.
 * End-only automaton transitions (target -1) never give an edge.
 *
 * Cost of one expansion: O(transitions of q · labels + successors of s · matching transitions)
 * plus one store lookup per edge; no allocation per state.
 */
import { StateStore, type TransitionSystem, ensureInt32 } from '../core/index.js';
import type { StatePredicate } from '../logic/index.js';
import type { Tgba } from './automaton.js';

/** The action of a stuttering edge at a deadlock (not a system action). */
export const STUTTER = -1;

export type DeadlockSemantics = 'stutter' | 'finite';

export class Product {
  readonly system: TransitionSystem;
  readonly automaton: Tgba;
  readonly store: StateStore;
  /** Words of a system state; the automaton state is word `sysWords` of a product state. */
  readonly sysWords: number;
  /** Edges of the last expansion: `edgeCount` entries of target id, acceptance mask, action. */
  edgeTargets: Int32Array = new Int32Array(64);
  edgeAcc: Int32Array = new Int32Array(64);
  edgeActions: Int32Array = new Int32Array(64);
  edgeCount = 0;
  /**
   * System actions enabled in the last expanded state (valid only when some automaton transition
   * matched, i.e. when the state has edges or `endAccepted`).
   */
  enabled: Int32Array = new Int32Array(64);
  enabledCount = 0;
  /** The last expanded state is a deadlock of the system. */
  deadlock = false;
  /** `'finite'` only: the last expanded state is a deadlock where the run may end accepted. */
  endAccepted = false;

  private readonly finite: boolean;
  private readonly preds: readonly StatePredicate[];
  private readonly atomValue: Int8Array;
  private readonly matched: Int32Array;
  private readonly current: Uint32Array;
  private readonly packed: Uint32Array;
  private batch: Uint32Array;
  private batchSize = 0;
  private readonly sink: (action: number, successor: Uint32Array) => void;

  constructor(system: TransitionSystem, automaton: Tgba, preds: readonly StatePredicate[], semantics: DeadlockSemantics) {
    this.system = system;
    this.automaton = automaton;
    this.preds = preds;
    this.finite = semantics === 'finite';
    this.sysWords = system.stateWords;
    this.store = new StateStore(this.sysWords + 1, 1 << 10);
    this.atomValue = new Int8Array(preds.length);
    let widest = 0;
    for (let q = 0; q < automaton.stateCount; q++) widest = Math.max(widest, automaton.transStart[q + 1] - automaton.transStart[q]);
    this.matched = new Int32Array(widest);
    this.current = new Uint32Array(this.sysWords);
    this.packed = new Uint32Array(this.sysWords + 1);
    this.batch = new Uint32Array(this.sysWords * 16);
    this.sink = (action, successor) => {
      const w = this.sysWords;
      if ((this.batchSize + 1) * w > this.batch.length) {
        const grown = new Uint32Array(this.batch.length * 2);
        grown.set(this.batch);
        this.batch = grown;
      }
      const at = this.batchSize * w;
      for (let i = 0; i < w; i++) this.batch[at + i] = successor[i];
      this.enabled = ensureInt32(this.enabled, this.batchSize);
      this.enabled[this.batchSize++] = action;
    };
  }

  /**
   * Adds the initial product states (each initial system state with automaton state 0) and
   * returns their ids, one per system initial state (equal states share an id).
   */
  initialIds(): number[] {
    return this.system.initialStates().map((s) => this.add(s, 0, 0));
  }

  /** The automaton state of product state `id`. */
  automatonState(id: number): number {
    return this.store.arena[id * (this.sysWords + 1) + this.sysWords];
  }

  /** A copy of the system part of product state `id`. */
  systemState(id: number): Uint32Array {
    const o = id * (this.sysWords + 1);
    return this.store.arena.slice(o, o + this.sysWords);
  }

  /** Computes the edges of product state `id` into `edge*` (see the module doc). */
  expand(id: number): void {
    const a = this.automaton;
    const w = this.sysWords;
    const base = id * (w + 1);
    const arena = this.store.arena;
    for (let i = 0; i < w; i++) this.current[i] = arena[base + i];
    const q = arena[base + w];
    this.edgeCount = 0;
    this.enabledCount = 0;
    this.deadlock = false;
    this.endAccepted = false;
    this.atomValue.fill(-1);
    let m = 0;
    for (let t = a.transStart[q]; t < a.transStart[q + 1]; t++) if (this.labelHolds(t)) this.matched[m++] = t;
    if (m === 0) return;
    this.batchSize = 0;
    this.system.successors(this.current, 0, this.sink);
    this.enabledCount = this.batchSize;
    if (this.batchSize === 0) {
      this.deadlock = true;
      if (this.finite) {
        for (let i = 0; i < m; i++) if (a.transEndOk[this.matched[i]] === 1) this.endAccepted = true;
        return;
      }
      for (let i = 0; i < m; i++) {
        const t = this.matched[i];
        if (a.transDst[t] >= 0) this.pushEdge(this.add(this.current, 0, a.transDst[t]), a.transAcc[t], STUTTER);
      }
      return;
    }
    for (let k = 0; k < this.batchSize; k++) {
      const action = this.enabled[k];
      for (let i = 0; i < m; i++) {
        const t = this.matched[i];
        if (a.transDst[t] < 0) continue;
        this.pushEdge(this.add(this.batch, k * w, a.transDst[t]), a.transAcc[t], action);
      }
    }
  }

  /** Stores `(state[offset…], q)` and returns its id. */
  private add(state: Uint32Array, offset: number, q: number): number {
    const w = this.sysWords;
    for (let i = 0; i < w; i++) this.packed[i] = state[offset + i];
    this.packed[w] = q;
    const r = this.store.findOrAdd(this.packed, 0);
    return r < 0 ? -r - 1 : r;
  }

  private pushEdge(target: number, acc: number, action: number): void {
    const k = this.edgeCount++;
    if (k >= this.edgeTargets.length) {
      this.edgeTargets = ensureInt32(this.edgeTargets, k);
      this.edgeAcc = ensureInt32(this.edgeAcc, k);
      this.edgeActions = ensureInt32(this.edgeActions, k);
    }
    this.edgeTargets[k] = target;
    this.edgeAcc[k] = acc;
    this.edgeActions[k] = action;
  }

  private labelHolds(t: number): boolean {
    const a = this.automaton;
    for (let i = a.litStart[t]; i < a.litStart[t + 1]; i++) {
      const code = a.lits[i];
      const atom = code >> 1;
      let v = this.atomValue[atom];
      if (v < 0) {
        v = this.preds[atom](this.current, 0) ? 1 : 0;
        this.atomValue[atom] = v;
      }
      if (v === (code & 1)) return false;
    }
    return true;
  }
}

/**
 * Per-place token figures over the reachable markings, maintained incrementally during
 * exploration: a new marking differs from its BFS parent only in the places its transition
 * changes, so only those are read (O(|effect|) per state instead of O(|places|)).
 */
import { ensureFloat64 } from '../../core/index.js';
import type { PetriSystem } from '../semantics.js';

export class TokenObserver {
  /** Largest token count seen in any single place. */
  maxInPlace = 0;
  /** Largest total token count of a marking seen (only when sums are tracked). */
  maxPerMarking = 0;
  /** Number of places seen with two different counts. */
  variedCount = 0;
  private readonly system: PetriSystem;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly effect: Float64Array;
  private sums: Float64Array | undefined;

  /** `trackSums`: keep each marking's token total (8 bytes per state) for the per-marking maximum. */
  constructor(system: PetriSystem, trackSums: boolean) {
    this.system = system;
    const P = system.net.places.length;
    this.min = new Float64Array(P).fill(Number.POSITIVE_INFINITY);
    this.max = new Float64Array(P).fill(Number.NEGATIVE_INFINITY);
    const T = system.actionCount;
    this.effect = new Float64Array(T);
    const d = system.delta;
    for (let t = 0; t < T; t++) for (let i = d.start[t]; i < d.start[t + 1]; i++) this.effect[t] += d.value[i];
    this.sums = trackSums ? new Float64Array(1 << 12) : undefined;
  }

  /** Accounts for new state `id`, reached from `parent` by `action` (both -1 for initial states). */
  observe(id: number, arena: Uint32Array, offset: number, parent: number, action: number): void {
    const L = this.system.layout;
    if (parent < 0) {
      let sum = 0;
      for (let p = 0; p < this.min.length; p++) {
        const v = L.read(arena, offset, p);
        sum += v;
        this.account(p, v);
      }
      this.recordSum(id, sum);
      return;
    }
    const d = this.system.delta;
    for (let i = d.start[action]; i < d.start[action + 1]; i++) {
      const p = d.place[i];
      this.account(p, L.read(arena, offset, p));
    }
    if (this.sums !== undefined) this.recordSum(id, this.sums[parent] + this.effect[action]);
  }

  /**
   * Accounts for the states `0 … count-1` packed in `arena` (`words` per state), reading every
   * place of each (for explorations without a per-state hook). Returns the first id holding more
   * than one token in some place, or -1.
   */
  observeAll(arena: Uint32Array, words: number, count: number): number {
    const L = this.system.layout;
    const P = this.min.length;
    const { word, shift, mask } = L;
    const min = this.min;
    const max = this.max;
    let firstUnsafe = -1;
    let maxSum = this.maxPerMarking;
    for (let id = 0, o = 0; id < count; id++, o += words) {
      let sum = 0;
      let top = 0;
      for (let p = 0; p < P; p++) {
        const v = (arena[o + word[p]] >>> shift[p]) & mask[p];
        sum += v;
        if (v > top) top = v;
        if (v < min[p]) min[p] = v;
        if (v > max[p]) max[p] = v;
      }
      if (sum > maxSum) maxSum = sum;
      if (top > 1 && firstUnsafe < 0) firstUnsafe = id;
    }
    this.maxPerMarking = maxSum;
    this.variedCount = 0;
    for (let p = 0; p < P; p++) {
      if (max[p] > this.maxInPlace) this.maxInPlace = max[p];
      if (min[p] !== max[p]) this.variedCount++;
    }
    return firstUnsafe;
  }

  /** Places whose count never changed (meaningful once exploration is complete). */
  stablePlaces(): number[] {
    const out: number[] = [];
    for (let p = 0; p < this.min.length; p++) if (this.min[p] === this.max[p]) out.push(p);
    return out;
  }

  /** The first place holding more than `k` tokens in the marking at `arena[offset…]`, or -1. */
  firstPlaceAbove(arena: Uint32Array, offset: number, k: number): number {
    for (let p = 0; p < this.min.length; p++) if (this.system.layout.read(arena, offset, p) > k) return p;
    return -1;
  }

  private account(p: number, v: number): void {
    const wasStable = this.min[p] === this.max[p];
    if (v < this.min[p]) this.min[p] = v;
    if (v > this.max[p]) {
      this.max[p] = v;
      if (v > this.maxInPlace) this.maxInPlace = v;
    }
    if (wasStable && this.min[p] !== this.max[p]) this.variedCount++;
  }

  private recordSum(id: number, sum: number): void {
    if (sum > this.maxPerMarking) this.maxPerMarking = sum;
    if (this.sums === undefined) return;
    this.sums = ensureFloat64(this.sums, id);
    this.sums[id] = sum;
  }
}

/**
 * The firing rule of a P/T net compiled against one {@link MarkingLayout}: every test a
 * transition needs is a row `(word, shift, mask, value)` of one flat array, so the hot loop reads
 * a field as `(m[word] >>> shift) & mask` without looking the place up, and firing adds one
 * precomputed delta per word.
 *
 * Contract (what {@link PetriSystem} relies on):
 * - transition t is enabled iff every *lower* row has field ≥ value (input arcs) and every
 *   *upper* row has field ≤ value (inhibitor arcs `m(p) < w` as `≤ w-1`, capacities `m(p)+δ ≤ c`
 *   as `≤ c-δ`);
 * - firing an enabled t overflows a field iff some *overflow* row has field > value (rows are
 *   places with positive net effect, in the order of the net effect, value = field max − δ);
 * - otherwise the successor is `(m[i] + wordDelta[t*words + i]) mod 2^32` for every word i: no
 *   field leaves `[0, max]`, so no change carries or borrows into a neighbouring field.
 * Values are clamped to int32 (a test that can never pass keeps a value that never passes).
 */
import type { MarkingLayout } from './layout.js';

/** Arc rows of one kind: entries `start[t] … start[t+1]-1` belong to transition t. */
export interface ArcRows {
  readonly start: Int32Array;
  readonly place: Int32Array;
  readonly value: Int32Array;
}

export interface FiringTables {
  readonly words: number;
  /**
   * Rows of 4 ints: word, shift, mask, value. Transition t's rows are contiguous: lower rows in
   * `[preStart[t], upperStart[t])`, upper rows in `[upperStart[t], overflowStart[t])`, overflow
   * rows in `[overflowStart[t], preStart[t+1])` (offsets in ints; `preStart` has T+1 entries).
   */
  readonly tests: Int32Array;
  readonly preStart: Int32Array;
  readonly upperStart: Int32Array;
  readonly overflowStart: Int32Array;
  /** Per transition and word: the sum of `δ(p) << shift(p)` over the places of that word. */
  readonly wordDelta: Int32Array;
}

const I32_MAX = 0x7fffffff;
const clamp = (v: number): number => (v > I32_MAX ? I32_MAX : v < -1 ? -1 : v);

/**
 * Compiles the firing rule. `capacities` rows are (place, capacity) for places with a capacity
 * and a positive effect; `delta` rows are the net effect (post − pre, non-zero only).
 */
export function firingTables(layout: MarkingLayout, pre: ArcRows, inhibitors: ArcRows, capacities: ArcRows, delta: ArcRows): FiringTables {
  const T = pre.start.length - 1;
  const W = layout.words;
  const rows: number[] = [];
  const preStart = new Int32Array(T + 1);
  const upperStart = new Int32Array(T + 1);
  const overflowStart = new Int32Array(T + 1);
  const wordDelta = new Int32Array(T * W);
  const row = (p: number, value: number) => rows.push(layout.word[p], layout.shift[p], layout.mask[p], clamp(value));
  const deltaOf = (t: number, p: number): number => {
    for (let i = delta.start[t]; i < delta.start[t + 1]; i++) if (delta.place[i] === p) return delta.value[i];
    return 0;
  };
  for (let t = 0; t < T; t++) {
    preStart[t] = rows.length;
    for (let i = pre.start[t]; i < pre.start[t + 1]; i++) row(pre.place[i], pre.value[i]);
    upperStart[t] = rows.length;
    for (let i = inhibitors.start[t]; i < inhibitors.start[t + 1]; i++) row(inhibitors.place[i], inhibitors.value[i] - 1);
    for (let i = capacities.start[t]; i < capacities.start[t + 1]; i++) row(capacities.place[i], capacities.value[i] - deltaOf(t, capacities.place[i]));
    overflowStart[t] = rows.length;
    for (let i = delta.start[t]; i < delta.start[t + 1]; i++) {
      const p = delta.place[i];
      const d = delta.value[i];
      if (d > 0) row(p, layout.max[p] - d);
      wordDelta[t * W + layout.word[p]] = (wordDelta[t * W + layout.word[p]] + (d << layout.shift[p])) | 0;
    }
  }
  preStart[T] = rows.length;
  return { words: W, tests: Int32Array.from(rows), preStart, upperStart, overflowStart, wordDelta };
}

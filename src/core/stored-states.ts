/**
 * What an exploration's state storage offers its readers (traces, graphs, examinations): dense
 * ids `0 … size-1` in discovery order and the packed words of each state in one arena.
 * Implemented by {@link StateStore} (hash index of ids) and {@link PartitionedStore} (partitioned
 * index for level-synchronous exploration).
 */
export interface StoredStates {
  /** Words per state. */
  readonly words: number;
  /** Number of stored states. */
  readonly size: number;
  /** The arena; state `id` starts at `id * words`. The array object changes when the store grows. */
  readonly arena: Uint32Array;
  /** Word offset of state `id` in {@link arena}. */
  offsetOf(id: number): number;
  /** Copies state `id` out of the arena. */
  get(id: number): Uint32Array;
  /** The id of `state[offset…]`, or -1 when it is not stored. */
  find(state: Uint32Array, offset?: number): number;
  /** Bytes held by the store, whether used or not. */
  readonly bytes: number;
  /** Bytes per stored state beyond its packed words (index, slack, per-state bookkeeping the store holds). */
  overheadPerState(): number;
}

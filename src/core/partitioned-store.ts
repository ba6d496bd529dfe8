/**
 * Exact state storage for level-synchronous exploration with *partitioned delayed duplicate
 * detection*: the index is split into `2^k` partitions by the low `k` bits of a state's key hash,
 * each its own open-addressing table (load ≤ 0.75, doubled independently). The explorer buffers
 * the successor candidates of a BFS level per partition and hands each partition's batch to
 * {@link PartitionedStore.absorb}, so that one small table serves many lookups in a row instead
 * of every lookup missing somewhere in one table of tens of MB.
 *
 * Keys: states of at most {@link INLINE_MAX_WORDS} words are stored *inline* in the table (a hit
 * reads one cache line and never touches the arena); the all-zero state, which marks an empty
 * slot, is kept as a per-partition flag. An inline table holds no ids, so {@link find} scans the
 * arena (O(size); meant for the odd lookup after exploration) while {@link contains} is O(1).
 * Wider states are indexed by `(key hash, id)` pairs and compared against the arena, like
 * {@link StateStore}.
 *
 * States get dense ids `0, 1, 2, …` in insertion order; the arena holds state `i` at words
 * `[i*w, (i+1)*w)`; each state's BFS parent and action are stored next to it in {@link parents} /
 * {@link parentActions} (grown with the arena). No object is allocated per state.
 *
 * Candidate batches are rows of `w + 3` words: the packed state, its *key hash* `r` (see
 * {@link PartitionedStore.keyHash}), its parent id and its action. The partition is the low `k`
 * bits of `r` and the home slot the top bits of `r`: a large batch is bucket-sorted by its top 8
 * bits before the lookups, so that the table is walked in address order. Tables of more than
 * `2^(32-k)` slots would lose spread; that is beyond 4·10^9 states for k = 8.
 */
import { hashWords } from './hash.js';
import type { StoredStates } from './stored-states.js';

/** Widest state (in words) whose key is stored inline in the partition tables. */
export const INLINE_MAX_WORDS = 2;
const MAX_LOAD = 0.75;
const MIN_SLOTS = 16;
/** Batches of at least this many candidates are bucket-sorted by home slot before the lookups. */
const SORT_MIN = 256;

export interface PartitionedStoreOptions {
  /** `k`: the index has `2^k` partitions (1 ≤ k ≤ 16; default 8). */
  readonly partitionBits?: number;
  /** Store keys inline (default: when the state has at most {@link INLINE_MAX_WORDS} words). */
  readonly inlineKeys?: boolean;
  /** Initial arena capacity in states. */
  readonly expectedStates?: number;
}

export class PartitionedStore implements StoredStates {
  readonly words: number;
  readonly partitionBits: number;
  readonly partitions: number;
  /** Whether keys live in the tables (else `(key hash, id)` pairs). */
  readonly inline: boolean;
  /** BFS parent of each state (-1 for initial states); longer than {@link size}. */
  parents: Int32Array;
  /** Action from the parent (-1 for initial states); longer than {@link size}. */
  parentActions: Int32Array;
  private arenaWords: Uint32Array;
  private capacity: number;
  private count = 0;
  /** Per partition: its table (`slotWidth` words per slot), `32 - log2(slots)`, stored keys, all-zero key seen. */
  private readonly tables: Uint32Array[];
  private readonly shifts: Int32Array;
  private readonly counts: Int32Array;
  private readonly zeroSeen: Uint8Array;
  private readonly slotWidth: number;
  /** Scratch for bucket-sorting a batch (grown to the largest batch). */
  private sorted = new Uint32Array(0);
  private readonly buckets = new Int32Array(257);

  constructor(words: number, options: PartitionedStoreOptions = {}) {
    if (!Number.isInteger(words) || words < 1) throw new RangeError(`state width must be ≥ 1 word, got ${words}`);
    const k = options.partitionBits ?? 8;
    if (!Number.isInteger(k) || k < 1 || k > 16) throw new RangeError(`partitionBits must be an integer in 1…16, got ${k}`);
    this.words = words;
    this.partitionBits = k;
    this.partitions = 1 << k;
    this.inline = options.inlineKeys ?? words <= INLINE_MAX_WORDS;
    this.slotWidth = this.inline ? words : 2;
    this.capacity = Math.max(16, options.expectedStates ?? 1 << 12);
    this.arenaWords = new Uint32Array(this.capacity * words);
    this.parents = new Int32Array(this.capacity);
    this.parentActions = new Int32Array(this.capacity);
    this.tables = Array.from({ length: this.partitions }, () => new Uint32Array(MIN_SLOTS * this.slotWidth));
    this.shifts = new Int32Array(this.partitions).fill(32 - Math.log2(MIN_SLOTS));
    this.counts = new Int32Array(this.partitions);
    this.zeroSeen = new Uint8Array(this.partitions);
  }

  get size(): number {
    return this.count;
  }

  get arena(): Uint32Array {
    return this.arenaWords;
  }

  offsetOf(id: number): number {
    return id * this.words;
  }

  get(id: number): Uint32Array {
    const o = id * this.words;
    return this.arenaWords.slice(o, o + this.words);
  }

  /** The key hash of a state whose `hashWords` is `h`: `h` rotated left by `k` (unsigned). */
  keyHash(h: number): number {
    const k = this.partitionBits;
    return ((h << k) | (h >>> (32 - k))) >>> 0;
  }

  /** The partition of a state with key hash `r`. */
  partitionOf(r: number): number {
    return r & (this.partitions - 1);
  }

  /**
   * Looks up the candidate rows `buf[start … end)` (stride `words + 3`, see the module doc), all
   * of partition `p`, and appends each state not yet stored with its parent and action. Rows are
   * taken in the order of their home slots (ties in row order), so a batch's new states get ids in
   * that order. Stops right after the insertion that makes {@link size} exceed `limit`. Returns
   * the number of states inserted. Each row's key hash must be `keyHash(hashWords(state))`: inline
   * tables re-derive it from the key when they grow.
   */
  absorb(p: number, buf: Uint32Array, start: number, end: number, limit: number): number {
    const before = this.count;
    const stride = this.words + 3;
    let rows = buf;
    if ((end - start) / stride >= SORT_MIN) {
      rows = this.sortByHome(buf, start, end, stride);
      end -= start;
      start = 0;
    }
    if (!this.inline) this.absorbHashed(p, rows, start, end, limit);
    else if (this.words === 2) this.absorbInline2(p, rows, start, end, limit);
    else this.absorbInlineN(p, rows, start, end, limit);
    return this.count - before;
  }

  /** Inserts `state[offset…]` (whose `hashWords` is `h`) unless stored; returns whether it was new. */
  add(state: Uint32Array, offset: number, h: number, parent: number, action: number): boolean {
    const w = this.words;
    const row = new Uint32Array(w + 3);
    for (let i = 0; i < w; i++) row[i] = state[offset + i];
    const r = this.keyHash(h);
    row[w] = r;
    row[w + 1] = parent;
    row[w + 2] = action;
    return this.absorb(this.partitionOf(r), row, 0, row.length, Number.POSITIVE_INFINITY) === 1;
  }

  /** Whether `state[offset…]` is stored. O(1). */
  contains(state: Uint32Array, offset = 0): boolean {
    if (!this.inline) return this.findHashed(state, offset) >= 0;
    const w = this.words;
    const r = this.keyHash(hashWords(state, offset, w));
    const p = this.partitionOf(r);
    let zero = true;
    for (let i = 0; i < w; i++) if (state[offset + i] !== 0) zero = false;
    if (zero) return this.zeroSeen[p] === 1;
    const table = this.tables[p];
    const mask = table.length / w - 1;
    for (let slot = r >>> this.shifts[p]; ; slot = (slot + 1) & mask) {
      const b = slot * w;
      let same = true;
      let empty = true;
      for (let i = 0; i < w; i++) {
        const v = table[b + i];
        if (v !== state[offset + i]) same = false;
        if (v !== 0) empty = false;
      }
      if (same) return true;
      if (empty) return false;
    }
  }

  /** The id of `state[offset…]`, or -1. O(1) when keys are not inline, else a scan of the arena. */
  find(state: Uint32Array, offset = 0): number {
    if (!this.inline) return this.findHashed(state, offset);
    if (!this.contains(state, offset)) return -1;
    for (let id = 0; id < this.count; id++) if (this.equalsAt(id, state, offset)) return id;
    return -1;
  }

  /** Bytes held by the arena, the tables and the sort scratch (not {@link parents} / {@link parentActions}). */
  get bytes(): number {
    let b = this.arenaWords.byteLength + this.sorted.byteLength;
    for (const t of this.tables) b += t.byteLength;
    return b;
  }

  /** Bytes per stored state beyond its packed words: tables, sort scratch and the arena's unused tail. */
  overheadPerState(): number {
    if (this.count === 0) return 0;
    return (this.bytes - this.count * this.words * 4) / this.count;
  }

  /** Number of slots of partition `p`'s table (for tests of growth). */
  slotsOf(p: number): number {
    return this.tables[p].length / this.slotWidth;
  }

  private findHashed(state: Uint32Array, offset: number): number {
    const r = this.keyHash(hashWords(state, offset, this.words));
    const p = this.partitionOf(r);
    const table = this.tables[p];
    const mask = table.length / 2 - 1;
    for (let slot = r >>> this.shifts[p]; ; slot = (slot + 1) & mask) {
      const sr = table[slot << 1];
      if (sr === 0) return -1;
      if (sr === r && this.equalsAt(table[(slot << 1) + 1], state, offset)) return table[(slot << 1) + 1];
    }
  }

  /** Counting sort of the rows by the top 8 bits of their key hash into {@link sorted}. */
  private sortByHome(buf: Uint32Array, start: number, end: number, stride: number): Uint32Array {
    if (this.sorted.length < end - start) this.sorted = new Uint32Array(Math.max(end - start, this.sorted.length * 2));
    const out = this.sorted;
    const c = this.buckets;
    c.fill(0);
    const col = stride - 3;
    for (let o = start + col; o < end; o += stride) c[(buf[o] >>> 24) + 1] += stride;
    for (let b = 1; b < 257; b++) c[b] += c[b - 1];
    for (let o = start; o < end; o += stride) {
      const b = buf[o + col] >>> 24;
      const d = c[b];
      c[b] = d + stride;
      for (let i = 0; i < stride; i++) out[d + i] = buf[o + i];
    }
    return out;
  }

  /** {@link absorb} for inline 2-word keys: the hot loop of Petri nets with up to 64 bits per marking. */
  private absorbInline2(p: number, buf: Uint32Array, start: number, end: number, limit: number): void {
    let table = this.tables[p];
    let shift = this.shifts[p];
    let tmask = table.length - 1;
    let growAt = Math.floor((table.length >>> 1) * MAX_LOAD);
    let pc = this.counts[p];
    for (let o = start; o < end; o += 5) {
      const a = buf[o];
      const b = buf[o + 1];
      if ((a | b) === 0) {
        if (this.zeroSeen[p] === 1) continue;
        this.zeroSeen[p] = 1;
      } else {
        let s = (buf[o + 2] >>> shift) << 1;
        let x = table[s];
        let y = table[s + 1];
        while ((x !== a || y !== b) && (x | y) !== 0) {
          s = (s + 2) & tmask;
          x = table[s];
          y = table[s + 1];
        }
        if (x === a && y === b) continue;
        table[s] = a;
        table[s + 1] = b;
        if (++pc > growAt) {
          this.counts[p] = pc;
          table = this.grow(p);
          shift = this.shifts[p];
          tmask = table.length - 1;
          growAt = Math.floor((table.length >>> 1) * MAX_LOAD);
        }
      }
      const id = this.count;
      if (id === this.capacity) this.growArena();
      const arena = this.arenaWords;
      arena[id << 1] = a;
      arena[(id << 1) + 1] = b;
      this.parents[id] = buf[o + 3];
      this.parentActions[id] = buf[o + 4];
      this.count = id + 1;
      if (id + 1 > limit) break;
    }
    this.counts[p] = pc;
  }

  private absorbInlineN(p: number, buf: Uint32Array, start: number, end: number, limit: number): void {
    const w = this.words;
    const stride = w + 3;
    for (let o = start; o < end; o += stride) {
      let zero = true;
      for (let i = 0; i < w; i++) if (buf[o + i] !== 0) zero = false;
      if (zero) {
        if (this.zeroSeen[p] === 1) continue;
        this.zeroSeen[p] = 1;
      } else {
        const table = this.tables[p];
        const mask = table.length / w - 1;
        let s = buf[o + w] >>> this.shifts[p];
        let found = false;
        for (;;) {
          const b = Math.imul(s, w);
          let same = true;
          let empty = true;
          for (let i = 0; i < w; i++) {
            const v = table[b + i];
            if (v !== buf[o + i]) same = false;
            if (v !== 0) empty = false;
          }
          if (same) found = true;
          if (same || empty) break;
          s = (s + 1) & mask;
        }
        if (found) continue;
        for (let i = 0; i < w; i++) table[Math.imul(s, w) + i] = buf[o + i];
        if (++this.counts[p] > (mask + 1) * MAX_LOAD) this.grow(p);
      }
      this.append(buf, o, buf[o + w + 1], buf[o + w + 2]);
      if (this.count > limit) break;
    }
  }

  private absorbHashed(p: number, buf: Uint32Array, start: number, end: number, limit: number): void {
    const w = this.words;
    const stride = w + 3;
    for (let o = start; o < end; o += stride) {
      const r = buf[o + w];
      const table = this.tables[p];
      const mask = table.length / 2 - 1;
      let s = r >>> this.shifts[p];
      let found = false;
      for (;;) {
        const sr = table[s << 1];
        if (sr === 0) break;
        if (sr === r && this.equalsAt(table[(s << 1) + 1], buf, o)) {
          found = true;
          break;
        }
        s = (s + 1) & mask;
      }
      if (found) continue;
      table[s << 1] = r;
      table[(s << 1) + 1] = this.count;
      this.append(buf, o, buf[o + w + 1], buf[o + w + 2]);
      if (++this.counts[p] > (mask + 1) * MAX_LOAD) this.grow(p);
      if (this.count > limit) break;
    }
  }

  private append(src: Uint32Array, o: number, parent: number, action: number): void {
    const id = this.count;
    if (id === this.capacity) this.growArena();
    const w = this.words;
    const arena = this.arenaWords;
    for (let i = 0; i < w; i++) arena[id * w + i] = src[o + i];
    this.parents[id] = parent;
    this.parentActions[id] = action;
    this.count = id + 1;
  }

  private equalsAt(id: number, state: Uint32Array, offset: number): boolean {
    const a = this.arenaWords;
    const w = this.words;
    const base = id * w;
    for (let i = 0; i < w; i++) if (a[base + i] !== state[offset + i]) return false;
    return true;
  }

  /** Grows the arena and the parent arrays by half (they hold most of the bytes, so slack matters). */
  private growArena(): void {
    this.capacity = Math.ceil(this.capacity * 1.5);
    const arena = new Uint32Array(this.capacity * this.words);
    arena.set(this.arenaWords);
    this.arenaWords = arena;
    const parents = new Int32Array(this.capacity);
    parents.set(this.parents);
    this.parents = parents;
    const actions = new Int32Array(this.capacity);
    actions.set(this.parentActions);
    this.parentActions = actions;
  }

  /** Doubles partition `p`'s table, re-deriving each key's home slot, and returns the new table. */
  private grow(p: number): Uint32Array {
    const w = this.slotWidth;
    const old = this.tables[p];
    const table = new Uint32Array(old.length * 2);
    const shift = this.shifts[p] - 1;
    const last = table.length - w;
    for (let b = 0; b < old.length; b += w) {
      let empty = true;
      for (let i = 0; i < w; i++) if (old[b + i] !== 0) empty = false;
      if (empty) continue;
      const r = this.inline ? this.keyHash(hashWords(old, b, w)) : old[b];
      let s = Math.imul(r >>> shift, w);
      for (;;) {
        let free = true;
        for (let i = 0; i < w; i++) if (table[s + i] !== 0) free = false;
        if (free) break;
        s = s === last ? 0 : s + w;
      }
      for (let i = 0; i < w; i++) table[s + i] = old[b + i];
    }
    this.tables[p] = table;
    this.shifts[p] = shift;
    return table;
  }
}

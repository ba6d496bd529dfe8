/**
 * Exact storage of packed states: an append-only arena of fixed-width states plus an
 * open-addressing hash index over it.
 *
 * States get dense ids `0, 1, 2, …` in insertion order; the arena holds state `i` at words
 * `[i*w, (i+1)*w)`. The index keeps `(hash, id+1)` pairs side by side, so a probe reads one
 * cache line and touches the arena only when the 32-bit hashes agree (then the words are compared:
 * keys are exact, no fingerprint collision can merge two states). Per state it costs the packed
 * words plus 1.33–2.67 index slots of 8 bytes (load factor kept in (0.375, 0.75]).
 * No object is allocated per state.
 */
import { hashWords } from './hash.js';
import type { StoredStates } from './stored-states.js';

const MAX_LOAD = 0.75;

export class StateStore implements StoredStates {
  /** Words per state. */
  readonly words: number;
  private arenaWords: Uint32Array;
  private capacity: number;
  /** Slot k is `table[2k]` = hash (0 = empty) and `table[2k+1]` = id. Slot count is a power of two. */
  private table: Int32Array;
  private slotMask: number;
  private count = 0;

  constructor(words: number, expectedStates = 1024) {
    if (!Number.isInteger(words) || words < 1) throw new RangeError(`state width must be ≥ 1 word, got ${words}`);
    this.words = words;
    this.capacity = Math.max(16, expectedStates);
    this.arenaWords = new Uint32Array(this.capacity * words);
    const slots = nextPowerOfTwo(Math.ceil(this.capacity / MAX_LOAD) + 1);
    this.table = new Int32Array(slots * 2);
    this.slotMask = slots - 1;
  }

  /** Number of stored states. */
  get size(): number {
    return this.count;
  }

  /** The arena; state `id` starts at `id * words`. The array object changes when the store grows. */
  get arena(): Uint32Array {
    return this.arenaWords;
  }

  /** Word offset of state `id` in {@link arena}. */
  offsetOf(id: number): number {
    return id * this.words;
  }

  /** Copies state `id` out of the arena. */
  get(id: number): Uint32Array {
    const o = id * this.words;
    return this.arenaWords.slice(o, o + this.words);
  }

  /**
   * Looks `state[offset…]` up and inserts it when absent.
   * Returns the id when newly inserted, or `-(id + 1)` when it was already stored.
   */
  findOrAdd(state: Uint32Array, offset = 0): number {
    return this.findOrAddHashed(state, offset, hashWords(state, offset, this.words) | 0);
  }

  /** {@link findOrAdd} with the state's hash already computed as `hashWords(…) | 0`. */
  findOrAddHashed(state: Uint32Array, offset: number, h: number): number {
    const w = this.words;
    const table = this.table;
    const mask = this.slotMask;
    let slot = h & mask;
    for (;;) {
      const sh = table[slot << 1];
      if (sh === 0) break;
      if (sh === h) {
        const id = table[(slot << 1) + 1];
        if (this.equalsAt(id, state, offset)) return -id - 1;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count;
    if (id === this.capacity) this.growArena();
    const arena = this.arenaWords;
    const base = id * w;
    for (let i = 0; i < w; i++) arena[base + i] = state[offset + i];
    table[slot << 1] = h;
    table[(slot << 1) + 1] = id;
    this.count = id + 1;
    if (this.count > (mask + 1) * MAX_LOAD) this.growTable();
    return id;
  }

  /**
   * Starts loading what a later lookup of hash `h` will read (its index slot and, when the slot
   * holds that hash, the candidate's words) and returns a meaningless number. Calling it for a
   * batch of states before looking them up lets the processor overlap the cache misses, which
   * dominate lookups in tables larger than the cache.
   */
  touch(h: number): number {
    const slot = h & this.slotMask;
    const sh = this.table[slot << 1];
    return sh === h ? this.arenaWords[this.table[(slot << 1) + 1] * this.words] : sh;
  }

  /** The id of `state[offset…]`, or -1 when it is not stored. */
  find(state: Uint32Array, offset = 0): number {
    const h = hashWords(state, offset, this.words) | 0;
    const table = this.table;
    const mask = this.slotMask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const sh = table[slot << 1];
      if (sh === 0) return -1;
      if (sh === h && this.equalsAt(table[(slot << 1) + 1], state, offset)) return table[(slot << 1) + 1];
    }
  }

  /** Bytes held by the store (arena and index), whether used or not. */
  get bytes(): number {
    return this.arenaWords.byteLength + this.table.byteLength;
  }

  /** Bytes per stored state beyond its packed words: index slots and the arena's unused tail. */
  overheadPerState(): number {
    if (this.count === 0) return 0;
    return (this.bytes - this.count * this.words * 4) / this.count;
  }

  private equalsAt(id: number, state: Uint32Array, offset: number): boolean {
    const a = this.arenaWords;
    const w = this.words;
    const base = id * w;
    for (let i = 0; i < w; i++) if (a[base + i] !== state[offset + i]) return false;
    return true;
  }

  /** Grows the arena by half (not double: it holds most of the bytes, so slack matters). */
  private growArena(): void {
    this.capacity = Math.ceil(this.capacity * 1.5);
    const arena = new Uint32Array(this.capacity * this.words);
    arena.set(this.arenaWords);
    this.arenaWords = arena;
  }

  private growTable(): void {
    const old = this.table;
    const slots = (this.slotMask + 1) * 2;
    const table = new Int32Array(slots * 2);
    const mask = slots - 1;
    for (let k = 0; k < old.length; k += 2) {
      const h = old[k];
      if (h === 0) continue;
      let slot = h & mask;
      while (table[slot << 1] !== 0) slot = (slot + 1) & mask;
      table[slot << 1] = h;
      table[(slot << 1) + 1] = old[k + 1];
    }
    this.table = table;
    this.slotMask = mask;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

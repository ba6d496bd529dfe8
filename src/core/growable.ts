/** Growable typed arrays for the exploration hot path (amortised doubling, no per-item objects). */

/** Returns `a` when it has room for index `needed`, else a copy at least twice as large. */
export function ensureInt32(a: Int32Array, needed: number): Int32Array {
  if (needed < a.length) return a;
  let n = Math.max(16, a.length * 2);
  while (n <= needed) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

/** An append-only list of 32-bit integers. */
export class Int32List {
  private data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.data = ensureInt32(this.data, this.length);
    this.data[this.length++] = v;
  }
  /** A trimmed copy of the contents. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
  get bytes(): number {
    return this.data.byteLength;
  }
}

/** Returns `a` when it has room for index `needed`, else a copy at least twice as large. */
export function ensureFloat64(a: Float64Array, needed: number): Float64Array {
  if (needed < a.length) return a;
  let n = Math.max(16, a.length * 2);
  while (n <= needed) n *= 2;
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

/**
 * A binary min-heap of state ids keyed by a priority, for best-first exploration.
 *
 * Entries are ordered by priority, lowest first; equal priorities by id — the smallest first, or
 * with `newestFirst` the largest first. Ids are given at discovery, so ties are broken by
 * insertion order (oldest or newest first) and pops are deterministic. Priorities and ids live side by side in typed arrays (no object per entry).
 * `NaN` priorities are not allowed (callers map them to `Infinity`).
 */
import { ensureFloat64, ensureInt32 } from './growable.js';

export class StateHeap {
  private priorities: Float64Array = new Float64Array(1024);
  private ids: Int32Array = new Int32Array(1024);
  private count = 0;
  /** Ties by id: `1` smallest first, `-1` largest first (the sign the id is compared with). */
  private readonly idSign: number;

  constructor(newestFirst = false) {
    this.idSign = newestFirst ? -1 : 1;
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /** Adds state `id` with `priority` (lower = popped earlier). */
  push(id: number, priority: number): void {
    if (this.count === this.ids.length) {
      this.ids = ensureInt32(this.ids, this.count);
      this.priorities = ensureFloat64(this.priorities, this.count);
    }
    const pr = this.priorities;
    const ids = this.ids;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(priority, id, pr[parent], ids[parent])) break;
      pr[i] = pr[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    pr[i] = priority;
    ids[i] = id;
  }

  /** Removes and returns the id of the least entry; -1 when the heap is empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const pr = this.priorities;
    const ids = this.ids;
    const top = ids[0];
    const n = --this.count;
    if (n === 0) return top;
    const priority = pr[n];
    const id = ids[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(pr[child + 1], ids[child + 1], pr[child], ids[child])) child++;
      if (!this.before(pr[child], ids[child], priority, id)) break;
      pr[i] = pr[child];
      ids[i] = ids[child];
      i = child;
    }
    pr[i] = priority;
    ids[i] = id;
    return top;
  }

  /** Entry `(p, a)` is popped strictly before entry `(q, b)`. */
  private before(p: number, a: number, q: number, b: number): boolean {
    return p < q || (p === q && a * this.idSign < b * this.idSign);
  }
}

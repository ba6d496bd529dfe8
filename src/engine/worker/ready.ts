/**
 * Runs with a workflow task ready, each at most once, in two FIFO lanes: runs started from
 * outside that have not had their first workflow task yet ("fresh"), and all others
 * ("continuing": runs under way, children, continuations).
 *
 * Order: the continuing lane first, but never more than {@link FRESH_EVERY} tasks in a row while
 * fresh runs wait; and at most {@link allowFresh}'s number of fresh runs between two calls of it
 * (the executor allows {@link FRESH_PER_BATCH} per group commit). Finishing runs under way before
 * starting new ones keeps the number of runs in flight (their workflow state, sandbox objects,
 * pending activities) small after a burst of starts, which is what memory and garbage collection
 * cost scale with (objects of a run that ends within a few batches die young); the bound on
 * consecutive continuing tasks keeps new runs from starving under a steady load. Each lane is an array queue;
 * membership is a flag on the item itself (no hash look-ups per task).
 */

/** What the queue holds: `ready` is the queue's own flag (true while queued); leave it alone. */
export interface ReadyItem {
  ready?: boolean;
}

/** Continuing tasks taken in a row before a waiting fresh run gets its turn. */
export const FRESH_EVERY = 8;

/** Fresh runs started per group commit (see `EngineCore.pump`). */
export const FRESH_PER_BATCH = 128;

class Lane<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const id = this.items[this.head++];
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head); // O(1) amortised dequeue
      this.head = 0;
    }
    return id;
  }
}

export class ReadyQueue<T extends ReadyItem> {
  private readonly fresh = new Lane<T>();
  private readonly continuing = new Lane<T>();
  private count = 0;
  /** continuing tasks taken since the last fresh one */
  private streak = 0;
  /** fresh items that may still be taken (see `allowFresh`) */
  private freshBudget = Infinity;

  get size(): number {
    return this.count;
  }

  /** Adds `item` at the end of its lane unless it is already queued; `fresh`: its first workflow task. */
  add(item: T, fresh = false): void {
    if (item.ready === true) return;
    item.ready = true;
    this.count++;
    (fresh ? this.fresh : this.continuing).push(item);
  }

  /** From now on, at most `n` fresh items are taken (until the next call); default: no limit. */
  allowFresh(n: number): void {
    this.freshBudget = n;
  }

  /** True when only fresh runs wait. */
  get onlyFresh(): boolean {
    return this.continuing.length === 0 && this.fresh.length > 0;
  }

  /** The next item; undefined when empty, or when only fresh items wait and none may be taken now. */
  peek(): T | undefined {
    return this.lane()?.peek();
  }

  /** Removes and returns the next item (the one `peek` returned). */
  shift(): T | undefined {
    const lane = this.lane();
    if (lane === undefined) return undefined;
    if (lane === this.fresh) {
      this.freshBudget--;
      this.streak = 0;
    } else this.streak++;
    const item = lane.shift()!;
    item.ready = false;
    this.count--;
    return item;
  }

  private lane(): Lane<T> | undefined {
    if (this.freshBudget > 0 && this.fresh.length > 0 && (this.continuing.length === 0 || this.streak >= FRESH_EVERY)) return this.fresh;
    return this.continuing.length > 0 ? this.continuing : undefined;
  }
}

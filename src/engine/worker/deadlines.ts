/**
 * Deadlines of running activity attempts (start-to-close, schedule-to-close, heartbeat) on ONE
 * host timer: a binary min-heap by time, armed for its earliest entry. Entries are never removed
 * early; when an entry comes due, `onDue` decides (the attempt may have finished, or its
 * heartbeat moved the deadline — then it calls {@link Deadlines.add} again), except that the
 * owner may {@link Deadlines.prune} entries it knows are dead (so that finished attempts are not
 * kept alive until their deadline). This replaces a `setTimeout`/`clearTimeout` pair per attempt
 * and timeout kind.
 *
 * The timer is ref'd: a pending deadline keeps the process alive, like the attempt it guards.
 */
export class Deadlines<T> {
  private readonly at: number[] = [];
  private readonly items: T[] = [];
  private handle: NodeJS.Timeout | undefined;
  private armedAt = Infinity;

  constructor(private readonly onDue: (item: T, now: number) => void) {}

  get size(): number {
    return this.items.length;
  }

  /** Calls `onDue(item)` at (or soon after) epoch ms `time`. */
  add(time: number, item: T): void {
    let i = this.at.length;
    this.at.push(time);
    this.items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.at[p] <= time) break;
      this.at[i] = this.at[p];
      this.items[i] = this.items[p];
      i = p;
    }
    this.at[i] = time;
    this.items[i] = item;
    if (time < this.armedAt) this.arm(time);
  }

  /**
   * Drops the entries for which `dead` is true (their `onDue` would do nothing); O(size). The
   * timer stays armed for the earliest entry before the prune (firing early is harmless).
   */
  prune(dead: (item: T) => boolean): void {
    let n = 0;
    for (let i = 0; i < this.items.length; i++) {
      if (dead(this.items[i])) continue;
      this.at[n] = this.at[i];
      this.items[n] = this.items[i];
      n++;
    }
    this.at.length = n;
    this.items.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(i); // heapify
  }

  /** Drops every entry and the timer. */
  clear(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedAt = Infinity;
    this.at.length = 0;
    this.items.length = 0;
  }

  private arm(time: number): void {
    if (this.handle) clearTimeout(this.handle);
    this.armedAt = time;
    this.handle = setTimeout(() => this.fire(), Math.max(0, time - Date.now()));
  }

  private fire(): void {
    this.handle = undefined;
    this.armedAt = Infinity;
    const now = Date.now();
    while (this.at.length > 0 && this.at[0] <= now) this.onDue(this.pop(), now);
    if (this.at.length > 0 && this.at[0] < this.armedAt) this.arm(this.at[0]);
  }

  private pop(): T {
    const top = this.items[0];
    const lastAt = this.at.pop()!;
    const lastItem = this.items.pop()!;
    if (this.at.length > 0) {
      this.at[0] = lastAt;
      this.items[0] = lastItem;
      this.siftDown(0);
    }
    return top;
  }

  /** Moves entry `i` down to its place. */
  private siftDown(i: number): void {
    const n = this.at.length;
    const t = this.at[i];
    const item = this.items[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && this.at[l + 1] < this.at[l] ? l + 1 : l;
      if (this.at[c] >= t) break;
      this.at[i] = this.at[c];
      this.items[i] = this.items[c];
      i = c;
    }
    this.at[i] = t;
    this.items[i] = item;
  }
}

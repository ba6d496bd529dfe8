/**
 * Runs with a workflow task ready, in FIFO order, each at most once: an array queue plus a
 * membership set (a `Set` alone would allocate an iterator for every "first element" look-up).
 */
export class ReadyQueue {
  private items: string[] = [];
  private head = 0;
  private readonly members = new Set<string>();

  get size(): number {
    return this.members.size;
  }

  /** Adds `id` at the end unless it is already queued. */
  add(id: string): void {
    if (this.members.has(id)) return;
    this.members.add(id);
    this.items.push(id);
  }

  /** The first id, or undefined when empty. */
  peek(): string | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** Removes and returns the first id. */
  shift(): string | undefined {
    if (this.head >= this.items.length) return undefined;
    const id = this.items[this.head++];
    this.members.delete(id);
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return id;
  }
}

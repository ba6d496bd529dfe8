/**
 * Durable timers, in memory: the durable part is the `TimerStarted` event (fire time = event time
 * + duration), re-armed from history after a restart. One host `setTimeout` for the earliest timer.
 *
 * Timers are a binary min-heap by (fire time, order of arming) — timers due at the same time fire
 * in the order they were armed — indexed by run, so arming one, and dropping a closed run's
 * timers, cost O(log n) and O(timers of that run) however many runs wait on timers. A cancelled
 * or dropped timer stays in the heap until it comes due (it is skipped then) or until such dead
 * entries are most of the heap (they are pruned).
 */
export interface TimerKey {
  readonly runId: string;
  readonly timerId: string;
}

interface Timer {
  readonly key: TimerKey;
  readonly fireAt: number;
  readonly seq: number;
  live: boolean;
}

export class TimerService {
  /** the live timers, by run id, then timer id */
  private readonly byRun = new Map<string, Map<string, Timer>>();
  private heap: Timer[] = [];
  private live = 0;
  private seq = 0;
  private handle: NodeJS.Timeout | undefined;
  private armedAt = Infinity;

  constructor(private readonly onFire: (key: TimerKey) => void) {}

  /** Number of timers armed and not yet fired, cancelled or dropped. */
  get size(): number {
    return this.live;
  }

  /** Arms (or re-arms) timer `key` for epoch ms `fireAt`. */
  add(key: TimerKey, fireAt: number): void {
    let run = this.byRun.get(key.runId);
    if (run === undefined) this.byRun.set(key.runId, (run = new Map()));
    const old = run.get(key.timerId);
    if (old !== undefined) this.kill(old);
    const t: Timer = { key, fireAt, seq: this.seq++, live: true };
    run.set(key.timerId, t);
    this.live++;
    this.push(t);
    if (fireAt < this.armedAt) this.arm(fireAt);
  }

  cancel(key: TimerKey): void {
    const run = this.byRun.get(key.runId);
    const t = run?.get(key.timerId);
    if (t === undefined) return;
    run!.delete(key.timerId);
    if (run!.size === 0) this.byRun.delete(key.runId);
    this.kill(t);
  }

  /** Drops every timer of a run. */
  dropRun(runId: string): void {
    const run = this.byRun.get(runId);
    if (run === undefined) return;
    this.byRun.delete(runId);
    for (const t of run.values()) this.kill(t);
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedAt = Infinity;
    this.byRun.clear();
    this.heap = [];
    this.live = 0;
  }

  /** Marks `t` dead; prunes the heap when dead entries are most of it. */
  private kill(t: Timer): void {
    if (!t.live) return;
    t.live = false;
    this.live--;
    if (this.heap.length > 64 && this.live * 2 < this.heap.length) {
      this.heap = this.heap.filter((x) => x.live);
      for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
    }
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
    const heap = this.heap;
    while (heap.length > 0 && heap[0].fireAt <= now) {
      const t = this.pop();
      if (!t.live) continue;
      t.live = false;
      this.live--;
      const run = this.byRun.get(t.key.runId)!;
      run.delete(t.key.timerId);
      if (run.size === 0) this.byRun.delete(t.key.runId);
      this.onFire(t.key);
    }
    if (this.heap.length > 0 && this.heap[0].fireAt < this.armedAt) this.arm(this.heap[0].fireAt);
  }

  private before(a: Timer, b: Timer): boolean {
    return a.fireAt < b.fireAt || (a.fireAt === b.fireAt && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(t, heap[p])) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = t;
  }

  private pop(): Timer {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const t = heap[i];
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && this.before(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!this.before(heap[c], t)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = t;
  }
}

/**
 * Durable timers, in memory: the durable part is the `TimerStarted` event (fire time = event time
 * + duration), re-armed from history after a restart. One host `setTimeout` for the earliest timer.
 */
export interface TimerKey {
  readonly runId: string;
  readonly timerId: string;
}

export class TimerService {
  private readonly timers = new Map<string, { key: TimerKey; fireAt: number }>();
  private handle: NodeJS.Timeout | undefined;
  private armedAt = Infinity;

  constructor(private readonly onFire: (key: TimerKey) => void) {}

  get size(): number {
    return this.timers.size;
  }

  add(key: TimerKey, fireAt: number): void {
    this.timers.set(`${key.runId}/${key.timerId}`, { key, fireAt });
    this.rearm();
  }

  cancel(key: TimerKey): void {
    this.timers.delete(`${key.runId}/${key.timerId}`);
  }

  /** Drops every timer of a run. */
  dropRun(runId: string): void {
    for (const [k, t] of this.timers) if (t.key.runId === runId) this.timers.delete(k);
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
    this.timers.clear();
  }

  private rearm(): void {
    let next = Infinity;
    for (const t of this.timers.values()) if (t.fireAt < next) next = t.fireAt;
    if (next === Infinity || next >= this.armedAt) return;
    if (this.handle) clearTimeout(this.handle);
    this.armedAt = next;
    this.handle = setTimeout(() => this.fire(), Math.max(0, next - Date.now()));
  }

  private fire(): void {
    this.handle = undefined;
    this.armedAt = Infinity;
    const now = Date.now();
    for (const [k, t] of this.timers) {
      if (t.fireAt <= now) {
        this.timers.delete(k);
        this.onFire(t.key);
      }
    }
    this.rearm();
  }
}

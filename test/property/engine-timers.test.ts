/**
 * The engine's timer service (a heap indexed by run) against a naive reference on random
 * operations — arm, re-arm, cancel, drop a run's timers, let time pass: the same timers fire, in
 * the same order (by fire time, then by arming order), at the same moments.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimerService, type TimerKey } from '../../src/engine/worker/timers.js';

type Op =
  | { kind: 'add'; run: number; timer: number; delay: number }
  | { kind: 'cancel'; run: number; timer: number }
  | { kind: 'drop'; run: number }
  | { kind: 'advance'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), run: fc.nat(3), timer: fc.nat(4), delay: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), run: fc.nat(3), timer: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), run: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.nat(30) }) },
);

/** The reference: a list of armed timers; at each moment, the due ones fire by (time, arming order). */
class Reference {
  private armed: { key: string; at: number; seq: number }[] = [];
  private seq = 0;
  add(key: string, at: number): void {
    this.armed = this.armed.filter((t) => t.key !== key);
    this.armed.push({ key, at, seq: this.seq++ });
  }
  cancel(key: string): void { this.armed = this.armed.filter((t) => t.key !== key); }
  drop(run: string): void { this.armed = this.armed.filter((t) => !t.key.startsWith(`${run}/`)); }
  due(now: number): string[] {
    const due = this.armed.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.armed = this.armed.filter((t) => t.at > now);
    return due.map((t) => t.key);
  }
  get size(): number { return this.armed.length; }
}

describe('engine timer service', () => {
  beforeEach(() => { vi.useFakeTimers({ now: 1_000_000 }); });
  afterEach(() => { vi.useRealTimers(); });

  it('fires what a naive reference fires, in its order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        vi.setSystemTime(1_000_000);
        const fired: string[] = [];
        const service = new TimerService((k: TimerKey) => fired.push(`${k.runId}/${k.timerId}`));
        const ref = new Reference();
        const expected: string[] = [];
        for (const o of ops) {
          const now = Date.now();
          if (o.kind === 'add') {
            service.add({ runId: `r${o.run}`, timerId: `t${o.timer}` }, now + o.delay);
            ref.add(`r${o.run}/t${o.timer}`, now + o.delay);
          } else if (o.kind === 'cancel') {
            service.cancel({ runId: `r${o.run}`, timerId: `t${o.timer}` });
            ref.cancel(`r${o.run}/t${o.timer}`);
          } else if (o.kind === 'drop') {
            service.dropRun(`r${o.run}`);
            ref.drop(`r${o.run}`);
          } else {
            // one millisecond at a time: what is due at each moment fires then
            for (let i = 0; i < o.ms; i++) {
              vi.advanceTimersByTime(1);
              expected.push(...ref.due(Date.now()));
              expect(fired).toEqual(expected);
            }
          }
          expect(service.size).toBe(ref.size);
        }
        vi.advanceTimersByTime(100);
        expected.push(...ref.due(Date.now()));
        expect(fired).toEqual(expected);
        expect(service.size).toBe(0);
        service.stop();
      }),
      { numRuns: 300 },
    );
  });
});

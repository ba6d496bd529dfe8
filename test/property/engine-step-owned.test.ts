/**
 * The engine's step function on random runs with fan-out (several activities and timers per
 * workflow task, cancellations, results in any order, signals, timers firing, updates admitted
 * and accepted): a state handed
 * over (`owned`, updated in place, nested records included) gives exactly the events and states
 * of copying, no state given without handing it over is ever changed — not even a record it
 * shares with a later state — and the fold of the history rebuilds the last state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { step, type ResolvedCommand, type StepInput } from '../../src/engine/model/step.js';
import { foldHistory, type RunState } from '../../src/engine/model/state.js';
import type { HistoryEvent } from '../../src/engine/index.js';

const retry = { initialIntervalMs: 100, backoffCoefficient: 2, maximumIntervalMs: 1000, maximumAttempts: 3, nonRetryableErrorTypes: [] };

/** What happens next, with picks resolved against the run's pending activities and timers. */
type Move =
  | { kind: 'task'; activities: number; timers: number; cancelActivities: number[]; cancelTimers: number[]; acceptUpdates: number; complete: boolean }
  | { kind: 'result'; pick: number; fail: boolean }
  | { kind: 'fire'; pick: number }
  | { kind: 'signal' }
  | { kind: 'update' };

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({
    kind: fc.constant('task' as const), activities: fc.nat(6), timers: fc.nat(3),
    cancelActivities: fc.array(fc.nat(20), { maxLength: 3 }), cancelTimers: fc.array(fc.nat(20), { maxLength: 2 }),
    acceptUpdates: fc.nat(3), complete: fc.nat(4).map((n) => n === 0),
  }),
  fc.record({ kind: fc.constant('result' as const), pick: fc.nat(20), fail: fc.boolean() }),
  fc.record({ kind: fc.constant('fire' as const), pick: fc.nat(20) }),
  fc.constant({ kind: 'signal' as const }),
  fc.constant({ kind: 'update' as const }),
);

/** The step inputs of a move in state `s` (a workflow task is started, then completed). */
function inputsOf(m: Move, s: RunState, seq: { n: number }): StepInput[] {
  const activities = Object.values(s.activities);
  const timers = Object.values(s.timers);
  switch (m.kind) {
    case 'task': {
      const commands: ResolvedCommand[] = [];
      for (const i of new Set(m.cancelActivities)) {
        const a = activities[i % Math.max(activities.length, 1)];
        if (a && a.cancelRequestedEventId === 0) commands.push({ type: 'requestCancelActivity', seq: Number(a.activityId), targetEventId: a.scheduledEventId });
      }
      for (const i of new Set(m.cancelTimers)) {
        const t = timers[i % Math.max(timers.length, 1)];
        if (t) commands.push({ type: 'cancelTimer', seq: Number(t.timerId), targetEventId: t.startedEventId });
      }
      for (let i = 0; i < m.activities; i++) {
        const n = ++seq.n;
        commands.push({ type: 'scheduleActivity', seq: n, activityId: String(n), activityType: 'a', args: [n], options: { startToCloseTimeoutMs: 1000, retry } });
      }
      for (let i = 0; i < m.timers; i++) commands.push({ type: 'startTimer', seq: ++seq.n, durationMs: 100 * (i + 1) });
      // the first admitted updates, accepted (and every other one completed) by this task
      for (const [i, u] of s.admittedUpdates.slice(0, m.acceptUpdates).entries()) {
        commands.push({ type: 'acceptUpdate', updateId: u.updateId, name: u.name, args: u.args });
        if (i % 2 === 0) commands.push({ type: 'completeUpdate', updateId: u.updateId, result: i });
      }
      if (m.complete) commands.push({ type: 'completeWorkflow', result: seq.n });
      return [{ kind: 'startWorkflowTask' }, { kind: 'completeWorkflowTask', commands }];
    }
    case 'result': {
      const a = activities[m.pick % Math.max(activities.length, 1)];
      if (!a) return [];
      if (a.cancelRequestedEventId !== 0) return [{ kind: 'activityCanceled', scheduledEventId: a.scheduledEventId, attempt: 1, started: true, details: [] }];
      return [m.fail
        ? { kind: 'activityFailed', scheduledEventId: a.scheduledEventId, attempt: 1, failure: { kind: 'application', message: 'x', type: 'E' }, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' }
        : { kind: 'activityCompleted', scheduledEventId: a.scheduledEventId, attempt: 1, result: a.activityId }];
    }
    case 'fire': {
      const t = timers[m.pick % Math.max(timers.length, 1)];
      return t ? [{ kind: 'timerFired', timerId: t.timerId }] : [];
    }
    case 'signal':
      return [{ kind: 'signal', signalName: 's', input: [1] }];
    case 'update':
      return [{ kind: 'update', updateId: `u${++seq.n}`, name: 'u', args: [seq.n] }];
  }
}

describe('engine step on a state handed over', () => {
  it('gives the events and states of copying, and never changes a state it was not given', () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 40 }), (moves) => {
        const start: StepInput = { kind: 'start', workflowId: 'w', runId: 'r', workflowType: 't', taskQueue: 'q', input: [] };
        const first = step(undefined, start, 1000);
        let copied = first.state!;
        let owned = step(undefined, start, 1000).state!;
        const events: HistoryEvent[] = [...first.events];
        const kept: { state: RunState; snapshot: RunState }[] = [{ state: copied, snapshot: structuredClone(copied) }];
        const seq = { n: 0 };
        let now = 2000;
        for (const m of moves) {
          for (const input of inputsOf(m, copied, seq)) {
            now += 1;
            const c = step(copied, input, now);
            const o = step(owned, input, now, true);
            expect(o.events).toEqual(c.events);
            expect(o.effects).toEqual(c.effects);
            events.push(...c.events);
            copied = c.state!;
            owned = o.state!;
            expect(owned).toEqual(copied);
            kept.push({ state: copied, snapshot: structuredClone(copied) });
          }
        }
        // every state a copying step returned is as it was when returned
        for (const k of kept) expect(k.state).toEqual(k.snapshot);
        // admitted updates are in memory only (not in history)
        expect(foldHistory(events)).toEqual({ ...copied, admittedUpdates: [] });
      }),
      { numRuns: 300 },
    );
  });
});

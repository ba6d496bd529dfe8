import { describe, expect, test } from 'vitest';
import { step, type StepInput } from '../../../src/engine/model/step.js';
import { foldHistory, type RunState } from '../../../src/engine/model/state.js';
import type { HistoryEvent } from '../../../src/engine/index.js';

const retry = { initialIntervalMs: 100, backoffCoefficient: 2, maximumIntervalMs: 1000, maximumAttempts: 3, nonRetryableErrorTypes: [] };
const inputs: StepInput[] = [
  { kind: 'startWorkflowTask' },
  {
    kind: 'completeWorkflowTask', commands: [
      { type: 'scheduleActivity', seq: 1, activityId: '1', activityType: 'a', args: [1], options: { startToCloseTimeoutMs: 1000, retry } },
      { type: 'startTimer', seq: 2, durationMs: 500 },
    ],
  },
  { kind: 'signal', signalName: 's', input: [true] },
  { kind: 'activityCompleted', scheduledEventId: 5, attempt: 1, result: 'r' },
  { kind: 'startWorkflowTask' },
  { kind: 'completeWorkflowTask', commands: [{ type: 'cancelTimer', seq: 2, targetEventId: 6 }, { type: 'completeWorkflow', result: 42 }] },
];

function run(owned: boolean): { states: RunState[]; events: HistoryEvent[] } {
  let s = step(undefined, { kind: 'start', workflowId: 'w', runId: 'r', workflowType: 't', taskQueue: 'q', input: [] }, 1000).state!;
  const events: HistoryEvent[] = [];
  const states: RunState[] = [];
  for (const [i, input] of inputs.entries()) {
    const before = structuredClone(s);
    const r = step(s, input, 2000 + i, owned);
    if (!owned) expect(s).toEqual(before); // the input state is never mutated unless handed over
    events.push(...r.events);
    s = r.state!;
    states.push(structuredClone(s));
  }
  return { states, events };
}

describe('step', () => {
  test('an owned state updated in place gives the same events and states as copying', () => {
    const copied = run(false);
    const owned = run(true);
    expect(owned.events).toEqual(copied.events);
    expect(owned.states).toEqual(copied.states);
    expect(owned.states.at(-1)).toMatchObject({ status: 'completed', outcome: { status: 'completed', result: 42 } });
    const start = step(undefined, { kind: 'start', workflowId: 'w', runId: 'r', workflowType: 't', taskQueue: 'q', input: [] }, 1000).events;
    expect(foldHistory([...start, ...owned.events])).toEqual(owned.states.at(-1));
  });
});

/**
 * Activity cancellation types on the engine (Temporal's `ActivityCancellationType`): what the
 * workflow sees when the calling scope is cancelled, and what the history records.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine, type HistoryEvent } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/cancellation-types.ts');
const activities = { slow: (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve(`slept ${ms}`), ms)) };

async function run(workflow: string, args: unknown[]): Promise<{ result: unknown; status: string; events: HistoryEvent[] }> {
  const e = await Engine.open({ activities, workflows, deadlockTimeoutMs: 1000 });
  try {
    await e.start(workflow, { workflowId: 'w', args });
    const o = await e.result('w');
    return { result: o.result, status: o.status, events: e.history('w') };
  } finally {
    await e.close();
  }
}

const types = (events: readonly HistoryEvent[]): string[] => events.map((x) => x.eventType);
/** The event types from the first of `from` on, without the workflow task bookkeeping. */
function after(events: readonly HistoryEvent[], from: string): string[] {
  const i = events.findIndex((x) => x.eventType === from);
  expect(i).toBeGreaterThanOrEqual(0);
  return types(events.slice(i)).filter((t) => !t.startsWith('WorkflowTask'));
}

describe('activity cancellation types', () => {
  test('TRY_CANCEL (the default): the cancel is requested and the call rejects at once', async () => {
    for (const type of [undefined, 'TRY_CANCEL']) {
      const r = await run('cancelLater', [type, 5000, 0]);
      expect(r.result).toBe('cancelled');
      // the workflow completed in the task that requested the cancel, before any outcome
      expect(after(r.events, 'ActivityTaskCancelRequested')).toEqual(['ActivityTaskCancelRequested', 'WorkflowExecutionCompleted']);
    }
  });

  test('WAIT_CANCELLATION_COMPLETED: the call settles only once the cancellation is recorded', async () => {
    const r = await run('cancelLater', ['WAIT_CANCELLATION_COMPLETED', 5000, 0]);
    expect(r.result).toBe('cancelled');
    expect(after(r.events, 'ActivityTaskCancelRequested')).toEqual(['ActivityTaskCancelRequested', 'ActivityTaskStarted', 'ActivityTaskCanceled', 'WorkflowExecutionCompleted']);
    // a new workflow task follows the cancellation, as on Temporal's server
    const canceled = r.events.findIndex((x) => x.eventType === 'ActivityTaskCanceled');
    expect(r.events[canceled + 1].eventType).toBe('WorkflowTaskScheduled');
  });

  test('ABANDON: no cancel is requested; the activity runs on and its result is ignored', async () => {
    const r = await run('cancelLater', ['ABANDON', 100, 400]);
    expect(r.result).toBe('cancelled');
    expect(types(r.events)).not.toContain('ActivityTaskCancelRequested');
    expect(after(r.events, 'ActivityTaskScheduled')).toEqual(['ActivityTaskScheduled', 'TimerStarted', 'TimerFired', 'TimerStarted', 'ActivityTaskStarted', 'ActivityTaskCompleted', 'TimerFired', 'WorkflowExecutionCompleted']);
  });

  test('cancelled in the activation that scheduled it: nothing is recorded and the call rejects at once, whatever the type', async () => {
    for (const type of ['TRY_CANCEL', 'WAIT_CANCELLATION_COMPLETED', 'ABANDON']) {
      const r = await run('cancelAtOnce', [type]);
      expect(r.result).toBe('cancelled');
      expect(types(r.events).filter((t) => t.startsWith('Activity'))).toEqual([]);
    }
  });

  test('an unknown cancellation type fails the workflow task with the reason', async () => {
    const e = await Engine.open({ activities, workflows, deadlockTimeoutMs: 1000 });
    try {
      await e.start('badCancellationType', { workflowId: 'b' });
      await expect(e.result('b')).rejects.toThrow(/invalid activity option cancellationType: "SOMETIMES" \(expected one of "TRY_CANCEL", "WAIT_CANCELLATION_COMPLETED", "ABANDON"\)/);
    } finally {
      await e.close();
    }
  });
});

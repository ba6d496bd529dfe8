/**
 * workflowInfo(): Temporal's facts about the run (retry policy, timeouts, namespace, …), and the
 * continue-as-new suggestion: recorded in `WorkflowTaskStarted` once the history is long, so the
 * live run and its replays (the engine's and Temporal's SDK's) see it at the same task.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine, WorkflowRunner, WorkflowSandbox, foldHistory, historyFromTemporalJson, historyToTemporalJson, runInfo, type HistoryEvent } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/info.ts');

describe('workflowInfo', () => {
  test('the run facts: retry policy, timeouts, namespace, fixed values of what one machine does not track', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('facts', { workflowId: 'f', workflowRunTimeout: '1h', workflowExecutionTimeout: '2h', retry: { initialInterval: '2s', maximumAttempts: 3 } });
      expect(await e.result('f')).toEqual({
        status: 'completed',
        result: {
          namespace: 'default', sameOriginal: true, attempt: 1, runTimeoutMs: 3_600_000, executionTimeoutMs: 7_200_000, expires: 7_200_000,
          retryPolicy: { initialInterval: 2000, backoffCoefficient: 2, maximumInterval: 200_000, maximumAttempts: 3, nonRetryableErrorTypes: [] },
          taskTimeoutMs: 10_000, historySize: 0, continueAsNewSuggested: false, searchAttributes: {},
        },
      });
    } finally {
      await e.close();
    }
  });

  test('continueAsNewSuggested: set in the first workflow task after the history passes the limit, recorded, and replayed', async () => {
    const e = await Engine.open({ workflows, activities: {}, suggestContinueAsNewAfter: 40 });
    try {
      const { runId } = await e.start('untilSuggested', { workflowId: 'long', args: [1000] });
      const outcome = await e.result('long');
      expect(outcome).toMatchObject({ status: 'completed', result: expect.stringMatching(/^continued at event \d+$/) });
      const first = e.history('long', runId);
      const suggested = first.filter((x) => x.eventType === 'WorkflowTaskStarted' && x.attributes.suggestContinueAsNew === true);
      expect(suggested).toHaveLength(1);
      expect(suggested[0].eventId).toBeGreaterThan(40);
      // no task before it suggested it: the previous one started at or before event 41
      const starts = first.filter((x) => x.eventType === 'WorkflowTaskStarted').map((x) => x.eventId);
      expect(starts[starts.indexOf(suggested[0].eventId) - 1]).toBeLessThanOrEqual(41);
      expect(first.at(-1)!.eventType).toBe('WorkflowExecutionContinuedAsNew');
      expect(historyFromTemporalJson(historyToTemporalJson(first))).toEqual(first);
      const json = historyToTemporalJson(first).events.find((x) => (x as { eventId: string }).eventId === String(suggested[0].eventId)) as Record<string, Record<string, unknown>>;
      expect(json.workflowTaskStartedEventAttributes.suggestContinueAsNew).toBe(true);
      // a replay of the first run (as recovery makes) reaches the same continue-as-new at the same task
      const runner = new WorkflowRunner(new WorkflowSandbox(workflows), runInfo(foldHistory(first)));
      expect(() => runner.replay(first)).not.toThrow();
      const cut = first.map((x) => (x === suggested[0] ? { ...x, attributes: { scheduledEventId: (x.attributes as { scheduledEventId: number }).scheduledEventId, identity: 'x' } } as HistoryEvent : x));
      const blind = new WorkflowRunner(new WorkflowSandbox(workflows), runInfo(foldHistory(cut)));
      // without the recorded hint the replay diverges at that task: the hint is what the code saw
      expect(() => blind.replay(cut)).toThrow(/workflow task \d+ \(event \d+\): the code produced startTimer .* but history has WorkflowExecutionContinuedAsNew/);
    } finally {
      await e.close();
    }
  });
});

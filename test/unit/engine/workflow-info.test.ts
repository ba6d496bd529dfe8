/**
 * workflowInfo(): Temporal's facts about the run (retry policy, timeouts, namespace, …), the
 * continue-as-new suggestion (recorded in `WorkflowTaskStarted` once the history is long, so the
 * live run and its replays — the engine's and Temporal's SDK's — see it at the same task), and the
 * history size (counted when read, the same live and replayed; written into every exported
 * `WorkflowTaskStarted`, where the SDK reads it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine, WorkflowRunner, WorkflowSandbox, foldHistory, historyFromTemporalJson, historyToTemporalJson, runInfo, type HistoryEvent } from '../../../src/engine/index.js';
import { historyBytesBefore } from '../../../src/engine/history/history-size.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/info.ts');

describe('workflowInfo', () => {
  test('the run facts: retry policy, timeouts, namespace, fixed values of what one machine does not track', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('facts', { workflowId: 'f', workflowRunTimeout: '1h', workflowExecutionTimeout: '2h', retry: { initialInterval: '2s', maximumAttempts: 3 } });
      expect(await e.result('f')).toMatchObject({
        status: 'completed',
        result: {
          namespace: 'default', sameOriginal: true, attempt: 1, runTimeoutMs: 3_600_000, executionTimeoutMs: 7_200_000, expires: 7_200_000,
          retryPolicy: { initialInterval: 2000, backoffCoefficient: 2, maximumInterval: 200_000, maximumAttempts: 3, nonRetryableErrorTypes: [] },
          taskTimeoutMs: 10_000, historySize: historyBytesBefore(e.history('f'), 3), continueAsNewSuggested: false, searchAttributes: {},
        },
      });
      expect(historyBytesBefore(e.history('f'), 3)).toBeGreaterThan(100); // the started event and the task's schedule
      // as Temporal's SDK: startTime is the run's start, runStartTime its first activation (the first task's start);
      // the retry policy's keys in the SDK's order
      const h = e.history('f');
      const result = (await e.result('f') as { result: Record<string, unknown> }).result;
      expect(result.startTime).toBe(h[0].eventTime);
      expect(result.runStartTime).toBe(h.find((x) => x.eventType === 'WorkflowTaskStarted')!.eventTime);
      expect(result.retryPolicyJson).toBe('{"backoffCoefficient":2,"maximumAttempts":3,"maximumInterval":200000,"initialInterval":2000,"nonRetryableErrorTypes":[]}');
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

  /** The ids of the `WorkflowTaskStarted` events of `h` that a completed task followed. */
  const completedStarts = (h: readonly HistoryEvent[]): number[] =>
    h.filter((x, i) => x.eventType === 'WorkflowTaskStarted' && h[i + 1]?.eventType === 'WorkflowTaskCompleted').map((x) => x.eventId);

  test('historySize: each task sees the bytes of the history before its WorkflowTaskStarted; exported for Temporal, read back as it was; replays see the same', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('untilSize', { workflowId: 'sized', args: [5000] });
      const outcome = await e.result('sized');
      expect(outcome.status).toBe('completed');
      const seen = (outcome as { result: number[] }).result;
      const h = e.history('sized');
      const starts = completedStarts(h);
      // the reference count on the stored history, task by task
      expect(seen).toEqual(starts.map((id) => historyBytesBefore(h, id)));
      expect(seen.length).toBeGreaterThan(5);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]);
      expect(seen.at(-1)).toBeGreaterThanOrEqual(5000);
      // the engine records nothing; its Temporal JSON writes the count into every WorkflowTaskStarted (int64: a string)
      expect(h.some((x) => x.eventType === 'WorkflowTaskStarted' && x.attributes.historySizeBytes !== undefined)).toBe(false);
      const json = historyToTemporalJson(h);
      const written = json.events.filter((x) => x.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED').map((x) => (x.workflowTaskStartedEventAttributes as { historySizeBytes: string }).historySizeBytes);
      expect(written).toEqual(h.filter((x) => x.eventType === 'WorkflowTaskStarted').map((x) => String(historyBytesBefore(h, x.eventId))));
      // read back, the counts that are the engine's own are dropped: the history is what it was
      expect(historyFromTemporalJson(json)).toEqual(h);
      // a replay sees the same sizes (the same commands)
      const replay = (events: readonly HistoryEvent[]): void => new WorkflowRunner(new WorkflowSandbox(workflows), runInfo(foldHistory(events))).replay(events);
      expect(() => replay(h)).not.toThrow();
      // a size recorded in a WorkflowTaskStarted (as Temporal's server does) is what that task sees: a larger one there ends the loop early
      const third = starts[2];
      const recorded = h.map((x) => (x.eventId === third ? { ...x, attributes: { ...x.attributes, historySizeBytes: 1_000_000 } } as HistoryEvent : x));
      expect(() => replay(recorded)).toThrow(/workflow task 3 \(event \d+\): the code produced completeWorkflow but history has TimerStarted/);
      // and a recorded size that differs from the engine's count is kept through the Temporal JSON
      const back = historyFromTemporalJson(historyToTemporalJson(recorded));
      expect(back.find((x) => x.eventId === third)!.attributes).toMatchObject({ historySizeBytes: 1_000_000 });
    } finally {
      await e.close();
    }
  });

  test('historySize: a malformed recorded size is refused with the event', () => {
    const json = { events: [{ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_TASK_STARTED', workflowTaskStartedEventAttributes: { scheduledEventId: '2', historySizeBytes: 'many' } }] };
    expect(() => historyFromTemporalJson(json, 'h.json')).toThrow(/h\.json: event 1 \(WorkflowTaskStarted\) is malformed: historySizeBytes "many" is not a byte count/);
  });

  test('historySize: durable, across a restart (counted from the store and the batch being filled), in a query, and on an info object read tasks earlier', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-history-size-'));
    const db = path.join(dir, 'sizes.db');
    try {
      const first = await Engine.open({ db, workflows, activities: {}, log: false });
      await first.start('sizeAtSignals', { workflowId: 's' });
      for (const payload of ['a', 'bb'.repeat(50), 'c']) await first.signal('s', 'next', payload);
      await first.idle();
      const live = first.query('s', 'size') as number;
      const starts = completedStarts(first.history('s'));
      expect(live).toBe(historyBytesBefore(first.history('s'), starts.at(-1)!));
      await first.close();
      // a second engine replays the run (the replayed tasks see the sizes they saw) and goes on
      const second = await Engine.open({ db, workflows, activities: {}, log: false });
      // a signal and the task it causes in one batch: the size counts the signal's events, not yet committed
      for (const payload of ['d'.repeat(300), 'e', 'f']) await second.signal('s', 'next', payload);
      await second.idle();
      await second.signal('s', 'stop');
      const outcome = await second.result('s');
      expect(outcome.status).toBe('completed');
      const h = second.history('s');
      const done = completedStarts(h);
      const { seen, first: firstSize, firstLater } = (outcome as { result: { seen: number[]; first: number; firstLater: number } }).result;
      expect(seen).toHaveLength(6);
      // each read is the reference count before the WorkflowTaskStarted of a task that read it
      for (const s of seen) expect(done.map((id) => historyBytesBefore(h, id))).toContain(s);
      // sizes never shrink (reads within one task see the same), and the long payload counts
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      expect(seen.at(-1)! - seen[0]).toBeGreaterThan(300 + 100);
      // the info object of the first task still gives that task's size when read in the last one
      expect(firstSize).toBe(historyBytesBefore(h, done[0]));
      expect(firstLater).toBe(firstSize);
      // a query of the closed run: the size of its last task, counted on the stored history
      expect(second.query('s', 'size')).toBe(historyBytesBefore(h, done.at(-1)!));
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

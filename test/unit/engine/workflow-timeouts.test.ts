/**
 * Workflow timeouts, as on Temporal: a run that is still open at its run timeout, or at the end
 * of its execution's timeout (which a continue-as-new carries on), times out; a child's timeout
 * reaches its parent as a ChildWorkflowFailure caused by a TimeoutFailure; the timeout survives a
 * restart and is written to Temporal JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine, historyFromTemporalJson, historyToTemporalJson } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/timeouts.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-timeouts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (db?: string): Promise<Engine> => Engine.open({ db, activities: {}, workflows, deadlockTimeoutMs: 1000 });

describe('workflow timeouts', () => {
  test('a run still open at its run timeout times out; one that finishes in time does not', async () => {
    const e = await open();
    try {
      await e.start('napper', { workflowId: 'slow', args: [60_000], workflowRunTimeout: '80ms' });
      await e.start('napper', { workflowId: 'quick', args: [10], workflowRunTimeout: 5_000 });
      expect(await e.result('slow')).toMatchObject({ status: 'timedOut', failure: { kind: 'timeout' } });
      expect(await e.result('quick')).toEqual({ status: 'completed', result: 'slept 10' });
      const h = e.history('slow');
      expect(h[0].attributes).toMatchObject({ workflowRunTimeoutMs: 80 });
      expect(h.at(-1)).toMatchObject({ eventType: 'WorkflowExecutionTimedOut', attributes: { retryState: 'RETRY_STATE_TIMEOUT' } });
      expect(h.at(-1)!.eventTime - h[0].eventTime).toBeGreaterThanOrEqual(80);
      // Temporal JSON carries the timeout and the closing event both ways
      const json = historyToTemporalJson(h);
      expect(json.events.at(-1)).toMatchObject({ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT' });
      expect((json.events[0] as Record<string, Record<string, unknown>>).workflowExecutionStartedEventAttributes.workflowRunTimeout).toBe('0.08s');
      expect(historyFromTemporalJson(json)).toEqual(h);
    } finally {
      await e.close();
    }
  });

  test("a child's execution timeout reaches its parent as ChildWorkflowFailure(TimeoutFailure)", async () => {
    const e = await open();
    try {
      await e.start('impatientParent', { workflowId: 'p', args: [60_000] });
      expect(await e.result('p')).toEqual({ status: 'completed', result: 'ChildWorkflowFailure: TimeoutFailure START_TO_CLOSE' });
      expect(e.history('p').map((x) => x.eventType)).toContain('ChildWorkflowExecutionTimedOut');
      const initiated = e.history('p').find((x) => x.eventType === 'StartChildWorkflowExecutionInitiated');
      expect(initiated?.attributes).toMatchObject({ workflowExecutionTimeoutMs: 50 });
    } finally {
      await e.close();
    }
  });

  test('the execution timeout spans continue-as-new: the run open at its end times out', async () => {
    const e = await open();
    try {
      await e.start('chain', { workflowId: 'c', args: [100], workflowExecutionTimeout: 120 });
      const outcome = await e.result('c');
      expect(outcome.status).toBe('timedOut');
      const last = e.history('c');
      expect(last[0].attributes).toMatchObject({ workflowExecutionTimeoutMs: 120 });
      expect(last[0].attributes).toHaveProperty('continuedExecutionRunId'); // a later run of the chain
      expect(last.at(-1)!.eventType).toBe('WorkflowExecutionTimedOut');
    } finally {
      await e.close();
    }
  });

  test('the timeout survives a restart: a run whose deadline passed while no worker ran times out at start', async () => {
    const db = path.join(dir, 'restart.db');
    let e = await open(db);
    await e.start('napper', { workflowId: 'r', args: [60_000], workflowRunTimeout: 150 });
    await e.idle();
    await e.close();
    await new Promise((r) => setTimeout(r, 200));
    e = await open(db);
    try {
      expect(await e.result('r')).toMatchObject({ status: 'timedOut' });
    } finally {
      await e.close();
    }
  });

  test('an invalid timeout is bad input (WFE1007)', async () => {
    const e = await open();
    try {
      await expect(e.start('napper', { args: [1], workflowRunTimeout: 'soon' })).rejects.toMatchObject({ code: 'WFE1007' });
      await expect(e.start('napper', { args: [1], workflowExecutionTimeout: 0 })).rejects.toThrow(/workflowExecutionTimeout: 0 \(it must be positive\)/);
    } finally {
      await e.close();
    }
  });
});

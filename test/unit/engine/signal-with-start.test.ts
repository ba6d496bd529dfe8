/**
 * Signal-with-start, as Temporal's client does it: a new run records the signal right after its
 * start, before its first workflow task (the code sees it in its first activation); an open run
 * is signalled instead; a closed id starts a new run.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await Engine.open({ workflows, activities: {}, deadlockTimeoutMs: 1000 });
  try { await fn(e); } finally { await e.close(); }
}

describe('signalWithStart', () => {
  test('a new run records the signal before its first workflow task', async () => {
    await withEngine(async (e) => {
      const { runId } = await e.signalWithStart('counter', { workflowId: 'n', args: [5], signal: 'add', signalArgs: [5] });
      expect(await e.result('n')).toEqual({ status: 'completed', result: 5 });
      const h = e.history('n');
      expect(h.slice(0, 3).map((x) => x.eventType)).toEqual(['WorkflowExecutionStarted', 'WorkflowExecutionSignaled', 'WorkflowTaskScheduled']);
      expect(h[1].attributes).toMatchObject({ signalName: 'add', input: [5] });
      expect(h[0].attributes).toMatchObject({ originalExecutionRunId: runId });
      // one workflow task: the signal was there when the code first ran
      expect(h.filter((x) => x.eventType === 'WorkflowTaskStarted')).toHaveLength(1);
    });
  });

  test('an open run is signalled (same run); a closed id starts a new run', async () => {
    await withEngine(async (e) => {
      const first = await e.start('counter', { workflowId: 'o', args: [10] });
      await e.idle();
      const again = await e.signalWithStart('counter', { workflowId: 'o', args: [10], signal: 'add', signalArgs: [4] });
      expect(again.runId).toBe(first.runId);
      await e.signal('o', 'add', 6);
      expect(await e.result('o')).toEqual({ status: 'completed', result: 10 });
      expect(e.history('o').filter((x) => x.eventType === 'WorkflowExecutionStarted')).toHaveLength(1);
      const next = await e.signalWithStart('counter', { workflowId: 'o', args: [1], signal: 'add', signalArgs: [1] });
      expect(next.runId).not.toBe(first.runId);
      expect(await e.result('o')).toEqual({ status: 'completed', result: 1 });
    });
  });

  test('an unknown workflow type is refused (WFE1001) and nothing is recorded', async () => {
    await withEngine(async (e) => {
      await expect(e.signalWithStart('nope', { workflowId: 'x', signal: 'add' })).rejects.toMatchObject({ code: 'WFE1001' });
      expect(e.store.execution('x')).toBeUndefined();
    });
  });
});

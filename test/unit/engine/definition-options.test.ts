/**
 * Workflow definition options: `failureExceptionTypes` turn errors that would fail the workflow
 * task into failures of the execution (workflow function, signal and update handlers), matched by
 * `instanceof` and recorded with the error's class name, as Temporal's SDK does. The SDK replays
 * these histories in test/integration/engine/replay-sdk.test.ts.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/definition-options.ts');

describe('setWorkflowOptions / defineWorkflowOptions', () => {
  test('a configured error type (a subclass here) fails the run, recorded under its class name', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('failsConfigured', { workflowId: 'c' });
      expect(await e.result('c')).toMatchObject({ status: 'failed', failure: { kind: 'application', type: 'SpecificError', message: 'out of stock', nonRetryable: false } });
      const last = e.history('c').at(-1)!;
      expect(last.eventType).toBe('WorkflowExecutionFailed');
    } finally {
      await e.close();
    }
  });

  test('options from a getter, read at the start with workflowInfo(); Error matches anything', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('failsAnything', { workflowId: 'a' });
      expect(await e.result('a')).toMatchObject({ status: 'failed', failure: { type: 'TypeError', message: 'bad input to failsAnything' } });
    } finally {
      await e.close();
    }
  });

  test('without options the same error fails the workflow task and the run stays open', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('failsTask', { workflowId: 't' });
      for (let i = 0; i < 200 && !e.history('t').some((x) => x.eventType === 'WorkflowTaskFailed'); i++) await new Promise((r) => setTimeout(r, 10));
      const h = e.history('t');
      expect(h.some((x) => x.eventType === 'WorkflowTaskFailed')).toBe(true);
      expect(h.some((x) => x.eventType === 'WorkflowExecutionFailed')).toBe(false);
      expect(e.store.execution('t')!.status).toBe('running');
    } finally {
      await e.close();
    }
  });

  test('signal and update handlers: a configured error fails the run', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('signalFails', { workflowId: 's' });
      await e.start('updateFails', { workflowId: 'u' });
      await e.idle();
      await e.signal('s', 'poison', 'x');
      expect(await e.result('s')).toMatchObject({ status: 'failed', failure: { type: 'CustomWorkflowError', message: 'poisoned: x' } });
      expect(await e.update('u', 'divide', 2)).toBe('ok 5');
      // the run fails with the handler's error; the update itself, accepted and never completed, fails as Temporal's server fails it
      await expect(e.update('u', 'divide', 0)).rejects.toMatchObject({ failure: { type: 'AcceptedUpdateCompletedWorkflow' } });
      expect(await e.result('u')).toMatchObject({ status: 'failed', failure: { type: 'CustomWorkflowError', message: 'division by zero' } });
      // an update sent to the closed run is refused at once
      await expect(e.update('u', 'divide', 1)).rejects.toThrow(/closed/);
    } finally {
      await e.close();
    }
  });

  test('updates the run never completes fail when it closes: one not yet delivered, one sent in the same moment as the close', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      await e.start('updateFails', { workflowId: 'before' });
      await e.start('updateFails', { workflowId: 'after' });
      await e.idle();
      // admitted, then the run terminated in the same batch before a workflow task delivers it
      const admitted = e.update('before', 'divide', 2);
      const terminated = e.terminate('before');
      await expect(admitted).rejects.toMatchObject({ failure: { type: 'WorkflowExecutionAlreadyCompleted' } });
      await terminated;
      // terminated first, the update queued behind it
      const t2 = e.terminate('after');
      const late = e.update('after', 'divide', 2);
      await expect(late).rejects.toMatchObject({ failure: { type: 'WorkflowExecutionAlreadyCompleted' } });
      await t2;
    } finally {
      await e.close();
    }
  });

  test('an update not yet delivered when its run times out goes on to the retry run, as Temporal clients retry it there', async () => {
    const e = await Engine.open({ workflows, activities: {} });
    try {
      const start = { workflowRunTimeout: '1h', retry: { initialInterval: 10, maximumAttempts: 2 } };
      await e.start('updateFails', { workflowId: 'admitted', ...start });
      await e.start('updateFails', { workflowId: 'late', ...start });
      await e.idle();
      // the run's timeout as the timer service delivers it, in the same batch as the update: the update admitted first, then after it
      const timeOut = (workflowId: string): void => (e as unknown as { enqueue(i: unknown): void }).enqueue({ runId: e.store.execution(workflowId)!.runId, input: { kind: 'runTimedOut', newRunId: `${workflowId}-attempt-2` } });
      const admitted = e.update('admitted', 'divide', 2);
      timeOut('admitted');
      timeOut('late');
      const late = e.update('late', 'divide', 5);
      expect(await admitted).toBe('ok 5');
      expect(await late).toBe('ok 2');
      for (const id of ['admitted', 'late']) {
        expect(e.store.execution(id)!.runId).toBe(`${id}-attempt-2`);
        expect(e.history(id).filter((x) => x.eventType === 'WorkflowExecutionUpdateAccepted')).toHaveLength(1);
      }
    } finally {
      await e.close();
    }
  });
});

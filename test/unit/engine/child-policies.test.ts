/** Child workflows: parent close policies and cancellation types, as on Temporal. */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/child-policies.ts');

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await Engine.open({ activities: {}, workflows, deadlockTimeoutMs: 1000 });
  try { await fn(e); } finally { await e.close(); }
}

const types = (e: Engine, id: string): string[] => e.history(id).map((x) => x.eventType).filter((t) => !t.startsWith('WorkflowTask'));

describe('parent close policy', () => {
  test('TERMINATE (the default) terminates the open child when the parent closes', async () => {
    await withEngine(async (e) => {
      await e.start('leaves', { workflowId: 'p', args: ['TERMINATE'] });
      expect((await e.result('p')).result).toBe('child-of-p');
      await e.idle();
      expect(await e.result('child-of-p')).toMatchObject({ status: 'terminated' });
      expect(e.history('p').find((x) => x.eventType === 'StartChildWorkflowExecutionInitiated')?.attributes).toMatchObject({ parentClosePolicy: 'PARENT_CLOSE_POLICY_TERMINATE' });
    });
  });

  test('ABANDON leaves the child running; it completes on its own later', async () => {
    await withEngine(async (e) => {
      await e.start('leaves', { workflowId: 'p', args: ['ABANDON'] });
      await e.result('p');
      await e.idle();
      expect(e.history('child-of-p').map((x) => x.eventType)).not.toContain('WorkflowExecutionTerminated');
      await e.signal('child-of-p', 'release');
      expect(await e.result('child-of-p')).toEqual({ status: 'completed', result: 'released' });
      expect(e.history('p').find((x) => x.eventType === 'StartChildWorkflowExecutionInitiated')?.attributes).toMatchObject({ parentClosePolicy: 'PARENT_CLOSE_POLICY_ABANDON' });
    });
  });

  test('REQUEST_CANCEL asks the child to cancel when the parent closes', async () => {
    await withEngine(async (e) => {
      await e.start('leaves', { workflowId: 'p', args: ['REQUEST_CANCEL'] });
      await e.result('p');
      expect(await e.result('child-of-p')).toMatchObject({ status: 'canceled' });
      expect(types(e, 'child-of-p')).toContain('WorkflowExecutionCancelRequested');
    });
  });
});

describe('child cancellation types', () => {
  test('WAIT_CANCELLATION_COMPLETED (the default): the result settles once the child closed as cancelled', async () => {
    await withEngine(async (e) => {
      await e.start('cancelsChild', { workflowId: 'p', args: ['WAIT_CANCELLATION_COMPLETED'] });
      expect((await e.result('p')).result).toBe('cancelled');
      const t = types(e, 'p');
      expect(t.indexOf('ChildWorkflowExecutionCanceled')).toBeGreaterThan(-1);
      expect(t.indexOf('ChildWorkflowExecutionCanceled')).toBeLessThan(t.indexOf('WorkflowExecutionCompleted'));
    });
  });

  test('WAIT_CANCELLATION_REQUESTED: the result rejects once the request is delivered', async () => {
    await withEngine(async (e) => {
      await e.start('cancelsChild', { workflowId: 'p', args: ['WAIT_CANCELLATION_REQUESTED'] });
      expect((await e.result('p')).result).toBe('cancelled');
      const t = types(e, 'p');
      expect(t.indexOf('ExternalWorkflowExecutionCancelRequested')).toBeGreaterThan(t.indexOf('RequestCancelExternalWorkflowExecutionInitiated'));
      expect(t.indexOf('ExternalWorkflowExecutionCancelRequested')).toBeLessThan(t.indexOf('WorkflowExecutionCompleted'));
    });
  });

  test('TRY_CANCEL: the request is sent and the result rejects at once', async () => {
    await withEngine(async (e) => {
      await e.start('cancelsChild', { workflowId: 'p', args: ['TRY_CANCEL'] });
      expect((await e.result('p')).result).toBe('cancelled');
      const t = types(e, 'p');
      // completed in the task that sent the request, before the request was delivered
      expect(t.slice(t.indexOf('RequestCancelExternalWorkflowExecutionInitiated'))).toEqual(['RequestCancelExternalWorkflowExecutionInitiated', 'WorkflowExecutionCompleted']);
    });
  });

  test('ABANDON: no request; the result rejects at once', async () => {
    await withEngine(async (e) => {
      await e.start('cancelsChild', { workflowId: 'p', args: ['ABANDON'] });
      expect((await e.result('p')).result).toBe('cancelled');
      expect(types(e, 'p')).not.toContain('RequestCancelExternalWorkflowExecutionInitiated');
      await e.idle();
      // the child was not asked to cancel: the parent's close (TERMINATE) ended it
      expect(await e.result('child-ABANDON')).toMatchObject({ status: 'terminated' });
    });
  });
});

describe('workflow id reuse policy', () => {
  test.each([
    [false, 'ALLOW_DUPLICATE', 'started again'],
    [false, 'ALLOW_DUPLICATE_FAILED_ONLY', 'refused: WorkflowExecutionAlreadyStartedError same-id-p'],
    [true, 'ALLOW_DUPLICATE_FAILED_ONLY', 'started again'],
    [true, 'REJECT_DUPLICATE', 'refused: WorkflowExecutionAlreadyStartedError same-id-p'],
  ])('a child id whose run %s failed, started again under %s: %s', async (fail, policy, expected) => {
    await withEngine(async (e) => {
      await e.start('reuses', { workflowId: 'p', args: [fail, policy] });
      expect(await e.result('p')).toEqual({ status: 'completed', result: expected });
      const initiated = e.history('p').filter((x) => x.eventType === 'StartChildWorkflowExecutionInitiated').at(-1);
      if (policy !== 'ALLOW_DUPLICATE') expect(initiated?.attributes).toMatchObject({ workflowIdReusePolicy: `WORKFLOW_ID_REUSE_POLICY_${policy}` });
    });
  });

  test('engine.start: the policy decides whether a closed run\'s id is taken again; an unknown one is WFE1007', async () => {
    await withEngine(async (e) => {
      await e.start('once', { workflowId: 'ok', args: [false] });
      await e.start('once', { workflowId: 'bad', args: [true] });
      await e.result('ok');
      await e.result('bad').catch(() => undefined);
      await expect(e.start('once', { workflowId: 'ok', args: [false], workflowIdReusePolicy: 'REJECT_DUPLICATE' })).rejects.toMatchObject({ code: 'WFE1005', message: 'workflow execution ok already ran (completed) and workflowIdReusePolicy is REJECT_DUPLICATE' });
      await expect(e.start('once', { workflowId: 'ok', args: [false], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY' })).rejects.toMatchObject({ code: 'WFE1005' });
      await e.start('once', { workflowId: 'bad', args: [false], workflowIdReusePolicy: 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY' });
      expect(await e.result('bad')).toEqual({ status: 'completed', result: 'done' });
      await e.start('once', { workflowId: 'ok', args: [false] }); // the default allows it
      await expect(e.start('once', { workflowId: 'x', args: [false], workflowIdReusePolicy: 'SOMETIMES' })).rejects.toMatchObject({ code: 'WFE1007' });
    });
  });
});

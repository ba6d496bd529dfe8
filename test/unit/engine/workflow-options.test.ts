/**
 * Temporal options the engine does not implement are refused loudly (the workflow task fails
 * naming the option), never ignored; metadata options are accepted without effect.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/options.ts');
const activities = { echo: async (s: string) => s, hold: (ms: number) => new Promise<string>((r) => setTimeout(() => r(`held ${ms}`), ms)) };

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await Engine.open({ activities, workflows, deadlockTimeoutMs: 1000 });
  try { await fn(e); } finally { await e.close(); }
}

describe('workflow API options', () => {
  test('metadata options (summary, priority, memo, staticSummary) and the implemented policies are accepted', async () => {
    await withEngine(async (e) => {
      await e.start('withMetadata', { workflowId: 'm' });
      expect(await e.result('m')).toEqual({ status: 'completed', result: 'a/c' });
    });
  });

  test('scheduleToStartTimeout: an activity that cannot start in time times out (SCHEDULE_TO_START, not retried, never started)', async () => {
    const e = await Engine.open({ activities, workflows, deadlockTimeoutMs: 1000, maxConcurrentActivities: 1 });
    try {
      await e.start('startTimeout', { workflowId: 's' });
      expect(await e.result('s')).toEqual({ status: 'completed', result: ['ok held 300', 'TimeoutFailure SCHEDULE_TO_START'] });
      const h = e.history('s');
      const echo = h.find((x) => x.eventType === 'ActivityTaskScheduled' && x.attributes.activityType === 'echo')!;
      expect(echo.attributes).toMatchObject({ scheduleToStartTimeoutMs: 50 });
      const out = h.filter((x) => 'scheduledEventId' in x.attributes && x.attributes.scheduledEventId === echo.eventId).map((x) => x.eventType);
      expect(out).toEqual(['ActivityTaskTimedOut']); // no ActivityTaskStarted: it never started
      expect(h.find((x) => x.eventType === 'ActivityTaskTimedOut')?.attributes).toMatchObject({ startedEventId: 0, retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' });
    } finally {
      await e.close();
    }
  });

  test.each([
    ['continueTypo', /continue-as-new option "backoffStart" is not supported by the wfverify engine \(supported: workflowType, taskQueue, workflowRunTimeout, backoffStartInterval, memo, searchAttributes; accepted and ignored: versioningIntent, /],
    ['retryTypo', /retry policy option "maximumAttempt" is not supported by the wfverify engine \(supported: initialInterval, backoffCoefficient, maximumInterval, maximumAttempts, nonRetryableErrorTypes/],
    ['childRetryPolicyTypo', /child workflow option "retryPolicy" is not supported by the wfverify engine \(supported: .*retry, cronSchedule, memo, searchAttributes;/],
    ['bogusPolicy', /invalid child workflow option parentClosePolicy: "SOMETIMES" \(expected one of "TERMINATE", "ABANDON", "REQUEST_CANCEL"\)$/],
  ])('%s is refused: the workflow task fails naming the option', async (which, message) => {
    await withEngine(async (e) => {
      await e.start('unsupported', { workflowId: which, args: [which] });
      await expect(e.result(which)).rejects.toThrow(message);
      // nothing of it was scheduled
      expect(e.history(which).map((x) => x.eventType)).not.toContain('ActivityTaskScheduled');
      expect(e.history(which).map((x) => x.eventType)).not.toContain('StartChildWorkflowExecutionInitiated');
    });
  });
});

describe('workflowIdConflictPolicy of a start (Temporal\'s)', () => {
  const file = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');
  const open = async (): Promise<Engine> => Engine.open({ activities: {}, workflows: file, log: false });

  test('FAIL (the default) refuses an open id; USE_EXISTING answers with the open run; TERMINATE_EXISTING replaces it', async () => {
    const e = await open();
    try {
      const first = await e.start('counter', { workflowId: 'c', args: [100] });
      await expect(e.start('counter', { workflowId: 'c', args: [1] })).rejects.toMatchObject({ code: 'WFE1005' });
      await expect(e.start('counter', { workflowId: 'c', args: [1], workflowIdConflictPolicy: 'FAIL' })).rejects.toMatchObject({ code: 'WFE1005' });
      expect(await e.start('counter', { workflowId: 'c', args: [1], workflowIdConflictPolicy: 'USE_EXISTING' })).toEqual(first);
      expect(e.store.executions(10).filter((x) => x.workflowId === 'c')).toHaveLength(1);
      const second = await e.start('counter', { workflowId: 'c', args: [1], workflowIdConflictPolicy: 'WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING' });
      expect(second.runId).not.toBe(first.runId);
      expect(e.store.execution('c', first.runId)).toMatchObject({ status: 'terminated' });
      expect(e.history('c', first.runId).at(-1)).toMatchObject({ eventType: 'WorkflowExecutionTerminated', attributes: { reason: expect.stringContaining('TERMINATE_EXISTING') } });
      await e.signal('c', 'add', 1);
      expect(await e.result('c')).toEqual({ status: 'completed', result: 1 });
    } finally {
      await e.close();
    }
  });

  test('a reuse policy that excludes the terminated run refuses TERMINATE_EXISTING and leaves the open run alone; TERMINATE_IF_RUNNING is TERMINATE_EXISTING', async () => {
    const e = await open();
    try {
      const first = await e.start('counter', { workflowId: 'r', args: [100] });
      await expect(e.start('counter', { workflowId: 'r', workflowIdConflictPolicy: 'TERMINATE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE' })).rejects.toMatchObject({ code: 'WFE1005', message: expect.stringContaining('is running and workflowIdReusePolicy is REJECT_DUPLICATE') });
      expect(e.store.execution('r')).toMatchObject({ runId: first.runId, status: 'running' });
      const second = await e.start('counter', { workflowId: 'r', args: [1], workflowIdReusePolicy: 'TERMINATE_IF_RUNNING' });
      expect(e.store.execution('r', first.runId)).toMatchObject({ status: 'terminated' });
      expect(e.store.execution('r')).toMatchObject({ runId: second.runId, status: 'running' });
    } finally {
      await e.close();
    }
  });

  test('bad values are WFE1007; signal-with-start takes only USE_EXISTING; a closed id is no conflict', async () => {
    const e = await open();
    try {
      await expect(e.start('counter', { workflowId: 'b', workflowIdConflictPolicy: 'REPLACE' })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringContaining('invalid workflowIdConflictPolicy "REPLACE"') });
      await expect(e.signalWithStart('counter', { workflowId: 'b', signal: 'add', signalArgs: [1], workflowIdConflictPolicy: 'TERMINATE_EXISTING' })).rejects.toMatchObject({ code: 'WFE1007' });
      await e.start('greet', { workflowId: 'g', args: ['x'] }).catch(() => undefined);
      await e.terminate('g').catch(() => undefined);
      await e.result('g').catch(() => undefined);
      const again = await e.start('counter', { workflowId: 'g', args: [100], workflowIdConflictPolicy: 'USE_EXISTING' });
      expect(e.store.execution('g')).toMatchObject({ runId: again.runId, status: 'running' });
    } finally {
      await e.close();
    }
  });
});

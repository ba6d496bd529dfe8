/**
 * The errors workflow code catches, as Temporal's SDK 1.24 builds them (the SDK replay of the same
 * fixture, test/integration/engine/replay-sdk.test.ts, checks every field against the SDK's own).
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ApplicationFailure } from '../../../src/engine/activity/index.js';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/failure-digest.ts');

describe('failure objects seen by workflow code', () => {
  test('activities, a local activity, children, cancelled scopes: class, message, ids, identity, retry state, cause', async () => {
    const e = await Engine.open({
      workflows, log: false,
      activities: {
        boom: async () => { throw new Error('boom'); },
        bad: async () => { throw ApplicationFailure.create({ message: 'bad input', type: 'Fatal', details: [{ field: 'amount' }] }); },
        slow: (ms: number) => new Promise<string>((r) => setTimeout(() => r(`slept ${ms}`), ms)),
      },
    });
    try {
      await e.start('failureDigest', { workflowId: 'f' });
      for (let i = 0; i < 500 && e.store.execution('f-terminated') === undefined; i++) await new Promise((r) => setTimeout(r, 10));
      await e.terminate('f-terminated', 'from the test');
      const outcome = await e.result('f');
      expect(outcome.status).toBe('completed');
      const seen = (outcome as { result: Record<string, Record<string, unknown>> }).result;
      expect(seen.activityError).toMatchObject({ name: 'ActivityFailure', message: 'Activity task failed', activityType: 'boom', activityId: '1', identity: 'wfverify-engine', retryState: 'MAXIMUM_ATTEMPTS_REACHED', cause: { name: 'ApplicationFailure', message: 'boom', type: 'Error' } });
      expect(seen.activityApplicationFailure).toMatchObject({ activityId: '2', cause: { type: 'Fatal', details: [{ field: 'amount' }], nonRetryable: false } });
      expect(seen.activityTimeout).toMatchObject({ message: 'Activity task timed out', activityId: '3', identity: '', retryState: 'MAXIMUM_ATTEMPTS_REACHED', cause: { name: 'TimeoutFailure', timeoutType: 'START_TO_CLOSE' } });
      expect(seen.activityNonRetryableType).toMatchObject({ retryState: 'NON_RETRYABLE_FAILURE' });
      expect(seen.localActivity).toMatchObject({ name: 'ActivityFailure', activityId: '', identity: '', retryState: 'MAXIMUM_ATTEMPTS_REACHED' });
      expect(seen.cancelledActivity).toMatchObject({ message: 'Activity cancelled', identity: '', retryState: 'CANCEL_REQUESTED', cause: { name: 'CancelledFailure', message: '' } });
      expect(seen.cancelledActivityWAIT_CANCELLATION_COMPLETED).toMatchObject({ message: 'Activity cancelled', identity: 'wfverify-engine', retryState: 'CANCEL_REQUESTED', cause: { name: 'CancelledFailure', message: '' } });
      expect(seen.activityInCancelledScope).toMatchObject({ name: 'CancelledFailure', message: 'Cancellation scope cancelled', activityType: null });
      expect(seen.child).toMatchObject({ name: 'ChildWorkflowFailure', namespace: 'default', execution: { workflowId: 'f-child', runId: e.store.execution('f-child')!.runId }, retryState: 'RETRY_POLICY_NOT_SET', cause: { type: 'ChildRefusal', details: ['why', 2] } });
      expect(seen.cancelledChild).toMatchObject({ retryState: 'NON_RETRYABLE_FAILURE', cause: { name: 'CancelledFailure', message: '' } });
      expect(seen.timedOutChild).toMatchObject({ retryState: 'TIMEOUT', cause: { name: 'TimeoutFailure', message: 'Timed out', timeoutType: 'START_TO_CLOSE' } });
      expect(seen.terminatedChild).toMatchObject({ retryState: 'NON_RETRYABLE_FAILURE', cause: { name: 'TerminatedFailure', message: 'Terminated' } });
      expect(seen.childInCancelledScope).toMatchObject({ name: 'CancelledFailure', message: 'Cancellation scope cancelled' });
    } finally {
      await e.close();
    }
  });
});

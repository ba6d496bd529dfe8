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

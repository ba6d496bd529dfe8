/**
 * Signals and cancellation requests to other workflows (`getExternalWorkflowHandle`, a child's
 * handle), with Temporal's semantics; Temporal's SDK replays these histories (replay-sdk.test.ts).
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/external.ts');

describe('external workflow handles', () => {
  test('signal by id and by run id, cancel, a missing target, a child\'s handle, cancelled scopes', async () => {
    const e = await Engine.open({ activities: {}, workflows, log: false });
    try {
      const { runId } = await e.start('target', { workflowId: 't', args: [2] });
      await e.start('sleepy', { workflowId: 's' });
      await e.start('sender', { workflowId: 'x', args: ['t', 's', runId] });
      expect(await e.result('x')).toEqual({
        status: 'completed',
        result: ['signal to another run failed: ApplicationFailure', 'cancel sent', 'signal to nobody failed: ApplicationFailure', 'child got to the child', 'cancel request in a cancelled scope: true', 'from a cancelled scope: true'],
      });
      expect(await e.result('t')).toEqual({ status: 'completed', result: ['one', 'two'] });
      expect(await e.result('s')).toEqual({ status: 'completed', result: 'cancelled' });
      const h = e.history('x');
      // the run id is recorded; the signal from the cancelled scope is not; the SDK's patch marker is
      const signals = h.filter((x) => x.eventType === 'SignalExternalWorkflowExecutionInitiated').map((x) => x.attributes as { workflowId: string; runId?: string });
      expect(signals.map((x) => [x.workflowId, x.runId])).toEqual([['t', undefined], ['t', runId], ['t', 'not-its-run'], ['nobody-here', undefined], ['t-child', undefined]]);
      expect(h.filter((x) => x.eventType === 'MarkerRecorded').map((x) => (x.attributes as { details: Record<string, unknown> }).details.patchId)).toEqual(['__temporal_internal_connect_external_handle_cancel_to_scope']);
    } finally {
      await e.close();
    }
  });
});

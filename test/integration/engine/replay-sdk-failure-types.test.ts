/**
 * `workflowFailureErrorTypes` against Temporal's SDK: a run the engine failed because its error's
 * class is named replays with the same worker option, and is refused without it (the SDK then
 * fails the workflow task). In a file of its own: after a replay whose workflow task fails, the
 * SDK's replay worker leaves its process-wide promise hook installed, and that hook makes code
 * from strings in the realm of every promise — which the engine's sandboxes forbid — so no engine
 * may run after it in the same process.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine, historyToTemporalJson } from '../../../src/engine/index.js';

const module = path.resolve(__dirname, '../../fixtures/engine/workflows/definition-options.ts');

async function replay(json: unknown, workflowFailureErrorTypes?: Record<string, string[]>): Promise<void> {
  const { Worker, bundleWorkflowCode, Runtime, DefaultLogger } = await import('@temporalio/worker');
  try { Runtime.install({ logger: new DefaultLogger('ERROR') }); } catch { /* already installed */ }
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: module, logger: new DefaultLogger('WARN') });
  await Worker.runReplayHistory({ workflowBundle, replayName: 'by-name', workflowFailureErrorTypes }, json as never);
}

describe('Temporal SDK and workflowFailureErrorTypes', () => {
  test('the SDK replays a run failed by a named error class with the same worker option, and refuses it without', async () => {
    const types = { failsTask: ['CustomWorkflowError'] };
    const e = await Engine.open({ activities: {}, workflows: module, workflowFailureErrorTypes: types });
    await e.start('failsTask', { workflowId: 'by-name', args: [true] }); // a SpecificError: its superclass is named
    expect(await e.result('by-name')).toMatchObject({ status: 'failed', failure: { type: 'SpecificError' } });
    const json = historyToTemporalJson(e.history('by-name'));
    await e.close();
    await replay(json, types);
    await expect(replay(json)).rejects.toThrow(/task failure|a specific bug/);
  }, 120_000);
});

/**
 * Histories written by Temporal's TypeScript SDK (the corpus's sdk-typescript/*.json), replayed by
 * the engine against workflows with the same logic (test/fixtures/engine/workflows/sdk-histories.ts):
 * an activity cancelled with WAIT_CANCELLATION_COMPLETED, a timer scope cancelled after an activity,
 * an update accepted as the workflow returns, a local activity recorded as a marker by Temporal's core
 * among two activities, a timer and a child. The random-reset history is in workflow-random.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Replayer, historyFromTemporalJson } from '../../../src/engine/index.js';

const corpus = path.resolve(__dirname, '../../../../shared/corpus/histories/sdk-typescript');

describe('histories written by Temporal\'s SDK, replayed by the engine against the same logic', () => {
  const replayer = new Replayer(path.resolve(__dirname, '../../fixtures/engine/workflows/sdk-histories.ts'));
  test.each([
    ['cancel_fake_progress_history', 'cancelFakeProgress', 3],
    ['lang_flags_replay_correctly_1_11_2', 'langFlagsReplayCorrectly', 2],
    ['complete_update_after_workflow_returns_pre1488', 'canCompleteUpdateAfterWorkflowReturns', 1],
    ['otel_smorgasbord_1_13_2', 'smorgasbord', 7],
  ])('%s', (file, workflowType, workflowTasks) => {
    const source = path.join(corpus, `${file}.json`);
    const history = historyFromTemporalJson(JSON.parse(readFileSync(source, 'utf8')));
    expect(replayer.replay(history, file)).toMatchObject({ workflowType, workflowTasks, closed: true });
  });
});

/**
 * `EngineOptions.workflowFailureErrorTypes` (Temporal's worker option): class names per workflow
 * type whose errors fail the execution, matched along the constructor chain, and
 * `NondeterminismError`, which makes a nondeterminism found at replay fail the execution instead
 * of leaving the run blocked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/definition-options.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-failure-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function outcome(types: Record<string, string[]>, args: unknown[]): Promise<unknown> {
  const e = await Engine.open({ workflows, activities: {}, workflowFailureErrorTypes: types });
  try {
    await e.start('failsTask', { workflowId: 't', args });
    for (let i = 0; i < 200 && e.store.execution('t')!.status === 'running' && !e.history('t').some((x) => x.eventType === 'WorkflowTaskFailed'); i++) await new Promise((r) => setTimeout(r, 10));
    const row = e.store.execution('t')!;
    return row.status === 'running' ? 'task failed' : row.outcome;
  } finally {
    await e.close();
  }
}

describe('workflowFailureErrorTypes', () => {
  test('names per type or for all, matched along the constructor chain; Error matches anything', async () => {
    expect(await outcome({ failsTask: ['CustomWorkflowError'] }, [])).toMatchObject({ status: 'failed', failure: { type: 'CustomWorkflowError', message: 'a bug' } });
    expect(await outcome({ '*': ['CustomWorkflowError'] }, [true])).toMatchObject({ status: 'failed', failure: { type: 'SpecificError' } });
    expect(await outcome({ '*': ['Error'] }, [])).toMatchObject({ status: 'failed' });
    // another type's list, or a name not on the chain: the workflow task fails
    expect(await outcome({ otherType: ['CustomWorkflowError'] }, [])).toBe('task failed');
    expect(await outcome({ '*': ['SpecificError'] }, [])).toBe('task failed');
  });

  test('a malformed option is refused when the engine opens', async () => {
    await expect(Engine.open({ workflows, activities: {}, workflowFailureErrorTypes: { '*': 'Error' } as never })).rejects.toMatchObject({ code: 'WFE1007' });
  });

  test('NondeterminismError: a run whose code changed fails at its next workflow task instead of staying blocked', async () => {
    const wf = path.join(dir, 'wf.ts');
    const before = `import { condition, defineSignal, setHandler, sleep } from '@temporalio/workflow';
export async function w(): Promise<string> { let go = false; setHandler(defineSignal('go'), () => { go = true; }); await sleep(1); await condition(() => go); return 'done'; }\n`;
    const after = `import { condition, defineSignal, setHandler } from '@temporalio/workflow';
export async function w(): Promise<string> { let go = false; setHandler(defineSignal('go'), () => { go = true; }); await condition(() => go); return 'done'; }\n`;
    for (const [db, types] of [[path.join(dir, 'fails.db'), { w: ['NondeterminismError'] }], [path.join(dir, 'blocks.db'), undefined]] as const) {
      writeFileSync(wf, before);
      const e1 = await Engine.open({ db, activities: {}, workflows: wf });
      await e1.start('w', { workflowId: 'w1' });
      for (let i = 0; i < 200 && !e1.history('w1').some((x) => x.eventType === 'TimerFired'); i++) await new Promise((r) => setTimeout(r, 10));
      await e1.idle();
      await e1.close();
      writeFileSync(wf, after);
      const e2 = await Engine.open({ db, activities: {}, workflows: wf, workflowFailureErrorTypes: types });
      try {
        if (types === undefined) {
          await expect(e2.result('w1')).rejects.toMatchObject({ code: 'WFE3001' });
          expect(e2.store.execution('w1')!.status).toBe('running');
          continue;
        }
        await e2.signal('w1', 'go');
        const r = await e2.result('w1');
        expect(r).toMatchObject({ status: 'failed', failure: { type: 'NondeterminismError', message: expect.stringMatching(/workflow w \(w1\)/) } });
        expect(e2.history('w1').slice(-4).map((x) => x.eventType)).toEqual(['WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'WorkflowExecutionFailed']);
      } finally {
        await e2.close();
      }
    }
  });
});

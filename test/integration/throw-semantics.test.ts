/**
 * What a thrown value does — fail the workflow, fail only an update, or fail the workflow task
 * while the run stays open — decided twice, independently: by the verifier from the code's types
 * (src/extract/thrown.ts, lowered to the model's terminal statuses) and by the engine running the
 * same code as Temporal's SDK does (whose histories the SDK itself replays in
 * test/integration/engine/replay-sdk.test.ts). For every fixture workflow the model's reachable
 * end statuses must be exactly the engine's outcome when the workflow's run is determined (no
 * messages), and must contain it otherwise.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { explore } from '../../src/core/index.js';
import { Engine } from '../../src/engine/index.js';
import { extractWorkflows, lowerToSystem, type WorkflowStatus } from '../../src/extract/index.js';

const file = path.resolve(__dirname, '../fixtures/workflows/throws.ts');

type Outcome = 'completed' | 'failed' | 'taskFailed';

interface Case {
  readonly workflow: string;
  /** What Temporal's SDK does with the error (the docs' table, docs/workflow-ir.md "Thrown errors"). */
  readonly outcome: Outcome;
  /** Messages the test sends (the model then also has runs without them). */
  readonly send?: (e: Engine, id: string) => Promise<void>;
}

const CASES: readonly Case[] = [
  { workflow: 'plainError', outcome: 'taskFailed' },
  { workflow: 'applicationFailure', outcome: 'failed' },
  { workflow: 'failureSubclass', outcome: 'failed' },
  { workflow: 'ownError', outcome: 'taskFailed' },
  { workflow: 'configuredError', outcome: 'failed' },
  { workflow: 'configuredBase', outcome: 'failed' },
  { workflow: 'thrownString', outcome: 'taskFailed' },
  { workflow: 'thrownStringErrorListed', outcome: 'failed' },
  { workflow: 'wrapped', outcome: 'failed' },
  { workflow: 'rethrown', outcome: 'taskFailed' },
  { workflow: 'swallowed', outcome: 'completed' },
  { workflow: 'branchError', outcome: 'taskFailed' },
  { workflow: 'anyAllFailed', outcome: 'taskFailed' },
  { workflow: 'signalError', outcome: 'taskFailed', send: (e, id) => e.signal(id, 'poison') },
  { workflow: 'signalFailure', outcome: 'failed', send: (e, id) => e.signal(id, 'poison') },
  {
    workflow: 'updateFailure', outcome: 'completed',
    send: async (e, id) => { await expect(e.update(id, 'divide', 0)).rejects.toMatchObject({ failure: { message: 'division by zero' } }); },
  },
  { workflow: 'updateError', outcome: 'taskFailed', send: async (e, id) => { void e.update(id, 'divide', 0).catch(() => undefined); } },
];

const extracted = extractWorkflows([file]);

/** The statuses of the model's terminal states (running excluded). */
function modelEnds(workflow: string): Set<WorkflowStatus> {
  const ir = extracted.files.flatMap((f) => f.workflows).find((w) => w.name === workflow);
  if (!ir) throw new Error(`no workflow ${workflow} in the fixture`);
  const model = lowerToSystem(ir);
  const x = explore(model.system);
  const ends = new Set<WorkflowStatus>();
  for (let s = 0; s < x.store.size; s++) {
    const status = model.status(x.store.arena, x.store.offsetOf(s));
    if (status !== 'running') ends.add(status);
  }
  return ends;
}

/** Runs the workflow on the engine until it closes or its workflow task has failed. */
async function engineOutcome(e: Engine, c: Case): Promise<Outcome> {
  const id = `t-${c.workflow}`;
  await e.start(c.workflow, { workflowId: id });
  await e.idle();
  if (c.send) await c.send(e, id);
  for (let i = 0; i < 300; i++) {
    await e.idle();
    const status = e.store.execution(id)!.status;
    if (status !== 'running') {
      if (status !== 'completed' && status !== 'failed') throw new Error(`unexpected status ${status}`);
      return status;
    }
    if (e.history(id).some((h) => h.eventType === 'WorkflowTaskFailed')) return 'taskFailed';
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${c.workflow} neither closed nor failed its workflow task`);
}

describe('thrown errors: the model and the engine agree', () => {
  test('the fixture extracts without errors', () => {
    expect(extracted.errors).toEqual([]);
    expect(extracted.files[0].workflows.map((w) => w.name).sort()).toEqual(CASES.map((c) => c.workflow).sort());
  });

  test.each(CASES)('$workflow: $outcome', async (c) => {
    const ends = modelEnds(c.workflow);
    const e = await Engine.open({ workflows: file, activities: {} });
    try {
      const got = await engineOutcome(e, c);
      expect(got).toBe(c.outcome);
      if (c.send) expect([...ends]).toContain(got);
      else expect([...ends]).toEqual([got]);
    } finally {
      await e.close();
    }
  });
});

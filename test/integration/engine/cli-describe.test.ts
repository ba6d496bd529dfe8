/**
 * `wfverify describe`: what a run waits for (a timer, a child, an activity between attempts with
 * its last failure), a retried run's attempt, policy and retry state; text and JSON; an unknown
 * workflow is a clear error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine, type ExecutionDescription } from '../../../src/engine/index.js';
import { runCli } from '../../support/run-cli.js';
import { repoRoot } from './build-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-describe-'));
const db = path.join(dir, 'runs.db');
const fixtures = path.join(repoRoot, 'test/fixtures/engine/workflows');
let firstRetryRun = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const engine = await Engine.open({ db, workflows: path.join(fixtures, 'waiting.ts'), activities: { unreliable: async () => { throw new Error('bank down'); } } });
  try {
    const failed = new Promise<void>((resolve) => engine.subscribe((e) => { if (e.kind === 'activityRetrying') resolve(); }));
    await engine.start('waiting', { workflowId: 'w' });
    await failed;
    // the activity's next attempt is an hour away (idle() would wait for it): wait for the child's start instead
    while (!engine.history('w').some((e) => e.eventType === 'ChildWorkflowExecutionStarted')) await new Promise((r) => setTimeout(r, 5));
    firstRetryRun = (await engine.start('failing', { workflowId: 'r', module: path.join(fixtures, 'retries.ts'), args: ['Boom'], retry: { initialInterval: 10, maximumAttempts: 2 } })).runId;
    await engine.result('r');
  } finally {
    await engine.close();
  }
});

describe('wfverify describe', () => {
  test('a waiting run: its timer, child and activity between attempts', async () => {
    const r = await runCli(['describe', 'w', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^workflow  w \(waiting\)\n/);
    expect(r.out).toContain('status    running\n');
    expect(r.out).toContain('task      no workflow task pending\n');
    expect(r.out).toMatch(/pending activities \(1\):\n  unreliable \(activity id 1, event \d+\) scheduled \S+, attempt 2 at \S+, last failure: bank down\n/);
    expect(r.out).toMatch(/pending timers \(1\):\n  timer 1 fires at \S+\n/);
    expect(r.out).toMatch(/pending children \(1\):\n  idle waiting-child \(run [0-9a-f-]{36}\)\n/);
    const j = await runCli(['describe', 'w', '--db', db, '--format', 'json']);
    const d = JSON.parse(j.out) as ExecutionDescription;
    expect(d.pendingActivities[0]).toMatchObject({ activityType: 'unreliable', attempt: 2, lastFailure: { message: 'bank down' } });
    expect(d.pendingTimers[0].fireAt - d.startTime).toBeGreaterThanOrEqual(3_600_000);
    expect(d.pendingActivities[0].nextAttemptAt! - d.startTime).toBeGreaterThanOrEqual(3_600_000);
  });

  test("a retried execution: the last run's attempt, policy and retry state; --run shows an earlier run", async () => {
    const last = await runCli(['describe', 'r', '--db', db]);
    expect(last.out).toContain('  attempt 2  continued from ');
    expect(last.out).toContain('status    failed: Boom: attempt 2 failed (RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED)\n');
    expect(last.out).toContain('retry     initialInterval 10 ms, backoffCoefficient 2, maximumInterval 1000 ms, maximumAttempts 2\n');
    const first = await runCli(['describe', 'r', '--db', db, '--run', firstRetryRun]);
    expect(first.out).toMatch(/status {4}failed: Boom: attempt 1 failed \(RETRY_STATE_IN_PROGRESS\) → next run [0-9a-f-]{36}\n/);
  });

  test('an unknown workflow is WFE1004 (exit 2)', async () => {
    const r = await runCli(['describe', 'nope', '--db', db]);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('WFE1004: unknown workflow execution nope') });
  });
});

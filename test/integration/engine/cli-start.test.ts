/**
 * `wfverify start`: queues a start for the database's worker. Without a worker the start waits
 * in the inbox for the next `wfverify worker`; with one it is recorded at once. The worker loads
 * the activities beside a workflow module it meets through a start. Bad starts are refused
 * before anything is queued.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SqliteStore } from '../../../src/engine/index.js';
import { runCli } from '../../support/run-cli.js';
import { buildCli, repoRoot } from './build-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-start-'));
const payment = path.join(repoRoot, 'examples/workflows/payment/workflows.ts');
let worker: ChildProcess | undefined;
afterAll(() => {
  worker?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

/** The recorded outcome of the latest run of `id`, once it closed (polling up to 20 s). */
async function outcome(db: string, id: string): Promise<unknown> {
  for (let i = 0; i < 1000; i++) {
    const store = new SqliteStore(db, { readonly: true });
    const row = store.execution(id);
    store.close();
    if (row !== undefined && row.status !== 'running') return row.outcome;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${id} did not close`);
}

describe('wfverify start', () => {
  test('without a worker the start waits in the inbox; the next worker runs it with the activities beside the module', async () => {
    const db = path.join(dir, 'later.db');
    const r = await runCli(['start', payment, '--workflow', 'threeSteps', '--input', '["o-1", 3]', '--workflow-id', 'later', '--db', db]);
    expect(r).toEqual({ code: 0, out: `start of later queued: the next \`wfverify worker --db ${db}\` starts it\n`, err: '' });
    const w = spawnSync(process.execPath, [buildCli(), 'worker', '--db', db, '--until-idle'], { encoding: 'utf8', timeout: 60_000 });
    expect(w.status).toBe(0);
    expect(await outcome(db, 'later')).toEqual({ status: 'completed', result: 'res-o-1-3/charge-o-1' });
  }, 60_000);

  test('with a live worker the start is recorded at once; bad starts are refused and nothing is queued', async () => {
    const db = path.join(dir, 'live.db');
    worker = spawn(process.execPath, [buildCli(), 'worker', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (let i = 0; i < 500; i++) {
      const store = new SqliteStore(db);
      const pid = store.workerPid();
      store.close();
      if (pid === worker.pid) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const r = await runCli(['start', payment, '--workflow', 'threeSteps', '--input', '["o-2", 4]', '--workflow-id', 'now', '--db', db]);
    expect(r).toMatchObject({ code: 0, out: expect.stringMatching(/^started now run [0-9a-f-]{36}\n$/) });
    expect(await outcome(db, 'now')).toEqual({ status: 'completed', result: 'res-o-2-4/charge-o-2' });

    const unknown = await runCli(['start', payment, '--workflow', 'nope', '--db', db]);
    expect(unknown).toMatchObject({ code: 2, err: expect.stringContaining('WFE1001: unknown workflow type "nope"') });
    const badCron = await runCli(['start', payment, '--workflow', 'threeSteps', '--cron', '61 * * * *', '--db', db]);
    expect(badCron).toMatchObject({ code: 2, err: expect.stringContaining('WFE1007: invalid cronSchedule "61 * * * *": minute "61"') });
    const open = await runCli(['start', payment, '--workflow', 'payment', '--input', '["o-3", 5]', '--workflow-id', 'open', '--db', db]);
    expect(open.code).toBe(0);
    const taken = await runCli(['start', payment, '--workflow', 'payment', '--input', '["o-3", 5]', '--workflow-id', 'open', '--db', db]);
    expect(taken).toMatchObject({ code: 2, err: expect.stringContaining('WFE1005: workflow execution open is already running') });
    const badPolicy = await runCli(['start', payment, '--workflow', 'payment', '--input', '["o-3", 5]', '--workflow-id', 'open', '--id-conflict-policy', 'REPLACE', '--db', db]);
    expect(badPolicy).toMatchObject({ code: 2, err: expect.stringContaining('WFE1007: invalid workflowIdConflictPolicy "REPLACE"') });
    const store = new SqliteStore(db);
    expect(store.inbox(0)).toEqual([]);
    const first = store.execution('open')!.runId;
    store.close();
    // the id's run is open: USE_EXISTING answers with it (nothing queued), TERMINATE_EXISTING replaces it
    const existing = await runCli(['start', payment, '--workflow', 'payment', '--input', '["o-3", 5]', '--workflow-id', 'open', '--id-conflict-policy', 'USE_EXISTING', '--db', db]);
    expect(existing).toEqual({ code: 0, out: `open is running: run ${first} (--id-conflict-policy USE_EXISTING)\n`, err: '' });
    const replaced = await runCli(['start', payment, '--workflow', 'payment', '--input', '["o-4", 6]', '--workflow-id', 'open', '--id-conflict-policy', 'TERMINATE_EXISTING', '--db', db]);
    expect(replaced).toMatchObject({ code: 0, out: expect.stringMatching(/^started open run [0-9a-f-]{36}\n$/) });
    const after = new SqliteStore(db, { readonly: true });
    expect(after.execution('open', first)).toMatchObject({ status: 'terminated' });
    expect(after.execution('open')).toMatchObject({ status: 'running' });
    expect(after.execution('open')!.runId).not.toBe(first);
    after.close();
  }, 60_000);
});

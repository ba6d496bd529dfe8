/**
 * `wfverify update`: an update sent through the database's inbox to a worker in another process
 * returns the handler's result; a rejection (validator) and an unknown update fail with their
 * message (exit 1) and leave no trace in history; without a live worker nothing is queued
 * (WFE1010); a closed run is WFE1009.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine, SqliteStore } from '../../../src/engine/index.js';
import { runCli } from '../../support/run-cli.js';
import { buildCli, repoRoot } from './build-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-update-'));
const db = path.join(dir, 'runs.db');
const basic = path.join(repoRoot, 'test/fixtures/engine/workflows/basic.ts');
let worker: ChildProcess | undefined;

afterAll(() => {
  worker?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

beforeAll(async () => {
  const engine = await Engine.open({ db, workflows: basic, activities: {} });
  await engine.start('counter', { workflowId: 'c', args: [1_000_000] });
  await engine.start('greet', { workflowId: 'done', args: ['x'] }).catch(() => undefined);
  await engine.idle();
  await engine.close();
}, 60_000);

/** Starts `wfverify worker` on the database in a child process; resolves once it owns the database. */
async function startWorker(): Promise<void> {
  worker = spawn(process.execPath, [buildCli(), 'worker', '--db', db], { stdio: ['ignore', 'ignore', 'pipe'] });
  for (let i = 0; i < 500; i++) {
    const store = new SqliteStore(db, { readonly: true });
    const pid = store.workerPid();
    store.close();
    if (pid === worker.pid) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the worker did not start');
}

describe('wfverify update', () => {
  test('without a live worker nothing is queued (WFE1010); a closed run is WFE1009', async () => {
    const r = await runCli(['update', 'c', 'double', '--args', '2', '--db', db]);
    expect(r).toMatchObject({ code: 2, err: expect.stringContaining('WFE1010: no wfverify worker is running on') });
    const store = new SqliteStore(db);
    expect(store.inbox(0)).toEqual([]);
    store.close();
  });

  test('the result of the handler, a rejection and an unknown update, through a worker in another process', async () => {
    await startWorker();
    const ok = await runCli(['update', 'c', 'double', '--args', '21', '--db', db]);
    expect(ok).toEqual({ code: 0, out: '42\n', err: '' });
    const again = await runCli(['update', 'c', 'double', '--args', '[4]', '--db', db]);
    expect(again).toEqual({ code: 0, out: '50\n', err: '' });
    const rejected = await runCli(['update', 'c', 'double', '--args', '-1', '--db', db]);
    expect(rejected).toMatchObject({ code: 1, out: '', err: expect.stringMatching(/^wfverify: error WFE3005: update double of c failed: negative\n/) });
    const unknown = await runCli(['update', 'c', 'triple', '--db', db]);
    expect(unknown).toMatchObject({ code: 1, err: expect.stringContaining('WFE3005: update triple of c failed: ') });
    // accepted updates are in history, rejected ones are not; the outcome table is emptied as it is read
    const store = new SqliteStore(db, { readonly: true });
    const h = store.history(store.execution('c')!.runId);
    expect(h.filter((e) => e.eventType === 'WorkflowExecutionUpdateCompleted')).toHaveLength(2);
    expect(h.filter((e) => e.eventType === 'WorkflowExecutionUpdateAccepted')).toHaveLength(2);
    store.close();
    const closed = await runCli(['update', 'done', 'double', '--args', '1', '--db', db]);
    expect(closed).toMatchObject({ code: 2, err: expect.stringContaining('WFE1009') });
    const badTimeout = await runCli(['update', 'c', 'double', '--timeout', '0', '--db', db]);
    expect(badTimeout).toMatchObject({ code: 2, err: expect.stringContaining('WFE1007: --timeout must be a positive number') });
  }, 60_000);
});

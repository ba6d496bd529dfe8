/**
 * `wfverify list`: the runs of an engine database, the most recent first, filtered by status,
 * limited, as text or JSON; a missing database is a clear error with its exit code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Engine, loadActivities } from '../../../src/engine/index.js';
import { type CliRun, runCli } from '../../support/run-cli.js';
import { repoRoot } from './build-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-list-'));
const db = path.join(dir, 'runs.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const pay = path.join(repoRoot, 'examples/workflows/payment');
  const engine = await Engine.open({ db, workflows: path.join(pay, 'workflows.ts'), activities: loadActivities(path.join(pay, 'activities.ts')) });
  try {
    await engine.start('threeSteps', { workflowId: 'ok-1', args: ['o1', 5] });
    await engine.result('ok-1');
    await engine.start('threeSteps', { workflowId: 'bad-1', args: ['o2', 0] }); // amount 0 fails
    await engine.result('bad-1');
    await engine.start('payment', { workflowId: 'open-1', args: ['o3', 7] }); // waits for its approval signal
    await engine.idle();
  } finally {
    await engine.close();
  }
});

function list(...argv: string[]): Promise<CliRun> {
  return runCli(['list', ...argv]);
}

describe('wfverify list', () => {
  test('lists every run, the most recent first, with status and times', async () => {
    const r = await list('--db', db);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^WORKFLOW ID\s+RUN ID\s+TYPE\s+STATUS\s+STARTED\s+CLOSED$/);
    expect(lines.slice(1, 4).map((l) => l.split(/\s+/)[0])).toEqual(['open-1', 'bad-1', 'ok-1']);
    expect(lines[1]).toMatch(/\spayment\s+running\s+\S+Z\s+-$/);
    expect(lines[2]).toMatch(/\sthreeSteps\s+failed\s+\S+Z\s+\S+Z$/);
    expect(lines[3]).toMatch(/\sthreeSteps\s+completed\s/);
    expect(lines.at(-1)).toBe('3 runs');
  });

  test('filters by status and limits, as JSON', async () => {
    const done = await list('--db', db, '--status', 'completed', '--format', 'json');
    expect(done.code).toBe(0);
    const rows = JSON.parse(done.out) as { workflowId: string; status: string; outcome?: { result?: unknown } }[];
    expect(rows.map((x) => [x.workflowId, x.status])).toEqual([['ok-1', 'completed']]);
    expect(rows[0].outcome?.result).toBe('res-o1-5/charge-o1');
    const one = await list('--db', db, '--limit', '1', '--format', 'json');
    expect((JSON.parse(one.out) as { workflowId: string }[]).map((x) => x.workflowId)).toEqual(['open-1']);
    const none = await list('--db', db, '--status', 'terminated');
    expect(none.out.trim().split('\n')).toEqual([expect.stringMatching(/^WORKFLOW ID/), '0 runs']);
  });

  test('bad input: a missing database, an unknown status, a bad limit', async () => {
    const m = await list('--db', path.join(dir, 'missing.db'));
    expect(m.code).toBe(2);
    expect(m.err).toMatch(/^wfverify: error WFE2\d{3}: /);
    expect(m.err).not.toMatch(/\n\s+at /);
    const status = await list('--db', db, '--status', 'nope');
    expect(status.code).toBe(2);
    expect(status.err).toMatch(/^wfverify: error WFV1000: Invalid values:\n\s+Argument: status, Given: "nope"/);
    for (const [limit, shown] of [['0', '0'], ['x', 'NaN']]) {
      const r = await list('--db', db, '--limit', limit);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`wfverify: error WFV1000: --limit must be a positive integer, got ${shown}\n`);
    }
  });
});

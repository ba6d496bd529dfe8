/**
 * A run started by an engine from before workflow randomness followed Temporal's (the fixture
 * database `legacy/legacy-random.db`, written by that engine: the run drew a random number and a
 * UUID, handed them to an activity, and waits for a signal) replays with the values it drew, and
 * goes on drawing from its own generator; runs started afterwards in the same database draw
 * Temporal's values.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { Engine, SqliteStore } from '../../../src/engine/index.js';
import { runRandom, uuid4From } from '../../../src/engine/workflow/random.js';

const fixture = path.resolve(__dirname, '../../fixtures/engine/legacy/legacy-random.db');
const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/legacy-random.ts');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

/** A copy of the fixture database whose run names this checkout's workflow module. */
function copyOfFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-legacy-'));
  dirs.push(dir);
  const db = path.join(dir, 'engine.db');
  copyFileSync(fixture, db);
  const d = new Database(db);
  d.prepare('UPDATE executions SET module = ?').run(workflows);
  d.close();
  return db;
}

describe('randomness of runs started by an earlier engine', () => {
  test('the old run replays the values it drew; a new run draws Temporal\'s', async () => {
    const db = copyOfFixture();
    const before = new SqliteStore(db, { readonly: true });
    const runId = before.execution('legacy')!.runId;
    const recorded = (before.history(runId).find((e) => e.eventType === 'ActivityTaskScheduled')!.attributes as { input: readonly unknown[] }).input[0] as string[];
    expect(before.randomness(runId)).toBe('legacy'); // no engine of this version wrote to it yet
    before.close();

    const e = await Engine.open({ db, activities: { record: async () => undefined }, workflows, log: false });
    try {
      expect(e.store.randomness(runId)).toBe('legacy');
      await e.signal('legacy', 'go');
      const { result } = await e.result('legacy') as { result: string[] };
      // the first two are the values the earlier engine drew (a replay with Temporal's generator gives others)
      expect(result.slice(0, 2)).toEqual(recorded);
      const temporal = runRandom(runId);
      expect(result.slice(0, 2)).not.toEqual([String(temporal()), uuid4From(temporal)]);
      expect(result).toHaveLength(4);

      const { runId: fresh } = await e.start('drawsThenWaits', { workflowId: 'fresh' });
      expect(e.store.randomness(fresh)).toBe('temporal');
      await e.idle();
      await e.signal('fresh', 'go');
      const r = runRandom(fresh);
      expect((await e.result('fresh') as { result: string[] }).result).toEqual([String(r()), uuid4From(r), String(r()), uuid4From(r)]);
    } finally {
      await e.close();
    }
  });

  test('a database this engine created draws Temporal\'s randomness for all its runs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-legacy-'));
    dirs.push(dir);
    const e = await Engine.open({ db: path.join(dir, 'new.db'), activities: { record: async () => undefined }, workflows, log: false });
    try {
      const { runId } = await e.start('drawsThenWaits', { workflowId: 'w' });
      expect(e.store.randomness(runId)).toBe('temporal');
    } finally {
      await e.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { Engine, STORE_FORMAT_VERSION, SqliteStore } from '../../../src/engine/index.js';
import type { HistoryEvent } from '../../../src/engine/index.js';

const basic = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const activities = { hello: async (n: string) => `hello ${n}` };

async function withEngine<T>(fn: (e: Engine) => Promise<T>, db: string): Promise<T> {
  const e = await Engine.open({ db, activities, workflows: basic, deadlockTimeoutMs: 500 });
  try { return await fn(e); } finally { await e.close(); }
}

/** Runs `greet` workflows in a fresh database and returns their histories (read back from the store). */
async function fresh(db: string, ids: string[]): Promise<Map<string, HistoryEvent[]>> {
  await withEngine(async (e) => {
    for (const id of ids) await e.start('greet', { workflowId: id, args: [id] });
    for (const id of ids) await e.result(id);
  }, db);
  const store = new SqliteStore(db, { readonly: true });
  const out = new Map(ids.map((id) => [id, store.history(store.execution(id)!.runId)]));
  store.close();
  return out;
}

/** Rewrites a format-3 database in the format-2 layout: one `events` row per event. */
function toFormat2(db: string): void {
  const raw = new Database(db);
  raw.exec(`CREATE TABLE events (run_key INTEGER NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL, event_time INTEGER NOT NULL,
    attributes TEXT NOT NULL, PRIMARY KEY (run_key, event_id));`);
  const insert = raw.prepare(`INSERT INTO events VALUES (?, ?, ?, ?, ?)`);
  const rows = raw.prepare(`SELECT run_key, first_event_id, events FROM event_batches ORDER BY run_key, first_event_id`).all() as { run_key: number; first_event_id: number; events: string }[];
  for (const r of rows) {
    const evs = JSON.parse(r.events) as [number, string, unknown][];
    evs.forEach(([time, type, attributes], i) => insert.run(r.run_key, r.first_event_id + i, type, time, JSON.stringify(attributes)));
  }
  raw.exec(`DROP TABLE event_batches; UPDATE meta SET value = '2' WHERE key = 'format';`);
  raw.close();
}

function formatOf(db: string): string {
  const check = new Database(db, { readonly: true });
  try { return check.prepare(`SELECT value FROM meta WHERE key = 'format'`).pluck().get() as string; } finally { check.close(); }
}

describe('store format', () => {
  test('format 3 writes the events of one run and one commit as one row, with contiguous event ids', async () => {
    const db = path.join(dir, 'v3.db');
    const histories = await fresh(db, ['a', 'b']);
    expect(formatOf(db)).toBe('3');
    const raw = new Database(db, { readonly: true });
    const rows = raw.prepare(`SELECT run_key, first_event_id, last_event_id, events FROM event_batches ORDER BY run_key, first_event_id`).all() as { run_key: number; first_event_id: number; last_event_id: number; events: string }[];
    raw.close();
    const events = histories.get('a')!.length + histories.get('b')!.length;
    expect(rows.length).toBeLessThan(events);
    const next = new Map<number, number>();
    for (const r of rows) {
      expect(r.first_event_id).toBe(next.get(r.run_key) ?? 1);
      const evs = JSON.parse(r.events) as [number, string, unknown][];
      expect(evs.length).toBe(r.last_event_id - r.first_event_id + 1);
      expect(evs.every((e) => typeof e[0] === 'number' && typeof e[1] === 'string')).toBe(true);
      next.set(r.run_key, r.last_event_id + 1);
    }
    expect(histories.get('a')!.map((e) => e.eventId)).toEqual(Array.from({ length: histories.get('a')!.length }, (_, i) => i + 1));
  });

  test('a batch of events that does not follow the stored ones is refused (no lost or duplicate events)', async () => {
    const db = path.join(dir, 'gap.db');
    const histories = await fresh(db, ['g']);
    const h = histories.get('g')!;
    const store = new SqliteStore(db);
    const row = store.execution('g')!;
    const dup = { runId: row.runId, events: [h[h.length - 1]] };
    expect(() => store.commit({ events: [dup], executions: [], attempts: [], attemptsDone: [], inboxDone: [], updateOutcomes: [] })).toThrow(/do not follow/);
    const gap = { runId: row.runId, events: [{ ...h[0], eventId: h.length + 2 }] };
    expect(() => store.commit({ events: [gap], executions: [], attempts: [], attemptsDone: [], inboxDone: [], updateOutcomes: [] })).toThrow(/do not follow/);
    expect(store.history(row.runId)).toEqual(h);
    store.close();
  });

  test('a format-2 database (one row per event) is read as it is and migrated when opened for writing', async () => {
    const db = path.join(dir, 'v2.db');
    const histories = await fresh(db, ['x', 'y', 'z']);
    toFormat2(db);
    expect(formatOf(db)).toBe('2');
    const ro = new SqliteStore(db, { readonly: true });
    for (const [id, h] of histories) expect(ro.history(ro.execution(id)!.runId)).toEqual(h);
    ro.close();
    expect(formatOf(db)).toBe('2');
    const store = new SqliteStore(db);
    for (const [id, h] of histories) expect(store.history(store.execution(id)!.runId)).toEqual(h);
    store.close();
    expect(formatOf(db)).toBe(String(STORE_FORMAT_VERSION));
    const raw = new Database(db, { readonly: true });
    expect(raw.prepare(`SELECT COUNT(*) FROM sqlite_master WHERE name = 'events'`).pluck().get()).toBe(0);
    raw.close();
    // the migrated database keeps working: new runs, and old histories are unchanged
    expect(await withEngine(async (e) => { await e.start('greet', { workflowId: 'new', args: ['v3'] }); return e.result('new'); }, db)).toMatchObject({ result: 'hello v3' });
    const after = new SqliteStore(db, { readonly: true });
    for (const [id, h] of histories) expect(after.history(after.execution(id)!.runId)).toEqual(h);
    expect(after.history(after.execution('new')!.runId).map((e) => e.eventId)).toEqual(Array.from({ length: histories.get('x')!.length }, (_, i) => i + 1));
    after.close();
  });

  test('an open run of a format-2 database resumes after the migration and appends after its last event', async () => {
    const db = path.join(dir, 'v2-open.db');
    await withEngine(async (e) => { await e.start('counter', { workflowId: 'open', args: [2] }); await e.signal('open', 'add', 1); await e.idle(); }, db);
    const before = new SqliteStore(db, { readonly: true });
    const runId = before.execution('open')!.runId;
    const prefix = before.history(runId);
    before.close();
    toFormat2(db);
    const outcome = await withEngine(async (e) => { await e.signal('open', 'add', 1); return e.result('open'); }, db);
    expect(outcome).toEqual({ status: 'completed', result: 2 });
    const after = new SqliteStore(db, { readonly: true });
    const h = after.history(runId);
    after.close();
    expect(h.slice(0, prefix.length)).toEqual(prefix);
    expect(h.map((e) => e.eventId)).toEqual(Array.from({ length: h.length }, (_, i) => i + 1));
    expect(h.length).toBeGreaterThan(prefix.length);
  });

  test('a format-1 database (events keyed by run id text) is migrated when opened', async () => {
    const db = path.join(dir, 'v1.db');
    const expected = (await fresh(db, ['old'])).get('old')!;
    toFormat2(db);
    // Rewrite the database in the format-1 layout.
    const raw = new Database(db);
    raw.exec(`
      CREATE TABLE executions_f1 (run_id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, workflow_type TEXT NOT NULL, status TEXT NOT NULL,
        module TEXT NOT NULL, start_time INTEGER NOT NULL, close_time INTEGER, outcome TEXT, seq INTEGER NOT NULL);
      INSERT INTO executions_f1 SELECT run_id, workflow_id, workflow_type, status, module, start_time, close_time, outcome, run_key FROM executions;
      CREATE TABLE events_f1 (run_id TEXT NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL, event_time INTEGER NOT NULL,
        attributes TEXT NOT NULL, PRIMARY KEY (run_id, event_id)) WITHOUT ROWID;
      INSERT INTO events_f1 SELECT x.run_id, e.event_id, e.event_type, e.event_time, e.attributes FROM events e JOIN executions x USING (run_key);
      DROP TABLE events; DROP TABLE executions;
      ALTER TABLE executions_f1 RENAME TO executions; ALTER TABLE events_f1 RENAME TO events;
      CREATE INDEX executions_by_workflow ON executions (workflow_id, seq);
      CREATE INDEX executions_open ON executions (status) WHERE status = 'running';
      UPDATE meta SET value = '1' WHERE key = 'format';`);
    raw.close();
    expect(() => new SqliteStore(db, { readonly: true })).toThrow(/format 1/);
    const store = new SqliteStore(db);
    const row = store.execution('old')!;
    expect(row).toMatchObject({ status: 'completed', workflowType: 'greet' });
    expect(store.history(row.runId)).toEqual(expected);
    store.close();
    expect(formatOf(db)).toBe(String(STORE_FORMAT_VERSION));
    expect(await withEngine(async (e) => { await e.start('greet', { workflowId: 'new', args: ['v2'] }); return e.result('new'); }, db)).toMatchObject({ result: 'hello v2' });
  });
});

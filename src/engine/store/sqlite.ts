/**
 * Durable {@link EngineStore} on SQLite (better-sqlite3, WAL journal).
 *
 * Sync policy (`sync`): `full` (default) — every group commit is fsynced before `commit`
 * returns, so nothing acknowledged is lost even on power failure; `normal` — WAL with
 * `synchronous=NORMAL`: survives process crashes (SIGKILL), may lose the last commits on power
 * loss; `off` — no fsync at all. Group commit: the engine writes every batch in one transaction
 * (one WAL fsync per batch under `full`). The sync policy is only about fsync: other processes
 * can always read the file and queue inbox messages.
 *
 * Layout (format 3): `executions.run_key` (INTEGER PRIMARY KEY, in start order) keys the events;
 * the events one group commit appends to one run are ONE row of `event_batches`, appended in
 * rowid order: their first and last event id and a JSON array of `[eventTime, eventType,
 * attributes]` triples (the event ids are implied; see {@link encodeEvents}). Event ids of a run
 * are checked to be contiguous when written (a batch must start right after the run's last one)
 * and when read, so no event can be lost or duplicated silently. Format 2 had one `events` row
 * per event (~5 µs per row); format 1 keyed events by the run id text in a WITHOUT ROWID table.
 * Older formats are migrated when the database is opened for writing; a format-2 database can
 * also be read without migration (read-only opens).
 *
 * Schema version {@link STORE_FORMAT_VERSION} is stored in `meta`; an older engine refuses a newer
 * database rather than misreading it.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { EngineStoreError } from '../errors.js';
import type { HistoryEvent } from '../history/events.js';
import { hasUndefinedArg, isUndefinedArg } from '../model/json-clone.js';
import type { RunStatus } from '../model/state.js';
import type { ActivityAttemptRow, EngineStore, ExecutionRow, InboxKind, InboxRow, UpdateOutcome, WriteBatch } from './store.js';

export const STORE_FORMAT_VERSION = 3;

/** `meta` key: the `run_key` of the first run whose workflow randomness is Temporal's (earlier ones are earlier engines'). */
const TEMPORAL_RANDOM_FROM = 'temporal_random_from_run_key';

export type SyncPolicy = 'full' | 'normal' | 'off';

export interface SqliteStoreOptions {
  sync?: SyncPolicy;
  /** open without writing (history, query) */
  readonly?: boolean;
  /** how long to wait for another process's write lock, ms (default 5000) */
  busyTimeoutMs?: number;
}

/** Format 2 (the target of the format-1 migration). */
const SCHEMA_2 = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  run_key INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, workflow_id TEXT NOT NULL, workflow_type TEXT NOT NULL,
  status TEXT NOT NULL, module TEXT NOT NULL, start_time INTEGER NOT NULL, close_time INTEGER, outcome TEXT);
CREATE INDEX IF NOT EXISTS executions_by_workflow ON executions (workflow_id, run_key);
CREATE INDEX IF NOT EXISTS executions_open ON executions (status) WHERE status = 'running';
CREATE TABLE IF NOT EXISTS events (
  run_key INTEGER NOT NULL, event_id INTEGER NOT NULL, event_type TEXT NOT NULL, event_time INTEGER NOT NULL,
  attributes TEXT NOT NULL, PRIMARY KEY (run_key, event_id));
CREATE TABLE IF NOT EXISTS activity_attempts (
  run_id TEXT NOT NULL, scheduled_event_id INTEGER NOT NULL, attempt INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,
  heartbeat TEXT, last_failure TEXT, PRIMARY KEY (run_id, scheduled_event_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, workflow_id TEXT NOT NULL, payload TEXT NOT NULL);
`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  run_key INTEGER PRIMARY KEY, run_id TEXT NOT NULL UNIQUE, workflow_id TEXT NOT NULL, workflow_type TEXT NOT NULL,
  status TEXT NOT NULL, module TEXT NOT NULL, start_time INTEGER NOT NULL, close_time INTEGER, outcome TEXT);
CREATE INDEX IF NOT EXISTS executions_by_workflow ON executions (workflow_id, run_key);
CREATE INDEX IF NOT EXISTS executions_open ON executions (status) WHERE status = 'running';
CREATE TABLE IF NOT EXISTS event_batches (
  run_key INTEGER NOT NULL, first_event_id INTEGER NOT NULL, last_event_id INTEGER NOT NULL, events TEXT NOT NULL,
  PRIMARY KEY (run_key, first_event_id));
CREATE TABLE IF NOT EXISTS activity_attempts (
  run_id TEXT NOT NULL, scheduled_event_id INTEGER NOT NULL, attempt INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL,
  heartbeat TEXT, last_failure TEXT, PRIMARY KEY (run_id, scheduled_event_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS inbox (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, workflow_id TEXT NOT NULL, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS update_outcomes (update_id TEXT PRIMARY KEY, outcome TEXT NOT NULL) WITHOUT ROWID;
`;

/** Format 1 → 2: re-key executions and events by an integer run key (in the old `seq` order). */
const MIGRATE_1_TO_2 = `
ALTER TABLE executions RENAME TO executions_v1;
ALTER TABLE events RENAME TO events_v1;
DROP INDEX IF EXISTS executions_by_workflow;
DROP INDEX IF EXISTS executions_open;
${SCHEMA_2}
INSERT INTO executions (run_key, run_id, workflow_id, workflow_type, status, module, start_time, close_time, outcome)
  SELECT seq, run_id, workflow_id, workflow_type, status, module, start_time, close_time, outcome FROM executions_v1 ORDER BY seq;
INSERT INTO events (run_key, event_id, event_type, event_time, attributes)
  SELECT x.run_key, e.event_id, e.event_type, e.event_time, e.attributes FROM events_v1 e JOIN executions x ON x.run_id = e.run_id ORDER BY x.run_key, e.event_id;
DROP TABLE events_v1;
DROP TABLE executions_v1;
UPDATE meta SET value = '2' WHERE key = 'format';
`;

function storeError(err: unknown, file: string): EngineStoreError {
  const code = (err as { code?: string }).code ?? '';
  const msg = (err as Error).message;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new EngineStoreError('WFE2002', `database ${file} is locked by another process`, { hint: 'stop the other wfverify worker or use another --db', cause: err });
  }
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_IOERR')) {
    return new EngineStoreError('WFE2001', `database ${file} is corrupt or not a SQLite database (${msg})`, { hint: 'restore it from a backup or pass another --db; the file was not modified', cause: err });
  }
  return new EngineStoreError('WFE2001', `database ${file} cannot be used: ${msg}`, { cause: err });
}

export class SqliteStore implements EngineStore {
  readonly durable: boolean;
  readonly shared: boolean;
  private readonly db: Database.Database;
  private readonly stmts: Record<string, Database.Statement>;
  /** run id → run_key of runs written or read while open (dropped when they close) */
  private readonly keys = new Map<string, RunKey>();
  /** format of the open database (a read-only open may read format 2 as it is) */
  private format = STORE_FORMAT_VERSION;

  constructor(readonly file: string, options: SqliteStoreOptions = {}) {
    const sync = options.sync ?? 'full';
    this.durable = sync !== 'off';
    this.shared = file !== ':memory:' && file !== '';
    if (existsSync(file) && options.readonly !== true) {
      const head = readFileSync(file).subarray(0, 16).toString('latin1');
      if (head.length > 0 && head !== 'SQLite format 3\u0000') {
        throw new EngineStoreError('WFE2001', `database ${file} is not a SQLite database`, { hint: 'pass another --db; the file was not modified' });
      }
    }
    try {
      this.db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: options.busyTimeoutMs ?? 5000 });
      if (!options.readonly) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : sync === 'normal' ? 'NORMAL' : 'OFF'}`);
        // Big group commits: keep their pages in cache (no spilling mid-transaction) and
        // checkpoint the WAL less often (each checkpoint also fsyncs the database file).
        this.db.pragma('cache_size = -65536');
        this.db.pragma('wal_autocheckpoint = 8192');
        this.checkForeign();
        const hasMeta = (this.db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get() as { n: number }).n > 0;
        const v = hasMeta ? this.db.prepare(`SELECT value FROM meta WHERE key = 'format'`).get() as { value: string } | undefined : undefined;
        if (v !== undefined && Number(v.value) > STORE_FORMAT_VERSION) {
          throw new EngineStoreError('WFE2003', `database ${file} has format ${v.value}; this engine reads format ${STORE_FORMAT_VERSION}`, { hint: 'upgrade wfverify' });
        }
        const format = v === undefined ? undefined : Number(v.value);
        if (format !== undefined && format < STORE_FORMAT_VERSION) {
          this.db.transaction(() => {
            if (format === 1) this.db.exec(MIGRATE_1_TO_2);
            this.migrate2To3();
          })();
        }
        this.db.exec(SCHEMA);
        if (v === undefined) this.db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('format', ?)`).run(String(STORE_FORMAT_VERSION));
        // the first run whose workflow randomness is Temporal's: every run started from now on (see `randomness`)
        this.db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('${TEMPORAL_RANDOM_FROM}', (SELECT COALESCE(MAX(run_key), 0) + 1 FROM executions))`).run();
      } else {
        const v = this.db.prepare(`SELECT value FROM meta WHERE key = 'format'`).get() as { value: string } | undefined;
        this.format = v === undefined ? STORE_FORMAT_VERSION : Number(v.value);
        if (v !== undefined && Number(v.value) !== STORE_FORMAT_VERSION && Number(v.value) !== 2) {
          const newer = Number(v.value) > STORE_FORMAT_VERSION;
          throw new EngineStoreError(newer ? 'WFE2003' : 'WFE2001', `database ${file} has format ${v.value}; this engine reads format ${STORE_FORMAT_VERSION}`, {
            hint: newer ? 'upgrade wfverify' : 'open it once with `wfverify worker` to upgrade it',
          });
        }
      }
      this.db.pragma('quick_check(1)');
    } catch (err) {
      if (err instanceof EngineStoreError) throw err;
      throw storeError(err, file);
    }
    this.stmts = this.prepare();
    // a database no engine of this version has written to yet: all its runs are earlier engines'
    const from = this.stmts.getMeta.get(TEMPORAL_RANDOM_FROM) as { value: string } | undefined;
    this.temporalRandomFrom = from === undefined ? Number.POSITIVE_INFINITY : Number(from.value);
  }

  /**
   * Format 2 → 3: the `events` rows of each run become one `event_batches` row (the stored
   * attribute texts are spliced in unchanged, in event id order); runs whose event ids are not
   * contiguous from 1 are refused (the database is left as it was).
   */
  private migrate2To3(): void {
    this.db.exec(SCHEMA);
    const keys = this.db.prepare(`SELECT DISTINCT run_key FROM events ORDER BY run_key`).pluck().all() as number[];
    const rows = this.db.prepare(`SELECT event_id, event_type, event_time, attributes FROM events WHERE run_key = ? ORDER BY event_id`);
    const insert = this.db.prepare(`INSERT INTO event_batches (run_key, first_event_id, last_event_id, events) VALUES (?, ?, ?, ?)`);
    for (const key of keys) {
      const evs = rows.all(key) as { event_id: number; event_type: string; event_time: number; attributes: string }[];
      const parts = evs.map((e, i) => {
        if (e.event_id !== i + 1) throw new EngineStoreError('WFE2001', `database ${this.file}: run ${key} has event ${e.event_id} where ${i + 1} was expected`, { hint: 'the database was not migrated' });
        return `[${e.event_time},${JSON.stringify(e.event_type)},${e.attributes}]`;
      });
      insert.run(key, 1, evs.length, `[${parts.join(',')}]`);
    }
    this.db.exec(`DROP TABLE events; UPDATE meta SET value = '3' WHERE key = 'format';`);
  }

  private checkForeign(): void {
    const tables = (this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    if (tables.length > 0 && !tables.includes('meta')) {
      throw new EngineStoreError('WFE2001', `database ${this.file} is not a wfverify engine database (tables: ${tables.slice(0, 5).join(', ')})`, { hint: 'pass another --db; the file was not modified' });
    }
  }

  private prepare(): Record<string, Database.Statement> {
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    const read = {
      history: this.format === 2
        ? p(`SELECT e.event_id, e.event_type, e.event_time, e.attributes FROM events e JOIN executions x ON e.run_key = x.run_key WHERE x.run_id = ? ORDER BY e.event_id`)
        : p(`SELECT b.first_event_id, b.last_event_id, b.events FROM event_batches b JOIN executions x ON b.run_key = x.run_key WHERE x.run_id = ? ORDER BY b.first_event_id`),
      exec: p(`SELECT * FROM executions WHERE run_id = ?`),
      latest: p(`SELECT * FROM executions WHERE workflow_id = ? ORDER BY run_key DESC LIMIT 1`),
      open: p(`SELECT * FROM executions WHERE status = 'running' ORDER BY run_key`),
      list: p(`SELECT * FROM executions ORDER BY run_key DESC LIMIT ?`),
      listByStatus: p(`SELECT * FROM executions WHERE status = ? ORDER BY run_key DESC LIMIT ?`),
      attempts: p(`SELECT * FROM activity_attempts WHERE run_id = ?`),
      getMeta: p(`SELECT value FROM meta WHERE key = ?`),
      runKeyOf: p(`SELECT run_key FROM executions WHERE run_id = ?`),
    };
    if (this.db.readonly) return read;
    return {
      ...read,
      insertEvents: p(`INSERT INTO event_batches (run_key, first_event_id, last_event_id, events) VALUES (?, ?, ?, ?)`),
      insertExec: p(`INSERT INTO executions (run_id, workflow_id, workflow_type, status, module, start_time, close_time, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertNewExec: p(`INSERT OR IGNORE INTO executions (run_id, workflow_id, workflow_type, status, module, start_time, close_time, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      updateExec: p(`UPDATE executions SET status = ?, close_time = ?, outcome = ? WHERE run_key = ?`),
      runKey: p(`SELECT x.run_key, (SELECT MAX(b.last_event_id) FROM event_batches b WHERE b.run_key = x.run_key) AS last FROM executions x WHERE x.run_id = ?`),
      upsertAttempt: p(`INSERT OR REPLACE INTO activity_attempts VALUES (?, ?, ?, ?, ?, ?)`),
      deleteAttempt: p(`DELETE FROM activity_attempts WHERE run_id = ? AND scheduled_event_id = ?`),
      deleteInbox: p(`DELETE FROM inbox WHERE id = ?`),
      insertInbox: p(`INSERT INTO inbox (kind, workflow_id, payload) VALUES (?, ?, ?)`),
      inbox: p(`SELECT * FROM inbox WHERE id > ? ORDER BY id`),
      setMeta: p(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`),
      delMeta: p(`DELETE FROM meta WHERE key = ?`),
      insertUpdateOutcome: p(`INSERT OR REPLACE INTO update_outcomes (update_id, outcome) VALUES (?, ?)`),
      deleteUpdateOutcome: p(`DELETE FROM update_outcomes WHERE update_id = ?`),
    };
  }

  private runKey(runId: string): RunKey | undefined {
    let k = this.keys.get(runId);
    if (k === undefined) {
      const r = this.stmts.runKey.get(runId) as { run_key: number; last: number | null } | undefined;
      if (r !== undefined) this.keys.set(runId, (k = { key: r.run_key, next: (r.last ?? 0) + 1 }));
    }
    return k;
  }

  private readonly tx = (b: WriteBatch): void => {
    const s = this.stmts;
    const closed: string[] = [];
    for (const r of b.executions) {
      const outcome = r.outcome ? JSON.stringify(r.outcome) : null;
      // A run not seen while open is new (inserted: one statement) or from before (looked up, updated).
      let key = this.keys.get(r.runId);
      if (key === undefined) {
        const row = [r.runId, r.workflowId, r.workflowType, r.status, r.module, r.startTime, r.closeTime ?? null, outcome];
        const info = s.insertNewExec.run(...row);
        if (info.changes === 1) this.keys.set(r.runId, { key: Number(info.lastInsertRowid), next: 1 });
        else if ((key = this.runKey(r.runId)) === undefined) s.insertExec.run(...row); // ignored for another reason: fails as a plain insert does
      }
      if (key !== undefined) s.updateExec.run(r.status, r.closeTime ?? null, outcome, key.key);
      if (r.status !== 'running') closed.push(r.runId);
    }
    for (const { runId, events } of b.events) {
      const key = this.runKey(runId);
      if (key === undefined) throw new Error(`events of run ${runId} without its execution row`);
      if (events.length === 0) continue;
      const first = events[0].eventId;
      const last = events[events.length - 1].eventId;
      if (first !== key.next || last - first + 1 !== events.length) throw new Error(`events ${first}..${last} of run ${runId} do not follow event ${key.next - 1}`);
      s.insertEvents.run(key.key, first, last, encodeEvents(events));
      key.next = last + 1;
    }
    for (const a of b.attempts) {
      s.upsertAttempt.run(a.runId, a.scheduledEventId, a.attempt, a.nextAttemptAt, a.heartbeatDetails === undefined ? null : JSON.stringify(a.heartbeatDetails), a.lastFailure === undefined ? null : JSON.stringify(a.lastFailure));
    }
    for (const a of b.attemptsDone) s.deleteAttempt.run(a.runId, a.scheduledEventId);
    for (const id of b.inboxDone) s.deleteInbox.run(id);
    for (const u of b.updateOutcomes) s.insertUpdateOutcome.run(u.updateId, JSON.stringify(u.outcome));
    for (const id of closed) this.keys.delete(id);
  };
  private txn: ((b: WriteBatch) => void) | undefined;

  commit(b: WriteBatch): void {
    this.txn ??= this.db.transaction(this.tx);
    try {
      this.txn(b);
    } catch (err) {
      this.keys.clear(); // the transaction rolled back: keys of runs inserted by it are void
      throw storeError(err, this.file);
    }
  }

  openRuns(): ExecutionRow[] {
    return (this.stmts.open.all() as Record<string, unknown>[]).map(rowToExec);
  }

  execution(workflowId: string, runId?: string): ExecutionRow | undefined {
    const r = (runId ? this.stmts.exec.get(runId) : this.stmts.latest.get(workflowId)) as Record<string, unknown> | undefined;
    return r && r.workflow_id === workflowId ? rowToExec(r) : undefined;
  }

  executions(limit = 1000, status?: RunStatus): ExecutionRow[] {
    const rows = status === undefined ? this.stmts.list.all(limit) : this.stmts.listByStatus.all(status, limit);
    return (rows as Record<string, unknown>[]).map(rowToExec);
  }

  randomness(runId: string): 'temporal' | 'legacy' {
    if (this.temporalRandomFrom <= 1) return 'temporal';
    const row = this.stmts.runKeyOf.get(runId) as { run_key: number } | undefined;
    return row === undefined || row.run_key >= this.temporalRandomFrom ? 'temporal' : 'legacy';
  }
  private temporalRandomFrom = 1;

  history(runId: string): HistoryEvent[] {
    if (this.format === 2) {
      const rows = this.stmts.history.all(runId) as { event_id: number; event_type: string; event_time: number; attributes: string }[];
      return rows.map((r) => ({ eventId: r.event_id, eventType: r.event_type, eventTime: r.event_time, attributes: JSON.parse(r.attributes) }) as HistoryEvent);
    }
    const rows = this.stmts.history.all(runId) as { first_event_id: number; last_event_id: number; events: string }[];
    const out: HistoryEvent[] = [];
    for (const r of rows) {
      const evs = JSON.parse(r.events) as [number, HistoryEvent['eventType'], unknown][];
      if (r.events.includes(UNDEFINED_ARG_TEXT)) for (const ev of evs) unmarkArgs(ev[2] as Record<string, unknown>);
      if (r.first_event_id !== out.length + 1 || r.last_event_id - r.first_event_id + 1 !== evs.length) {
        throw new EngineStoreError('WFE2001', `database ${this.file} is corrupt: run ${runId} has events ${r.first_event_id}..${r.last_event_id} after event ${out.length}`);
      }
      for (let i = 0; i < evs.length; i++) {
        const [eventTime, eventType, attributes] = evs[i];
        out.push({ eventId: r.first_event_id + i, eventTime, eventType, attributes } as HistoryEvent);
      }
    }
    return out;
  }

  attempts(runId: string): ActivityAttemptRow[] {
    const rows = this.stmts.attempts.all(runId) as Record<string, unknown>[];
    return rows.map((r) => ({
      runId: r.run_id as string, scheduledEventId: r.scheduled_event_id as number, attempt: r.attempt as number,
      nextAttemptAt: r.next_attempt_at as number,
      heartbeatDetails: r.heartbeat === null ? undefined : JSON.parse(r.heartbeat as string),
      lastFailure: r.last_failure === null ? undefined : JSON.parse(r.last_failure as string),
    }));
  }

  enqueueInbox(kind: InboxKind, workflowId: string, payload: InboxRow['payload']): number {
    try {
      return Number(this.stmts.insertInbox.run(kind, workflowId, JSON.stringify(payload)).lastInsertRowid);
    } catch (err) {
      throw storeError(err, this.file);
    }
  }

  inbox(afterId: number): InboxRow[] {
    const rows = this.stmts.inbox.all(afterId) as { id: number; kind: InboxKind; workflow_id: string; payload: string }[];
    return rows.map((r) => ({ id: r.id, kind: r.kind, workflowId: r.workflow_id, payload: JSON.parse(r.payload) }));
  }

  acquireWorkerLock(pid: number): void {
    const row = this.stmts.getMeta.get('worker_pid') as { value: string } | undefined;
    if (row && Number(row.value) !== pid && processAlive(Number(row.value))) {
      throw new EngineStoreError('WFE2002', `database ${this.file} is in use by a wfverify worker (pid ${row.value})`, { hint: 'stop that worker, or send it messages with `wfverify signal`' });
    }
    this.stmts.setMeta.run('worker_pid', String(pid));
  }

  updateOutcome(updateId: string, take = false): UpdateOutcome | undefined {
    // a database written by an engine before `update_outcomes` existed has none (read-only opens do not add it)
    if (this.outcomeQuery === undefined) {
      const has = (this.db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'update_outcomes'`).get() as { n: number }).n > 0;
      if (!has) return undefined;
      this.outcomeQuery = this.db.prepare(`SELECT outcome FROM update_outcomes WHERE update_id = ?`);
    }
    const row = this.outcomeQuery.get(updateId) as { outcome: string } | undefined;
    if (row !== undefined && take) this.stmts.deleteUpdateOutcome.run(updateId);
    return row === undefined ? undefined : JSON.parse(row.outcome) as UpdateOutcome;
  }

  /** prepared once the `update_outcomes` table is known to exist (callers poll it) */
  private outcomeQuery: Database.Statement | undefined;

  workerPid(): number | undefined {
    const row = this.stmts.getMeta.get('worker_pid') as { value: string } | undefined;
    return row !== undefined && processAlive(Number(row.value)) ? Number(row.value) : undefined;
  }

  releaseWorkerLock(pid: number): void {
    const row = this.stmts.getMeta.get('worker_pid') as { value: string } | undefined;
    if (row && Number(row.value) === pid) this.stmts.delMeta.run('worker_pid');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * The `events` text of an `event_batches` row: `[[eventTime, eventType, attributes], …]` (ids are
 * `first_event_id` + index): keys not repeated; one `JSON.stringify` call per row.
 */
export function encodeEvents(events: readonly HistoryEvent[]): string {
  const rows: unknown[] = new Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    rows[i] = [e.eventTime, e.eventType, withMarkedArgs(e.attributes as Record<string, unknown>)];
  }
  return JSON.stringify(rows);
}

/**
 * An argument that is `undefined`, as stored: JSON has no `undefined` (a list would make it
 * `null`), and Temporal keeps it (each argument is a payload of its own), so workflow code that
 * tells `undefined` from `null` (a default parameter) must see it again after a restart.
 * Only the argument lists of events are marked: `input`, and `details` of `ActivityTaskCanceled`.
 */
const UNDEFINED_ARG_KEY = '\u0000wfv';
const UNDEFINED_ARG = Object.freeze({ [UNDEFINED_ARG_KEY]: 'undefined' });
/** How the key is written in JSON text (a row holds a mark only if its text has this) */
const UNDEFINED_ARG_TEXT = JSON.stringify(UNDEFINED_ARG_KEY).slice(1, -1);
const ARG_LISTS = ['input', 'details'] as const;

/** `attributes`, or a copy whose argument lists have their `undefined` arguments marked. */
function withMarkedArgs(attributes: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const k of ARG_LISTS) {
    const list = attributes[k];
    if (!hasUndefinedArg(list)) continue;
    out ??= { ...attributes };
    out[k] = (list as unknown[]).map((x) => (isUndefinedArg(x) ? UNDEFINED_ARG : x));
  }
  return out ?? attributes;
}

/** Restores the `undefined` arguments of decoded attributes ({@link withMarkedArgs}). */
function unmarkArgs(attributes: Record<string, unknown>): void {
  for (const k of ARG_LISTS) {
    const list = attributes[k];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const x = list[i] as Record<string, unknown> | null;
      if (x !== null && typeof x === 'object' && x[UNDEFINED_ARG_KEY] === 'undefined' && Object.keys(x).length === 1) list[i] = undefined;
    }
  }
}

/** A run's integer key and the id of its next event (known for runs written or read while open). */
interface RunKey {
  readonly key: number;
  next: number;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

function rowToExec(r: Record<string, unknown>): ExecutionRow {
  return {
    workflowId: r.workflow_id as string, runId: r.run_id as string, workflowType: r.workflow_type as string,
    status: r.status as ExecutionRow['status'], module: r.module as string, startTime: r.start_time as number,
    closeTime: (r.close_time as number | null) ?? undefined, outcome: r.outcome ? JSON.parse(r.outcome as string) : undefined,
  };
}

/**
 * Acceptance crash test: a child process runs many workflows (activities with retries, timers,
 * signals, children) and is killed with SIGKILL at seeded random points, at least 50 times.
 * After every kill the database is inspected; at the end every workflow must have completed
 * with the right result, every acknowledged start and signal must be recorded, every earlier
 * snapshot of a history must be a prefix of its final history (nothing lost, nothing rewritten,
 * no duplicates), and an activity may re-run only if its completion was not recorded when the
 * process died — re-runs are counted and each one is justified.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { SqliteStore } from '../../../src/engine/index.js';
import type { HistoryEvent } from '../../../src/engine/index.js';
import { buildEngine, repoRoot } from './build-engine.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const PER_GEN = 3;
const SEED = 20260517;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Snapshot { histories: Map<string, string[]>; completed: Set<string> }

function snapshot(db: string): Snapshot {
  const histories = new Map<string, string[]>();
  const completed = new Set<string>();
  if (!existsSync(db)) return { histories, completed };
  const store = new SqliteStore(db);
  try {
    for (const row of store.executions(100_000)) {
      const h = store.history(row.runId);
      histories.set(row.runId, h.map((e) => `${e.eventId}:${e.eventType}`));
      const scheduled = new Map<number, string>();
      for (const e of h as HistoryEvent[]) {
        if (e.eventType === 'ActivityTaskScheduled') scheduled.set(e.eventId, e.attributes.activityId);
        if (e.eventType === 'ActivityTaskCompleted') completed.add(`${row.runId}/${scheduled.get(e.attributes.scheduledEventId)}`);
      }
    }
  } finally {
    store.close();
  }
  return { histories, completed };
}

function runGen(engineDir: string, db: string, log: string, gen: number | 'warm-up', killAfterMs: number | undefined): Promise<{ out: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'test/fixtures/engine/crash/driver.mjs'), engineDir, db, String(gen), String(PER_GEN), killAfterMs === undefined ? '1' : '0'], {
      env: { ...process.env, CRASH_GEN: String(gen), CRASH_LOG: log },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== undefined && out.startsWith('ready') && !killed) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ out, killed: signal === 'SIGKILL' });
      else reject(new Error(`driver generation ${gen} exited with ${code}: ${err}`));
    });
  });
}

test(`survives ${KILLS} SIGKILLs without losing or duplicating anything`, async () => {
  const engineDir = buildEngine();
  const db = path.join(dir, 'crash.db');
  const log = path.join(dir, 'activities.log');
  const random = rng(SEED);
  const acked: string[] = [];
  const snapshots: Snapshot[] = [];
  let kills = 0;
  let gen = 0;
  await runGen(engineDir, db, log, 'warm-up', undefined);
  for (; kills < KILLS; gen++) {
    snapshots[gen] = snapshot(db);
    const delay = Math.floor(random() * 300);
    const r = await runGen(engineDir, db, log, gen, delay);
    if (r.killed) kills++;
    const acks = r.out.split('\n').filter((l) => l.startsWith('ack '));
    acked.push(...acks);
    const store = new SqliteStore(db);
    for (const a of acks) {
      const [, kind, id] = a.split(' ');
      const row = store.execution(id);
      const recorded = row !== undefined && (kind === 'start' || store.history(row.runId).some((e) => e.eventType === 'WorkflowExecutionSignaled'));
      expect(recorded, `acknowledged ${a} is recorded`).toBe(true);
    }
    store.close();
  }
  snapshots[gen] = snapshot(db);
  const final = await runGen(engineDir, db, log, gen, undefined);
  expect(final.out).toContain('done');
  const last = snapshot(db);

  // every workflow completed with the right result
  const store = new SqliteStore(db);
  const rows = store.executions(100_000).filter((r) => r.workflowId.startsWith('order-'));
  expect(rows.length).toBe((gen + 1) * PER_GEN);
  for (const r of rows) {
    expect(r.status).toBe('completed');
    const i = Number(/order-(\d+)-(\d+)/.exec(r.workflowId)!.slice(1).reduce((g, k) => String(Number(g) * 1000 + Number(k))));
    expect(r.outcome?.result).toBe(`A${i}|b${i}!|X${i}+Y${i}|D${i}-7`);
  }
  // every third child failed its first attempt and was retried once: one failed run each, whatever the kills
  const subRuns = store.executions(100_000).filter((r) => r.workflowId.startsWith('sub-'));
  const failing = rows.map((r) => Number(/order-(\d+)-(\d+)/.exec(r.workflowId)!.slice(1).reduce((g, k) => String(Number(g) * 1000 + Number(k))))).filter((i) => i % 3 === 0);
  expect(subRuns.filter((r) => r.status === 'failed').map((r) => r.workflowId).sort()).toEqual(failing.map((i) => `sub-${i}`).sort());
  expect(subRuns.filter((r) => r.status === 'completed')).toHaveLength(rows.length);
  store.close();

  // histories only grow: each snapshot is a prefix of the final history; ids are 1..n
  for (const snap of snapshots) {
    for (const [runId, h] of snap.histories) {
      const fin = last.histories.get(runId)!;
      expect(fin.slice(0, h.length)).toEqual(h);
    }
  }
  for (const h of last.histories.values()) h.forEach((e, k) => expect(Number(e.split(':')[0])).toBe(k + 1));

  // activity re-runs happen only when the completion was not recorded before the kill
  const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  let reruns = 0;
  const seen = new Set<string>();
  for (const [g, runId, activityId, attempt] of lines) {
    const key = `${runId}/${activityId}`;
    expect(snapshots[Number(g)].completed.has(key), `activity ${key} re-ran in generation ${g} after its completion was recorded`).toBe(false);
    // the same attempt executed twice = re-run after a crash (retries have new attempt numbers)
    if (seen.has(`${key}#${attempt}`)) reruns++;
    seen.add(`${key}#${attempt}`);
  }
  const perGen = new Map<string, number>(); for (const [g] of lines) perGen.set(g, (perGen.get(g) ?? 0) + 1); console.log([...perGen].join(" "));
  console.log(`crash test: generations=${gen + 1} kills=${kills} workflows=${rows.length} activity executions=${lines.length} re-executions=${reruns}`);
  expect(kills).toBeGreaterThanOrEqual(KILLS);
  // with this seed some kills land while activities run: those (and only those) re-run
  if (KILLS >= 50) expect(reruns).toBeGreaterThan(0);
}, 600_000);


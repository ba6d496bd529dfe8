import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import Database from 'better-sqlite3';
import { Engine, NondeterminismError, STORE_FORMAT_VERSION, SqliteStore, WorkflowRunner, WorkflowSandbox, foldHistory } from '../../../src/engine/index.js';
import type { EngineEvent } from '../../../src/engine/index.js';

const fixtures = path.resolve(__dirname, '../../fixtures/engine/workflows');
const basic = path.join(fixtures, 'basic.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-engine-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let failures = 0;
const activities = {
  hello: async (n: string) => `hello ${n}`,
  failTwice: async () => { if (++failures % 3 !== 0) throw new Error(`flaky ${failures}`); return 'third time'; },
  fatal: async () => { const e = new Error('boom'); e.name = 'Fatal'; throw e; },
  park: () => new Promise<string>(() => undefined), // answers only by being cancelled
};

async function withEngine<T>(fn: (e: Engine) => Promise<T>, db?: string): Promise<T> {
  const e = await Engine.open({ db, activities, workflows: basic, deadlockTimeoutMs: 500 });
  try { return await fn(e); } finally { await e.close(); }
}

describe('engine', () => {
  test('runs activities and records a Temporal-shaped history', async () => {
    await withEngine(async (e) => {
      await e.start('greet', { workflowId: 'g', args: ['ann'] });
      expect(await e.result('g')).toEqual({ status: 'completed', result: 'hello ann' });
      expect(e.history('g').map((x) => x.eventType)).toEqual([
        'WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'ActivityTaskScheduled',
        'ActivityTaskStarted', 'ActivityTaskCompleted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'WorkflowExecutionCompleted',
      ]);
    });
  });

  test('workflow time is the WorkflowTaskStarted time of each task, live as in a replay', async () => {
    // a clock that moves 1 ms at every reading: the step's and the activation's readings differ
    let t = 1_700_000_000_000;
    const now = vi.spyOn(Date, 'now').mockImplementation(() => (t += 1));
    try {
      await withEngine(async (e) => {
        await e.start('clock', { workflowId: 'clk' });
        const { result } = await e.result('clk');
        const started = e.history('clk').filter((x) => x.eventType === 'WorkflowTaskStarted').map((x) => x.eventTime);
        expect(started).toHaveLength(2);
        expect(result).toEqual(started); // replays activate each task at its WorkflowTaskStarted time
      });
    } finally {
      now.mockRestore();
    }
  });

  test('retries with the policy and reports retries to observers', async () => {
    await withEngine(async (e) => {
      const seen: EngineEvent[] = [];
      e.subscribe((x) => seen.push(x));
      await e.start('retrying', { workflowId: 'r' });
      expect((await e.result('r')).result).toBe('third time');
      expect(seen.filter((x) => x.kind === 'activityRetrying')).toHaveLength(2);
      const started = e.history('r').find((x) => x.eventType === 'ActivityTaskStarted');
      expect(started?.attributes).toMatchObject({ attempt: 3 });
    });
  });

  test('non-retryable error types fail at once; ApplicationFailure fails the workflow', async () => {
    await withEngine(async (e) => {
      await e.start('fatal', { workflowId: 'f' });
      const o = await e.result('f');
      expect(o.status).toBe('failed');
      expect(o.failure?.message).toBe('gave up: boom');
      expect(e.history('f').filter((x) => x.eventType === 'ActivityTaskFailed')).toHaveLength(1);
    });
  });

  test('signals, queries, updates and condition', async () => {
    await withEngine(async (e) => {
      await e.start('counter', { workflowId: 'c', args: [10] });
      await e.signal('c', 'add', 3);
      await e.idle();
      expect(e.query('c', 'total')).toBe(3);
      await expect(e.update('c', 'double', -1)).rejects.toThrow('negative');
      expect(await e.update('c', 'double', 2)).toBe(7);
      await e.signal('c', 'add', 4);
      expect((await e.result('c')).result).toBe(11);
    });
  });

  test('child workflows and continue-as-new', async () => {
    await withEngine(async (e) => {
      await e.start('parent', { workflowId: 'p', args: [1] });
      expect((await e.result('p')).result).toEqual([10, 20]);
      await e.start('looping', { workflowId: 'l', args: [2] });
      expect((await e.result('l')).result).toBe(43);
    });
  });

  test('a finished workflow leaves nothing in the live run index, and is still found by id', async () => {
    await withEngine(async (e) => {
      await e.start('parent', { workflowId: 'p2', args: [1] });
      await e.start('looping', { workflowId: 'l2', args: [2] });
      await e.start('counter', { workflowId: 'c2', args: [3] });
      await e.signal('c2', 'add', 3);
      expect((await e.result('p2')).result).toEqual([10, 20]);
      expect((await e.result('l2')).result).toBe(43);
      expect((await e.result('c2')).result).toBe(3);
      await e.idle();
      // the engine's index of runs by workflow id only holds open runs (a long-lived worker would grow with every workflow)
      expect((e as unknown as { current: Map<string, string> }).current.size).toBe(0);
      expect(e.query('c2', 'total')).toBe(3);
      await expect(e.signal('c2', 'add', 1)).rejects.toMatchObject({ code: 'WFE1009' });
      await e.start('counter', { workflowId: 'c2', args: [1] }); // the id is free again
      await e.signal('c2', 'add', 1);
      expect((await e.result('c2')).result).toBe(1);
    });
  });

  test('cancellation reaches a cancellable scope', async () => {
    await withEngine(async (e) => {
      await e.start('cancellable', { workflowId: 'k' });
      await e.idle();
      await e.cancel('k');
      expect((await e.result('k')).result).toBe('cancelled: CancelledFailure');
      expect(e.history('k').some((x) => x.eventType === 'TimerCanceled')).toBe(true);
    });
  });

  test('workflow code that throws fails the workflow task with a clear error', async () => {
    await withEngine(async (e) => {
      await e.start('throws', { workflowId: 't' });
      await expect(e.result('t')).rejects.toMatchObject({ code: 'WFE3002', exitCode: 1, message: expect.stringContaining('bug in workflow code') });
      expect(e.history('t').map((x) => x.eventType)).toContain('WorkflowTaskFailed');
    });
  });

  test('recorded failures keep the user frames of their stacks and none of the engine', async () => {
    await withEngine(async (e) => {
      await e.start('fatal', { workflowId: 'sf' });
      await e.result('sf');
      await e.start('throws', { workflowId: 'st' });
      await expect(e.result('st')).rejects.toMatchObject({ code: 'WFE3002' });
      const failures = [...e.history('sf'), ...e.history('st')]
        .filter((x) => ['ActivityTaskFailed', 'WorkflowExecutionFailed', 'WorkflowTaskFailed'].includes(x.eventType))
        .map((x) => ({ type: x.eventType, failure: (x.attributes as { failure: { stack?: string; cause?: { stack?: string } } }).failure }));
      expect(failures.map((f) => f.type).sort()).toEqual(['ActivityTaskFailed', 'WorkflowExecutionFailed', 'WorkflowTaskFailed']);
      const stacks = failures.flatMap((f) => [f.failure.stack, f.failure.cause?.stack]).filter((x): x is string => x !== undefined);
      const engineDir = path.resolve(__dirname, '../../../src/engine');
      for (const stack of stacks) {
        expect(stack).not.toContain(engineDir);
        expect(stack).not.toMatch(/evalmachine|node:vm|wfverify-watchdog|node:internal\/timers/);
      }
      // the activity's own frame (this test file) and the workflow's (the fixture) stay
      const activityStack = failures.find((f) => f.type === 'ActivityTaskFailed')!.failure.stack!;
      expect(activityStack).toMatch(/^Fatal: boom\n\s+at .*engine\.test\.ts:\d+:\d+/);
      const taskStack = failures.find((f) => f.type === 'WorkflowTaskFailed')!.failure.stack!;
      expect(taskStack).toMatch(/^TypeError: bug in workflow code\n\s+at .*basic\.ts:\d+:\d+/);
    });
  });

  test('a fan-out to thousands of activities, a third of them cancelled, completes with each one recorded once', async () => {
    await withEngine(async (e) => {
      const n = 3000;
      const parked = n / 3;
      await e.start('fanOut', { workflowId: 'fan', args: [n] });
      expect(await e.result('fan')).toEqual({ status: 'completed', result: { done: n - parked, cancelled: parked } });
      const h = e.history('fan');
      const count = (t: string): number => h.filter((x) => x.eventType === t).length;
      expect(count('ActivityTaskScheduled')).toBe(n);
      expect(count('ActivityTaskCancelRequested')).toBe(parked);
      expect(count('ActivityTaskCompleted')).toBe(n - parked);
      const scheduled = new Set(h.filter((x) => x.eventType === 'ActivityTaskScheduled').map((x) => x.eventId));
      const closed = h.filter((x) => x.eventType === 'ActivityTaskCompleted').map((x) => (x.attributes as { scheduledEventId: number }).scheduledEventId);
      expect(new Set(closed).size).toBe(closed.length);
      expect(closed.every((id) => scheduled.has(id))).toBe(true);
    });
  });

  test('a workflow using an export the engine lacks is refused at load, with the use site', async () => {
    const file = path.join(dir, 'lacks.ts');
    writeFileSync(file, [
      "import { proxyActivities, createNexusServiceClient, type WorkflowInfo } from '@temporalio/workflow';",
      "import * as wf from '@temporalio/workflow';",
      "const { hello } = proxyActivities<{ hello(n: string): Promise<string> }>({ startToCloseTimeout: '1s' });",
      'export async function tags(info?: WorkflowInfo): Promise<string> {',
      "  createNexusServiceClient();",
      '  wf.sleep(1); wf.addDefaultWorkflowOptions?.(() => undefined);',
      "  return hello(info?.workflowId ?? 'x');",
      '}',
    ].join('\n'));
    const e = await Engine.open({ activities, workflows: file });
    const started = e.start('tags');
    await expect(started).rejects.toMatchObject({ code: 'WFE1003', exitCode: 2 });
    const message = await started.catch((err: Error) => err.message);
    await e.close();
    expect(message).toContain(`${file}:5:3: "@temporalio/workflow" has no export "createNexusServiceClient"`);
    expect(message).toContain(`${file}:6:16: "@temporalio/workflow" has no export "addDefaultWorkflowOptions"`);
    expect(message).toContain(`the engine's "@temporalio/workflow" has: ActivityCancellationType, ActivityFailure, ApplicationFailure,`);
    expect(message).not.toMatch(/no export "(WorkflowInfo|sleep|proxyActivities)"/); // a type, and members the engine has
  });

  test('unknown workflow type lists the exported names', async () => {
    await withEngine(async (e) => {
      await expect(e.start('nope')).rejects.toMatchObject({ code: 'WFE1001', message: expect.stringContaining('greet') });
    });
  });

  test('a durable timer survives a restart', async () => {
    const db = path.join(dir, 'timer.db');
    await withEngine(async (e) => { await e.start('sleeper', { workflowId: 'z', args: [300] }); await e.idle(); }, db);
    const o = await withEngine((e) => e.result('z'), db);
    expect(o.status).toBe('completed');
    expect(o.result as number).toBeGreaterThanOrEqual(300);
  });
});

describe('determinism', () => {
  test('Date, Math.random, uuid4 and patched replay identically', async () => {
    await withEngine(async (e) => {
      await e.start('deterministic', { workflowId: 'd' });
      const r = (await e.result('d')).result as string[];
      expect(r[2]).toBe('true');
      expect(r[3]).toBe('true');
      const h = e.history('d');
      const runner = new WorkflowRunner(new WorkflowSandbox(basic), { ...foldHistory(h), attempt: 1 });
      expect(() => runner.replay(h)).not.toThrow();
    });
  });

  test('a changed workflow is reported with the diverging command and its source line', async () => {
    await withEngine(async (e) => {
      await e.start('greet', { workflowId: 'n', args: ['x'] });
      await e.result('n');
      const h = e.history('n');
      const runner = new WorkflowRunner(new WorkflowSandbox(path.join(fixtures, 'changed.ts')), { ...foldHistory(h), attempt: 1 });
      let err: unknown;
      try { runner.replay(h); } catch (x) { err = x; }
      expect(err).toBeInstanceOf(NondeterminismError);
      expect((err as Error).message).toContain('scheduleActivity "bye"');
      expect((err as Error).message).toContain('ActivityTaskScheduled "hello"');
      expect((err as NondeterminismError).source).toMatch(/changed\.ts:7:/);
    });
  });

  test('recovery of a changed workflow blocks the run with a nondeterminism error', async () => {
    const db = path.join(dir, 'nd.db');
    const wf = path.join(dir, 'wf.ts');
    writeFileSync(wf, `import { proxyActivities, sleep } from '@temporalio/workflow';
const a = proxyActivities<any>({ startToCloseTimeout: '1s' });
export async function w(): Promise<string> { await sleep(200); return a.hello('x'); }\n`);
    const e1 = await Engine.open({ db, activities, workflows: wf });
    await e1.start('w', { workflowId: 'w1' });
    await e1.idle();
    await e1.close();
    copyFileSync(path.join(fixtures, 'changed.ts'), wf);
    writeFileSync(wf, `import { proxyActivities } from '@temporalio/workflow';
const a = proxyActivities<any>({ startToCloseTimeout: '1s' });
export async function w(): Promise<string> { return a.hello('x'); }\n`);
    const e2 = await Engine.open({ db, activities, workflows: wf });
    await expect(e2.result('w1')).rejects.toMatchObject({ code: 'WFE3001' });
    expect(e2.history('w1').length).toBe(5);
    await e2.close();
  });
});

describe('a terminate queued while no worker runs', () => {
  test('is applied at start before any replay, after the messages queued before it, also to a run whose module no longer loads', async () => {
    const db = path.join(dir, 'term.db');
    const wfA = path.join(dir, 'term-a.ts');
    const wfB = path.join(dir, 'term-b.ts');
    const code = `import { proxyActivities, sleep } from '@temporalio/workflow';
const a = proxyActivities<any>({ startToCloseTimeout: '1s' });
export async function w(x: string): Promise<string> { await sleep(300); return a.hello(x); }\n`;
    writeFileSync(wfA, code);
    writeFileSync(wfB, code);
    const e1 = await Engine.open({ db, activities, workflows: wfA });
    await e1.start('w', { workflowId: 'a1', args: ['a1'] });
    await e1.start('w', { workflowId: 'a2', args: ['a2'] });
    await e1.start('w', { workflowId: 'b1', args: ['b1'], module: wfB });
    await e1.idle();
    await e1.close();
    const store = new SqliteStore(db); // as `wfverify signal` / `terminate` do
    store.enqueueInbox('signal', 'a1', { name: 'ping', args: [1] });
    store.enqueueInbox('terminate', 'a1', { reason: 'stop a1' });
    store.enqueueInbox('terminate', 'b1', { reason: 'stop b1' });
    store.close();
    writeFileSync(wfB, `import 'node:fs';\n${code}`); // refused at load: b1 would be blocked
    const e2 = await Engine.open({ db, activities, workflows: wfA });
    try {
      expect(e2.stats.replays).toBe(1); // a2 only
      expect(e2.store.inbox(0)).toEqual([]); // committed done at recovery (the inbox poller has not committed anything yet)
      for (const [id, reason] of [['a1', 'stop a1'], ['b1', 'stop b1']]) {
        expect(await e2.result(id)).toMatchObject({ status: 'terminated', failure: { message: reason } });
        const h = e2.history(id);
        expect(h.at(-1)).toMatchObject({ eventType: 'WorkflowExecutionTerminated', attributes: { reason } });
        expect(h.filter((x) => x.eventType === 'WorkflowExecutionTerminated')).toHaveLength(1);
      }
      expect(e2.history('a1').slice(-3).map((x) => x.eventType)).toEqual(['WorkflowExecutionSignaled', 'WorkflowTaskScheduled', 'WorkflowExecutionTerminated']);
      expect(await e2.result('a2')).toMatchObject({ status: 'completed', result: 'hello a2' });
    } finally {
      await e2.close();
    }
  });
});

describe('store errors', () => {
  test('a corrupt database is refused without being modified', async () => {
    const db = path.join(dir, 'corrupt.db');
    writeFileSync(db, 'this is not sqlite at all, just text'.repeat(10));
    await expect(Engine.open({ db })).rejects.toMatchObject({ code: 'WFE2001', exitCode: 2 });
  });
});

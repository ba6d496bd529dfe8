/**
 * The engine's CLI commands end to end (in process, through yargs): run, history, signal,
 * cancel, terminate, worker, query; bad input gives clear messages and distinct exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { cancelCommand } from '../../../src/cli/commands/cancel.js';
import { historyCommand } from '../../../src/cli/commands/history.js';
import { queryCommand } from '../../../src/cli/commands/query.js';
import { runCommand } from '../../../src/cli/commands/run.js';
import { signalCommand } from '../../../src/cli/commands/signal.js';
import { terminateCommand } from '../../../src/cli/commands/terminate.js';
import { workerCommand } from '../../../src/cli/commands/worker.js';
import { takeExitCode } from '../../../src/cli/exit.js';
import { buildCli, buildEngine, repoRoot } from './build-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const payment = path.join(repoRoot, 'examples/workflows/payment/workflows.ts');
const basic = path.join(repoRoot, 'test/fixtures/engine/workflows/basic.ts');

/** The events of a run as `wfverify history --format json` prints them. */
async function events(id: string, db: string): Promise<{ eventType: string; attributes: Record<string, unknown> }[]> {
  const h = await cli('history', id, '--db', db, '--format', 'json');
  expect(h.code).toBe(0);
  return (JSON.parse(h.out) as { events: { eventType: string; attributes: Record<string, unknown> }[] }).events;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    const p = yargs(argv).exitProcess(false).strict().fail((m, x) => { throw x ?? new Error(m); });
    for (const c of [runCommand, workerCommand, signalCommand, cancelCommand, terminateCommand, queryCommand, historyCommand]) p.command(c as never);
    await p.parseAsync();
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { code: takeExitCode(), out, err };
}

describe('wfverify run / history', () => {
  test('runs a workflow to completion and prints its result', async () => {
    const db = path.join(dir, 'a.db');
    const r = await cli('run', payment, '--workflow', 'threeSteps', '--input', '["o-1", 5]', '--db', db, '--workflow-id', 'w1');
    expect(r).toMatchObject({ code: 0, out: '"res-o-1-5/charge-o-1"\n' });
    const h = await cli('history', 'w1', '--db', db, '--format', 'temporal-json');
    expect(h.code).toBe(0);
    const json = JSON.parse(h.out) as { events: { eventType: string }[] };
    expect(json.events[0].eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(json.events.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    const t = await cli('history', 'w1', '--db', db);
    expect(t.out).toContain('status=completed events=23');
  });

  test('a failing workflow exits 1', async () => {
    const r = await cli('run', payment, '--workflow', 'threeSteps', '--input', '["o-2", 0]', '--db', ':memory:');
    expect(r.code).toBe(1);
    // the failure with its cause: the outer ActivityFailure alone would not say why
    expect(r.err).toMatch(/failed: Activity task failed \(chargeCard\); caused by invalid amount 0\n$/);
  });

  test('--failure-error-types: a named error class fails the run (exit 1) instead of its task; a malformed value is bad input', async () => {
    const wf = path.resolve(__dirname, '../../fixtures/engine/workflows/definition-options.ts');
    const r = await cli('run', wf, '--workflow', 'failsTask', '--input', '[true]', '--db', ':memory:', '--failure-error-types', '{"failsTask":["CustomWorkflowError"]}');
    expect(r.code).toBe(1);
    expect(r.err).toContain('failed: SpecificError: a specific bug');
    expect(await cli('run', wf, '--workflow', 'failsTask', '--db', ':memory:', '--failure-error-types', '{"*":"Error"}')).toMatchObject({ code: 2, err: expect.stringContaining('WFE1007') });
    expect(await cli('run', wf, '--workflow', 'failsTask', '--db', ':memory:', '--failure-error-types', '{oops')).toMatchObject({ code: 2, err: expect.stringContaining('WFE1002') });
  });

  test('--retry: a failing run is retried as the policy says; an invalid policy is bad input', async () => {
    const retries = path.join(repoRoot, 'test/fixtures/engine/workflows/retries.ts');
    const ok = await cli('run', retries, '--workflow', 'flaky', '--input', '3', '--db', ':memory:', '--retry', '{"initialInterval":"10ms","maximumAttempts":3}');
    expect(ok).toMatchObject({ code: 0, out: '"ok at attempt 3"\n' });
    const spent = await cli('run', retries, '--workflow', 'flaky', '--input', '3', '--db', ':memory:', '--retry', '{"initialInterval":10,"maximumAttempts":2}');
    expect(spent).toMatchObject({ code: 1, err: expect.stringMatching(/failed: Flaky: attempt 2 failed \(RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED\)\n$/) });
    const bad = await cli('run', retries, '--workflow', 'flaky', '--input', '3', '--db', ':memory:', '--retry', '{"backoffCoefficient":0}');
    expect(bad).toMatchObject({ code: 2, err: 'wfverify: error WFE1007: invalid workflow retry.backoffCoefficient: 0 (it must be a number ≥ 1)\n' });
    const notJson = await cli('run', retries, '--workflow', 'flaky', '--db', ':memory:', '--retry', '3 attempts');
    expect(notJson).toMatchObject({ code: 2, err: expect.stringContaining('WFE1002: --retry is not valid JSON') });
  });

  test('--signal: signal-with-start, the signal is there at the first workflow task', async () => {
    const db = path.join(dir, 'sws.db');
    const r = await cli('run', basic, '--workflow', 'counter', '--input', '3', '--signal', 'add', '--signal-args', '3', '--db', db, '--workflow-id', 'sws');
    expect(r).toMatchObject({ code: 0, out: '3\n' });
    expect((await events('sws', db)).slice(0, 3).map((e) => e.eventType)).toEqual(['WorkflowExecutionStarted', 'WorkflowExecutionSignaled', 'WorkflowTaskScheduled']);
    const bad = await cli('run', basic, '--workflow', 'counter', '--signal', 'add', '--signal-args', '{x', '--db', ':memory:');
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining('WFE1002: --signal-args is not valid JSON') });
  });

  test('bad input: unknown workflow, invalid JSON, unknown execution, corrupt database', async () => {
    const u = await cli('run', payment, '--workflow', 'nope', '--db', ':memory:');
    expect(u).toMatchObject({ code: 2 });
    expect(u.err).toMatch(/^wfverify: error WFE1001: unknown workflow type "nope" .*exported workflows: .*payment/);
    const j = await cli('run', payment, '--workflow', 'payment', '--input', '{oops', '--db', ':memory:');
    expect(j.code).toBe(2);
    expect(j.err).toContain('WFE1002: --input is not valid JSON');
    const x = await cli('history', 'missing', '--db', path.join(dir, 'a.db'));
    expect(x.code).toBe(2);
    expect(x.err).toContain('WFE1004');
    const bad = path.join(dir, 'bad.db');
    writeFileSync(bad, 'garbage'.repeat(100));
    const c = await cli('run', payment, '--workflow', 'threeSteps', '--db', bad);
    expect(c.code).toBe(2);
    expect(c.err).toContain('WFE2001');
    expect(c.err).not.toMatch(/\n\s+at /);
  });
});

describe('wfverify signal / query / worker', () => {
  test('a signal queued by another process is delivered by the worker', async () => {
    const db = path.join(dir, 'b.db');
    const started = cli('run', payment, '--workflow', 'payment', '--input', '["o-3", 9]', '--db', db, '--workflow-id', 'p1');
    await new Promise((r) => setTimeout(r, 500));
    const q = await cli('query', 'p1', 'status', '--db', db);
    expect(q).toMatchObject({ code: 0, out: '"awaiting approval"\n' });
    const s = await cli('signal', 'p1', 'approve', '--args', 'true', '--db', db);
    expect(s.code).toBe(0);
    const r = await started; // its output interleaves with the other commands' captures
    expect(r.code).toBe(0);
    expect((await cli('query', 'p1', 'status', '--db', db)).out).toBe('"done"\n');
    const s2 = await cli('signal', 'p1', 'approve', '--args', 'true', '--db', db);
    expect(s2).toMatchObject({ code: 2 });
    expect(s2.err).toContain('WFE1009');
    const w = await cli('worker', '--db', db, '--until-idle');
    expect(w.code).toBe(0);
  }, 30_000);

  test('workflow code that loops: recorded, clear message, exit 1, history kept', () => {
    const engineDir = buildEngine();
    const wf = path.join(dir, 'loop.ts');
    writeFileSync(wf, `export async function spin(): Promise<void> { for (;;) { /* no yield */ } }\n`);
    const db = path.join(dir, 'loop.db');
    const script = `const { Engine } = await import(${JSON.stringify(path.join(engineDir, 'index.js'))});
      const e = await Engine.open({ db: ${JSON.stringify(db)}, workflows: ${JSON.stringify(wf)}, deadlockTimeoutMs: 300 });
      await e.start('spin', { workflowId: 's1' }); await e.result('s1');`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('wfverify: error WFE3003');
    expect(r.stderr).not.toContain('async hook');
  }, 40_000);
});

describe('wfverify cancel / terminate', () => {
  test('terminate: the running worker records WorkflowExecutionTerminated with the reason; closed or unknown runs are refused', async () => {
    const db = path.join(dir, 't.db');
    const started = cli('run', payment, '--workflow', 'payment', '--input', '["o-5", 1]', '--db', db, '--workflow-id', 'p5');
    await new Promise((r) => setTimeout(r, 500));
    expect((await cli('query', 'p5', 'status', '--db', db)).out).toBe('"awaiting approval"\n');
    expect(await cli('terminate', 'p5', '--reason', 'operator: stuck', '--db', db)).toEqual({ code: 0, out: 'termination queued for p5\n', err: '' });
    expect((await started).code).toBe(1); // the run's outcome is "terminated"
    const h = await cli('history', 'p5', '--db', db);
    expect(h.out.trim().split('\n').slice(-2)).toEqual([expect.stringMatching(/ WorkflowExecutionTerminated$/), expect.stringMatching(/^status=terminated events=\d+$/)]);
    const ev = await events('p5', db);
    expect(ev.at(-1)).toMatchObject({ eventType: 'WorkflowExecutionTerminated', attributes: { reason: 'operator: stuck' } });
    expect(ev.filter((e) => e.eventType === 'WorkflowExecutionTerminated')).toHaveLength(1);
    for (const cmd of ['terminate', 'cancel']) {
      const closed = await cli(cmd, 'p5', '--db', db);
      expect(closed).toMatchObject({ code: 2, out: '' });
      expect(closed.err).toBe('wfverify: error WFE1009: workflow execution p5 is closed (terminated)\n');
      const unknown = await cli(cmd, 'nope', '--db', db);
      expect(unknown).toMatchObject({ code: 2, out: '' });
      expect(unknown.err).toContain(`wfverify: error WFE1004: unknown workflow execution nope in ${db}`);
    }
  }, 30_000);

  test('cancel: the workflow sees the cancellation and handles it', async () => {
    const db = path.join(dir, 'k.db');
    const started = cli('run', basic, '--workflow', 'cancellable', '--db', db, '--workflow-id', 'k1');
    await new Promise((r) => setTimeout(r, 500));
    expect(await cli('cancel', 'k1', '--reason', 'no longer needed', '--db', db)).toEqual({ code: 0, out: 'cancellation requested for k1\n', err: '' });
    expect((await started).code).toBe(0);
    const ev = await events('k1', db);
    expect(ev.find((e) => e.eventType === 'WorkflowExecutionCancelRequested')).toMatchObject({ attributes: { cause: 'no longer needed' } });
    expect(ev.some((e) => e.eventType === 'TimerCanceled')).toBe(true);
    expect(ev.at(-1)).toMatchObject({ eventType: 'WorkflowExecutionCompleted', attributes: { result: 'cancelled: CancelledFailure' } });
    const again = await cli('cancel', 'k1', '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toContain('WFE1009: workflow execution k1 is closed (completed)');
  }, 30_000);
});

describe('a restart whose replay loops', () => {
  // Open runs are replayed in watchdog slices at start (worker/replay-slices.ts). A run whose code
  // now loops is cut short: without promise hooks it is blocked and the others resume; with them
  // (an AsyncLocalStorage in use) Node's async-id stack is left inconsistent, so the engine ends
  // the process with the error (exit 1) instead of letting Node abort on an assertion.
  const script = (engineDir: string, wfDir: string, phase: 'start' | 'reopen', hooks: boolean): string => `
    import { writeFileSync } from 'node:fs';
    import { AsyncLocalStorage } from 'node:async_hooks';
    const { Engine } = await import(${JSON.stringify(path.join(engineDir, 'index.js'))});
    const wf = ${JSON.stringify(path.join(wfDir, 'wf.ts'))}, db = ${JSON.stringify(path.join(wfDir, 'rl.db'))};
    const loop = ${phase === 'reopen'};
    writeFileSync(wf, \`import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
const a = proxyActivities<any>({ startToCloseTimeout: '1s' });
export async function w(n: number): Promise<string> {
  \${loop ? "if (workflowInfo().workflowId === 'w3') for (;;) { }" : ''}
  await sleep(300);
  return a.hello(String(n));
}\n\`);
    if (${hooks}) { new AsyncLocalStorage().enterWith(1); await Promise.resolve(); }
    const e = await Engine.open({ db, activities: { hello: async (n) => 'hello ' + n }, workflows: wf, deadlockTimeoutMs: 300 });
    if (!loop) { for (let i = 0; i < 10; i++) await e.start('w', { workflowId: 'w' + i, args: [i] }); await e.idle(); }
    else for (let i = 0; i < 10; i++) { try { const o = await e.result('w' + i); console.log(i, o.status, o.result); } catch (err) { console.log(i, err.code); } }
    await e.close();`;
  const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });

  test.each([false, true])('promise hooks on: %s', (hooks) => {
    const engineDir = buildEngine();
    const wfDir = path.join(dir, `replay-loop-${hooks}`);
    mkdirSync(wfDir, { recursive: true });
    expect(node(script(engineDir, wfDir, 'start', hooks)).status).toBe(0);
    const r = node(script(engineDir, wfDir, 'reopen', hooks));
    expect(r.stderr).not.toMatch(/Assertion failed|async_id/);
    if (!hooks) {
      expect(r.status).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual([...Array(10).keys()].map((i) => (i === 3 ? '3 WFE3003' : `${i} completed hello ${i}`)));
    } else {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('wfverify: error WFE3003: workflow w (w3) did not yield within the deadlock timeout');
      expect(r.stderr).toContain('while its history was replayed at start');
    }
  }, 60_000);

  // The way out of the above: `wfverify terminate` queues the termination, and the next worker
  // applies it before replaying any run, so the looping code never runs again.
  test('wfverify terminate ends a run whose replay loops (promise hooks on) without replaying it; the next start resumes the others', async () => {
    const engineDir = buildEngine();
    const wfDir = path.join(dir, 'replay-loop-terminate');
    mkdirSync(wfDir, { recursive: true });
    const db = path.join(wfDir, 'rl.db');
    expect(node(script(engineDir, wfDir, 'start', true)).status).toBe(0);
    const stuck = node(script(engineDir, wfDir, 'reopen', true));
    expect(stuck.status).toBe(1);
    expect(stuck.stderr).toContain('WFE3003: workflow w (w3)');
    expect(await cli('terminate', 'w3', '--reason', 'replay loops', '--db', db)).toEqual({ code: 0, out: 'termination queued for w3\n', err: '' });
    const r = node(script(engineDir, wfDir, 'reopen', true));
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout.trim().split('\n')).toEqual([...Array(10).keys()].map((i) => (i === 3 ? '3 terminated undefined' : `${i} completed hello ${i}`)));
    const ev = await events('w3', db);
    expect(ev.at(-1)).toMatchObject({ eventType: 'WorkflowExecutionTerminated', attributes: { reason: 'replay loops' } });
    expect(ev.filter((e) => e.eventType === 'WorkflowExecutionTerminated')).toHaveLength(1);
  }, 60_000);
});

describe('wfverify run waits for the result; the inbox does not depend on --sync', () => {
  const flakyDir = path.join(dir, 'flaky');
  function writeFlaky(): string {
    mkdirSync(flakyDir, { recursive: true });
    writeFileSync(path.join(flakyDir, 'activities.ts'), `let calls = 0;
export async function flaky(): Promise<string> { if (++calls === 1) throw new Error('first attempt fails'); return 'ok after ' + calls; }\n`);
    const wf = path.join(flakyDir, 'workflows.ts');
    writeFileSync(wf, `import { condition, proxyActivities } from '@temporalio/workflow';
const { flaky } = proxyActivities<{ flaky(): Promise<string> }>({ startToCloseTimeout: '300ms', retry: { initialInterval: '1500ms', maximumAttempts: 3 } });
export async function retried(): Promise<string> { return flaky(); }
export async function waitsForever(): Promise<void> { await condition(() => false); }\n`);
    return wf;
  }

  // Regression: the retry backoff timer was unref'd, so the process exited 0 (printing nothing)
  // while the second attempt was still pending. A real child process, as bin/wfverify.js runs it.
  test('run does not exit while an activity retry backoff is pending', () => {
    const script = buildCli();
    const wf = writeFlaky();
    for (const db of [':memory:', path.join(flakyDir, 'retry.db')]) {
      const r = spawnSync(process.execPath, [script, 'run', wf, '--workflow', 'retried', '--db', db], { encoding: 'utf8', timeout: 30_000 });
      // the failed first attempt is logged, as Temporal's worker logs it
      const warning = /^wfverify: \[WARN\] activity flaky of retried \S+: Activity failed \{"attempt":1,"error":"Error: first attempt fails"\}\n$/;
      expect({ db, status: r.status, out: r.stdout, warned: warning.test(r.stderr) }).toEqual({ db, status: 0, out: '"ok after 2"\n', warned: true });
    }
  }, 60_000);

  test('run fails clearly when nothing can advance the workflow', () => {
    const script = buildCli();
    const wf = writeFlaky();
    const r = spawnSync(process.execPath, [script, 'run', wf, '--workflow', 'waitsForever', '--db', ':memory:'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('wfverify: error WFE3004: workflow');
  }, 60_000);

  // Regression: with --sync off the inbox was never polled, so signals from other processes were lost.
  test('a signal from another process is delivered with --sync off', async () => {
    const db = path.join(dir, 'nosync.db');
    const started = cli('run', payment, '--workflow', 'payment', '--input', '["o-4", 3]', '--db', db, '--workflow-id', 'p4', '--sync', 'off');
    await new Promise((r) => setTimeout(r, 500));
    expect((await cli('query', 'p4', 'status', '--db', db)).out).toBe('"awaiting approval"\n');
    expect((await cli('signal', 'p4', 'approve', '--args', 'true', '--db', db)).code).toBe(0);
    const r = await Promise.race([started, new Promise<'timeout'>((res) => setTimeout(() => res('timeout'), 10_000))]);
    expect(r).not.toBe('timeout');
    expect((await cli('query', 'p4', 'status', '--db', db)).out).toBe('"done"\n');
  }, 30_000);
});

/**
 * Local activities on the engine, as on Temporal: run while the workflow task that scheduled them
 * stays open, recorded as `core_local_activity` markers (no ActivityTask* events), retried within
 * the task or on a workflow timer, cancelled by type, with signals that arrive meanwhile waiting for
 * the task; and a run rebuilt by replay resolves them from their markers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { activityInfo } from '../../../src/engine/activity/index.js';
import { Engine, NondeterminismError, Replayer, historyFromTemporalJson, historyToTemporalJson, type HistoryEvent } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/local-activities.ts');

function activities(): Record<string, (...a: never[]) => unknown> {
  const counts = new Map<string, number>();
  return {
    echo: async (s: string) => s,
    slow: (ms: number) => new Promise<string>((r) => setTimeout(() => r(`slept ${ms}`), ms)),
    flaky: async (key: string, failures: number) => {
      const n = (counts.get(key) ?? 0) + 1;
      counts.set(key, n);
      if (n <= failures) throw new Error(`flaky ${key} ${n}`);
      return `${key} after ${n}`;
    },
    fail: async (m: string) => { throw new Error(m); },
  };
}

/** Event types, with each local activity marker as `Marker(seq)`. */
function shape(events: readonly HistoryEvent[]): string[] {
  return events.map((e) => (e.eventType === 'MarkerRecorded' ? `Marker(${(e.attributes.details.data as { seq: number }).seq})` : e.eventType));
}

async function run(workflow: string, args: unknown[], during?: (e: Engine) => Promise<void>): Promise<{ result: unknown; status: string; events: HistoryEvent[] }> {
  const e = await Engine.open({ activities: activities() as never, workflows, log: false });
  try {
    await e.start(workflow, { workflowId: 'w', args });
    if (during) await during(e);
    const o = await e.result('w');
    return { result: o.result, status: o.status, events: e.history('w') };
  } finally {
    await e.close();
  }
}

describe('local activities', () => {
  test('outcomes are markers of the task that scheduled them', async () => {
    const r = await run('laSequence', ['x']);
    expect(r.result).toBe('x!');
    expect(shape(r.events)).toEqual([
      'WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'Marker(1)', 'Marker(2)', 'ActivityTaskScheduled',
      'ActivityTaskStarted', 'ActivityTaskCompleted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'WorkflowExecutionCompleted',
    ]);
  });
  test('parallel local activities, local retries, failures', async () => {
    expect((await run('laParallel', [])).result).toEqual(['a', 'slept 30', 'b']);
    const retried = await run('laRetries', ['k']);
    expect(retried.result).toBe('k after 3');
    const m = retried.events.find((e) => e.eventType === 'MarkerRecorded')!;
    expect((m.attributes.details.data as { attempt: number }).attempt).toBe(3);
    expect((await run('laFails', [])).result).toBe('ActivityFailure: boom');
  });
  test('a backoff above the local retry threshold is a workflow timer, then a new sequence number', async () => {
    const r = await run('laBackoff', ['k']);
    expect(r.result).toBe('k after 3');
    const s = shape(r.events).filter((t) => !t.startsWith('WorkflowTask'));
    expect(s).toEqual(['WorkflowExecutionStarted', 'Marker(1)', 'TimerStarted', 'TimerFired', 'Marker(2)', 'TimerStarted', 'TimerFired', 'Marker(3)', 'WorkflowExecutionCompleted']);
  });
  test('cancellation types', async () => {
    expect((await run('laCancel', ['TRY_CANCEL'])).result).toBe('cancelled');
    expect((await run('laCancel', ['ABANDON'])).result).toBe('cancelled');
    expect((await run('laCancel', ['WAIT_CANCELLATION_COMPLETED'])).result).toBe('cancelled');
    let slowCalls = 0;
    for (const type of ['TRY_CANCEL', 'WAIT_CANCELLATION_COMPLETED', 'ABANDON']) {
      const e = await Engine.open({ activities: { ...activities(), slow: async () => { slowCalls++; return 'ran'; } } as never, workflows, log: false });
      await e.start('laCancelAtOnce', { workflowId: type, args: [type] });
      expect((await e.result(type)).result).toBe('cancelled'); // cancelled in the activation that scheduled it: never run, resolved with a marker
      expect(shape(e.history(type)).filter((t) => t.startsWith('Marker'))).toEqual(['Marker(1)']);
      await e.close();
    }
    expect(slowCalls).toBe(0);
  });
  test('signals sent while the task is open wait for it, and the clock moves by the activity time', async () => {
    const r = await run('laSignalled', [300], async (e) => {
      await new Promise((res) => setTimeout(res, 50));
      await e.signal('w', 'poke');
      await e.signal('w', 'poke');
    });
    expect(r.result).toBe(2); // none seen during the activity (its task was open), both after
    const s = shape(r.events);
    expect(s.indexOf('WorkflowExecutionSignaled')).toBeGreaterThan(s.indexOf('Marker(1)'));
    const clock = await run('laClock', [120]);
    expect(clock.result).toBeGreaterThanOrEqual(110);
  });

  test('a task open for 80% of the task timeout is heartbeated: completed with a new task forced, the signals that waited delivered while the activity runs on', async () => {
    const r = await run('laSignalled', [8500], async (e) => {
      await new Promise((res) => setTimeout(res, 50));
      await Promise.all([e.signal('w', 'poke'), e.signal('w', 'poke')]); // acknowledged once applied, at the heartbeat
    });
    // the signals arrived at 50 ms, reached the code at the heartbeat (8 s), before the activity ended (8.5 s)
    expect(r.result).toBe(22);
    expect(shape(r.events)).toEqual([
      'WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'WorkflowTaskScheduled',
      'WorkflowExecutionSignaled', 'WorkflowExecutionSignaled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'Marker(1)', 'WorkflowExecutionCompleted',
    ]);
    const started = r.events.filter((e) => e.eventType === 'WorkflowTaskStarted').map((e) => e.eventTime);
    expect(started[1] - started[0]).toBeGreaterThanOrEqual(8000);
    expect(new Replayer(workflows).replay(r.events, 'laSignalled').closed).toBe(true);
  }, 30_000);

  test('a termination does not wait for an open task: the task fails, its local activity is abandoned', async () => {
    const r = await run('laSignalled', [5000], async (e) => {
      await new Promise((res) => setTimeout(res, 50));
      await e.terminate('w', 'enough');
    });
    expect(r.status).toBe('terminated');
    expect(shape(r.events)).toEqual(['WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskFailed', 'WorkflowExecutionTerminated']);
  });

  test('a local activity type the worker cannot run fails the call at once (the task, when uncaught); the `default` activity runs unregistered types', async () => {
    const caught = await run('laUnregistered', [true]);
    expect(caught.result).toBe("ReferenceError: Local activity of type 'missing' not registered on worker");
    expect(shape(caught.events)).toEqual(['WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted', 'WorkflowExecutionCompleted']);
    const e = await Engine.open({ activities: activities() as never, workflows, log: false });
    try {
      const failed = new Promise<Error>((res) => e.subscribe((o) => { if (o.kind === 'workflowTaskFailed') res(o.error); }));
      await e.start('laUnregistered', { workflowId: 'u', args: [false] });
      expect((await failed).message).toMatch(/Local activity of type 'missing' not registered on worker/);
      expect(shape(e.history('u'))).toEqual(['WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskFailed']);
    } finally {
      await e.close();
    }
    const types: string[] = [];
    const d = await Engine.open({ activities: { ...activities(), default: async (x: number) => { types.push(activityInfo().activityType); return `default ${x}`; } } as never, workflows, log: false });
    try {
      await d.start('laByDefault', { workflowId: 'd', args: [] });
      expect(await d.result('d')).toEqual({ status: 'completed', result: ['default 1', 'default 2'] });
      expect(types).toEqual(['anything', 'elsewise']);
      expect(shape(d.history('d'))).toContain('Marker(1)');
    } finally {
      await d.close();
    }
  });

  test('every history replays on the engine (markers resolve the calls); a marker of another activity is a nondeterminism', async () => {
    const replayer = new Replayer(workflows);
    for (const [wf, args] of [['laSequence', ['x']], ['laParallel', []], ['laRetries', ['k']], ['laBackoff', ['k']], ['laFails', []], ['laCancel', ['TRY_CANCEL']], ['laCancel', ['WAIT_CANCELLATION_COMPLETED']], ['laCancel', ['ABANDON']], ['laClock', [30]]] as const) {
      const r = await run(wf, [...args]);
      expect(replayer.replay(r.events, wf).closed).toBe(true);
      // through Temporal's JSON format and back: the markers (a failure included) read as written, written again the same
      const json = historyToTemporalJson(r.events);
      const back = historyFromTemporalJson(json);
      expect(historyToTemporalJson(back)).toEqual(json);
      expect(back.filter((e) => e.eventType === 'MarkerRecorded').map((e) => e.attributes)).toMatchObject(r.events.filter((e) => e.eventType === 'MarkerRecorded').map((e) => (e.attributes.failure === undefined ? e.attributes : { ...e.attributes, failure: { kind: e.attributes.failure.kind, retryState: e.attributes.failure.retryState } })));
      expect(replayer.replay(back, wf).closed).toBe(true);
    }
    const r = await run('laSequence', ['x']);
    const changed = r.events.map((e) => e.eventType === 'MarkerRecorded' && (e.attributes.details.data as { seq: number }).seq === 2
      ? { ...e, attributes: { ...e.attributes, details: { ...e.attributes.details, data: { ...(e.attributes.details.data as object), activity_type: 'slow' } } } } as HistoryEvent : e);
    expect(() => replayer.replay(changed, 'changed')).toThrow(NondeterminismError);
    expect(() => replayer.replay(changed, 'changed')).toThrow(/scheduleLocalActivity "echo" \(seq 2\).*local activity "slow"/);
    const dropped = r.events.filter((e) => !(e.eventType === 'MarkerRecorded' && (e.attributes.details.data as { seq: number }).seq === 1)).map((e, i) => ({ ...e, eventId: i + 1 }) as HistoryEvent);
    expect(() => replayer.replay(dropped, 'dropped')).toThrow(NondeterminismError);
  });

  test('after a restart: a closed task is replayed from its markers; a task open at the stop runs again (at-least-once)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-la-'));
    const db = path.join(dir, 'e.db');
    let slowCalls = 0;
    const acts = { ...activities(), slow: (ms: number) => { slowCalls++; return new Promise<string>((r) => setTimeout(() => r(`slept ${ms}`), ms)); } };
    try {
      let e = await Engine.open({ db, activities: acts as never, workflows, log: false });
      await e.start('laSignalled', { workflowId: 'replayed', args: [20] });
      await e.start('laSignalled', { workflowId: 'interrupted', args: [400] });
      for (let i = 0; i < 200 && !e.history('replayed').some((x) => x.eventType === 'MarkerRecorded'); i++) await new Promise((r) => setTimeout(r, 10));
      expect(e.history('interrupted').map((x) => x.eventType)).toEqual(['WorkflowExecutionStarted', 'WorkflowTaskScheduled']); // its task is open: nothing of it is written
      await e.close();
      expect(slowCalls).toBe(2);
      e = await Engine.open({ db, activities: acts as never, workflows, log: false });
      for (const id of ['replayed', 'interrupted']) { await e.signal(id, 'poke'); await e.signal(id, 'poke'); }
      expect((await e.result('replayed')).result).toBe(2);
      expect((await e.result('interrupted')).result).toBe(2);
      expect(slowCalls).toBe(3); // the interrupted task's local activity ran again, the recorded one did not
      expect(e.stats.replays).toBeGreaterThanOrEqual(1);
      expect(shape(e.history('interrupted')).filter((t) => t.startsWith('Marker'))).toEqual(['Marker(1)']);
      await e.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

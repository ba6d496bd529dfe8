/**
 * The smaller parts of Temporal's workflow API on the engine: `scheduleActivity` /
 * `scheduleLocalActivity`, failure subclasses, `ServerFailure`, the errors that are not failures,
 * `AsyncLocalStorage`, and the id policy enum helpers (cross-checked against `@temporalio/common`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';
import { historyFromTemporalJson, historyToTemporalJson } from '../../../src/engine/index.js';
import * as ours from '../../../src/engine/workflow/enums.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/api-extras.ts');
const common = createRequire(import.meta.url)('@temporalio/common') as Record<string, (v: unknown) => unknown>;

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await Engine.open({ activities: { hello: async (s: string) => `hello ${s}` }, workflows, deadlockTimeoutMs: 1000, log: false });
  try { await fn(e); } finally { await e.close(); }
}

describe('activities scheduled by name', () => {
  test('scheduleActivity and scheduleLocalActivity run the named activity with the options given', async () => {
    await withEngine(async (e) => {
      await e.start('byName', { workflowId: 'n', args: ['o1', false] });
      expect(await e.result('n')).toEqual({ status: 'completed', result: ['hello o1', 'hello o1!'] });
      const scheduled = e.history('n').filter((x) => x.eventType === 'ActivityTaskScheduled').map((x) => x.attributes as { activityType: string; startToCloseTimeoutMs?: number });
      expect(scheduled.map((s) => [s.activityType, s.startToCloseTimeoutMs])).toEqual([['hello', 2000]]);
      // the local activity is a marker, as Temporal's core records it
      const markers = e.history('n').filter((x) => x.eventType === 'MarkerRecorded').map((x) => x.attributes as unknown as { markerName: string; details: { data: { activity_type: string; seq: number }; result: unknown } });
      expect(markers.map((m) => [m.markerName, m.details.data.activity_type, m.details.data.seq, m.details.result])).toEqual([['core_local_activity', 'hello', 2, 'hello o1!']]);
    });
  });

  test('without options, the workflow task fails with a clear message', async () => {
    await withEngine(async (e) => {
      await e.start('byName', { workflowId: 'bad', args: ['o1', true] });
      await expect(e.result('bad')).rejects.toMatchObject({ code: 'WFE3002', message: expect.stringContaining('activity options are required') });
    });
  });
});

describe('what fails the run and what fails the task', () => {
  const failure = async (kind: string): Promise<Record<string, unknown>> => {
    let out: Record<string, unknown> = {};
    await withEngine(async (e) => {
      await e.start('failsWith', { workflowId: kind, args: [kind] });
      const r = await e.result(kind);
      expect(r.status).toBe('failed');
      out = (r as unknown as { failure: Record<string, unknown> }).failure;
    });
    return out;
  };

  test('a subclass of ApplicationFailure fails the run with its type and non-retryable flag', async () => {
    expect(await failure('subclass')).toMatchObject({ kind: 'application', type: 'OutOfStock', nonRetryable: true, message: 'no socks left' });
  });

  test('a subclass that assigns `name` fails the workflow task, as on Temporal (the name is read-only)', async () => {
    await withEngine(async (e) => {
      await e.start('failsWith', { workflowId: 'renamed', args: ['renamed'] });
      await expect(e.result('renamed')).rejects.toMatchObject({ code: 'WFE3002', message: expect.stringContaining("Cannot assign to read only property 'name'") });
    });
  });

  test('a ServerFailure fails the run, recorded with serverFailureInfo', async () => {
    await withEngine(async (e) => {
      await e.start('failsWith', { workflowId: 's', args: ['server'] });
      expect(await e.result('s')).toMatchObject({ status: 'failed', failure: { kind: 'server', nonRetryable: true, message: 'server said no' } });
      const json = historyToTemporalJson(e.history('s')) as { events: Record<string, any>[] };
      const failed = json.events.find((x) => x.workflowExecutionFailedEventAttributes)!.workflowExecutionFailedEventAttributes;
      expect(failed.failure.serverFailureInfo).toEqual({ nonRetryable: true });
      // and back
      expect(historyFromTemporalJson(json).at(-1)).toMatchObject({ eventType: 'WorkflowExecutionFailed', attributes: { failure: { kind: 'server', nonRetryable: true } } });
    });
  });

  test('a bare TemporalFailure fails the run (as any TemporalFailure does on Temporal)', async () => {
    expect(await failure('temporal')).toMatchObject({ message: 'bare failure' });
  });

  test('a WorkflowError fails the workflow task, not the run', async () => {
    await withEngine(async (e) => {
      await e.start('failsWith', { workflowId: 'w', args: ['workflowError'] });
      await expect(e.result('w')).rejects.toMatchObject({ code: 'WFE3002', message: expect.stringContaining('threw WorkflowError: a bug') });
    });
  });
});

describe('AsyncLocalStorage', () => {
  test('each run() context follows its callback through awaits; concurrent branches do not mix', async () => {
    await withEngine(async (e) => {
      await e.start('contextual', { workflowId: 'c' });
      expect(await e.result('c')).toEqual({ status: 'completed', result: ['a:a', 'b:b', 'outside:undefined'] });
    });
  });
});

describe('timers and conditions as in Temporal\'s SDK', () => {
  test('a condition that holds resolves at once; condition(fn, 0) is a 1 ms timeout behind the SDK\'s patch; a negative sleep is 1 ms', async () => {
    await withEngine(async (e) => {
      await e.start('timing', { workflowId: 't' });
      expect(await e.result('t')).toEqual({ status: 'completed', result: ['held', 'later', 'zero timed out: true'] });
      const h = e.history('t');
      const timers = h.filter((x) => x.eventType === 'TimerStarted').map((x) => (x.attributes as { startToFireTimeoutMs: number }).startToFireTimeoutMs);
      // the branch whose condition held started its timer first
      expect(timers).toEqual([5, 6, 1, 1, 1]);
      const markers = h.filter((x) => x.eventType === 'MarkerRecorded').map((x) => (x.attributes as { details?: { patchId?: string } }).details?.patchId ?? JSON.stringify(x.attributes));
      expect(markers).toEqual(['__sdk_internal_patch_number:1']);
    });
  });
});

describe('patch markers in Temporal JSON', () => {
  test('are written as core writes them (patch-data: {id, deprecated}) and read back; the older patch_id / deprecated pair is read too', async () => {
    await withEngine(async (e) => {
      await e.start('patches', { workflowId: 'p' });
      expect(await e.result('p')).toEqual({ status: 'completed', result: 'new path' });
      const json = historyToTemporalJson(e.history('p')) as { events: Record<string, any>[] };
      const markers = json.events.filter((x) => x.markerRecordedEventAttributes).map((x) => x.markerRecordedEventAttributes);
      const decoded = markers.map((m) => JSON.parse(Buffer.from(m.details['patch-data'].payloads[0].data, 'base64').toString()));
      expect(decoded).toEqual([{ id: 'v2', deprecated: false }, { id: 'old-path', deprecated: true }]);
      expect(markers.every((m) => m.markerName === 'core_patch' && Object.keys(m.details).length === 1)).toBe(true);
      const back = historyFromTemporalJson(json).filter((x) => x.eventType === 'MarkerRecorded').map((x) => x.attributes);
      expect(back).toEqual(e.history('p').filter((x) => x.eventType === 'MarkerRecorded').map((x) => x.attributes));
      // the older form
      const payload = (v: unknown) => ({ payloads: [{ metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify(v)).toString('base64') }] });
      markers[0].details = { patch_id: payload('v2'), deprecated: payload(false) };
      expect(historyFromTemporalJson(json).find((x) => x.eventType === 'MarkerRecorded')!.attributes).toMatchObject({ markerName: 'core_patch', details: { patchId: 'v2', deprecated: false } });
    });
  });
});

describe('workflowInfo().unsafe', () => {
  test('now() is the real clock, random a real source (left out of JSON), as in the SDK', async () => {
    await withEngine(async (e) => {
      await e.start('unsafeFacts', { workflowId: 'u' });
      const { result } = await e.result('u') as { result: unknown[] };
      const [ahead, uuid, differs, json, replaying, replayingEvents] = result as [number, string, boolean, string, boolean, boolean];
      // Date.now() is the time of the workflow task; unsafe.now(), read 3 ms of real time later in the same task, is ahead of it
      expect(ahead).toBeGreaterThanOrEqual(3);
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect([differs, JSON.parse(json), replaying, replayingEvents]).toEqual([true, { isReplaying: false, isReplayingHistoryEvents: false }, false, false]);
    });
  });
});

describe('id policy enum helpers', () => {
  test('inside the sandbox', async () => {
    await withEngine(async (e) => {
      await e.start('enums', { workflowId: 'e' });
      expect(await e.result('e')).toEqual({ status: 'completed', result: [3, 'USE_EXISTING', 'TERMINATE_EXISTING'] });
    });
  });

  const outcome = (f: (v: unknown) => unknown, v: unknown): unknown => {
    try { return { value: f(v) }; } catch (err) { return { error: (err as Error).name, message: (err as Error).message }; }
  };
  const inputs = fc.oneof(
    fc.constantFrom(null, undefined, 0, 1, 2, 3, 4, 5, 99, 'FAIL', 'USE_EXISTING', 'TERMINATE_EXISTING', 'ALLOW_DUPLICATE', 'ALLOW_DUPLICATE_FAILED_ONLY', 'REJECT_DUPLICATE', 'TERMINATE_IF_RUNNING',
      'WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE', 'WORKFLOW_ID_CONFLICT_POLICY_FAIL', 'UNSPECIFIED', 'WORKFLOW_ID_REUSE_POLICY_UNSPECIFIED', 'fail', ''),
    fc.integer({ min: -3, max: 8 }),
    // the SDK's helpers look names up with `in`, so an Object.prototype member ('toString') "encodes" to a function; ours refuse it (below)
    fc.string().filter((s) => !(s in Object.prototype)), fc.boolean(),
  );
  test.each(['encodeWorkflowIdReusePolicy', 'decodeWorkflowIdReusePolicy', 'encodeWorkflowIdConflictPolicy', 'decodeWorkflowIdConflictPolicy'] as const)('%s behaves as @temporalio/common\'s, input by input', (name) => {
    fc.assert(fc.property(inputs, (v) => {
      expect(outcome((ours as unknown as Record<string, (v: unknown) => unknown>)[name], v)).toEqual(outcome(common[name], v));
    }), { numRuns: 500 });
  });

  test('names of Object.prototype members are invalid, not looked up', () => {
    expect(() => ours.encodeWorkflowIdReusePolicy('toString')).toThrow("Invalid enum value: 'toString'");
    expect(() => ours.encodeWorkflowIdConflictPolicy('__proto__')).toThrow("Invalid enum value: '__proto__'");
  });
});

describe('metricMeter', () => {
  test('values reach the subscribers with their tags, once per execution (not on replay); a negative counter value fails the task', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-metrics-'));
    const db = path.join(dir, 'm.db');
    const seen: unknown[] = [];
    try {
      let e = await Engine.open({ db, activities: {}, workflows, log: false });
      e.subscribe((ev) => { if (ev.kind === 'metric') seen.push({ ...ev.metric, workflowId: ev.workflowId }); });
      await e.start('metered', { workflowId: 'm' });
      await e.idle();
      await e.close();
      expect(seen).toEqual([
        { kind: 'counter', name: 'orders', unit: 'order', description: 'orders seen', valueType: 'int', value: 1, tags: { workflowType: 'metered', team: 'payments', region: 'eu' }, workflowId: 'm' },
        { kind: 'histogram', name: 'latency', unit: 'ms', valueType: 'float', value: 12.5, tags: { workflowType: 'metered', team: 'payments' }, workflowId: 'm' },
        { kind: 'gauge', name: 'queue', valueType: 'int', value: 7, tags: { workflowType: 'metered', queue: 'q1' }, workflowId: 'm' },
        { kind: 'up-down-counter', name: 'inflight', valueType: 'int', value: -2, tags: { workflowType: 'metered' }, workflowId: 'm' },
      ]);
      // a restart replays the first task: its values are not reported again
      seen.length = 0;
      e = await Engine.open({ db, activities: {}, workflows, log: false });
      e.subscribe((ev) => { if (ev.kind === 'metric') seen.push({ ...ev.metric, workflowId: ev.workflowId }); });
      await e.signal('m', 'more');
      await expect(e.result('m')).rejects.toMatchObject({ code: 'WFE3002', message: expect.stringContaining('MetricCounter value must be non-negative (got -1)') });
      await e.close();
      expect(seen).toEqual([{ kind: 'counter', name: 'orders', valueType: 'int', value: 2, tags: { workflowType: 'metered', team: 'payments' }, workflowId: 'm' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('proxySinks', () => {
  test('calls reach the injected sinks after their task is committed, once per execution (not on replay); the built-in logger logs; an unknown sink is logged and dropped', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-sinks-'));
    const db = path.join(dir, 's.db');
    const calls: unknown[] = [];
    const logs: string[] = [];
    const sinks = { analytics: { track: { fn: (info: { workflowId: string }, event: string, n: number) => { calls.push([info.workflowId, event, n]); } } } };
    const log = (e: { level: string; message: string }): void => { logs.push(`${e.level} ${e.message}`); };
    try {
      let e = await Engine.open({ db, activities: {}, workflows, log, sinks });
      await e.start('sinks', { workflowId: 'k' });
      await e.idle();
      await e.close();
      expect(calls).toEqual([['k', 'started', 1]]);
      expect(logs).toEqual(['INFO from a sink', 'ERROR workflow called sink nowhere.call, which the engine was not given (EngineOptions.sinks): the call is dropped']);
      e = await Engine.open({ db, activities: {}, workflows, log, sinks });
      await e.signal('k', 'more');
      await e.result('k');
      await e.close();
      // the restart replayed the first task without calling its sinks again
      expect(calls).toEqual([['k', 'started', 1], ['k', 'released', 2]]);
      expect(logs).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

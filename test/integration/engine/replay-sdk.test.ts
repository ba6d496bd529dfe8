/**
 * Acceptance: the official Temporal TypeScript SDK replays the engine's histories of the example
 * workflows offline (`Worker.runReplayHistory`), and every history of the shared corpus is read.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ApplicationFailure } from '../../../src/engine/activity/index.js';
import { Engine, historyFromTemporalJson, historyToTemporalJson, type RetryPolicy } from '../../../src/engine/index.js';
import * as paymentActs from '../../../examples/workflows/payment/activities.js';
import * as transferActs from '../../../examples/workflows/transfer/activities.js';

const root = path.resolve(__dirname, '../../..');

async function paymentHistories(): Promise<{ workflowId: string; json: unknown }[]> {
  const e = await Engine.open({ activities: paymentActs as never, workflows: path.join(root, 'examples/workflows/payment/workflows.ts') });
  const ids: string[] = [];
  ids.push((await e.start('threeSteps', { args: ['o1', 5], workflowId: 'three-1' })).workflowId);
  ids.push((await e.start('payment', { args: ['o2', 7], workflowId: 'pay-1' })).workflowId);
  ids.push((await e.start('payment', { args: ['o3', 9], workflowId: 'pay-2' })).workflowId);
  await e.idle();
  await e.signal('pay-1', 'approve', true);
  await e.signal('pay-2', 'approve', false);
  for (const id of ids) await e.result(id);
  const out = ids.map((id) => ({ workflowId: id, json: historyToTemporalJson(e.history(id)) }));
  await e.close();
  return out;
}

async function transferHistories(): Promise<{ workflowId: string; json: unknown }[]> {
  const e = await Engine.open({ activities: transferActs as never, workflows: path.join(root, 'examples/workflows/transfer/workflows.ts') });
  await e.start('transfer', { workflowId: 'ok', args: [{ from: 'a', to: 'b', amount: 5 }] });
  await e.start('transfer', { workflowId: 'compensated', args: [{ from: 'a', to: 'frozen', amount: 5 }] });
  expect((await e.result('ok')).status).toBe('completed');
  expect((await e.result('compensated')).status).toBe('failed');
  const out = ['ok', 'compensated'].map((id) => ({ workflowId: id, json: historyToTemporalJson(e.history(id)) }));
  await e.close();
  return out;
}

/**
 * Histories of the engine's semantics that go beyond the examples — activity and child
 * cancellation types, parent close policies, workflow timeouts, `Trigger` — one module each
 * (their workflows, run on the engine), to be replayed by the SDK against the same code.
 */
async function semanticsHistories(): Promise<{ module: string; histories: { workflowId: string; json: unknown }[] }[]> {
  const fixtures = path.join(root, 'test/fixtures/engine/workflows');
  const runs: { file: string; activities: Record<string, (...a: never[]) => unknown>; starts: [string, string, unknown[], RetryPolicy?][]; after?: (e: Engine) => Promise<void>; allRuns?: boolean; suggestContinueAsNewAfter?: number }[] = [
    {
      file: 'cancellation-types.ts', activities: { slow: (ms: number) => new Promise((r) => setTimeout(() => r(`slept ${ms}`), ms)) },
      starts: [['try', 'cancelLater', ['TRY_CANCEL', 5000, 0]], ['wait', 'cancelLater', ['WAIT_CANCELLATION_COMPLETED', 5000, 0]], ['abandon', 'cancelLater', ['ABANDON', 50, 200]], ['at-once', 'cancelAtOnce', ['WAIT_CANCELLATION_COMPLETED']]],
    },
    {
      file: 'child-policies.ts', activities: {},
      starts: [['leave-abandon', 'leaves', ['ABANDON']], ['leave-cancel', 'leaves', ['REQUEST_CANCEL']], ['c-wait', 'cancelsChild', ['WAIT_CANCELLATION_COMPLETED']], ['c-requested', 'cancelsChild', ['WAIT_CANCELLATION_REQUESTED']], ['c-try', 'cancelsChild', ['TRY_CANCEL']], ['c-abandon', 'cancelsChild', ['ABANDON']],
        ['reuse-reject', 'reuses', [true, 'REJECT_DUPLICATE']], ['reuse-failed-only', 'reuses', [true, 'ALLOW_DUPLICATE_FAILED_ONLY']]],
      after: async (e) => { await e.idle(); await e.signal('child-of-leave-abandon', 'release'); },
    },
    { file: 'timeouts.ts', activities: {}, starts: [['impatient', 'impatientParent', [60_000]]] },
    {
      file: 'handlers.ts', activities: {}, starts: [['trigger', 'triggered', []], ['trigger-cancelled', 'triggerCancelled', []], ['catch-all', 'catchAll', []], ['deepest', 'deepest', []], ['introspect', 'introspect', []]],
      after: async (e) => {
        await e.idle();
        // currentUpdateInfo() in two concurrent update handlers, and a rejected update
        await Promise.all([e.update('introspect', 'named', 30), e.update('introspect', 'named', 5)]);
        await e.update('introspect', 'named', -1).catch(() => undefined);
        await e.signal('introspect', 'finish');
        await e.signal('trigger', 'go', 'green');
        await e.idle();
        await e.update('catch-all', 'bump', 5);
        await e.update('catch-all', 'forbidden').catch(() => undefined);
        await e.update('catch-all', 'stop');
      },
    },
    // signal-with-start: the signal recorded between the start and the first workflow task
    { file: 'basic.ts', activities: {}, starts: [], after: async (e) => { await e.signalWithStart('counter', { workflowId: 'signal-with-start', args: [5], signal: 'add', signalArgs: [5] }); await e.result('signal-with-start'); } },
    // workflowInfo(): the run facts, the continue-as-new hint recorded in WorkflowTaskStarted (the SDK reads it there), and
    // the history size the code loops on (the export writes it into every WorkflowTaskStarted, where the SDK reads it)
    { file: 'info.ts', activities: {}, allRuns: true, suggestContinueAsNewAfter: 40, starts: [['long', 'untilSuggested', [1000]], ['sized', 'untilSize', [5000]]],
      // every field of workflowInfo() the engine defines, hashed into commands, at the start, after a signal and in a child
      after: async (e) => {
        await e.start('infoDigest', { workflowId: 'digest', retry: { initialInterval: '2s', maximumAttempts: 3 }, workflowRunTimeout: '1h', workflowExecutionTimeout: '2h', memo: { owner: 'ops' }, searchAttributes: { CustomKeywordField: ['gold'], CustomDatetimeField: [new Date(0)] } });
        await e.idle();
        await e.signal('digest', 'poke');
        expect(await e.result('digest')).toMatchObject({ status: 'completed', result: 'done' });
        await e.start('infoDigest', { workflowId: 'digest-retry', args: [false, true], retry: { initialInterval: 50, maximumAttempts: 2 } });
        expect(await e.result('digest-retry')).toMatchObject({ status: 'completed', result: 'retried' });
      } },
    // cron: every run (the later ones read lastResult / lastFailure from their start), until terminated
    { file: 'cron.ts', activities: {}, allRuns: true, starts: [], after: async (e) => {
      let closed = 0;
      const three = new Promise<void>((resolve) => e.subscribe((ev) => { if (ev.kind === 'history' && /^WorkflowExecution(Completed|Failed)$/.test(ev.event.eventType) && ++closed === 3) resolve(); }));
      await e.start('ticker', { workflowId: 'cron', cronSchedule: '@every 1s' });
      await three;
      await e.terminate('cron');
    } },
    // activities scheduled by name, a failure subclass, ServerFailure, a bare TemporalFailure, AsyncLocalStorage, the enum helpers,
    // the SDK's timer and condition rules (condition(fn, 0) behind its internal patch), patch markers
    {
      file: 'api-extras.ts', activities: { hello: async (s: string) => `hello ${s}` },
      starts: [['by-name', 'byName', ['o1', false, true]], ['subclass', 'failsWith', ['subclass']], ['server', 'failsWith', ['server']], ['temporal', 'failsWith', ['temporal']], ['contextual', 'contextual', []], ['enums', 'enums', []], ['timing', 'timing', []], ['patches', 'patches', []], ['random-paths', 'randomPaths', []], ['streams', 'streams', []]],
    },
    // the basics: activities (retried, non-retryable, cancelled in their scope), timers, signals and an update around a condition
    // with a timeout, children, a continue-as-new chain, a workflow cancelled by its client
    {
      file: 'basic.ts', allRuns: true,
      activities: {
        hello: async (n: string) => `hello ${n}`, fatal: async () => { const e = new Error('boom'); e.name = 'Fatal'; throw e; }, park: () => new Promise<string>(() => undefined),
        failTwice: (() => { let failures = 0; return async () => { if (++failures % 3 !== 0) throw new Error(`flaky ${failures}`); return 'third time'; }; })(),
      },
      starts: [['greet', 'greet', ['x']], ['retrying', 'retrying', []], ['fatal', 'fatal', []], ['sleeper', 'sleeper', [5]], ['counter', 'counter', [10]], ['parent', 'parent', [1]],
        ['looping', 'looping', [2]], ['cancellable', 'cancellable', []], ['fan-out', 'fanOut', [6]], ['clock', 'clock', []], ['deterministic', 'deterministic', []]],
      after: async (e) => {
        await e.idle();
        await e.signal('counter', 'add', 3);
        await e.update('counter', 'double', 2);
        await e.signal('counter', 'add', 4);
        await e.cancel('cancellable');
      },
    },
    // signals and cancellation requests to other workflows: by id, by run id, a missing target, a child's handle, cancelled scopes
    {
      file: 'external.ts', activities: {}, starts: [['t', 'target', [2]], ['s', 'sleepy', []]],
      after: async (e) => { await e.start('sender', { workflowId: 'x', args: ['t', 's', e.store.execution('t')!.runId] }); await e.result('x'); },
    },
    // cancellation scopes: cleanup after a client's cancellation, nested scopes, a scope cancelled with its work, withTimeout, a race
    {
      file: 'scopes.ts',
      activities: { work: async (s: string) => `did ${s}`, slow: (ms: number) => new Promise<string>((r) => setTimeout(() => r(`slept ${ms}`), ms)) },
      starts: [['compensates', 'compensates', []], ['nested', 'nested', []], ['timeouts', 'timeouts', []]],
      after: async (e) => {
        for (let i = 0; i < 200 && !e.history('compensates').some((x) => x.eventType === 'TimerStarted'); i++) await new Promise((r) => setTimeout(r, 10));
        await e.cancel('compensates');
      },
    },
    // workflow retries: every run of each execution is replayed (a later attempt reads workflowInfo().attempt)
    { file: 'retries.ts', activities: {}, allRuns: true, starts: [['flaky', 'flaky', [3], { initialInterval: 10, maximumAttempts: 5 }], ['parent', 'retryingParent', []], ['backoff-chain', 'backoffChain', [1]]] },
    // workflow definition options: failureExceptionTypes fail the run from the workflow function, a getter's options, a signal and an update handler
    {
      file: 'definition-options.ts', activities: {}, starts: [['configured', 'failsConfigured', []], ['anything', 'failsAnything', []], ['signal', 'signalFails', []], ['update', 'updateFails', []]],
      after: async (e) => {
        await e.idle();
        await e.signal('signal', 'poison', 'x');
        await e.update('update', 'divide', 2);
        await e.update('update', 'divide', 0).catch(() => undefined);
      },
    },
    // local activities: markers within the task that scheduled them (or a later one, after a workflow task heartbeat), types run by the `default` activity, local retries, a timer backoff (Temporal's DoBackoff), the three cancellation types, signals that waited for an open task
    {
      file: 'local-activities.ts',
      activities: {
        default: async (x: number) => `default ${x}`, echo: async (s: string) => s, slow: (ms: number) => new Promise<string>((r) => setTimeout(() => r(`slept ${ms}`), ms)), fail: async (m: string) => { throw new Error(m); },
        flaky: (() => { const counts = new Map<string, number>(); return async (key: string, failures: number) => { const n = (counts.get(key) ?? 0) + 1; counts.set(key, n); if (n <= failures) throw new Error(`flaky ${key} ${n}`); return `${key} after ${n}`; }; })(),
      },
      starts: [['la-seq', 'laSequence', ['x']], ['la-par', 'laParallel', []], ['la-retries', 'laRetries', ['r']], ['la-backoff', 'laBackoff', ['b']], ['la-fails', 'laFails', []],
        ['la-try', 'laCancel', ['TRY_CANCEL']], ['la-wait', 'laCancel', ['WAIT_CANCELLATION_COMPLETED']], ['la-abandon', 'laCancel', ['ABANDON']], ['la-signalled', 'laSignalled', [300]], ['la-clock', 'laClock', [50]], ['la-terminated', 'laSignalled', [5000]],
        ['la-at-once-try', 'laCancelAtOnce', ['TRY_CANCEL']], ['la-at-once-wait', 'laCancelAtOnce', ['WAIT_CANCELLATION_COMPLETED']], ['la-at-once-abandon', 'laCancelAtOnce', ['ABANDON']], ['la-default', 'laByDefault', []], ['la-heartbeat', 'laSignalled', [8500]]],
      after: async (e) => {
        await new Promise((r) => setTimeout(r, 50));
        const heartbeat = Promise.all([e.signal('la-heartbeat', 'poke'), e.signal('la-heartbeat', 'poke')]); // applied at the heartbeat (8 s)
        await e.signal('la-signalled', 'poke');
        await e.signal('la-signalled', 'poke');
        await e.terminate('la-terminated', 'while its task was open');
        await heartbeat;
      },
    },
    // failures as workflow code sees them (class, message, fields, causes), hashed into commands: activities, a local activity, a child, cancelled scopes
    {
      file: 'failure-digest.ts',
      activities: {
        boom: async () => { throw new Error('boom'); },
        bad: async () => { throw ApplicationFailure.create({ message: 'bad input', type: 'Fatal', details: [{ field: 'amount' }] }); },
        slow: (ms: number) => new Promise<string>((r) => setTimeout(() => r(`slept ${ms}`), ms)),
      },
      starts: [['failures', 'failureDigest', []]],
      after: async (e) => {
        for (let i = 0; i < 500 && e.store.execution('failures-terminated') === undefined; i++) await new Promise((r) => setTimeout(r, 10));
        await e.terminate('failures-terminated', 'from the test');
      },
    },
    // values across payload boundaries (undefined arguments, null, -0, non-finite numbers, Dates, nested, non-ASCII), hashed into commands
    {
      file: 'payload-digest.ts', activities: { echo: async (v: unknown) => v, nothing: async () => undefined }, starts: [],
      after: async (e) => {
        const values = [undefined, null, 0, -0, 1.5, 2 ** 53 + 2, NaN, Infinity, '', 'héllo ✓ 😀', true, [1, undefined, null], { a: undefined, b: [{ c: 'd' }] }, new Date(86_400_000)];
        await e.start('payloadDigest', { workflowId: 'payloads', args: values });
        await e.idle();
        await e.signal('payloads', 'values', ...values);
        expect((await e.result('payloads')).status).toBe('completed');
      },
    },
    // memo and search attributes: start values and upserts the code branches on (the SDK decodes them from history), a child's, continue-as-new's defaults
    { file: 'attributes.ts', activities: {}, allRuns: true, starts: [['tagged-low', 'tagged', []], ['continuing', 'continuing', []], ['parent', 'parent', []]], after: async (e) => {
      await e.start('tagged', { workflowId: 'tagged-high', memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'], CustomDatetimeField: [new Date(0)] } });
      await e.result('tagged-high');
      // value kinds (Date or string, a list the SDK skips) decide commands
      await e.start('valueKinds', { workflowId: 'kinds', searchAttributes: { CustomDatetimeField: [new Date(0)], CustomTextField: ['plain'], CustomIntField: [1, 2] } });
      await e.result('kinds');
    } },
  ];
  const out = [];
  for (const r of runs) {
    const module = path.join(fixtures, r.file);
    const e = await Engine.open({ activities: r.activities as never, workflows: module, suggestContinueAsNewAfter: r.suggestContinueAsNewAfter });
    for (const [id, type, args, retry] of r.starts) await e.start(type, { workflowId: id, args, retry });
    await r.after?.(e);
    for (const [id] of r.starts) await e.result(id);
    await e.idle();
    const ids = [...new Set(e.store.executions(1000).map((x) => x.workflowId))];
    for (const id of ids) await e.result(id).catch(() => undefined);
    const histories = r.allRuns
      ? e.store.executions(1000).map((x) => ({ workflowId: `${x.workflowId}/${x.runId}`, json: historyToTemporalJson(e.history(x.workflowId, x.runId)) }))
      : ids.map((id) => ({ workflowId: id, json: historyToTemporalJson(e.history(id)) }));
    out.push({ module, histories });
    await e.close();
  }
  return out;
}

async function replayAll(workflowsPath: string, histories: { workflowId: string; json: unknown }[]): Promise<void> {
  const { Worker, bundleWorkflowCode, Runtime, DefaultLogger } = await import('@temporalio/worker');
  try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* already installed */ }
  const workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  for (const h of histories) {
    // the workflow id is not in a history: the replayer is given the run's (`id` or `id/runId`)
    await Worker.runReplayHistory({ workflowBundle, replayName: h.workflowId }, h.json as never, h.workflowId.split('/')[0]);
  }
}

type TemporalEvent = Record<string, unknown> & { eventId: string; eventType: string };

/** `json` without the events of `types`, the others renumbered (their ids and the `…EventId` references). */
function withoutEvents(json: { events: TemporalEvent[] }, types: readonly string[]): { events: TemporalEvent[] } {
  const gone = json.events.filter((e) => types.includes(e.eventType)).map((e) => Number(e.eventId));
  const renumber = (id: number): string => String(id - gone.filter((g) => g < id).length);
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, /(^eventId|EventId|^taskId)$/.test(k) && typeof x === 'string' ? renumber(Number(x)) : fix(x)]));
  };
  return { events: json.events.filter((e) => !types.includes(e.eventType)).map((e) => fix(e) as TemporalEvent) };
}

describe('Temporal SDK replays engine histories', () => {
  // All engine runs happen before the Temporal worker is loaded: the SDK installs process-wide
  // promise hooks for its own sandboxes, which must not see the engine's workflow contexts.
  let payment: { workflowId: string; json: unknown }[] = [];
  let transfer: { workflowId: string; json: unknown }[] = [];
  let semantics: Awaited<ReturnType<typeof semanticsHistories>> = [];
  beforeAll(async () => {
    payment = await paymentHistories();
    transfer = await transferHistories();
    semantics = await semanticsHistories();
  }, 120_000);

  test('payment example (activities, signal, condition with timeout)', async () => {
    await replayAll(path.join(root, 'examples/workflows/payment/workflows.ts'), payment);
  }, 120_000);

  test('transfer saga example (retries, failure, compensation)', async () => {
    await replayAll(path.join(root, 'examples/workflows/transfer/workflows.ts'), transfer);
  }, 120_000);

  test('cancellation types, parent close policies, id reuse policies, a child timeout, Trigger, update delivery, signal-with-start, the continue-as-new hint, cron, workflow retries, the smaller API, memo and search attributes, workflow definition options, local activities: the SDK replays them', async () => {
    expect(semantics.flatMap((m) => m.histories).length).toBeGreaterThanOrEqual(24 + 2 + 1 + 3 + 4 + 11 + 13 + 7 + 15 + 4 + 3);
    // the memo and search attribute events are among them
    const upserts = JSON.stringify(semantics.flatMap((m) => m.histories));
    expect(upserts).toContain('EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
    expect(upserts).toContain('EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED');
    // the retried runs are among them: attempts 2 and 3 with their backoff
    const retried = semantics.flatMap((m) => m.histories).filter((h) => JSON.stringify(h.json).includes('CONTINUE_AS_NEW_INITIATOR_RETRY'));
    expect(retried.length).toBeGreaterThanOrEqual(4);
    for (const m of semantics) await replayAll(m.module, m.histories);
  }, 240_000);

  test('a history without its upserts, with another start memo, or with a start time typed as text, is rejected by the SDK (memo and search attributes are checked)', async () => {
    const m = semantics.find((x) => x.module.endsWith('attributes.ts'))!;
    const h = m.histories.find((x) => x.workflowId.startsWith('tagged-high/'))!;
    const json = h.json as { events: TemporalEvent[] };
    const cut = withoutEvents(json, ['EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES']);
    await expect(replayAll(m.module, [{ workflowId: 'no-upserts', json: cut }])).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const low = JSON.parse(JSON.stringify(json).replace(b64('"high"'), b64('"low"'))) as unknown;
    await expect(replayAll(m.module, [{ workflowId: 'memo-low', json: low }])).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
    // the start's Datetime value typed as Text: the SDK shows a string, the code starts no timer
    const kinds = m.histories.find((x) => x.workflowId.startsWith('kinds/'))!.json;
    const text = JSON.stringify(kinds);
    expect(text).toContain(b64('Datetime'));
    const untyped = JSON.parse(text.replace(b64('Datetime'), b64('Text'))) as unknown; // the first: the start's
    await expect(replayAll(m.module, [{ workflowId: 'kinds-text', json: untyped }])).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
  }, 120_000);

  test('a history whose WorkflowTaskStarted records another size is rejected by the SDK (it reads the size the export wrote)', async () => {
    const m = semantics.find((x) => x.module.endsWith('info.ts'))!;
    const h = m.histories.find((x) => x.workflowId.startsWith('sized/'))!;
    const json = structuredClone(h.json) as { events: (TemporalEvent & { workflowTaskStartedEventAttributes?: { historySizeBytes?: string } })[] };
    const starts = json.events.filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED');
    expect(starts.length).toBeGreaterThan(5);
    expect(starts.every((e) => Number(e.workflowTaskStartedEventAttributes?.historySizeBytes) > 0)).toBe(true);
    starts[2].workflowTaskStartedEventAttributes!.historySizeBytes = '1000000'; // the loop would end at the third task
    await expect(replayAll(m.module, [{ workflowId: 'sized-larger', json }])).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
  }, 120_000);

  test('a changed workflow is rejected by the SDK (the replay really checks)', async () => {
    const h = payment.filter((x) => x.workflowId === 'pay-1');
    await expect(replayAll(path.join(root, 'test/fixtures/engine/workflows/payment-changed.ts'), h)).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
  }, 120_000);
});

describe('corpus histories', () => {
  const dir = path.resolve(root, '../shared/corpus/histories');
  if (!existsSync(dir)) throw new Error(`test corpus not found at ${dir}: put the shared/ folder beside the project`);
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
  test.each(files)('%s is read', (f) => {
    const events = historyFromTemporalJson(readFileSync(path.join(dir, f), 'utf8'), f);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].eventType).toBe('WorkflowExecutionStarted');
    const back = historyFromTemporalJson(historyToTemporalJson(events));
    expect(back.map((e) => e.eventType)).toEqual(events.map((e) => e.eventType));
  });
});

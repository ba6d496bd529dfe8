/**
 * Memo and search attributes, as on Temporal: start values (engine.start, signal-with-start,
 * child options, continue-as-new with its defaults), upserts merged at the first level (`[]` and
 * `null`/`undefined` remove), workflowInfo() updated at once and again after a restart's replay,
 * history events and their Temporal JSON, describe, and the loud refusals (bad values, the typed
 * form).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  Engine, Replayer, describeExecution, foldHistory, historyFromTemporalJson, historyToTemporalJson, type EventOf, type HistoryEvent,
} from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/attributes.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-attrs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withEngine(fn: (e: Engine) => Promise<void>, db?: string): Promise<void> {
  const e = await Engine.open({ workflows, activities: {}, deadlockTimeoutMs: 1000, db, log: false });
  try { await fn(e); } finally { await e.close(); }
}

const TAGGED_RESULT = {
  start: { memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'] } },
  upserted: {
    memo: { owner: 'ops', stage: 'sleeping' },
    searchAttributes: { CustomTextField: ['x'], CustomKeywordField: ['gold'], CustomIntField: [1], CustomDatetimeField: ['1970-01-01T00:00:00.000Z'] },
  },
  end: {
    memo: { owner: 'ops', stage: 'done', note: { kept: true } },
    searchAttributes: { CustomTextField: ['x'], CustomKeywordField: ['gold'], CustomDatetimeField: ['1970-01-01T00:00:00.000Z'] },
  },
};

describe('memo and search attributes', () => {
  test('start values, upserts merged at the first level, workflowInfo() updated at once; the events and the run state', async () => {
    await withEngine(async (e) => {
      await e.start('tagged', { workflowId: 't', memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'] } });
      expect(await e.result('t')).toEqual({ status: 'completed', result: TAGGED_RESULT });
      const h = e.history('t');
      expect(h[0].attributes).toMatchObject({ memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'] } });
      const upserts = h.filter((x) => x.eventType === 'UpsertWorkflowSearchAttributes' || x.eventType === 'WorkflowPropertiesModified');
      expect(upserts.map((x) => [x.eventType, x.attributes])).toEqual([
        ['UpsertWorkflowSearchAttributes', { workflowTaskCompletedEventId: 4, searchAttributes: { CustomKeywordField: ['gold'], CustomIntField: [1], CustomDatetimeField: ['1970-01-01T00:00:00.000Z'] } }],
        ['WorkflowPropertiesModified', { workflowTaskCompletedEventId: 4, upsertedMemo: { stage: 'sleeping', priority: null } }],
        ['UpsertWorkflowSearchAttributes', { workflowTaskCompletedEventId: expect.any(Number), searchAttributes: { CustomIntField: [] } }],
        ['WorkflowPropertiesModified', { workflowTaskCompletedEventId: expect.any(Number), upsertedMemo: { stage: 'done', note: { kept: true } } }],
      ]);
      // the upserted "gold" made the code start a timer
      expect(h.some((x) => x.eventType === 'TimerStarted')).toBe(true);
      const s = foldHistory(h);
      expect({ memo: s.memo, searchAttributes: s.searchAttributes }).toEqual(TAGGED_RESULT.end);
    });
  });

  test('a run without memo or search attributes has none: no fields in its events or state, {} for both in workflowInfo() (as Temporal SDK 1.24)', async () => {
    await withEngine(async (e) => {
      await e.start('report', { workflowId: 'plain' });
      expect(await e.result('plain')).toEqual({ status: 'completed', result: { memo: {}, searchAttributes: {} } });
      const h = e.history('plain');
      expect('memo' in h[0].attributes && h[0].attributes.memo !== undefined).toBe(false);
      expect(JSON.stringify(historyToTemporalJson(h))).not.toMatch(/"memo"|"searchAttributes"/);
      const s = foldHistory(h);
      expect([s.memo, s.searchAttributes]).toEqual([undefined, undefined]);
    });
  });

  test('workflowInfo() after a restart: the replay starts from the start values and re-applies the upserts', async () => {
    const db = path.join(dir, 'restart.db');
    await withEngine(async (e) => {
      await e.start('report', { workflowId: 'r0' }); // keeps the module loaded; not needed below
      await e.start('tagged', { workflowId: 't', memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'] } });
      await e.idle(); // the first task ran: the upserts are recorded, the timer is pending
      expect(e.history('t').some((x) => x.eventType === 'TimerStarted')).toBe(true);
    }, db);
    await withEngine(async (e) => {
      // recovery replays the first task (it must produce the same upserts and the timer), then the run goes on
      expect(await e.result('t')).toEqual({ status: 'completed', result: TAGGED_RESULT });
      expect(e.stats.replays).toBeGreaterThanOrEqual(1);
    }, db);
  });

  test('the replay checks the upserts: a history without them is a nondeterminism error naming the command', async () => {
    let h: HistoryEvent[] = [];
    await withEngine(async (e) => {
      await e.start('tagged', { workflowId: 't', memo: { priority: 'low' } });
      await e.result('t');
      h = e.history('t');
    });
    const replayer = new Replayer(workflows);
    expect(replayer.replay(h, 't')).toMatchObject({ closed: true });
    // the first upsert (and its event) gone, the later events renumbered
    const cut = dropEvent(h, h.findIndex((x) => x.eventType === 'UpsertWorkflowSearchAttributes'));
    expect(() => replayer.replay(cut, 't-cut')).toThrow(/the code produced upsertSearchAttributes \(CustomKeywordField, CustomIntField, CustomDatetimeField\) but history has WorkflowPropertiesModified/);
  });

  test('continue-as-new keeps the current memo and search attributes (upserts included) unless it sets its own', async () => {
    await withEngine(async (e) => {
      const { runId: first } = await e.start('continuing', { workflowId: 'c', memo: { owner: 'ops' }, searchAttributes: { CustomTextField: ['kept'] } });
      expect(await e.result('c')).toEqual({ status: 'completed', result: { memo: { round: 2 }, searchAttributes: { CustomKeywordField: ['explicit'] } } });
      const runs = e.store.executions(10).filter((x) => x.workflowId === 'c');
      expect(runs).toHaveLength(3);
      const startOf = (runId: string): EventOf<'WorkflowExecutionStarted'> => e.history('c', runId)[0] as EventOf<'WorkflowExecutionStarted'>;
      const second = e.history('c', runs.find((x) => startOf(x.runId).attributes.continuedExecutionRunId === first)!.runId);
      expect(second[0].attributes).toMatchObject({ memo: { owner: 'ops', round: 1 }, searchAttributes: { CustomTextField: ['kept'], CustomKeywordField: ['first'] } });
      const can = e.history('c', first).at(-1)!;
      expect(can).toMatchObject({ eventType: 'WorkflowExecutionContinuedAsNew', attributes: { memo: { owner: 'ops', round: 1 } } });
    });
  });

  test('a child starts with the memo and search attributes of its options', async () => {
    await withEngine(async (e) => {
      await e.start('parent', { workflowId: 'p' });
      expect(await e.result('p')).toEqual({ status: 'completed', result: { memo: { from: 'parent' }, searchAttributes: { CustomKeywordField: ['child'] } } });
      const initiated = e.history('p').find((x) => x.eventType === 'StartChildWorkflowExecutionInitiated')!;
      expect(initiated.attributes).toMatchObject({ memo: { from: 'parent' }, searchAttributes: { CustomKeywordField: ['child'] } });
      expect(e.history('p-child')[0].attributes).toMatchObject({ memo: { from: 'parent' }, searchAttributes: { CustomKeywordField: ['child'] }, parent: { workflowId: 'p' } });
    });
  });

  test('signal-with-start takes them too; describe shows the current values', async () => {
    const db = path.join(dir, 'describe.db');
    await withEngine(async (e) => {
      await e.signalWithStart('tagged', { workflowId: 's', signal: 'ignored', memo: { priority: 'high' }, searchAttributes: { CustomBoolField: [true] } });
      await e.result('s');
      const d = describeExecution(e.store, e.store.execution('s')!);
      expect(d.memo).toEqual({ stage: 'done', note: { kept: true } });
      expect(d.searchAttributes).toEqual({ CustomBoolField: [true], CustomKeywordField: ['gold'], CustomDatetimeField: ['1970-01-01T00:00:00.000Z'] });
    }, db);
  });

  test.each([
    [{ memo: ['a'] }, /start option memo: memo must be an object \(name → value\), not an array/],
    [{ searchAttributes: { A: 'x' } }, /start option searchAttributes: search attribute "A" must be an array of values \(use \[\] to remove it\), not string "x"/],
    [{ searchAttributes: { A: ['x', 2] } }, /search attribute "A" values must all be of one type; item 0 is a string, item 1 a number/],
    [{ searchAttributes: { A: [{}] } }, /search attribute "A" values must be strings, numbers, booleans or Dates; item 0 is a Object/],
    [{ searchAttributes: { A: [Infinity] } }, /item 0 is Infinity, not a finite number/],
  ])('bad start option %j is WFE1007, nothing started', async (o, message) => {
    await withEngine(async (e) => {
      await expect(e.start('report', { workflowId: 'bad', ...(o as object) })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringMatching(message) });
      expect(e.store.execution('bad')).toBeUndefined();
    });
  });

  test("the code sees value kinds as Temporal's SDK shows them: a start Datetime value as a Date, upserted values as passed, a list of several numbers not at all", async () => {
    await withEngine(async (e) => {
      await e.start('valueKinds', { workflowId: 'k', searchAttributes: { CustomDatetimeField: [new Date(0)], CustomTextField: ['plain'], CustomIntField: [1, 2] } });
      expect(await e.result('k')).toEqual({
        status: 'completed',
        result: {
          // several numbers at the start are shown (the SDK decodes the start's lists whole)
          start: { CustomDatetimeField: '1:Date', CustomTextField: '1:string', CustomIntField: '2:number' },
          upserted: { CustomDatetimeField: '1:Date', CustomTextField: '1:string', CustomIntField: '2:number', CustomKeywordField: '2:string' },
        },
      });
      // the upsert records every list, the skipped one included; each observation made its command
      const h = e.history('k');
      expect(h.find((x) => x.eventType === 'UpsertWorkflowSearchAttributes')!.attributes).toMatchObject({
        searchAttributes: { CustomTextField: ['2024-01-02T00:00:00.000Z'], CustomDoubleField: [1.5, 2.5], CustomKeywordField: ['a', 'b'], CustomDatetimeField: ['1970-01-02T00:00:00.000Z'] },
      });
      expect(h.filter((x) => x.eventType === 'TimerStarted')).toHaveLength(2);
      expect(h.filter((x) => x.eventType === 'WorkflowPropertiesModified').map((x) => x.attributes.upsertedMemo)).toEqual([{ text: 'string' }, { day: 'Date' }]);
    });
  });

  test('Date start values are stored as ISO strings', async () => {
    await withEngine(async (e) => {
      await e.start('report', { workflowId: 'd', searchAttributes: { CustomDatetimeField: [new Date(Date.UTC(2024, 0, 2))] } });
      expect(await e.result('d')).toMatchObject({ result: { searchAttributes: { CustomDatetimeField: ['2024-01-02T00:00:00.000Z'] } } });
    });
  });

  test.each([
    ['typedUpsert', /upsertSearchAttributes: typed search attributes \(SearchAttributeUpdatePair\[\], typedSearchAttributes\) are not supported by the wfverify engine/],
    ['typedRead', /workflowInfo\(\)\.typedSearchAttributes: typed search attributes .* are not supported/],
    ['badUpsert', /upsertSearchAttributes: search attribute "CustomKeywordField" values must all be of one type/],
  ])('%s fails the workflow task with a TypeError naming what is refused', async (type, message) => {
    await withEngine(async (e) => {
      await e.start(type, { workflowId: type });
      await expect(e.result(type)).rejects.toThrow(message);
      expect(e.history(type).some((x) => x.eventType === 'UpsertWorkflowSearchAttributes')).toBe(false);
    });
  });

  test('Temporal JSON: memo as {fields}, search attributes as {indexedFields} with their type; export → import is the same history', async () => {
    await withEngine(async (e) => {
      await e.start('tagged', { workflowId: 't', memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'], Tags: ['a', 'b'], Score: [1.5], Ok: [false] } });
      await e.start('continuing', { workflowId: 'c' });
      await e.start('parent', { workflowId: 'p' });
      for (const id of ['t', 'c', 'p']) await e.result(id);
      for (const run of e.store.executions(20)) {
        const h = e.history(run.workflowId, run.runId);
        // every recorded field comes back (the lenient decoder may add defaults of its own, e.g. to child events)
        expect(historyFromTemporalJson(historyToTemporalJson(h))).toMatchObject(JSON.parse(JSON.stringify(h)) as object);
      }
      const json = historyToTemporalJson(e.history('t')).events as (Record<string, Record<string, unknown>> & { eventType: string })[];
      const started = json[0].workflowExecutionStartedEventAttributes as { memo: { fields: Record<string, unknown> }; searchAttributes: { indexedFields: Record<string, { metadata: Record<string, string>; data: string }> } };
      expect(Object.keys(started.memo.fields)).toEqual(['priority', 'owner']);
      const type = (k: string): string | undefined => {
        const t = started.searchAttributes.indexedFields[k].metadata.type;
        return t === undefined ? undefined : Buffer.from(t, 'base64').toString();
      };
      expect([type('CustomTextField'), type('Tags'), type('Score'), type('Ok')]).toEqual(['Text', 'KeywordList', 'Double', 'Bool']);
      const upsert = json.find((x) => x.eventType === 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES')!.upsertWorkflowSearchAttributesEventAttributes as { searchAttributes: { indexedFields: Record<string, { metadata: Record<string, string> }> } };
      expect(Buffer.from(upsert.searchAttributes.indexedFields.CustomIntField.metadata.type, 'base64').toString()).toBe('Int');
      expect(Buffer.from(upsert.searchAttributes.indexedFields.CustomDatetimeField.metadata.type, 'base64').toString()).toBe('Datetime');
      const modified = json.find((x) => x.eventType === 'EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED')!.workflowPropertiesModifiedEventAttributes as { upsertedMemo: { fields: Record<string, { metadata: { encoding: string } }> } };
      // a removed key is Temporal's binary/null payload, as the SDK's upsertMemo sends it
      expect(Buffer.from(modified.upsertedMemo.fields.priority.metadata.encoding, 'base64').toString()).toBe('binary/null');
    });
  });

  test('a Temporal history: a scalar search attribute payload reads as a list of one, empty fields as none', () => {
    const b64 = (s: string): string => Buffer.from(s).toString('base64');
    const events = historyFromTemporalJson({ events: [
      { eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED', workflowExecutionStartedEventAttributes: { workflowType: { name: 'w' }, memo: { fields: {} }, searchAttributes: { indexedFields: { K: { metadata: { encoding: b64('json/plain'), type: b64('Keyword') }, data: b64('"v"') } } } } },
      { eventId: '2', eventType: 'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', upsertWorkflowSearchAttributesEventAttributes: { workflowTaskCompletedEventId: '1', searchAttributes: { indexedFields: { K: { metadata: { encoding: b64('json/plain') }, data: b64('[]') }, L: { metadata: { encoding: b64('json/plain') }, data: b64('["a","b"]') } } } } },
    ] });
    expect(events[0].attributes).toMatchObject({ searchAttributes: { K: ['v'] } });
    expect((events[0].attributes as { memo?: unknown }).memo).toBeUndefined();
    expect(events[1].attributes).toEqual({ workflowTaskCompletedEventId: 1, searchAttributes: { K: [], L: ['a', 'b'] } });
    expect(foldHistory(events).searchAttributes).toEqual({ L: ['a', 'b'] });
  });
});

/** `h` without its event at `index`, the later events renumbered (ids and the ids they refer to). */
function dropEvent(h: readonly HistoryEvent[], index: number): HistoryEvent[] {
  const gone = h[index].eventId;
  const shift = (v: unknown, k: string): unknown => (typeof v === 'number' && /EventId$/.test(k) && v > gone ? v - 1 : v);
  return h.filter((_, i) => i !== index).map((e) => {
    if (e.eventId < gone) return e;
    const attributes = Object.fromEntries(Object.entries(e.attributes).map(([k, v]) => [k, shift(v, k)]));
    return { ...e, eventId: e.eventId - 1, attributes } as HistoryEvent;
  });
}

/**
 * Values across payload boundaries as Temporal's SDK gives them: each argument is a payload of
 * its own, so an `undefined` argument (of the workflow, a signal, an activity, a child) stays
 * `undefined` — a default parameter applies — while `undefined` inside a value is JSON's `null`.
 * The same after a restart (the SQLite store marks such arguments) and through Temporal JSON.
 * test/integration/engine/replay-sdk.test.ts replays the same fixture on the SDK.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine, historyFromTemporalJson, historyToTemporalJson } from '../../../src/engine/index.js';
import { encodeEvents } from '../../../src/engine/store/sqlite.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/payload-digest.ts');
const VALUES = [undefined, null, 0, -0, 1.5, 2 ** 53 + 2, NaN, Infinity, '', 'héllo ✓ 😀', true, [1, undefined, null], { a: undefined, b: [{ c: 'd' }] }, new Date(86_400_000)];
const activities = { echo: async (v: unknown) => v, nothing: async () => undefined };

/** What the fixture reports for VALUES sent as an argument list (each argument a payload). */
const LIST = { array: ['undefined', 'null', 'number:0', 'number:0', 'number:1.5', `number:${2 ** 53 + 2}`, 'null', 'null', 'string:', 'string:héllo ✓ 😀', 'boolean:true', { array: ['number:1', 'null', 'null'] }, { object: { b: { array: [{ object: { c: 'string:d' } }] } } }, 'string:1970-01-02T00:00:00.000Z'] };

describe('payloads', () => {
  test('undefined arguments stay undefined (workflow, signal, activity, child), live and after a restart from SQLite', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-payload-args-'));
    const db = path.join(dir, 'p.db');
    try {
      const first = await Engine.open({ db, workflows, activities, log: false });
      await first.start('payloadDigest', { workflowId: 'p', args: VALUES });
      await first.idle();
      await first.close(); // the run waits for the signal: the next engine replays it from the store
      const second = await Engine.open({ db, workflows, activities, log: false });
      try {
        await second.signal('p', 'values', ...VALUES);
        const outcome = await second.result('p');
        expect(outcome.status).toBe('completed');
        const seen = (outcome as { result: Record<string, unknown> }).result;
        expect(seen.args).toEqual(LIST);
        expect(seen.argCount).toBe(VALUES.length);
        expect(seen.signal).toEqual(LIST);
        const oneValue = { array: LIST.array.map((x) => (x === 'undefined' ? 'null' : x)) }; // a list returned as one value: undefined inside is null
        expect(seen.child).toEqual(oneValue); // the child got the arguments (undefined kept) and returned them as one value
        expect(seen.childUndefined).toBe('undefined');
        expect(seen.echo0).toBe('undefined'); // the activity was called with undefined and returned it
        expect(seen.nothing).toBe('undefined');
        expect(seen.localEcho).toEqual(oneValue);
        expect(seen.localNothing).toBe('undefined'); // a local activity's undefined result: its marker has no result member, read back undefined
        // stored marked, read back undefined; the Temporal JSON has binary/null payloads and reads back the same
        const h = second.history('p');
        expect(h[0].eventType).toBe('WorkflowExecutionStarted');
        expect((h[0].attributes as unknown as { input: unknown[] }).input[0]).toBeUndefined();
        expect(0 in (h[0].attributes as unknown as { input: unknown[] }).input).toBe(true);
        expect(encodeEvents([h[0]])).toContain('\\u0000wfv');
        expect(historyFromTemporalJson(historyToTemporalJson(h))).toEqual(h);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

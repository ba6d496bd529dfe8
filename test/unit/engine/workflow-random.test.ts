/**
 * Workflow randomness as on Temporal (src/engine/workflow/random.ts), checked against a history
 * written by Temporal's TypeScript SDK 1.17.2: its workflow recorded, for its run id and again
 * after a reset (a new seed from the reset's new run id), the first `Math.random()`, a `uuid4()`
 * and the default id of a child. The engine draws the same values from the same run ids.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Replayer, historyFromTemporalJson } from '../../../src/engine/index.js';
import { alea, fillFrom, runRandom, sipHash13, streamSeed, temporalSeed, utf8, uuid4From } from '../../../src/engine/workflow/random.js';
import { createRequire } from 'node:module';

const corpus = path.resolve(__dirname, '../../../../shared/corpus/histories/sdk-typescript/random-replay-1.17.2.json');

interface Recorded { random: number; uuid: string; childWorkflowId: string }

function recorded(): { runId: string; resetRunId: string; values: Recorded[]; childIds: string[] } {
  const h = JSON.parse(readFileSync(corpus, 'utf8')) as { events: Record<string, any>[] };
  const runId = h.events[0].workflowExecutionStartedEventAttributes.originalExecutionRunId as string;
  const reset = h.events.find((e) => e.workflowTaskFailedEventAttributes?.cause === 'WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW')!.workflowTaskFailedEventAttributes;
  const done = h.events.at(-1)!.workflowExecutionCompletedEventAttributes.result.payloads[0].data as string;
  const childIds = h.events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes).map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes.workflowId as string);
  return { runId, resetRunId: reset.newRunId as string, values: JSON.parse(Buffer.from(done, 'base64').toString()) as Recorded[], childIds };
}

describe('randomness as on Temporal', () => {
  const r = recorded();

  test('the run id\'s seed gives the SDK\'s Math.random(), uuid4() and default child id', () => {
    const random = runRandom(r.runId);
    expect([random(), uuid4From(random), uuid4From(random)]).toEqual([r.values[0].random, r.values[0].uuid, r.values[0].childWorkflowId]);
    expect(r.childIds[0]).toBe(r.values[0].childWorkflowId);
  });

  test('so does the seed of the reset\'s new run id', () => {
    const random = runRandom(r.resetRunId);
    expect([random(), uuid4From(random), uuid4From(random)]).toEqual([r.values[1].random, r.values[1].uuid, r.values[1].childWorkflowId]);
  });

  test('the engine replays the SDK\'s history against the same logic: every child id (a UUID drawn after the others) matches, before and after the reset', () => {
    const history = historyFromTemporalJson(JSON.parse(readFileSync(corpus, 'utf8')));
    const report = new Replayer(path.resolve(__dirname, '../../fixtures/engine/workflows/random-reset.ts')).replay(history, 'random-replay-1.17.2.json');
    expect(report).toMatchObject({ workflowType: 'directRandomAndUuidResetWorkflow', workflowTasks: 13, closed: true });
    expect(r.childIds).toEqual(r.values.map((v) => v.childWorkflowId));
  });

  test('SipHash-1-3 agrees with an independent implementation on 32-bit halves, on random byte strings', () => {
    // an independent 32-bit-halves implementation (no BigInt), compared on random byte strings
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      expect(sipHash13([...bytes])).toBe(sipHash13Halves([...bytes]));
    }), { numRuns: 300 });
  });

  test('uuid4From gives version 4, variant 1 UUIDs, and alea fractions in [0, 1)', () => {
    fc.assert(fc.property(fc.string(), (seed) => {
      const random = alea(temporalSeed(seed));
      for (let i = 0; i < 20; i++) { const x = random(); expect(x >= 0 && x < 1).toBe(true); }
      expect(uuid4From(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }), { numRuns: 200 });
  });

  test('utf8 matches Buffer\'s encoding (lone surrogates as U+FFFD)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      expect(utf8(s)).toEqual([...Buffer.from(s, 'utf8')]);
    }), { numRuns: 500 });
  });
});

/** SipHash-1-3 with key 0 on 32-bit halves (hi, lo), written separately from the BigInt version. */
function sipHash13Halves(bytes: number[]): bigint {
  type W = [number, number];
  const add = (a: W, b: W): W => { const lo = (a[1] >>> 0) + (b[1] >>> 0); return [((a[0] + b[0] + Math.floor(lo / 2 ** 32)) >>> 0), lo >>> 0]; };
  const xor = (a: W, b: W): W => [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0];
  const rot = (a: W, n: number): W => {
    if (n === 32) return [a[1], a[0]];
    if (n > 32) return rot(rot(a, 32), n - 32);
    return [((a[0] << n) | (a[1] >>> (32 - n))) >>> 0, ((a[1] << n) | (a[0] >>> (32 - n))) >>> 0];
  };
  let v0: W = [0x736f6d65, 0x70736575], v1: W = [0x646f7261, 0x6e646f6d], v2: W = [0x6c796765, 0x6e657261], v3: W = [0x74656462, 0x79746573];
  const round = (): void => {
    v0 = add(v0, v1); v1 = xor(rot(v1, 13), v0); v0 = rot(v0, 32);
    v2 = add(v2, v3); v3 = xor(rot(v3, 16), v2);
    v0 = add(v0, v3); v3 = xor(rot(v3, 21), v0);
    v2 = add(v2, v1); v1 = xor(rot(v1, 17), v2); v2 = rot(v2, 32);
  };
  const word = (b: number[]): W => [((b[7] << 24) | (b[6] << 16) | (b[5] << 8) | b[4]) >>> 0, ((b[3] << 24) | (b[2] << 16) | (b[1] << 8) | b[0]) >>> 0];
  const n = bytes.length;
  let i = 0;
  for (; i + 8 <= n; i += 8) { const m = word(bytes.slice(i, i + 8)); v3 = xor(v3, m); round(); v0 = xor(v0, m); }
  const tail = bytes.slice(i);
  while (tail.length < 7) tail.push(0);
  tail.push(n & 0xff);
  const m = word(tail);
  v3 = xor(v3, m); round(); v0 = xor(v0, m);
  v2 = xor(v2, [0, 0xff]);
  round(); round(); round();
  const h = xor(xor(v0, v1), xor(v2, v3));
  return (BigInt(h[0]) << 32n) | BigInt(h[1]);
}

describe('random streams as in Temporal\'s SDK (cross-checked against its own functions)', () => {
  // the SDK's implementations, loaded from its package: the oracle
  const sdk = (m: string): Record<string, (...a: any[]) => any> => createRequire(import.meta.url)(`@temporalio/workflow/lib/${m}`) as Record<string, (...a: any[]) => any>;
  const sdkAlea = sdk('alea').alea;
  const sdkDerive = sdk('random-stream-seed').deriveAleaSeed;
  const { uuid4FromRandom, fillWithRandom } = sdk('random-helpers');

  test('named stream seeds, Alea draws, UUIDs and fills equal the SDK\'s', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.string(), fc.integer({ min: 1, max: 40 }), (seed, name, n) => {
      const ours = alea(streamSeed([...seed], name));
      const theirs = sdkAlea(sdkDerive([...seed], name));
      for (let i = 0; i < n; i++) expect(ours()).toBe(theirs());
      expect(uuid4From(ours)).toBe(uuid4FromRandom(theirs));
      expect([...fillFrom(ours, new Uint8Array(9))]).toEqual([...fillWithRandom(theirs, new Uint8Array(9))]);
    }), { numRuns: 300 });
  });

  test('in a workflow: a named stream leaves the main one alone; with() routes Math.random but not workflowRandom', async () => {
    const { Engine } = await import('../../../src/engine/index.js');
    const e = await Engine.open({ activities: { hello: async (s: string) => s }, workflows: path.resolve(__dirname, '../../fixtures/engine/workflows/api-extras.ts'), log: false });
    try {
      const { runId } = await e.start('streams', { workflowId: 's' });
      const { result } = await e.result('s') as { result: string[] };
      const main = runRandom(runId);
      const plugin = alea(streamSeed(temporalSeed(runId), 'plugin'));
      for (let i = 0; i < 6; i++) plugin();
      const childId = uuid4From(plugin);
      const underWith = plugin();
      expect(result).toEqual([String(main()), childId, '3', String(underWith), String(main()), String(main())]);
    } finally {
      await e.close();
    }
  });
});

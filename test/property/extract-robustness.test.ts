/**
 * Robustness of the extractor and the lowering: fast-check writes random nests of statements
 * around the workflow API (activities, timers, conditions, handlers, Promise combinators, loops,
 * try/catch/finally, sagas, cancellation scopes, patches, helpers, breaks in odd places) into a
 * workflow file; extraction must never throw and never report an internal error (WFV7000):
 * it extracts, or reports located diagnostics. Every extracted workflow is lowered and explored
 * (bounded) without a crash.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { explore } from '../../src/core/index.js';
import { ModelBoundError, extractWorkflows, lowerToSystem } from '../../src/extract/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-extract-fc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(path.join(dir, 'activities.ts'), [
  'export async function a(x: string): Promise<string> { return x; }',
  'export async function b(): Promise<boolean> { return true; }',
  "export async function c(): Promise<'ok' | 'bad'> { return 'ok'; }",
  'export async function d(n: number): Promise<void> { void n; }',
].join('\n'));

const HEADER = `import { ApplicationFailure, CancellationScope, condition, defineSignal, defineUpdate, patched, proxyActivities, setHandler, sleep, startChild, executeChild, continueAsNew, uuid4 } from '@temporalio/workflow';
import type * as acts from './activities.js';
const { a, b, c, d } = proxyActivities<typeof acts>({ startToCloseTimeout: '1m', retry: { maximumAttempts: 2 } });
export const sig = defineSignal<[boolean]>('sig');
export const upd = defineUpdate<void, ['x' | 'y']>('upd');
async function helper(flag: boolean): Promise<boolean> {
  if (flag) return false;
  await a('h');
  return true;
}
`;

type Gen = fc.Arbitrary<string>;
const leaf: Gen = fc.constantFrom(
  "await a('x');",
  'flag = await b();',
  "mode = await c();",
  'await d(1);',
  "await sleep('1s');",
  "await condition(() => flag, '1h');",
  'await condition(() => mode === "bad");',
  'count++;',
  'flag = !flag;',
  "throw ApplicationFailure.nonRetryable('no', 'No');",
  'return;',
  'break;',
  'continue;',
  'await helper(flag);',
  'comps.push(() => d(2));',
  'comps.unshift(async () => { await a("undo"); });',
  'for (const k of comps) await k();',
  'for (const k of comps.reverse()) await k();',
  "setHandler(sig, (v) => { flag = v; });",
  "setHandler(upd, async (m) => { mode = m === 'x' ? 'ok' : 'bad'; await sleep(5); });",
  "const id = uuid4(); void id;",
  "await executeChild('child', {});",
  "const h = await startChild('kid', {}); await h.result();",
  'await continueAsNew();',
  'await Promise.all(items.map((i) => a(i)));',
  "const p = a('later'); await d(3); await p;",
  'if (patched("p1")) { await d(4); }',
);

const stmt: (depth: number) => Gen = (depth) =>
  depth <= 0
    ? leaf
    : fc.oneof(
        { weight: 3, arbitrary: leaf },
        { weight: 1, arbitrary: fc.tuple(block(depth - 1), block(depth - 1)).map(([t, e]) => `if (flag) ${t} else ${e}`) },
        { weight: 1, arbitrary: block(depth - 1).map((body) => `while (count < 2) { count++; ${body} }`) },
        { weight: 1, arbitrary: block(depth - 1).map((body) => `for (let i = 0; i < 2; i++) ${body}`) },
        { weight: 1, arbitrary: block(depth - 1).map((body) => `for (const it of items) ${body}`) },
        { weight: 1, arbitrary: fc.tuple(block(depth - 1), block(depth - 1), fc.boolean()).map(([t, c, f]) => `try ${t} catch (err) ${c}${f ? ' finally { await d(9); }' : ''}`) },
        { weight: 1, arbitrary: fc.tuple(block(depth - 1), block(depth - 1)).map(([x, y]) => `await Promise.${['all', 'race'][x.length % 2]}([(async () => ${x})(), (async () => ${y})()]);`) },
        { weight: 1, arbitrary: fc.tuple(block(depth - 1), block(depth - 1)).map(([x, y]) => `await Promise.${['allSettled', 'any'][y.length % 2]}([(async () => ${x})(), (async () => ${y})()]);`) },
        { weight: 1, arbitrary: block(depth - 1).map((body) => `await CancellationScope.cancellable(async () => ${body});`) },
        { weight: 1, arbitrary: fc.tuple(block(depth - 1), block(depth - 1)).map(([x, y]) => `switch (mode) { case 'ok': ${x} break; default: ${y} }`) },
      );
const block = (depth: number): Gen => fc.array(stmt(depth), { minLength: 0, maxLength: 3 }).map((ss) => `{ ${ss.join(' ')} }`);

const workflowFile: fc.Arbitrary<string[]> = fc.array(block(2), { minLength: 6, maxLength: 6 });

let run = 0;
const tally = { files: 0, withErrors: 0, workflows: 0 };
describe('extractor robustness (fast-check)', () => {
  it('never throws and never reports an internal error; lowering never crashes', () => {
    fc.assert(
      fc.property(workflowFile, (bodies) => {
        const file = path.join(dir, `wf${run++}.ts`);
        const fns = bodies.map((body, i) => `export async function w${i}(items: string[]): Promise<void> {
  let flag = false; let mode: 'ok' | 'bad' = 'ok'; let count = 0;
  const comps: (() => Promise<void>)[] = [];
  ${body.slice(1, -1)}
  void flag; void mode; void count; void items;
}`);
        writeFileSync(file, `${HEADER}\n${fns.join('\n')}\n`);
        const r = extractWorkflows([file], { baseDir: dir });
        for (const e of r.errors) {
          expect(e.span.file).toBe(path.basename(file));
          expect(e.span.line).toBeGreaterThanOrEqual(1);
        }
        const wfs = r.files.flatMap((f) => f.workflows);
        if (r.errors.length === 0) expect(wfs.length).toBe(bodies.length);
        tally.files++;
        if (r.errors.length > 0) tally.withErrors++;
        tally.workflows += wfs.length;
        for (const w of wfs) {
          expect(w.diagnostics.filter((d) => d.code === 'WFV7000')).toEqual([]);
          try {
            const m = lowerToSystem(w);
            explore(m.system, { bounds: { maxStates: 20_000 } });
          } catch (e) {
            if (!(e instanceof ModelBoundError)) throw e;
          }
        }
      }),
      { numRuns: 8, seed: 20261123 },
    );
    // The generator must exercise the extractor, not only the type checker.
    expect(tally.workflows).toBeGreaterThan(tally.files);
  }, 120_000);
});

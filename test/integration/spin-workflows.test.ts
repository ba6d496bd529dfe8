/**
 * SPIN against wfverify on the bundled examples: every workflow of examples/* (workflow.ts and
 * buggy.ts) is written as Promela with the properties of its .wfspec (writePromelaWorkflow), and
 * SPIN's verdict on every LTL-expressible property must equal wfverify's answer on the model —
 * `checkSystemProperties` with the fairness and stutter semantics of `wfverify check`
 * (run-check.ts), read before `check` turns a model answer into "inconclusive" because of an
 * extraction gap (videoEncoding's bounded fan-out, WFV3104). Deadlock freedom is compared too:
 * SPIN's invalid-end-state check on the model built with -DWF_DEADLOCK_ENDS against the built-in
 * `deadlock-freedom`.
 *
 * Per workflow: one pan for all `ltl` blocks (`./pan -a -N name` each, no -f: fairness is in the
 * formulas) and one pan with -DNOCLAIM for the end states. SPIN and gcc must be on PATH; set
 * WFVERIFY_SKIP_SPIN=1 to skip on a machine without them. WFVERIFY_KEEP_SPIN=1 keeps the models.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinChecks } from '../../src/cli/check/builtins.js';
import { PROGRESS, assumeFairness, fairBinding } from '../../src/cli/check/fairness.js';
import { checkSystemProperties } from '../../src/cli/formulas/run.js';
import { explore } from '../../src/core/index.js';
import { type WorkflowIR, extractWorkflows, lowerToSystem } from '../../src/extract/index.js';
import { type SpecProperty, parseSpec } from '../../src/logic/index.js';
import { writePromelaWorkflow } from '../../src/tla-export/promela-workflow/index.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const onPath = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).error === undefined;
const hasTools = onPath('spin', ['-V']) && onPath('gcc', ['--version']);
const skip = process.env.WFVERIFY_SKIP_SPIN === '1' && !hasTools;

interface Case {
  readonly ir: WorkflowIR;
  readonly specFile: string;
  readonly properties: readonly SpecProperty[];
}

/**
 * A fixture beyond the examples: a deadlock (a `jam` signal makes the loop wait for a condition
 * nothing can make true), a loop that only a signal ends (so fairness decides liveness), data,
 * `X` and an `E` property. Written to `dir` (the extractor resolves @temporalio/workflow from the
 * repository's node_modules through the path mapping of its own compiler host).
 */
const FIXTURE = readFileSync(path.join(root, 'test/fixtures/workflows/deadlocks.ts'), 'utf8');
const FIXTURE_SPEC = `workflow spinFixture
property ends: AF done
property timersGoOn: G F (timerFired | done | failed | deadlock)
property haltEnds: G (signaled(halt) -> F (done | failed | stuck))
property roundsBounded: G (rounds <= 2) & G (rounds >= 1 -> G rounds >= 1)
property jamOnce: G (signaled(jam) -> X !signaled(jam))
property workAfterHalt: A[!started(work) W stop]
property failOnlyAfterWork: AG (failed -> !stop | rounds >= 0)
property canEnd: EF done
property neverJammedAndDone: !(EF (stuck & EF done))
property taskFailureStays: G (taskFailed -> X G (taskFailed & !running))
property endsOrStops: G (signaled(halt) -> F (done | failed | stuck | taskFailed))
workflow stuckFixture
property endsOrSticks: F (done | deadlock)
property ends: F done
property stuckAfterFailure: G (completed(work) & !ok -> G deadlock)
`;

function fixtureCases(dir: string): Case[] {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'fixture.ts');
  writeFileSync(file, FIXTURE);
  const irs = extractWorkflows([file], { baseDir: root }).files.flatMap((f) => f.workflows);
  const spec = parseSpec(FIXTURE_SPEC, 'fixture.wfspec');
  const out = spec.blocks.map((b) => ({ ir: irs.find((w) => w.name === b.workflow)!, specFile: spec.file, properties: b.properties }));
  // The first workflow again, with an unknown initial value of `stuck`: two initial states.
  const ir = out[0].ir;
  const unknownInit: WorkflowIR = { ...ir, name: 'spinFixtureUnknownInit', vars: ir.vars.map((v) => (v.name === 'stuck' ? { ...v, init: { kind: 'unknown' } } : v)) };
  return [...out, { ...out[0], ir: unknownInit }];
}

/** Every workflow named by a spec of examples/<dir>/, with its properties. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const dir of readdirSync(path.join(root, 'examples'))) {
    const folder = path.join(root, 'examples', dir);
    if (!existsSync(path.join(folder, 'workflow.ts'))) continue;
    const files = ['workflow.ts', 'buggy.ts'].map((f) => path.join(folder, f)).filter(existsSync);
    const irs = extractWorkflows(files, { baseDir: root }).files.flatMap((f) => f.workflows);
    for (const spec of readdirSync(folder).filter((f) => f.endsWith('.wfspec'))) {
      const parsed = parseSpec(readFileSync(path.join(folder, spec), 'utf8'), `examples/${dir}/${spec}`);
      for (const b of parsed.blocks) {
        const ir = irs.find((w) => w.name === b.workflow);
        if (ir) out.push({ ir, specFile: parsed.file, properties: b.properties });
      }
    }
  }
  return out;
}

interface Row {
  readonly name: string;
  readonly ltlName: string | null;
  readonly note?: string;
  readonly wfverify: boolean | undefined;
  readonly spin?: boolean | undefined;
  readonly detail?: string;
}

interface Checked {
  readonly workflow: string;
  readonly dir: string;
  readonly rows: Row[];
  readonly deadlockFree: { wfverify: boolean; spin: boolean | undefined; detail: string };
  readonly states: number;
  readonly error?: string;
}

/** `./pan` output → holds (errors: 0 on a complete search), violated (an error), or undefined. */
function panVerdict(out: string): { answer: boolean | undefined; detail: string } {
  const errors = /errors: (\d+)/.exec(out);
  if (!errors) return { answer: undefined, detail: `no "errors:" line:\n${out}` };
  if (/assertion violated/.test(out)) return { answer: undefined, detail: 'a compensation list bound was hit (assertion)' };
  if (Number(errors[1]) > 0) return { answer: false, detail: (/pan:1: [^\n]*/.exec(out) ?? ['violated'])[0] };
  if (/max search depth too small|out of memory|Search not completed/i.test(out)) return { answer: undefined, detail: `truncated search:\n${out}` };
  return { answer: true, detail: 'errors: 0' };
}

/** wfverify's answers on the model, as run-check.ts computes them. */
function wfverifyAnswers(c: Case): { answers: (boolean | undefined)[]; deadlockFree: boolean; states: number } {
  const model = lowerToSystem(c.ir);
  const x = explore(model.system, { recordEdges: true });
  const deadlockFree = builtinChecks(model, x).find((b) => b.name === 'deadlock-freedom')!.holds;
  const outcomes = checkSystemProperties(model.system, fairBinding(model), c.properties.map((p) => ({ id: p.name, formula: assumeFairness(p.formula) })), {
    file: c.specFile, bounds: {}, deadlockSemantics: { ctl: 'stutter', ltl: 'stutter' }, tolerateUnsupported: true, ctlFairness: [PROGRESS],
  }).outcomes;
  return { answers: outcomes.map((o) => (typeof o.answer === 'boolean' ? o.answer : undefined)), deadlockFree, states: x.stats.states };
}

async function check(c: Case, base: string): Promise<Checked> {
  const dir = path.join(base, c.ir.name);
  const ends = path.join(dir, 'ends');
  mkdirSync(ends, { recursive: true });
  const promela = writePromelaWorkflow(c.ir, c.properties.map((p) => ({ name: p.name, formula: p.formula })));
  writeFileSync(path.join(dir, 'model.pml'), promela.text);
  writeFileSync(path.join(ends, 'model.pml'), promela.text);
  const wf = wfverifyAnswers(c);
  const opts = (cwd: string) => ({ cwd, timeout: 120_000, killSignal: 'SIGKILL' as const, maxBuffer: 1 << 24 });
  const pan = (cwd: string, args: string[]) => run('./pan', args, opts(cwd)).then((x) => x.stdout, (e: { stdout?: string; message: string }) => e.stdout ?? e.message);
  const ltl = promela.properties.some((p) => p.ltlName !== null);
  const [, deadlockOut] = await Promise.all([
    ltl ? run('spin', ['-a', 'model.pml'], opts(dir)).then(() => run('gcc', ['-w', '-O2', '-DNOREDUCE', '-o', 'pan', 'pan.c'], opts(dir))) : Promise.resolve(),
    run('spin', ['-DWF_DEADLOCK_ENDS', '-a', 'model.pml'], opts(ends))
      .then(() => run('gcc', ['-w', '-O2', '-DNOCLAIM', '-DNOREDUCE', '-o', 'pan', 'pan.c'], opts(ends)))
      .then(() => pan(ends, ['-m1000000'])),
  ]);
  const rows: Row[] = [];
  for (let i = 0; i < c.properties.length; i++) {
    const p = promela.properties[i];
    if (p.ltlName === null) {
      rows.push({ name: p.name, ltlName: null, note: p.note, wfverify: wf.answers[i] });
      continue;
    }
    const v = panVerdict(await pan(dir, ['-a', '-m1000000', '-N', p.ltlName]));
    rows.push({ name: p.name, ltlName: p.ltlName, wfverify: wf.answers[i], spin: v.answer, detail: v.detail });
  }
  const d = panVerdict(deadlockOut);
  return { workflow: c.ir.name, dir, rows, states: wf.states, deadlockFree: { wfverify: wf.deadlockFree, spin: d.answer, detail: d.detail } };
}

async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

describe.skipIf(skip)('SPIN agrees with wfverify on the examples (Promela workflow export)', () => {
  const fixtureDir = mkdtempSync(path.join(tmpdir(), 'wfverify-spin-fixture-'));
  const all = [...cases(), ...fixtureCases(fixtureDir)];
  let base = '';
  let checked: Checked[] = [];

  beforeAll(async () => {
    if (!hasTools) return;
    base = mkdtempSync(path.join(tmpdir(), 'wfverify-spin-wf-'));
    checked = await pool(Math.max(2, availableParallelism()), all.map((c) => () => check(c, base).catch((e: Error): Checked => ({
      workflow: c.ir.name, dir: path.join(base, c.ir.name), rows: [], states: 0, deadlockFree: { wfverify: false, spin: undefined, detail: '' }, error: e.message,
    }))));
  }, 300_000);

  afterAll(() => {
    const bad = checked.some((x) => x.error !== undefined || x.deadlockFree.spin !== x.deadlockFree.wfverify || x.rows.some((r) => r.ltlName !== null && r.spin !== r.wfverify));
    rmSync(fixtureDir, { recursive: true, force: true });
    if (base && !bad && process.env.WFVERIFY_KEEP_SPIN === undefined) rmSync(base, { recursive: true, force: true });
    else if (base) console.warn(`spin-workflows: models kept in ${base}`);
  });

  it('has SPIN and gcc, and finds the examples', () => {
    expect(hasTools, 'spin or gcc not on PATH (set WFVERIFY_SKIP_SPIN=1 to skip)').toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(15);
    expect(checked.some((x) => !x.deadlockFree.wfverify), 'a workflow with a deadlock').toBe(true);
    const rows = checked.flatMap((x) => x.rows);
    console.log(checked.map((x) => `${x.workflow} (${x.states} states): deadlock-free wfverify=${x.deadlockFree.wfverify} spin=${x.deadlockFree.spin}\n${x.rows
      .map((r) => `  ${r.name}: ${r.ltlName === null ? `not LTL (${r.note}); wfverify=${r.wfverify}` : `wfverify=${r.wfverify} spin=${r.spin}`}`).join('\n')}`).join('\n'));
    expect(rows.filter((r) => r.ltlName !== null && r.spin === true).length, 'properties that hold').toBeGreaterThan(10);
    expect(rows.filter((r) => r.ltlName !== null && r.spin === false).length, 'violated properties').toBeGreaterThan(3);
  });

  it.each(all.map((c, i) => [c.ir.name, i] as const))('%s', (_name, i) => {
    const x = checked[i];
    expect(x, 'not checked (see the first test)').toBeDefined();
    if (x.error !== undefined) throw new Error(x.error);
    expect(x.deadlockFree.spin, `deadlock freedom of ${x.workflow} (files in ${x.dir}): ${x.deadlockFree.detail}`).toBe(x.deadlockFree.wfverify);
    for (const r of x.rows) {
      if (r.ltlName === null) continue;
      expect(r.wfverify, `${x.workflow}.${r.name}: wfverify gave no answer`).not.toBeUndefined();
      expect(r.spin, `${x.workflow}.${r.name} (ltl ${r.ltlName}; files in ${x.dir}): SPIN ${r.detail}`).toBe(r.wfverify);
    }
  });
});

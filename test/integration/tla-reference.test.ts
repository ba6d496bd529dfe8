/**
 * The TLA+ exports mean what wfverify checked. TLC cannot run on the test machines (no Java
 * tla2tools.jar offline; scripts/tlc-compare.mjs runs it where it exists), so a reference model
 * checker for the exported TLA+ subset (test/support/tla-eval: the tree-sitter parse of the text,
 * TLC's way of evaluating Init and Next, weak fairness with stuttering) reads each exported module
 * and its cfg, and must find:
 * - as many distinct states as wfverify's model has (TLC's "distinct states found");
 * - a state without successors exactly when wfverify reports a deadlock;
 * - for every exported invariant and property, the verdict `wfverify check` gave (where it gave
 *   one: an inconclusive verdict has nothing to compare).
 * It shares no code with wfverify's explorer, lowering or checkers.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path, { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/cli/check/run-check.js';
import { explore } from '../../src/core/index.js';
import { type WorkflowIR, extractWorkflows, lowerToSystem } from '../../src/extract/index.js';
import { parseSpec } from '../../src/logic/index.js';
import { PetriSystem, readPnmlFile } from '../../src/petri/index.js';
import { type TlaExport, type TlaProperty, writeTlaNet, writeTlaWorkflow } from '../../src/tla-export/tla/index.js';
import { checkTla } from '../support/tla-eval/model-check.js';

const root = path.resolve(import.meta.dirname, '../..');

const JAM_SPEC = `workflow spinFixture
property endsOrSticks: F (done | failed | deadlock)
property jamOnce: G (signaled(jam) -> X !signaled(jam))
property stuckStays: G (stuck -> X G stuck)
property workAfterHalt: A[!started(work) W stop]
property workUntilHalt: A[!started(work) U stop]
property haltReleases: G (signaled(halt) -> (!done U (done | failed | deadlock)))
property rounds: G (rounds <= 2) & G (rounds >= 1 -> G rounds >= 1)
property deadlockAfterJam: G (deadlock -> X deadlock)
property neverJammedAndDone: !(EF (stuck & EF done))
property taskFailureStays: G (taskFailed -> X G (taskFailed & !running))
property endsOrStops: F (done | failed | deadlock | taskFailed)
workflow stuckFixture
property endsOrSticks: F (done | deadlock)
property ends: F done
property stuckAfterFailure: G (completed(work) & !ok -> G deadlock)
property deadlockRepeats: G (deadlock -> X deadlock)
property failureThenStuck: G (failed(work) -> X G !done)
property okOrStuck: A[!done W ok]
`;
const EXAMPLES = readdirSync(join(root, 'examples')).filter((d) => existsSync(join(root, 'examples', d, 'workflow.ts')));

/** The cfg operators of each exported property, from the `\* property NAME (KIND…)` comment before each. */
function exportedNames(module: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of module.matchAll(/^\\\* property (\S+) \((?:INVARIANT|PROPERTY)[^)]*\)\n(\w+) ==/gm)) out.set(m[2], m[1]);
  return out;
}

/** Each property's verdict by the reference checker: all its cfg entries (model module and monitor module) hold. */
async function referenceVerdicts(x: TlaExport): Promise<{ states: number; deadlocks: number; typeOk: boolean; verdicts: Map<string, boolean> }> {
  const ref = await checkTla(x.module, x.cfg, new Map(), x.module.includes('\nDeadlocked ==') ? ['Deadlocked'] : []);
  // Deadlocked (written without ENABLED) holds exactly in the states without successors.
  if (ref.counts.has('Deadlocked')) expect(ref.counts.get('Deadlocked'), 'Deadlocked').toBe(ref.deadlocks);
  const verdicts = new Map<string, boolean>();
  const add = (ops: Map<string, string>, got: ReadonlyMap<string, boolean>) => {
    for (const [op, name] of ops) {
      const v = got.get(op);
      if (v === undefined) throw new Error(`${op} is not in the cfg`);
      verdicts.set(name, (verdicts.get(name) ?? true) && v);
    }
  };
  add(exportedNames(x.module), ref.verdicts);
  if (x.monitors) add(exportedNames(x.monitors.module), (await checkTla(x.monitors.module, x.monitors.cfg, new Map([[x.moduleName, x.module]]))).verdicts);
  return { states: ref.states, deadlocks: ref.deadlocks, typeOk: ref.verdicts.get('TypeOK') === true, verdicts };
}

describe('TLA+ exports against a reference TLA+ model checker', () => {
  const workflows: { ir: WorkflowIR; props: TlaProperty[] }[] = [];
  let report: ReturnType<typeof runCheck>['report'];
  beforeAll(() => {
    report = runCheck({ paths: [join(root, 'examples')], baseDir: root, bounds: {}, version: 'test' }).report;
    const files = EXAMPLES.flatMap((d) => ['workflow.ts', 'buggy.ts'].map((f) => join(root, 'examples', d, f))).filter(existsSync);
    const byName = new Map<string, TlaProperty[]>();
    for (const d of EXAMPLES) {
      for (const s of readdirSync(join(root, 'examples', d)).filter((f) => f.endsWith('.wfspec')).map((f) => join(root, 'examples', d, f))) {
        for (const b of parseSpec(readFileSync(s, 'utf8'), s).blocks) byName.set(`${dirname(s)}:${b.workflow}`, b.properties.map((p) => ({ name: p.name, formula: p.formula })));
      }
    }
    for (const f of extractWorkflows(files).files) for (const ir of f.workflows) workflows.push({ ir, props: byName.get(`${dirname(path.resolve(root, f.file))}:${ir.name}`) ?? [] });
  }, 180_000);

  it('every example workflow: same states, deadlocks and verdicts as `wfverify check`', async () => {
    expect(workflows.length).toBe(2 * EXAMPLES.length);
    let compared = 0;
    let exported = 0;
    let total = 0;
    for (const { ir, props } of workflows) {
      const ours = report.workflows.find((w) => w.workflow === ir.name);
      if (!ours) throw new Error(`no check result for ${ir.name}`);
      const x = writeTlaWorkflow(ir, props);
      const ref = await referenceVerdicts(x);
      expect(ref.states, `${ir.name} states`).toBe(ours.stats.states);
      const deadlockFree = ours.properties.find((p) => p.name === 'deadlock-freedom');
      if (deadlockFree?.status !== 'inconclusive') expect(ref.deadlocks === 0, `${ir.name} deadlocks`).toBe(deadlockFree?.status === 'holds');
      expect(ref.typeOk, `${ir.name} TypeOK`).toBe(true);
      for (const [name, holds] of ref.verdicts) {
        const p = ours.properties.find((q) => q.name === name);
        if (!p || p.status === 'inconclusive') continue;
        expect(holds, `${ir.name}.${name}`).toBe(p.status === 'holds');
        compared++;
      }
      exported += ref.verdicts.size;
      total += props.length;
    }
    expect(workflows.filter((w) => w.props.length > 0).length, [...workflows.map((w) => w.ir.name)].join()).toBe(workflows.length);
    console.log(`tla-reference: ${exported} of ${total} spec properties exported, ${compared} verdicts compared`);
    expect(compared).toBeGreaterThanOrEqual(10);
  }, 180_000);

  it('the construct fixtures: same number of states as the lowered model', async () => {
    const files = ['test/fixtures/extract/constructs.ts', 'test/fixtures/extract/wfverify-api.ts'].map((f) => join(root, f));
    let n = 0;
    for (const f of extractWorkflows(files).files) {
      for (const ir of f.workflows) {
        const run = explore(lowerToSystem(ir).system);
        const x = writeTlaWorkflow(ir, []);
        expect((await checkTla(x.module, x.cfg)).states, ir.name).toBe(run.stats.states);
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('a workflow with deadlocks, X, W and data: same states, deadlocks and verdicts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfv-tla-ref-'));
    try {
      writeFileSync(join(dir, 'jam.ts'), readFileSync(join(root, 'test/fixtures/workflows/deadlocks.ts'), 'utf8'));
      writeFileSync(join(dir, 'jam.wfspec'), JAM_SPEC);
      const r = runCheck({ paths: [dir], baseDir: dir, bounds: {}, version: 'test' });
      expect(r.errors).toEqual([]);
      const irs = extractWorkflows([join(dir, 'jam.ts')], { baseDir: dir }).files[0].workflows;
      const blocks = parseSpec(JAM_SPEC, join(dir, 'jam.wfspec')).blocks;
      let deadlocks = 0;
      for (const ours of r.report.workflows) {
        const ir = irs.find((w) => w.name === ours.workflow);
        const props = blocks.find((b) => b.workflow === ours.workflow)?.properties.map((p) => ({ name: p.name, formula: p.formula })) ?? [];
        if (!ir) throw new Error(ours.workflow);
        const ref = await referenceVerdicts(writeTlaWorkflow(ir, props));
        expect(ref.states, ir.name).toBe(ours.stats.states);
        expect(ref.deadlocks === 0, ir.name).toBe(ours.properties.find((p) => p.name === 'deadlock-freedom')?.status === 'holds');
        deadlocks += ref.deadlocks;
        const statuses = Object.fromEntries(ours.properties.filter((p) => ref.verdicts.has(p.name)).map((p) => [p.name, p.status]));
        expect(Object.fromEntries([...ref.verdicts].map(([n, v]) => [n, v ? 'holds' : 'violated'])), ir.name).toEqual(statuses);
        expect(Object.keys(statuses).length, ir.name).toBe(props.length);
      }
      expect(deadlocks).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('nets: same reachable markings and dead markings as the explorer', async () => {
    const nets = [
      ...readdirSync(join(root, 'examples/nets')).filter((f) => f.endsWith('.pnml')).map((f) => join(root, 'examples/nets', f)),
      ...['test/fixtures/nets/restart-deadlock.pnml'].map((f) => join(root, f)),
    ];
    for (const file of nets) {
      const net = await readPnmlFile(file);
      let dead = 0;
      const run = explore(new PetriSystem(net), { onDeadlock: () => void dead++, onRestart: () => void (dead = 0) });
      const x = writeTlaNet(net, []);
      const ref = await checkTla(x.module, x.cfg);
      expect(ref.states, file).toBe(run.stats.states);
      expect(ref.deadlocks, file).toBe(dead);
    }
  }, 120_000);
});

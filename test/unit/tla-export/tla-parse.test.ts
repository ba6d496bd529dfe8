/**
 * Every exported TLA+ module parses with the TLA+ project's tree-sitter grammar (no ERROR or
 * MISSING node): the example workflows (workflow.ts and buggy.ts) with their specs' properties,
 * the example nets and a few MCC nets with their MCC formulas.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type WorkflowIR, extractWorkflows } from '../../../src/extract/index.js';
import { parseMccXml, parseSpec } from '../../../src/logic/index.js';
import { readPnmlFile } from '../../../src/petri/index.js';
import { type TlaExport, type TlaProperty, writeTlaNet, writeTlaWorkflow } from '../../../src/tla-export/tla/index.js';
import { tlaSyntaxProblems } from '../../fixtures/tla/parse.js';

const EXAMPLES = readdirSync('examples').filter((d) => existsSync(join('examples', d, 'workflow.ts')));

function cfgNames(cfg: string): string[] {
  return cfg.split('\n').filter((l) => l.startsWith('    ')).map((l) => l.trim().split(' ')[0]);
}

/** Structural checks beyond the grammar: every cfg name is defined, the file has the pieces TLC needs. */
function checkShape(x: TlaExport): void {
  expect(x.module).toMatch(new RegExp(`^-{4,} MODULE ${x.moduleName} -{4,}\\n`));
  expect(x.module).toMatch(/\n={4,}\n$/);
  for (const n of ['vars', 'TypeOK', 'Init', 'Next', 'Spec']) expect(x.module).toMatch(new RegExp(`^${n} ==`, 'm'));
  for (const n of cfgNames(x.cfg)) expect(x.module, n).toMatch(new RegExp(`^(${n} ==|CONSTANT ${n}$)`, 'm'));
  expect(x.cfg).toMatch(/^SPECIFICATION Spec$/m);
  expect(x.cfg).not.toMatch(/^(INIT|NEXT) /m);
}

describe('TLA+ export parses (tree-sitter-tlaplus)', () => {
  const workflows: { file: string; ir: WorkflowIR; props: TlaProperty[] }[] = [];
  beforeAll(() => {
    const files = EXAMPLES.flatMap((d) => ['workflow.ts', 'buggy.ts'].map((f) => join('examples', d, f))).filter((f) => existsSync(f));
    const result = extractWorkflows(files);
    const specs = EXAMPLES.flatMap((d) => readdirSync(join('examples', d)).filter((f) => f.endsWith('.wfspec')).map((f) => join('examples', d, f)));
    const byName = new Map<string, TlaProperty[]>();
    for (const s of specs) {
      for (const b of parseSpec(readFileSync(s, 'utf8'), s).blocks) byName.set(`${dirname(s)}:${b.workflow}`, b.properties.map((p) => ({ name: p.name, formula: p.formula })));
    }
    for (const f of result.files) {
      for (const ir of f.workflows) workflows.push({ file: f.file, ir, props: byName.get(`${dirname(f.file)}:${ir.name}`) ?? [] });
    }
  }, 120_000);

  it('exports every example workflow with its spec properties', async () => {
    expect(workflows.length).toBeGreaterThanOrEqual(2 * EXAMPLES.length);
    let withProps = 0;
    for (const { file, ir, props } of workflows) {
      if (props.length > 0) withProps++;
      const x = writeTlaWorkflow(ir, props);
      expect(await tlaSyntaxProblems(x.module), `${file} ${ir.name}\n${x.module}`).toEqual([]);
      checkShape(x);
      expect(x.cfg).toMatch(/^CHECK_DEADLOCK TRUE$/m);
      // Every property is either in the cfg or explained in the notes.
      if (x.monitors) expect(await tlaSyntaxProblems(x.monitors.module), `${file} ${ir.name} monitors\n${x.monitors.module}`).toEqual([]);
      for (const p of props) {
        const inCfg = x.module.includes(`property ${p.name} (`) || (x.monitors?.module.includes(`property ${p.name} (`) ?? false);
        const noted = x.notes.some((n) => n.startsWith(`property ${p.name}:`));
        expect(inCfg !== noted, `${ir.name} ${p.name}`).toBe(true);
      }
    }
    expect(withProps).toBeGreaterThanOrEqual(EXAMPLES.length);
  }, 120_000);

  it('exports the construct fixtures (parallel, messages, saga, loops, composition, cancellation)', async () => {
    const files = ['test/fixtures/extract/constructs.ts', 'test/fixtures/extract/wfverify-api.ts', 'examples/workflows/payment/workflows.ts', 'examples/workflows/transfer/workflows.ts'];
    const result = extractWorkflows(files.filter((f) => existsSync(f)));
    const effects = new Set<string>();
    let count = 0;
    for (const f of result.files) {
      for (const ir of f.workflows) {
        count++;
        const x = writeTlaWorkflow(ir, [
          { name: 'neverFailed', formula: { kind: 'not', arg: { kind: 'atom', name: 'failed', args: [] } } },
          { name: 'ends', formula: { kind: 'path', quantifier: 'A', body: { kind: 'temporal', op: 'F', arg: { kind: 'not', arg: { kind: 'atom', name: 'running', args: [] } } } } },
          { name: 'noDeadlock', formula: { kind: 'invariant', body: { kind: 'not', arg: { kind: 'deadlock' } } } },
        ]);
        expect(await tlaSyntaxProblems(x.module), `${f.file} ${ir.name}\n${x.module}`).toEqual([]);
        checkShape(x);
        for (const m of x.module.matchAll(/(Append\(|<<\d+>> \\o|leftover_next|cancel' = TRUE|patch_\S+' = [12]|\\E \S+ \\in)/g)) effects.add(m[1].replace(/\d+/, 'k'));
      }
    }
    expect(count).toBeGreaterThanOrEqual(6);
    // The fixtures exercise compensation pushes, abandoned branches, cancellation and split writes.
    expect([...effects].sort().join(' ')).toMatch(/Append/);
  }, 120_000);

  const nets = [
    ...readdirSync('examples/nets').filter((f) => f.endsWith('.pnml')).map((f) => ({ path: join('examples/nets', f), formulas: null as string | null })),
    ...['Philosophers-PT-000005', 'Peterson-PT-2', 'Dekker-PT-010'].map((n) => ({ path: join('../shared/corpus/mcc', n, 'model.pnml'), formulas: join('../shared/corpus/mcc', n, 'formulas') })),
  ].filter((n) => existsSync(n.path));

  it.each(nets.map((n) => [n.path, n] as const))('exports net %s', async (_path, n) => {
    const net = await readPnmlFile(n.path);
    const props: TlaProperty[] = [];
    if (n.formulas !== null) {
      for (const f of ['ReachabilityCardinality', 'ReachabilityFireability', 'LTLCardinality', 'LTLFireability', 'CTLCardinality', 'CTLFireability']) {
        const path = join(n.formulas, `${f}.xml`);
        if (existsSync(path)) {
          for (const p of parseMccXml(readFileSync(path, 'utf8'), path)) if (p.formula.kind !== 'bound') props.push({ name: p.id, formula: p.formula });
        }
      }
    }
    for (const checkDeadlock of [false, true]) {
      const x = writeTlaNet(net, props, { checkDeadlock, fairness: checkDeadlock });
      expect(await tlaSyntaxProblems(x.module), n.path).toEqual([]);
      checkShape(x);
      expect(x.cfg).toContain(`CHECK_DEADLOCK ${checkDeadlock ? 'TRUE' : 'FALSE'}`);
    }
  }, 60_000);
});

#!/usr/bin/env node
// Runs TLC on the TLA+ exports of the examples and compares its answers with wfverify's
// (docs/export-tla.md):
//   - distinct states of every example workflow and example net = wfverify's states;
//   - "Deadlock reached" exactly when `wfverify check` reports deadlock-freedom violated;
//   - each exported spec property (the model's module and the monitor module `<Name>_MC`, one TLC
//     run per cfg entry) holds exactly when `wfverify check` says it holds (inconclusive verdicts
//     of wfverify are skipped).
//
//   npm run build && TLA2TOOLS_JAR=/path/to/tla2tools.jar node scripts/tlc-compare.mjs
//
// Skips (exit 0) with a message when TLA2TOOLS_JAR is not set. Not part of the test run: TLC is a
// Java program that the CI machines do not have (the tests use a reference checker for the
// exported subset instead, test/support/tla-eval). Exit 1 when an answer differs or TLC fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const jar = process.env.TLA2TOOLS_JAR;
if (!jar) {
  console.log('tlc-compare: TLA2TOOLS_JAR is not set; skipping (download tla2tools.jar from https://github.com/tlaplus/tlaplus/releases)');
  process.exit(0);
}
if (!existsSync(join(root, 'dist/tla-export/tla/index.js'))) {
  console.error('tlc-compare: dist/ is missing or stale; run `npm run build` first');
  process.exit(2);
}
const { writeTlaWorkflow, writeTlaNet } = await import(join(root, 'dist/tla-export/tla/index.js'));
const { extractWorkflows } = await import(join(root, 'dist/extract/index.js'));
const { explore } = await import(join(root, 'dist/core/index.js'));
const { readPnmlFile, PetriSystem } = await import(join(root, 'dist/petri/index.js'));
const { parseSpec } = await import(join(root, 'dist/logic/index.js'));
const { runCheck } = await import(join(root, 'dist/cli/check/run-check.js'));

/** Runs TLC on `x` (and the modules it extends, `extra`) with `cfg`; returns TLC's output. */
function tlc(x, cfg, extra = []) {
  const dir = mkdtempSync(join(tmpdir(), 'wfv-tlc-'));
  for (const m of [x, ...extra]) writeFileSync(join(dir, `${m.moduleName}.tla`), m.module);
  writeFileSync(join(dir, 'run.cfg'), cfg);
  try {
    return execFileSync('java', ['-XX:+UseParallelGC', '-cp', jar, 'tlc2.TLC', '-workers', '1', '-config', 'run.cfg', `${x.moduleName}.tla`], {
      cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // TLC exits non-zero when it finds a violation; its output says which.
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/** The cfg header lines (SPECIFICATION, CONSTANTS) of an exported cfg. */
function cfgHead(cfg) {
  const spec = cfg.match(/^SPECIFICATION .*\n/m)?.[0] ?? 'SPECIFICATION Spec\n';
  const constants = cfg.match(/^CONSTANTS\n((?: {4}.*\n)*)/m)?.[0] ?? '';
  return spec + constants;
}

/** TLC's answer: 'holds', 'violated', or 'error: …' when TLC did not finish a check. */
function tlcVerdict(out) {
  if (/Model checking completed\. No error has been found\./.test(out)) return 'holds';
  if (/Error: Invariant \S+ is violated|Error: Temporal properties were violated|Error: Deadlock reached/.test(out)) return 'violated';
  return `error: ${out.split('\n').filter((l) => /Error|error/.test(l)).slice(0, 5).join(' | ') || out.slice(-400)}`;
}

/** Each `\* property NAME (KIND…)` comment's cfg operator, by property name. */
function exportedOperators(module) {
  const out = new Map();
  for (const m of module.matchAll(/^\\\* property (\S+) \(((?:INVARIANT|PROPERTY))[^)]*\)\n(\w+) ==/gm)) {
    const list = out.get(m[1]) ?? [];
    list.push({ kind: m[2], op: m[3] });
    out.set(m[1], list);
  }
  return out;
}

let failures = 0;
let checks = 0;
const report = (ok, what) => {
  checks++;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'DIFF'} ${what}`);
};

const examples = join(root, 'examples');
const check = runCheck({ paths: [examples], baseDir: root, bounds: {}, version: 'tlc-compare' }).report;
const files = readdirSync(examples).flatMap((d) => ['workflow.ts', 'buggy.ts'].map((f) => join(examples, d, f))).filter(existsSync);
const specs = new Map();
for (const d of readdirSync(examples)) {
  const dir = join(examples, d);
  if (!existsSync(join(dir, 'workflow.ts'))) continue;
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.wfspec'))) {
    for (const b of parseSpec(readFileSync(join(dir, f), 'utf8'), join(dir, f)).blocks) specs.set(`${dir}:${b.workflow}`, b.properties.map((p) => ({ name: p.name, formula: p.formula })));
  }
}
for (const f of extractWorkflows(files).files) {
  for (const ir of f.workflows) {
    const ours = check.workflows.find((w) => w.workflow === ir.name);
    if (!ours) continue;
    const x = writeTlaWorkflow(ir, specs.get(`${dirname(resolve(root, f.file))}:${ir.name}`) ?? []);
    const head = cfgHead(x.cfg);
    const count = tlc(x, `${head}CHECK_DEADLOCK FALSE\n`).match(/(\d[\d,]*) distinct states found/);
    report(count !== null && Number(count[1].replace(/,/g, '')) === ours.stats.states, `${ir.name}: wfverify states=${ours.stats.states} TLC distinct=${count?.[1] ?? '(none)'}`);
    const deadlockFree = ours.properties.find((p) => p.name === 'deadlock-freedom');
    if (deadlockFree && deadlockFree.status !== 'inconclusive') {
      const v = tlcVerdict(tlc(x, `${head}CHECK_DEADLOCK TRUE\n`));
      report(v === deadlockFree.status, `${ir.name} deadlock-freedom: wfverify ${deadlockFree.status}, TLC ${v}`);
    }
    const modules = [{ m: x, extra: [] }, ...(x.monitors ? [{ m: x.monitors, extra: [x] }] : [])];
    const verdicts = new Map();
    for (const { m, extra } of modules) {
      const mhead = cfgHead(m.cfg);
      for (const [name, ops] of exportedOperators(m.module)) {
        for (const { kind, op } of ops) {
          const v = tlcVerdict(tlc(m, `${mhead}${kind === 'INVARIANT' ? 'INVARIANTS' : 'PROPERTIES'}\n    ${op}\nCHECK_DEADLOCK FALSE\n`, extra));
          const prev = verdicts.get(name);
          verdicts.set(name, prev === undefined || prev === 'holds' ? v : prev);
        }
      }
    }
    for (const [name, v] of verdicts) {
      const p = ours.properties.find((q) => q.name === name);
      if (!p || p.status === 'inconclusive') continue;
      report(v === p.status, `${ir.name}.${name}: wfverify ${p.status}, TLC ${v}`);
    }
  }
}
for (const f of readdirSync(join(examples, 'nets')).filter((n) => n.endsWith('.pnml'))) {
  const net = await readPnmlFile(join(examples, 'nets', f));
  const x = writeTlaNet(net, []);
  const count = tlc(x, `${cfgHead(x.cfg)}CHECK_DEADLOCK FALSE\n`).match(/(\d[\d,]*) distinct states found/);
  const ours = explore(new PetriSystem(net)).stats.states;
  report(count !== null && Number(count[1].replace(/,/g, '')) === ours, `examples/nets/${f}: wfverify states=${ours} TLC distinct=${count?.[1] ?? '(none)'}`);
}
console.log(`tlc-compare: ${checks - failures} of ${checks} answers equal`);
process.exit(failures === 0 ? 0 : 1);

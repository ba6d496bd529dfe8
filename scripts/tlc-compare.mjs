#!/usr/bin/env node
// Compares TLC's distinct-state count of every exported example workflow (and example net) with
// wfverify's own state count (`states=`): they must be equal (docs/export-tla.md).
//
//   npm run build && TLA2TOOLS_JAR=/path/to/tla2tools.jar node scripts/tlc-compare.mjs
//
// Skips (exit 0) with a message when TLA2TOOLS_JAR is not set. Not part of the test run: TLC is a
// Java program that the CI machines do not have. Exit 1 when a count differs or TLC fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
const { extractWorkflows, lowerToSystem } = await import(join(root, 'dist/extract/index.js'));
const { explore } = await import(join(root, 'dist/core/index.js'));
const { readPnmlFile, PetriSystem } = await import(join(root, 'dist/petri/index.js'));

/** Runs TLC on the export with a counting configuration (no invariants or properties, no deadlock check). */
function tlcStates(x) {
  const dir = mkdtempSync(join(tmpdir(), 'wfv-tlc-'));
  writeFileSync(join(dir, `${x.moduleName}.tla`), x.module);
  const constants = x.cfg.match(/^CONSTANTS\n((?: {4}.*\n)*)/m)?.[0] ?? '';
  writeFileSync(join(dir, 'count.cfg'), `SPECIFICATION Spec\n${constants}CHECK_DEADLOCK FALSE\n`);
  const out = execFileSync('java', ['-XX:+UseParallelGC', '-cp', jar, 'tlc2.TLC', '-workers', '1', '-config', 'count.cfg', `${x.moduleName}.tla`], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = out.match(/(\d[\d,]*) distinct states found/);
  if (!m) throw new Error(`no state count in TLC's output:\n${out}`);
  return Number(m[1].replace(/,/g, ''));
}

let failures = 0;
const compare = (what, ours, x) => {
  try {
    const theirs = tlcStates(x);
    const ok = theirs === ours;
    if (!ok) failures++;
    console.log(`${ok ? 'ok  ' : 'DIFF'} ${what}: wfverify states=${ours} TLC distinct=${theirs}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${what}: ${e.message.split('\n').slice(0, 20).join('\n')}`);
  }
};

const examples = join(root, 'examples');
const files = readdirSync(examples).flatMap((d) => ['workflow.ts', 'buggy.ts'].map((f) => join(examples, d, f))).filter(existsSync);
for (const f of extractWorkflows(files).files) {
  for (const ir of f.workflows) {
    const model = lowerToSystem(ir);
    const run = explore(model.system);
    compare(`${f.file} ${ir.name}`, run.stats.states, writeTlaWorkflow(ir, []));
  }
}
for (const f of readdirSync(join(examples, 'nets')).filter((n) => n.endsWith('.pnml'))) {
  const net = await readPnmlFile(join(examples, 'nets', f));
  compare(`examples/nets/${f}`, explore(new PetriSystem(net)).stats.states, writeTlaNet(net, []));
}
process.exit(failures === 0 ? 0 : 1);

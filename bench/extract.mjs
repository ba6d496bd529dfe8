// Extraction and model figures for the bundled examples: for each example folder, the time to
// extract its workflow files (one type-checked Program per folder, as `wfverify check DIR` does),
// and per workflow the IR size and the explored model (states, transitions, depth, ms).
// Writes bench/results/extract-<date>-<commit>.json and prints a table.
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { explore } from '../dist/core/index.js';
import { extractWorkflows, lowerToSystem } from '../dist/extract/index.js';
import { currentCommit, root } from './lib.mjs';

const examples = join(root, 'examples');
const folders = readdirSync(examples).filter((d) => statSync(join(examples, d)).isDirectory() && existsSync(join(examples, d, 'workflow.ts')));
const rows = [];
// Warm the compiler once so the first folder does not pay for loading TypeScript.
extractWorkflows([join(examples, folders[0], 'workflow.ts')], { baseDir: root });
for (const folder of folders) {
  const files = ['workflow.ts', 'buggy.ts'].map((f) => join(examples, folder, f)).filter(existsSync);
  const t0 = performance.now();
  const r = extractWorkflows(files, { baseDir: root });
  const extractMs = performance.now() - t0;
  for (const w of r.files.flatMap((f) => f.workflows)) {
    const count = (ss) => ss.reduce((n, s) => n + 1 + ['then', 'else', 'body', 'catch', 'finally', 'update'].reduce((m, k) => m + (Array.isArray(s[k]) ? count(s[k]) : 0), 0) + (s.branches ? s.branches.reduce((m, b) => m + count(b), 0) : 0), 0);
    let model;
    try {
      const m = lowerToSystem(w);
      const x = explore(m.system, { bounds: { maxStates: 5_000_000, timeoutMs: 60_000 } });
      model = { status: x.status, states: x.stats.states, transitions: x.stats.transitions, depth: x.stats.depth, ms: Math.round(x.stats.ms), stateWords: m.system.stateWords, actions: m.system.actionCount };
    } catch (e) {
      model = { status: 'error', error: String(e.message ?? e) };
    }
    rows.push({ example: folder, workflow: w.name, file: w.span.file, extractMsPerFile: Math.round(extractMs / files.length), irStatements: count(w.body), vars: w.vars.length, diagnostics: w.diagnostics.length, ...model });
  }
}
const date = new Date().toISOString().slice(0, 10);
const commit = currentCommit();
const out = { date, commit, node: process.version, rows };
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(root, 'bench', 'results', `extract-${date}-${commit}.json`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log('example                  workflow                      extract ms/file  IR stmts  states  transitions  depth');
for (const r of rows) console.log(`${r.example.padEnd(24)} ${r.workflow.padEnd(30)} ${String(r.extractMsPerFile).padStart(15)} ${String(r.irStatements).padStart(9)} ${String(r.states ?? r.status).padStart(7)} ${String(r.transitions ?? '').padStart(12)} ${String(r.depth ?? '').padStart(6)}`);
console.log(`written ${file}`);

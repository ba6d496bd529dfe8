#!/usr/bin/env node
// `npm run bench`: explicit-state exploration speed and memory on MCC nets, one fresh process per
// instance, sequential (one core). Writes bench/results/explore-<date>-<commit>.json and prints a
// table. Figures are measured, never asserted: compare runs on the same machine.
import { spawnSync } from 'node:child_process';
import { currentCommit } from './lib.mjs';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const corpus = resolve(root, '../shared/corpus/mcc');
const INSTANCES = ['Philosophers-PT-000010', 'SharedMemory-PT-000010', 'Kanban-PT-00005', 'FMS-PT-00005'];
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus}`);
  process.exit(2);
}
const commit = currentCommit();
const date = new Date().toISOString();
const results = [];
for (const name of INSTANCES) {
  const r = spawnSync(process.execPath, [join(root, 'bench/explore-one.mjs'), join(corpus, name, 'model.pnml')], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`${name}: failed\n${r.stderr}`);
    process.exit(1);
  }
  const row = { instance: name, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
  results.push(row);
  console.log(`${name.padEnd(26)} states=${row.states} transitions=${row.transitions} ms=${row.ms} states/s=${row.statesPerSecond} edges/s=${row.edgesPerSecond} packed=${row.packedBytesPerState}B overhead=${row.overheadBytesPerState}B peak=${row.peakRssMiB}MiB`);
}
// Temporal logics: every CTL formula of Kanban-PT-00005's CTLCardinality file on its full state
// space (one exploration with the graph recorded, then fixpoints), and its LTL file (on-the-fly
// products with early termination).
const formulaRuns = [];
for (const [name, file] of [['Kanban-PT-00005', 'CTLCardinality.xml'], ['Kanban-PT-00005', 'LTLCardinality.xml'], ['Philosophers-PT-000010', 'LTLFireability.xml']]) {
  const r = spawnSync(process.execPath, [join(root, 'bench/formulas-one.mjs'), join(corpus, name, 'model.pnml'), join(corpus, name, 'formulas', file)], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`${name} ${file}: failed\n${r.stderr}`);
    process.exit(1);
  }
  const row = { instance: name, file, ...JSON.parse(r.stdout.trim().split('\n').pop()) };
  formulaRuns.push(row);
  console.log(`${name.padEnd(26)} ${file.padEnd(22)} properties=${row.properties} answered=${row.answered} graph=${row.graphStates ?? '-'} ms=${row.ms} peak=${row.peakRssMiB}MiB`);
}
const out = { benchmark: 'explore', date, commit, formulaRuns, node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadAverageAtEnd: loadavg(), results };
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `explore-${date.slice(0, 10)}-${commit}.json`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wrote ${file}`);

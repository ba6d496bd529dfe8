#!/usr/bin/env node
// Sweeps the MCC formula files of ../shared/corpus/mcc: for every instance whose oracle state
// count is at most --max-oracle (default 1,000,000) runs `wfverify net model.pnml --mcc formulas/`
// and compares each answer with expected/<instance>-<EXAM>.out. `?` oracle lines are skipped and
// counted. Prints counts per examination and how many instances finished within 60 s.
// Usage: node scripts/corpus-formulas.mjs [--max-oracle N] [--only A,B] [--timeout S]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpus, mccInstances, option as opt, root } from './lib/corpus.mjs';
import { parseMccXml } from '../dist/logic/index.js';

const maxOracle = Number(opt('--max-oracle', 1_000_000));
const only = opt('--only', undefined)?.split(',');
const timeout = Number(opt('--timeout', 300));
const instances = mccInstances();
const EXAMS = { ReachabilityCardinality: 'RC', ReachabilityFireability: 'RF', CTLCardinality: 'CTLC', CTLFireability: 'CTLF', LTLCardinality: 'LTLC', LTLFireability: 'LTLF', UpperBounds: 'UB' };

const perExam = Object.fromEntries(Object.keys(EXAMS).map((e) => [e, { agreed: 0, disagreed: 0, inconclusive: 0, skipped: 0, mismatchedOracle: 0 }]));
// Some formula files mix properties of several MCC editions (ids …-2023-12 beside …-2025-00);
// their oracle lines were evidently computed for other formulas (e.g. a trivially true
// `EG (0 <= 0)` with FALSE), so answers on them are counted apart, never as agreement.
const mixedEditions = (ids) => new Set(ids.map((id) => id.match(/-(\d{4})-\d+$/)?.[1])).size > 1;
const disagreements = [];
// Evidence that the oracle lines of mixed-edition files belong to other formulas: how often our
// (uncompared) answers happen to match them, and oracle lines contradicting the instance's own
// QuasiLiveness oracle (`E F fireable(t)` labelled FALSE although every transition is quasi-live).
const mixed = { matching: 0, compared: 0, contradictsQuasiLiveness: [] };
const parsedFiles = new Map();
let within60 = 0;
let attempted = 0;
const t0 = Date.now();
for (const inst of instances) {
  const name = inst.instance;
  const states = inst.states;
  if (states > maxOracle || (only && !only.includes(name))) continue;
  const oracle = new Map();
  for (const [exam, short] of Object.entries(EXAMS)) {
    const f = join(corpus, name, 'expected', `${name}-${short}.out`);
    if (!existsSync(f)) continue;
    for (const m of readFileSync(f, 'utf8').matchAll(/^FORMULA (\S+) (\S+)/gm)) oracle.set(m[1], { exam, answer: m[2] });
  }
  attempted++;
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', join(root, 'bin/wfverify.js'), 'net', join(corpus, name, 'model.pnml'), '--mcc', join(corpus, name, 'formulas'), '--format', 'json', '--timeout', String(timeout)], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: (timeout + 120) * 1000 });
  const ms = Date.now() - started;
  if (ms <= 60_000 && r.status !== null) within60++;
  if (r.status === null || (r.status !== 0 && r.status !== 3)) {
    disagreements.push(`${name}: exit ${r.status ?? 'killed'} ${String(r.stderr).slice(0, 300)}`);
    console.log(`${name.padEnd(44)} ERROR exit=${r.status} ms=${ms}`);
    for (const { exam } of oracle.values()) perExam[exam].inconclusive++;
    continue;
  }
  const out = JSON.parse(r.stdout);
  const mixedFiles = new Set();
  for (const exam of Object.keys(EXAMS)) {
    const ids = out.properties.map((p) => p.id).filter((id) => id.includes(`-${exam}-`));
    if (mixedEditions(ids)) mixedFiles.add(exam);
  }
  let bad = 0;
  const notes = [];
  for (const p of out.properties) {
    // The formula files name properties `<instance>-<EXAM>-2025-NN`, the oracle files `<instance>-<EXAM>-NN`.
    const o = oracle.get(p.id) ?? oracle.get(p.id.replace(/-\d{4}-(\d+)$/, '-$1'));
    if (!o) continue;
    const tally = perExam[o.exam];
    if (o.answer === '?') tally.skipped++;
    else if (mixedFiles.has(o.exam)) {
      tally.mismatchedOracle++;
      if (p.answer !== 'CANNOT_COMPUTE') {
        mixed.compared++;
        if (p.answer === o.answer) mixed.matching++;
      }
      if (o.answer === 'FALSE' && quasiLive(name) && isEfFireable(name, o.exam, p.id)) mixed.contradictsQuasiLiveness.push(p.id);
    }
    else if (p.answer === 'CANNOT_COMPUTE') tally.inconclusive++;
    else if (p.answer === o.answer) tally.agreed++;
    else {
      tally.disagreed++;
      bad++;
      notes.push(`${p.id}=${p.answer} oracle=${o.answer}`);
    }
  }
  if (bad) disagreements.push(`${name}: ${notes.join('; ')}`);
  console.log(`${name.padEnd(44)} ${bad ? 'DISAGREE' : 'ok'} formulas=${out.properties.length} inconclusive=${out.properties.filter((p) => p.answer === 'CANNOT_COMPUTE').length} ms=${ms}`);
}
console.log(`\nmcc formulas (instances with <= ${maxOracle} states): ${attempted} instances, ${within60} finished within 60 s, ${Math.round((Date.now() - t0) / 1000)} s in all`);
for (const [exam, t] of Object.entries(perExam)) console.log(`  ${exam.padEnd(26)} agreed=${t.agreed} disagreed=${t.disagreed} inconclusive=${t.inconclusive} skipped(?)=${t.skipped} not-compared(mixed-edition file)=${t.mismatchedOracle}`);
if (mixed.compared > 0) {
  console.log(`  mixed-edition files: our answers match their oracle lines ${mixed.matching} of ${mixed.compared} times (${Math.round((100 * mixed.matching) / mixed.compared)}%);`);
  console.log(`  ${mixed.contradictsQuasiLiveness.length} of their oracle lines label 'E F fireable(t)' FALSE on instances whose QuasiLiveness oracle is TRUE${mixed.contradictsQuasiLiveness.length ? ` (e.g. ${mixed.contradictsQuasiLiveness.slice(0, 3).join(', ')})` : ''}`);
}
for (const d of disagreements) console.log(`  DISAGREE ${d}`);
process.exit(disagreements.length === 0 ? 0 : 1);

/** The instance's QuasiLiveness oracle is TRUE (every transition fires in some reachable marking). */
function quasiLive(name) {
  const f = join(corpus, name, 'expected', `${name}-QL.out`);
  return existsSync(f) && / QuasiLiveness TRUE /.test(readFileSync(f, 'utf8'));
}

/** Property `id` of the instance's `exam` file is `E F fireable(t, …)`. */
function isEfFireable(name, exam, id) {
  const file = join(corpus, name, 'formulas', `${exam}.xml`);
  if (!parsedFiles.has(file)) parsedFiles.set(file, parseMccXml(readFileSync(file, 'utf8'), file));
  const f = parsedFiles.get(file).find((p) => p.id === id)?.formula;
  return f?.kind === 'path' && f.quantifier === 'E' && f.body.kind === 'temporal' && f.body.op === 'F' && f.body.arg.kind === 'fireable';
}

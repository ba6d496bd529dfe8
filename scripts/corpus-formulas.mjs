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
    else if (mixedFiles.has(o.exam)) tally.mismatchedOracle++;
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
for (const d of disagreements) console.log(`  DISAGREE ${d}`);
process.exit(disagreements.length === 0 ? 0 : 1);

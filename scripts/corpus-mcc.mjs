#!/usr/bin/env node
// Sweeps ../shared/corpus/mcc with `wfverify net --state-space --global --max-states N` and
// compares every answer with the oracle files (expected/<instance>-<EXAM>.out).
// Usage: node scripts/corpus-mcc.mjs [--limit STATES] [--only NAME,NAME] [--max-oracle N] [--fast]
// --fast runs `--state-space --deadlock` instead of `--global`: the examinations that take the
// level-synchronous fast path (core/explore-levels.ts); only their oracles are compared.
// Instances whose oracle state count exceeds the bound must end inconclusive for the state
// space; definite answers found before the bound must still agree with the oracle.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpus, mccInstances, option as opt, root } from './lib/corpus.mjs';

const limit = Number(opt('--limit', 3_000_000));
const only = opt('--only', undefined)?.split(',');
const maxOracle = Number(opt('--max-oracle', Number.POSITIVE_INFINITY));
const fast = process.argv.includes('--fast');
const examFlags = fast ? ['--deadlock'] : ['--global'];
const instances = mccInstances();
const EXAMS = { RD: 'ReachabilityDeadlock', OS: 'OneSafe', QL: 'QuasiLiveness', L: 'Liveness', SM: 'StableMarking' };

function oracle(name, exam) {
  const f = join(corpus, name, 'expected', `${name}-${exam}.out`);
  if (!existsSync(f)) return undefined;
  return readFileSync(f, 'utf8');
}
function oracleStateSpace(name) {
  const text = oracle(name, 'SS');
  if (!text) return undefined;
  const get = (k) => text.match(new RegExp(`STATE_SPACE ${k} (\\S+)`))?.[1];
  return { states: get('STATES'), transitions: get('TRANSITIONS'), maxTokenInPlace: get('MAX_TOKEN_IN_PLACE'), maxTokenPerMarking: get('MAX_TOKEN_PER_MARKING') };
}
function oracleAnswer(name, exam) {
  const text = oracle(name, exam);
  return text?.match(/FORMULA \S+ (TRUE|FALSE|\?)/)?.[1];
}

const tally = { agreed: 0, disagreed: 0, inconclusive: 0, skipped: 0 };
const disagreements = [];
const t0 = Date.now();
for (const inst of instances) {
  const name = inst.instance;
  if (only && !only.includes(name)) continue;
  const oracleStates = inst.states;
  if (oracleStates > maxOracle) continue;
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', join(root, 'bin/wfverify.js'), 'net', join(corpus, name, 'model.pnml'), '--state-space', ...examFlags, '--max-states', String(limit), '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Date.now() - started;
  if (r.status !== 0 && r.status !== 1 && r.status !== 3) {
    disagreements.push(`${name}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
    tally.disagreed++;
    console.log(`${name.padEnd(44)} ERROR exit=${r.status}`);
    continue;
  }
  const out = JSON.parse(r.stdout);
  const notes = [];
  let bad = 0;
  let good = 0;
  const ss = oracleStateSpace(name);
  const withinBound = oracleStates <= limit;
  if (out.stateSpace) {
    if (!withinBound) notes.push(`verdict past the bound`), bad++;
    for (const k of ['states', 'transitions', 'maxTokenInPlace', 'maxTokenPerMarking']) {
      if (ss?.[k] === undefined || ss[k] === '?') continue;
      if (String(out.stateSpace[k]) === ss[k]) good++;
      else (bad++, notes.push(`${k}=${out.stateSpace[k]} oracle=${ss[k]}`));
    }
  } else if (withinBound) (bad++, notes.push('state space inconclusive within the bound'));
  for (const [exam, full] of Object.entries(EXAMS)) {
    const expected = oracleAnswer(name, exam);
    const got = out.answers.find((a) => a.examination === full)?.answer;
    if (expected === undefined || expected === '?' || (fast && got === undefined)) continue;
    if (got === 'CANNOT_COMPUTE') {
      if (withinBound) (bad++, notes.push(`${exam} inconclusive`));
      continue;
    }
    if (got === expected) good++;
    else (bad++, notes.push(`${exam}=${got} oracle=${expected}`));
  }
  const inconclusive = !out.stateSpace && !withinBound;
  if (bad > 0) {
    tally.disagreed++;
    disagreements.push(`${name}: ${notes.join('; ')}`);
  } else if (inconclusive) {
    tally.inconclusive++;
    if (r.status !== 3 && r.status !== 1) (tally.disagreed++, disagreements.push(`${name}: bounded run exited ${r.status}`));
  } else tally.agreed++;
  const status = bad > 0 ? 'DISAGREE' : inconclusive ? 'inconclusive' : 'agree';
  console.log(`${name.padEnd(44)} ${status.padEnd(12)} states=${out.exploration?.stats.states} ms=${ms} checks=${good}${notes.length ? ' ' + notes.join('; ') : ''}`);
}
console.log(`\nmcc sweep (bound ${limit} states): agreed=${tally.agreed} disagreed=${tally.disagreed} inconclusive=${tally.inconclusive} in ${Math.round((Date.now() - t0) / 1000)} s`);
for (const d of disagreements) console.log(`  DISAGREE ${d}`);
process.exit(tally.disagreed === 0 ? 0 : 1);

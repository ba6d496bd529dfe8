#!/usr/bin/env node
// wfverify vs SPIN on the Promela export, on a few MCC nets, in one run:
//  1. full state space: wfverify's explicit exploration (bench/explore-one.mjs in a fresh process)
//     vs SPIN's exhaustive search of the export without a claim
//     (gcc -O2 -DNOREDUCE -DSAFETY -DMEMLIM=16000, ./pan -mM -c0 -wN);
//  2. an LTL property violated early (`G tokens(p) <= 0` for a place the first firing marks):
//     wfverify's checkNetProperties vs ./pan -a -N early (gcc -O2 -DNOREDUCE -DMEMLIM=16000).
// SPIN's compile times (spin -a, gcc) are reported apart from pan's run time. Every figure is
// measured wall time on this machine, never asserted. Writes bench/results/spin-<date>-<commit>.json
// and prints a table with the ratio wfverify/SPIN.
//
// Needs `npm run build` first (it imports ../dist), and spin + gcc on PATH.
//
// State counts: the export keeps the one process at its `do` loop head between steps (every
// firing is one d_step), so SPIN's "states, stored" should equal the number of reachable markings;
// the table shows both, and a difference would mean the loop structure adds control states.
import { spawnSync } from 'node:child_process';
import { currentCommit } from './lib.mjs';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkNetProperties } from '../dist/cli/formulas/run.js';
import { initialMarking, readPnmlFile, structuralPlaceBounds } from '../dist/petri/index.js';
import { promelaModel } from '../dist/tla-export/index.js';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const corpus = resolve(root, '../shared/corpus/mcc');
const INSTANCES = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['Philosophers-PT-000010', 'SharedMemory-PT-000010', 'Kanban-PT-00005'];

for (const tool of ['spin', 'gcc']) {
  if (spawnSync(tool, [tool === 'spin' ? '-V' : '--version']).error) {
    console.error(`${tool} not found on PATH (apt-get install spin gcc)`);
    process.exit(2);
  }
}
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus}`);
  process.exit(2);
}
const commit = currentCommit();
const spinVersion = spawnSync('spin', ['-V'], { encoding: 'utf8' }).stdout.trim();
const gccVersion = spawnSync('gcc', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];

/** Runs a command, returning its output and wall time; throws with the output on failure. */
function timed(cmd, args, cwd, { allowFail = false } = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || (r.status !== 0 && !allowFail)) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ms: Math.round(ms), out: `${r.stdout}\n${r.stderr}` };
}

/** The figures of one pan run; a truncated or out-of-memory search is reported as such. */
function panFigures(out) {
  const num = (re) => {
    const m = re.exec(out);
    return m ? Number(m[1]) : undefined;
  };
  const truncated = /max search depth too small|reached -DMEMLIM bound|out of memory/i.test(out);
  return {
    errors: num(/errors: (\d+)/),
    statesStored: num(/(\d+) states, stored/),
    statesMatched: num(/(\d+) states, matched/),
    transitions: num(/(\d+) transitions \(= /),
    depthReached: num(/depth reached (\d+)/),
    stateVectorBytes: num(/State-vector (\d+) byte/),
    memoryMiB: num(/([\d.]+)\s+total actual memory usage/),
    panElapsedSeconds: num(/pan: elapsed time ([\d.e+-]+) seconds/),
    complete: !truncated,
  };
}

/** A place that the first firing from the initial marking marks, for an early LTL violation. */
function placeMarkedEarly(net) {
  const m0 = initialMarking(net);
  for (const t of net.transitions) {
    const enabled = t.pre.every((a) => m0[a.place] >= a.weight) && t.inhibitors.every((a) => m0[a.place] < a.weight);
    if (!enabled) continue;
    const out = t.post.find((a) => m0[a.place] === 0);
    if (out) return net.places[out.place];
  }
  return net.places.find((p) => p.initial > 0);
}

// Hash table: 2^N slots for about twice the markings. DFS depth limit: a DFS stack holds distinct
// states, so its depth is at most the number of states stored (markings, or twice as many with the
// two-state never claim of the early-violation property). pan preallocates the stack, so the
// tenfold-too-large -m10000000 would cost ~460 MB and a second of pan's time on the small nets.
// A search that still hits a limit is reported as incomplete, never as a pass.
const hashBits = (states) => Math.max(20, Math.ceil(Math.log2(Math.max(1, states))) + 1);
const depthLimit = (states) => Math.min(10_000_000, 2 * states + 10_000);
const work = mkdtempSync(join(tmpdir(), 'wfverify-bench-spin-'));
const results = [];
try {
  for (const name of INSTANCES) {
    const file = join(corpus, name, 'model.pnml');
    const net = await readPnmlFile(file);
    const placeBounds = structuralPlaceBounds(net);
    const dir = join(work, name);
    mkdirSync(dir, { recursive: true });

    // 1. Full state space.
    const w = spawnSync(process.execPath, [join(root, 'bench/explore-one.mjs'), file], { encoding: 'utf8' });
    if (w.status !== 0) throw new Error(`${name}: wfverify exploration failed\n${w.stderr}`);
    const wf = JSON.parse(w.stdout.trim().split('\n').pop());
    const ssDir = join(dir, 'statespace');
    mkdirSync(ssDir);
    writeFileSync(join(ssDir, 'model.pml'), promelaModel(net, [], { placeBounds }).text);
    const ssSpin = timed('spin', ['-a', 'model.pml'], ssDir);
    const ssGcc = timed('gcc', ['-O2', '-w', '-DNOREDUCE', '-DSAFETY', '-DMEMLIM=16000', '-o', 'pan', 'pan.c'], ssDir);
    const w28 = hashBits(wf.states);
    const ssPan = timed('./pan', [`-m${depthLimit(wf.states)}`, '-c0', `-w${w28}`], ssDir, { allowFail: true });
    const ss = panFigures(ssPan.out);

    // 2. LTL with early termination.
    const place = placeMarkedEarly(net);
    const formula = { kind: 'temporal', op: 'G', arg: { kind: 'compare', op: '<=', left: { kind: 'tokens', places: [place.id] }, right: { kind: 'int', value: 0 } } };
    const t0 = process.hrtime.bigint();
    const report = checkNetProperties(net, [{ id: 'early', formula, logic: 'ltl' }], { file });
    const wfLtlMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const outcome = report.outcomes[0];
    const ltlDir = join(dir, 'ltl');
    mkdirSync(ltlDir);
    const model = promelaModel(net, [{ name: 'early', formula }], { placeBounds });
    writeFileSync(join(ltlDir, 'model.pml'), model.text);
    const ltlSpin = timed('spin', ['-a', 'model.pml'], ltlDir);
    const ltlGcc = timed('gcc', ['-O2', '-w', '-DNOREDUCE', '-DMEMLIM=16000', '-o', 'pan', 'pan.c'], ltlDir);
    const ltlPan = timed('./pan', ['-a', `-m${depthLimit(wf.states)}`, `-w${w28}`, '-N', model.properties[0]], ltlDir, { allowFail: true });
    const ltl = panFigures(ltlPan.out);

    const row = {
      instance: name,
      places: net.places.length,
      transitions: net.transitions.length,
      stateSpace: {
        wfverify: { markings: wf.states, edges: wf.transitions, ms: wf.ms, peakRssMiB: wf.peakRssMiB, status: wf.status },
        spin: { ...ss, spinMs: ssSpin.ms, gccMs: ssGcc.ms, panMs: ssPan.ms, hashBits: w28, depthLimit: depthLimit(wf.states) },
        ratioWfverifyToPan: Number((wf.ms / ssPan.ms).toFixed(2)),
      },
      ltlEarly: {
        formula: `G tokens(${place.id}) <= 0`,
        wfverify: { answer: outcome.answer, ms: Math.round(wfLtlMs), explanation: outcome.explanation, traceLength: outcome.trace?.actions.length },
        spin: { ...ltl, violated: (ltl.errors ?? 0) > 0, spinMs: ltlSpin.ms, gccMs: ltlGcc.ms, panMs: ltlPan.ms },
        ratioWfverifyToPan: Number((wfLtlMs / ltlPan.ms).toFixed(2)),
      },
    };
    results.push(row);
    console.error(`${name}: done`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const pad = (s, n) => String(s).padStart(n);
console.log('\nfull state space (wall ms; SPIN: pan run only, compile separately)');
console.log(`${'instance'.padEnd(24)}${pad('markings', 10)}${pad('SPIN stored', 13)}${pad('wfverify', 10)}${pad('pan', 8)}${pad('ratio', 7)}${pad('spin -a', 9)}${pad('gcc', 7)}${pad('SPIN MiB', 10)}${pad('wfv MiB', 9)}`);
for (const r of results) {
  const s = r.stateSpace;
  const stored = s.spin.complete ? s.spin.statesStored : `${s.spin.statesStored}!`;
  console.log(`${r.instance.padEnd(24)}${pad(s.wfverify.markings, 10)}${pad(stored, 13)}${pad(s.wfverify.ms, 10)}${pad(s.spin.panMs, 8)}${pad(s.ratioWfverifyToPan, 7)}${pad(s.spin.spinMs, 9)}${pad(s.spin.gccMs, 7)}${pad(s.spin.memoryMiB, 10)}${pad(s.wfverify.peakRssMiB, 9)}`);
}
console.log('\nLTL violated early (wall ms)');
console.log(`${'instance'.padEnd(24)}${'formula'.padEnd(34)}${pad('wfverify', 10)}${pad('pan', 8)}${pad('ratio', 7)}${pad('answers', 14)}${pad('spin -a', 9)}${pad('gcc', 7)}`);
for (const r of results) {
  const l = r.ltlEarly;
  console.log(`${r.instance.padEnd(24)}${l.formula.padEnd(34)}${pad(l.wfverify.ms, 10)}${pad(l.spin.panMs, 8)}${pad(l.ratioWfverifyToPan, 7)}${pad(`${l.wfverify.answer}/${!l.spin.violated}`, 14)}${pad(l.spin.spinMs, 9)}${pad(l.spin.gccMs, 7)}`);
}
const date = new Date().toISOString();
const out = {
  benchmark: 'spin',
  date,
  commit,
  node: process.version,
  spin: spinVersion,
  gcc: gccVersion,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  loadAverageAtEnd: loadavg(),
  notes: [
    'ratio = wfverify wall ms / pan wall ms (pan run only; spin -a and gcc times are separate).',
    'SPIN state space: gcc -O2 -DNOREDUCE -DSAFETY -DMEMLIM=16000; ./pan -m<2*markings+10000> -c0 -w<log2(markings)+1>.',
    'SPIN LTL: gcc -O2 -DNOREDUCE -DMEMLIM=16000; ./pan -a -m<2*markings+10000> -w<log2(markings)+1> -N early.',
    'pan preallocates its DFS stack: -m10000000 would add ~460 MB and about a second to every pan run, so -m is sized from the marking count (a DFS stack holds distinct states); hitting it would show as complete=false.',
    'markings = wfverify reachable markings; SPIN stored = states of its process model (globals + the process at its loop head).',
  ],
  results,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `spin-${date.slice(0, 10)}-${commit}.json`);
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(`\nwrote ${file}`);

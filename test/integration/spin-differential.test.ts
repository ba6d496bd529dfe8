/**
 * Differential test of wfverify's LTL verdicts against SPIN on the Promela export.
 *
 * Seeded random small P/T nets (2–5 places, 1–5 transitions, weights 1–2, inhibitor arcs and
 * capacities now and then, initial markings 0–3; unbounded nets and nets with more than 2,000
 * reachable markings are rejected, every third net is deadlock-free) with random LTL formulas over
 * `tokens(p) ⋈ k`, `tokens(p, q) == k`, `fireable(t)` and `deadlock` (X F G U R W and the boolean
 * connectives) and random safety formulas `G φ`, plus two hand-checked nets. For each
 * pair, `checkNetProperties(…, logic 'ltl')` (deadlocks stutter) must give the same answer as
 * `./pan -a` on the export: "errors: 0" is "holds", an acceptance cycle is "violated"; a truncated
 * search fails the test. One `pan` per net is compiled with all its `ltl` blocks.
 *
 * SPIN must be on PATH (CI installs it); set WFVERIFY_SKIP_SPIN=1 to skip on a machine without it.
 * WFVERIFY_SPIN_SEED and WFVERIFY_SPIN_NETS change the seed and the number of random nets;
 * WFVERIFY_KEEP_SPIN=1 keeps the temporary models (they are kept anyway after a disagreement).
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkNetProperties } from '../../src/cli/formulas/run.js';
import { explore } from '../../src/core/index.js';
import { type Formula, type IntExpr, parseFormula, print } from '../../src/logic/index.js';
import { type Arc, type PetriNet, PetriSystem, type PlaceId, type TransitionId } from '../../src/petri/index.js';
import { promelaModel } from '../../src/tla-export/index.js';

const run = promisify(execFile);
const SEED = Number(process.env.WFVERIFY_SPIN_SEED ?? 20_250_601);
const NETS = Number(process.env.WFVERIFY_SPIN_NETS ?? 40);
const LTL_PER_NET = 3;
const SAFETY_PER_NET = 1;
const MAX_STATES = 2000;

const onPath = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).error === undefined;
const hasSpin = onPath('spin', ['-V']);
const hasGcc = onPath('gcc', ['--version']);
const skip = process.env.WFVERIFY_SKIP_SPIN === '1' && !(hasSpin && hasGcc);
if (skip) {
  console.warn(
    '\n*** spin-differential: SKIPPED because WFVERIFY_SKIP_SPIN=1 and spin or gcc is missing. ***\n' +
      '*** wfverify LTL verdicts were NOT compared with SPIN. Install SPIN (apt-get install spin gcc) to run them. ***\n',
  );
}

/** mulberry32: a small seeded PRNG, so every run checks the same nets and formulas. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const chance = (p: number) => next() < p;
  return { int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

function randomArcs(r: Rng, places: number, lo: number, hi: number): Arc[] {
  const count = r.int(lo, Math.min(hi, places));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(r.int(0, places - 1));
  return [...chosen].sort((a, b) => a - b).map((place) => ({ place, weight: r.chance(0.2) ? 2 : 1 }));
}

/**
 * Two families: "free" nets (any arcs, weights 1–2, inhibitors, capacities; deadlocks are common)
 * and token-conserving nets (every transition consumes as many tokens as it produces: bounded by
 * construction, larger state spaces, fewer deadlocks).
 */
function randomNet(r: Rng, index: number): PetriNet {
  const P = r.int(2, 5);
  const T = r.pick([1, 2, 3, 3, 4, 4, 5, 5]);
  const conserving = r.chance(0.5);
  const places = Array.from({ length: P }, (_, i) => ({
    id: `p${i}` as PlaceId,
    name: `p${i}`,
    initial: conserving ? r.pick([0, 1, 2, 2, 3]) : r.pick([0, 1, 1, 2, 2]),
    capacity: !conserving && r.chance(0.1) ? r.int(1, 3) : undefined,
  }));
  if (places.every((p) => p.initial === 0)) places[r.int(0, P - 1)].initial = 1;
  for (const p of places) if (p.capacity !== undefined && p.initial > p.capacity) p.initial = p.capacity;
  const transitions = Array.from({ length: T }, (_, i) => {
    if (conserving) {
      const k = r.int(1, 2);
      const heavy = k === 1 && r.chance(0.2);
      const arcs = randomArcs(r, P, k, k).map((a) => ({ place: a.place, weight: heavy ? 2 : 1 }));
      const out = randomArcs(r, P, k, k).map((a) => ({ place: a.place, weight: heavy ? 2 : 1 }));
      return { id: `t${i}` as TransitionId, name: `t${i}`, pre: arcs, post: out, inhibitors: r.chance(0.1) ? [{ place: r.int(0, P - 1), weight: r.int(1, 2) }] : [] };
    }
    return {
      id: `t${i}` as TransitionId,
      name: `t${i}`,
      pre: randomArcs(r, P, r.chance(0.08) ? 0 : 1, 2),
      post: randomArcs(r, P, r.chance(0.15) ? 0 : 1, 2),
      inhibitors: r.chance(0.2) ? [{ place: r.int(0, P - 1), weight: r.int(1, 2) }] : [],
    };
  });
  // Most nets get every place a producer and a consumer: cycles, fewer dead ends, more markings.
  // In a conserving net the repair adds an input and an output arc together.
  if (r.chance(0.8)) {
    const add = (arcs: Arc[], place: number) => {
      const a = arcs.find((x) => x.place === place);
      if (a) (a as { weight: number }).weight += 1;
      else arcs.push({ place, weight: 1 });
      arcs.sort((x, y) => x.place - y.place);
    };
    for (let p = 0; p < P; p++) {
      if (!transitions.some((t) => t.post.some((a) => a.place === p))) {
        const t = transitions[r.int(0, T - 1)];
        add(t.post, p);
        if (conserving) add(t.pre, r.int(0, P - 1));
      }
      if (!transitions.some((t) => t.pre.some((a) => a.place === p))) {
        const t = transitions[r.int(0, T - 1)];
        add(t.pre, p);
        if (conserving) add(t.post, r.int(0, P - 1));
      }
    }
  }
  return { id: `rnd${index}`, name: `rnd${index}`, places, transitions };
}

function randomAtom(r: Rng, net: PetriNet): Formula {
  const P = net.places.length;
  const tokens = (...ps: number[]): IntExpr => ({ kind: 'tokens', places: ps.map((p) => net.places[p].name) });
  const int = (value: number): IntExpr => ({ kind: 'int', value });
  switch (r.int(0, 9)) {
    case 0:
    case 1:
    case 2:
      return { kind: 'compare', op: '>=', left: tokens(r.int(0, P - 1)), right: int(r.int(1, 2)) };
    case 3:
    case 4:
      return { kind: 'compare', op: '<=', left: tokens(r.int(0, P - 1)), right: int(r.int(0, 1)) };
    case 5: {
      const a = r.int(0, P - 1);
      const b = (a + r.int(1, P - 1)) % P;
      return { kind: 'compare', op: '==', left: tokens(a, b), right: int(r.int(0, 2)) };
    }
    case 6:
    case 7:
    case 8:
      return { kind: 'fireable', transitions: [net.transitions[r.int(0, net.transitions.length - 1)].name] };
    default:
      return { kind: 'deadlock' };
  }
}

function randomLiteral(r: Rng, net: PetriNet): Formula {
  const a = randomAtom(r, net);
  return r.chance(0.2) ? { kind: 'not', arg: a } : a;
}

/** A state formula: a literal, or (below depth 0) a binary combination. */
function randomState(r: Rng, net: PetriNet, depth: number): Formula {
  if (depth === 0 || r.chance(0.4)) return randomLiteral(r, net);
  const a = randomState(r, net, depth - 1);
  const b = randomState(r, net, depth - 1);
  return r.pick<Formula>([{ kind: 'and', args: [a, b] }, { kind: 'or', args: [a, b] }, { kind: 'implies', left: a, right: b }]);
}

/**
 * An LTL formula of temporal depth at most `depth` with at most `nexts` X operators. Kept small:
 * SPIN's LTL translator is exponential, and every X doubles its operand (module comment of
 * src/tla-export/promela.ts).
 */
function randomLtl(r: Rng, net: PetriNet, depth: number, budget: { nexts: number; binary: number }): Formula {
  if (depth === 0 || r.chance(0.15)) return randomLiteral(r, net);
  const sub = () => randomLtl(r, net, depth - 1, budget);
  const k = r.int(0, 13);
  if (k <= 1) return { kind: 'temporal', op: 'F', arg: sub() };
  if (k <= 3) return { kind: 'temporal', op: 'G', arg: sub() };
  if (k <= 5 && budget.nexts > 0) {
    budget.nexts--;
    return { kind: 'temporal', op: 'X', arg: sub() };
  }
  if (k === 6) return { kind: 'not', arg: sub() };
  if (budget.binary <= 0) return { kind: 'temporal', op: r.pick(['F', 'G'] as const), arg: sub() };
  budget.binary--;
  if (k <= 8) return { kind: 'until', op: 'U', left: sub(), right: sub() };
  if (k === 9) return { kind: 'until', op: r.pick(['R', 'W'] as const), left: sub(), right: sub() };
  if (k === 10) return { kind: 'implies', left: sub(), right: sub() };
  if (k === 11) return { kind: 'or', args: [sub(), sub()] };
  return { kind: 'and', args: [sub(), sub()] };
}

interface Case {
  readonly net: PetriNet;
  readonly states: number;
  readonly deadlocks: number;
  readonly placeBounds: number[];
  readonly properties: { id: string; formula: Formula; kind: 'ltl' | 'safety'; expected?: boolean }[];
}

/**
 * Two hand-checked nets whose verdicts were worked out on paper, so a semantic slip shared by both
 * tools (deadlock stutter, X at a deadlock, inhibitor arcs, capacities) would still be caught.
 */
function fixedCases(): Case[] {
  const place = (name: string, initial: number, capacity?: number) => ({ id: name as PlaceId, name, initial, capacity });
  const tr = (name: string, pre: Arc[], post: Arc[], inhibitors: Arc[] = []) => ({ id: name as TransitionId, name, pre, post, inhibitors });
  const a = (p: number): Arc => ({ place: p, weight: 1 });
  // handoff: a=1 --go--> b, then a deadlock (stutters forever on {b}).
  const handoff: PetriNet = { id: 'handoff', name: 'handoff', places: [place('a', 1), place('b', 0)], transitions: [tr('go', [a(0)], [a(1)])] };
  // ring: x=2, y (capacity 1), z; f: x->y, g: y->x unless z>=1, h: y->z, k: z->x. Markings (x,y,z):
  // 200 -f-> 110; 110 -g-> 200, -h-> 101; 101 -f-> 011, -k-> 200; 011 -h-> 002, -k-> 110; 002 -k-> 101.
  const ring: PetriNet = {
    id: 'ring',
    name: 'ring',
    places: [place('x', 2), place('y', 0, 1), place('z', 0)],
    transitions: [tr('f', [a(0)], [a(1)]), tr('g', [a(1)], [a(0)], [a(2)]), tr('h', [a(1)], [a(2)]), tr('k', [a(2)], [a(0)])],
  };
  const props = (list: [string, boolean][]) =>
    list.map(([text, expected], i) => ({ id: `hand${i}`, formula: parseFormula(text), kind: 'ltl' as const, expected }));
  return [
    {
      net: handoff,
      states: 2,
      deadlocks: 1,
      placeBounds: [1, 1],
      properties: props([
        ['X tokens(b) >= 1', true],
        ['X X tokens(b) >= 1', true],
        ['X deadlock', true],
        ['deadlock', false],
        ['F G deadlock', true],
        ['G F fireable(go)', false],
        ['tokens(a) >= 1 U deadlock', true],
        ['G (deadlock -> X deadlock)', true],
        ['fireable(go) & X !fireable(go)', true],
        ['!X tokens(a) >= 1', true],
      ]),
    },
    {
      net: ring,
      states: 5,
      deadlocks: 0,
      placeBounds: [2, 1, 2],
      properties: props([
        ['G tokens(y) <= 1', true],
        ['G !deadlock', true],
        ['G (tokens(z) >= 1 -> !fireable(g))', true],
        ['G F tokens(x) >= 2', false],
        ['F tokens(z) >= 1', false],
        ['X tokens(y) == 1', true],
        ['X X (tokens(x) == 2 | tokens(z) == 1)', true],
        ['tokens(x) == 2 W tokens(z) >= 1', false],
      ]),
    },
  ];
}

/** Generates nets until `count` have at most MAX_STATES markings; returns them with their formulas. */
function generateCases(seed: number, count: number): { cases: Case[]; rejected: number } {
  const r = prng(seed);
  const cases: Case[] = [];
  let rejected = 0;
  for (let i = 0; cases.length < count; i++) {
    const net = randomNet(r, i);
    const system = new PetriSystem(net);
    const max = net.places.map(() => 0);
    let deadlocks = 0;
    const x = explore(system, {
      bounds: { maxStates: MAX_STATES },
      onState: (_id, arena, offset) => {
        for (let p = 0; p < max.length; p++) max[p] = Math.max(max[p], system.layout.read(arena, offset, p));
      },
      onDeadlock: () => {
        deadlocks++;
      },
    });
    // Unbounded or too large nets are rejected, and most nets with one or two markings too;
    // every third net must be deadlock-free (random nets mostly are not).
    const wantLive = cases.length % 3 === 0;
    if (x.status !== 'complete' || (x.stats.states <= 2 && !r.chance(0.15)) || (wantLive && deadlocks > 0)) {
      rejected++;
      continue;
    }
    const properties: Case['properties'] = [];
    for (let k = 0; k < LTL_PER_NET; k++) properties.push({ id: `ltl${k}`, formula: randomLtl(r, net, 3, { nexts: r.int(0, 2), binary: 2 }), kind: 'ltl' });
    for (let k = 0; k < SAFETY_PER_NET; k++) properties.push({ id: `safe${k}`, formula: { kind: 'temporal', op: 'G', arg: randomState(r, net, 1) }, kind: 'safety' });
    cases.push({ net, states: x.stats.states, deadlocks, placeBounds: max, properties });
  }
  return { cases, rejected };
}

interface SpinResult {
  readonly answer: boolean | undefined;
  readonly detail: string;
}

/** Interprets `./pan -a` output: errors: 0 (and a complete search) holds; an error is a violation. */
function panVerdict(out: string): SpinResult {
  const errors = /errors: (\d+)/.exec(out);
  if (!errors) return { answer: undefined, detail: `no "errors:" line in pan output:\n${out}` };
  if (Number(errors[1]) > 0) return { answer: false, detail: (/pan:1: [^\n]*/.exec(out) ?? ['violated'])[0] };
  if (/max search depth too small|reached -DMEMLIM bound|out of memory|Search not completed/i.test(out)) {
    return { answer: undefined, detail: `truncated search (not a pass):\n${out}` };
  }
  return { answer: true, detail: 'errors: 0' };
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

interface Checked {
  readonly c: Case;
  readonly promela: string;
  readonly dir: string;
  /** Set when spin, gcc or pan could not be run on this net. */
  readonly error?: string;
  readonly rows: { id: string; kind: 'ltl' | 'safety'; formula: string; wfverify: boolean | number | undefined; spin: SpinResult; explanation?: string }[];
}

async function checkWithSpin(c: Case, root: string, index: number): Promise<Checked> {
  const model = promelaModel(
    c.net,
    c.properties.map((p) => ({ name: p.id, formula: p.formula })),
    { placeBounds: c.placeBounds },
  );
  const dir = join(root, `net${index}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.pml'), model.text);
  const step = async (what: string, cmd: string, args: string[], timeout: number) => {
    const t0 = Date.now();
    try {
      await run(cmd, args, { cwd: dir, timeout, killSignal: 'SIGKILL' });
    } catch (e) {
      throw new Error(`${c.net.name}: \`${[cmd, ...args].join(' ')}\` failed after ${Date.now() - t0} ms (${what}): ${(e as Error).message}`);
    }
  };
  await step('LTL translation and verifier generation', 'spin', ['-a', 'model.pml'], 60_000);
  await step('compiling the verifier', 'gcc', ['-w', '-O0', '-DNOREDUCE', '-o', 'pan', 'pan.c'], 120_000);
  const report = checkNetProperties(
    c.net,
    c.properties.map((p) => ({ id: p.id, formula: p.formula, logic: 'ltl' as const })),
    { file: '<spin-differential>' },
  );
  const rows: Checked['rows'] = [];
  for (let k = 0; k < c.properties.length; k++) {
    const p = c.properties[k];
    // pan exits non-zero on some outcomes; its stdout is what matters.
    const out = await run('./pan', ['-a', '-m1000000', '-w18', '-N', model.properties[k]], { cwd: dir, timeout: 60_000, killSignal: 'SIGKILL' }).then(
      (x) => x.stdout,
      (e: { stdout?: string; message: string }) => e.stdout ?? e.message,
    );
    const o = report.outcomes[k];
    rows.push({ id: p.id, kind: p.kind, formula: print(p.formula), wfverify: o.answer, spin: panVerdict(out), explanation: o.explanation });
  }
  return { c, promela: model.text, dir, rows };
}

function describeNet(net: PetriNet): string {
  const arcs = (as: readonly Arc[]) => as.map((a) => `${net.places[a.place].name}${a.weight > 1 ? `*${a.weight}` : ''}`).join(' + ') || '∅';
  const places = net.places.map((p) => `${p.name}=${p.initial}${p.capacity !== undefined ? ` (cap ${p.capacity})` : ''}`).join(', ');
  const ts = net.transitions.map((t) => `  ${t.name}: ${arcs(t.pre)} -> ${arcs(t.post)}${t.inhibitors.length ? ` inhibited by ${t.inhibitors.map((a) => `${net.places[a.place].name}>=${a.weight}`).join(', ')}` : ''}`);
  return [`initial: ${places}`, ...ts].join('\n');
}

describe.skipIf(skip)('wfverify LTL verdicts agree with SPIN on the Promela export', () => {
  const random = generateCases(SEED, NETS);
  const cases = [...fixedCases(), ...random.cases];
  const rejected = random.rejected;
  let root = '';
  let checked: Checked[] = [];
  let failure: unknown;

  beforeAll(async () => {
    if (!hasSpin || !hasGcc) return;
    root = mkdtempSync(join(tmpdir(), 'wfverify-spin-'));
    try {
      checked = await pool(
        Math.max(2, availableParallelism()),
        cases.map((c, i) => () => checkWithSpin(c, root, i).catch((e: Error): Checked => ({ c, promela: '', dir: join(root, `net${i}`), error: e.message, rows: [] }))),
      );
    } catch (e) {
      failure = e;
    }
  }, 600_000);

  afterAll(() => {
    const keep = checked.some((x) => x.error !== undefined || x.rows.some((r) => r.spin.answer !== r.wfverify));
    if (root && !keep && process.env.WFVERIFY_KEEP_SPIN === undefined) rmSync(root, { recursive: true, force: true });
    else if (root) console.warn(`spin-differential: models kept in ${root}`);
  });

  it('has SPIN and a C compiler on PATH', () => {
    expect(
      hasSpin && hasGcc,
      `${hasSpin ? '' : '`spin` '}${hasGcc ? '' : '`gcc` '}not found on PATH: install them (apt-get install spin gcc; CI's .ci/run does), or set WFVERIFY_SKIP_SPIN=1 to skip the SPIN differential tests on this machine`,
    ).toBe(true);
    expect(failure, `running spin/gcc/pan failed: ${String(failure)}`).toBeUndefined();
  });

  it('checks enough varied pairs', () => {
    const rows = checked.flatMap((x) => x.rows);
    const count = (f: (r: Checked['rows'][number]) => boolean) => rows.filter(f).length;
    console.log(
      `spin-differential: seed ${SEED}, ${checked.length} nets (${rejected} rejected; ${checked.filter((x) => x.c.deadlocks === 0).length} deadlock-free; ` +
        `${Math.min(...cases.map((c) => c.states))}–${Math.max(...cases.map((c) => c.states))} markings), ${rows.length} properties ` +
        `(${count((r) => r.kind === 'safety')} safety, ${count((r) => r.formula.includes('X'))} with X): ` +
        `${count((r) => r.spin.answer === true)} hold, ${count((r) => r.spin.answer === false)} violated, ` +
        `${count((r) => r.spin.answer !== r.wfverify)} disagreements`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.filter((r) => r.spin.answer === true).length, 'pairs that hold').toBeGreaterThan(10);
    expect(rows.filter((r) => r.spin.answer === false).length, 'violated pairs').toBeGreaterThan(10);
    expect(checked.filter((x) => x.c.deadlocks > 0).length, 'nets with deadlocks').toBeGreaterThan(3);
    expect(checked.filter((x) => x.c.deadlocks === 0).length, 'nets without deadlocks').toBeGreaterThan(3);
    expect(rows.filter((r) => r.formula.includes('X')).length, 'formulas with X').toBeGreaterThan(5);
    expect(rejected).toBeLessThan(NETS * 30);
  });

  it.each(cases.map((c, i) => [c.net.name, i] as const))('%s', (_name, i) => {
    const x = checked[i];
    if (x === undefined) throw new Error(hasSpin && hasGcc ? 'not checked (see the first test)' : 'spin or gcc is not on PATH (see the first test)');
    if (x.error !== undefined) throw new Error(x.error);
    for (const r of x.rows) {
      expect(r.spin.answer, `SPIN gave no verdict for ${r.id}: ${r.spin.detail}`).not.toBeUndefined();
      expect(r.wfverify, `wfverify gave no verdict for ${r.id}: ${r.explanation}`).not.toBeUndefined();
    }
    x.c.properties.forEach((p, k) => {
      if (p.expected !== undefined) expect(x.rows[k].wfverify, `${x.c.net.name} ${x.rows[k].formula}: wfverify against the hand-checked answer`).toBe(p.expected);
    });
    const bad = x.rows.filter((r) => r.spin.answer !== r.wfverify);
    const message = bad
      .map((r) => `${r.id}: ${r.formula}\n  wfverify=${r.wfverify} (${r.explanation}) SPIN=${r.spin.answer} (${r.spin.detail})`)
      .join('\n');
    expect(bad.length, `disagreement on ${x.c.net.name} (${x.c.states} markings, ${x.c.deadlocks} deadlocks; files in ${x.dir})\n${describeNet(x.c.net)}\n${message}\n\n${x.promela}`).toBe(0);
  });
});

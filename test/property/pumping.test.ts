/**
 * Pumped runs (src/petri/analysis/pumping.ts) and state formulas along rays
 * (src/cli/formulas/ray.ts), checked against naive references written here:
 *
 * - `compareOnRay` against evaluating a + b·k for k = 0 … 400 one by one;
 * - `valueOnRay` of random state formulas against evaluating them, with a firing rule and
 *   formula semantics written here, at M + k·Δ for k = 0 … 30;
 * - every pumped run found on random nets (unbounded ones, inhibitor arcs, capacities): the prefix
 *   and the cycle replay with the firing rule written here, the cycle adds exactly Δ ≥ 0, it
 *   replays again 8 more times from the pumped markings, and ψ holds at every marking visited;
 * - on random *bounded* nets, whenever a pumped run claims `E G ψ`, the explicit CTL checker of
 *   `wfverify net` agrees.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareOnRay, valueOnRay } from '../../src/cli/formulas/ray.js';
import { checkNetProperties } from '../../src/cli/formulas/run.js';
import type { CompareOp, Formula } from '../../src/logic/index.js';
import { type PetriNet, findPumpedPath } from '../../src/petri/index.js';
import type { NetNames } from '../../src/smt/index.js';

const PLACES = 4;
const ops: CompareOp[] = ['<', '<=', '==', '!=', '>=', '>'];
const names: NetNames = { place: (n) => Number(n.slice(1)), transition: (n) => Number(n.slice(1)) };

function test(v: number, op: CompareOp): boolean {
  return { '<': v < 0, '<=': v <= 0, '==': v === 0, '!=': v !== 0, '>=': v >= 0, '>': v > 0 }[op];
}

const arcList = (weights: number[]) => weights.flatMap((weight, place) => (weight > 0 ? [{ place, weight }] : []));
const weights = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 2 }), { minLength: PLACES, maxLength: PLACES });
const inhibitors = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 5 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 1 }), { minLength: PLACES, maxLength: PLACES });
const arbNet = (withCapacities: boolean): fc.Arbitrary<PetriNet> =>
  fc
    .record({
      initial: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: PLACES, maxLength: PLACES }),
      capacity: fc.array(fc.option(fc.integer({ min: 2, max: 4 }), { freq: withCapacities ? 3 : 1000000 }), { minLength: PLACES, maxLength: PLACES }),
      transitions: fc.array(fc.record({ pre: weights, post: weights, inhibitors }), { minLength: 1, maxLength: 4 }),
    })
    .map(({ initial, capacity, transitions }) => ({
      id: 'random',
      name: 'random',
      places: initial.map((n, p) => ({ id: `p${p}`, name: `p${p}`, initial: n, ...(capacity[p] !== null ? { capacity: Math.max(capacity[p]!, n) } : {}) })),
      transitions: transitions.map((t, i) => ({ id: `t${i}`, name: `t${i}`, pre: arcList(t.pre), post: arcList(t.post), inhibitors: arcList(t.inhibitors) })),
    })) as unknown as fc.Arbitrary<PetriNet>;

const place = fc.integer({ min: 0, max: PLACES - 1 }).map((p) => `p${p}`);
const atom = (transitions: number): fc.Arbitrary<Formula> =>
  fc.oneof(
    fc.record({ places: fc.array(place, { minLength: 1, maxLength: 2 }), op: fc.constantFrom(...ops), value: fc.integer({ min: 0, max: 4 }) }).map(
      ({ places, op, value }): Formula => ({ kind: 'compare', op, left: { kind: 'tokens', places }, right: { kind: 'int', value } }),
    ),
    fc.record({ l: place, r: place, op: fc.constantFrom(...ops) }).map(({ l, r, op }): Formula => ({ kind: 'compare', op, left: { kind: 'tokens', places: [l] }, right: { kind: 'arith', op: '+', args: [{ kind: 'tokens', places: [r] }, { kind: 'int', value: 1 }] } })),
    fc.integer({ min: 0, max: transitions - 1 }).map((t): Formula => ({ kind: 'fireable', transitions: [`t${t}`] })),
    fc.constant<Formula>({ kind: 'deadlock' }),
  );
const arbFormula = (transitions: number): fc.Arbitrary<Formula> =>
  fc.letrec<{ f: Formula }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom(transitions),
      tie('f').map((arg): Formula => ({ kind: 'not', arg })),
      fc.tuple(tie('f'), tie('f')).map(([a, b]): Formula => ({ kind: 'and', args: [a, b] })),
      fc.tuple(tie('f'), tie('f')).map(([a, b]): Formula => ({ kind: 'or', args: [a, b] })),
    ),
  })).f;
const netAndFormula = (withCapacities: boolean) => arbNet(withCapacities).chain((net) => fc.tuple(fc.constant(net), arbFormula(net.transitions.length)));

// ---- references written here ----

function enabled(net: PetriNet, m: readonly number[], t: number): boolean {
  const tr = net.transitions[t];
  if (!tr.pre.every((a) => m[a.place] >= a.weight) || !tr.inhibitors.every((a) => m[a.place] < a.weight)) return false;
  const after = fire(net, m, t);
  return net.places.every((p, i) => p.capacity === undefined || after[i] <= m[i] || after[i] <= p.capacity);
}

function fire(net: PetriNet, m: readonly number[], t: number): number[] {
  const n = [...m];
  for (const a of net.transitions[t].pre) n[a.place] -= a.weight;
  for (const a of net.transitions[t].post) n[a.place] += a.weight;
  return n;
}

function value(e: any, m: readonly number[]): number {
  if (e.kind === 'int') return e.value;
  if (e.kind === 'tokens') return e.places.reduce((s: number, p: string) => s + m[Number(p.slice(1))], 0);
  const args = e.args.map((a: unknown) => value(a, m));
  return args.slice(1).reduce((s: number, v: number) => (e.op === '+' ? s + v : e.op === '-' ? s - v : s * v), args[0]);
}

function holds(net: PetriNet, m: readonly number[], f: Formula): boolean {
  switch (f.kind) {
    case 'compare': return test(value(f.left, m) - value(f.right, m), f.op);
    case 'fireable': return f.transitions.some((t) => enabled(net, m, Number(t.slice(1))));
    case 'deadlock': return net.transitions.every((_, t) => !enabled(net, m, t));
    case 'not': return !holds(net, m, f.arg);
    case 'and': return f.args.every((g) => holds(net, m, g));
    case 'or': return f.args.some((g) => holds(net, m, g));
    default: throw new Error(`unexpected ${f.kind}`);
  }
}

describe('state formulas along rays', () => {
  it('compareOnRay is exact wherever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.integer({ min: -30, max: 30 }), fc.integer({ min: -5, max: 5 }), fc.constantFrom(...ops), (a, b, op) => {
        const v = compareOnRay({ a, b }, op);
        const values = Array.from({ length: 401 }, (_, k) => test(a + b * k, op));
        if (v === undefined) {
          expect(values.some((x) => x !== values[0]), `undefined although a + ${b}k ${op} 0 is constant`).toBe(true);
          return;
        }
        answered++;
        expect(values.every((x) => x === v)).toBe(true);
      }),
      { numRuns: 2_000, seed: 11 },
    );
    expect(answered).toBeGreaterThan(1_000);
  });

  it('valueOnRay agrees with evaluating each marking of the ray', () => {
    let answered = 0;
    fc.assert(
      fc.property(
        netAndFormula(true),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: PLACES, maxLength: PLACES }),
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 })), { minLength: PLACES, maxLength: PLACES }),
        ([net, f], m, delta) => {
          const v = valueOnRay(f, m, delta, net, names);
          if (v === undefined) return;
          answered++;
          for (let k = 0; k <= 30; k++) expect(holds(net, m.map((x, p) => x + k * delta[p]), f), `k = ${k}`).toBe(v);
        },
      ),
      { numRuns: 1_500, seed: 12 },
    );
    expect(answered).toBeGreaterThan(500);
  });
});

describe('pumped runs', () => {
  it('replay, pump and keep ψ (random nets, unbounded ones included)', () => {
    let found = 0;
    let growing = 0;
    fc.assert(
      fc.property(netAndFormula(true), ([net, psi]) => {
        const zero = net.places.map(() => 0);
        const run = findPumpedPath(net, { holds: (m) => valueOnRay(psi, m, zero, net, names) === true, onRay: (m, d) => valueOnRay(psi, m, d, net, names), maxMarkings: 2_000 });
        if (!run) return;
        found++;
        if (run.delta.some((d) => d > 0)) growing++;
        expect(run.delta.every((d) => d >= 0)).toBe(true);
        let m = net.places.map((p) => p.initial);
        expect(holds(net, m, psi)).toBe(true);
        for (const t of run.prefix) {
          expect(enabled(net, m, t)).toBe(true);
          m = fire(net, m, t);
          expect(holds(net, m, psi)).toBe(true);
        }
        for (let round = 0; round < 9; round++) {
          const start = m;
          for (const t of run.cycle) {
            expect(enabled(net, m, t), `round ${round}: t${t} is not enabled`).toBe(true);
            m = fire(net, m, t);
            expect(holds(net, m, psi), `round ${round}: ψ fails`).toBe(true);
          }
          expect(m).toEqual(start.map((x, p) => x + run.delta[p]));
        }
      }),
      { numRuns: 4_000, seed: 13 },
    );
    console.log(`pumping: ${found} runs replayed (${growing} growing)`);
    expect(found).toBeGreaterThan(100);
    expect(growing).toBeGreaterThan(40);
  });

  it('agree with the explicit CTL checker on bounded nets', () => {
    let compared = 0;
    fc.assert(
      fc.property(netAndFormula(false), ([net, psi]) => {
        const zero = net.places.map(() => 0);
        const run = findPumpedPath(net, { holds: (m) => valueOnRay(psi, m, zero, net, names) === true, onRay: (m, d) => valueOnRay(psi, m, d, net, names), maxMarkings: 2_000 });
        if (!run) return;
        const eg: Formula = { kind: 'path', quantifier: 'E', body: { kind: 'temporal', op: 'G', arg: psi } };
        const report = checkNetProperties(net, [{ id: 'eg', formula: eg }], { file: 'random', bounds: { maxStates: 5_000 }, smtBudgetMs: 0 });
        const o = report.outcomes[0];
        if (o.answer === undefined) return; // unbounded: nothing to compare with
        compared++;
        expect(o.answer).toBe(true);
      }),
      { numRuns: 3_000, seed: 14 },
    );
    expect(compared).toBeGreaterThan(50);
  });
});

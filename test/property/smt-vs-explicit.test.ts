/**
 * Cross-check of src/smt against explicit reachability on random small bounded nets (inhibitor
 * arcs included): whenever the state equation with traps (or k-induction on top of it) claims that no reachable marking
 * satisfies a random state formula, a naive breadth-first search written here must find none;
 * whenever a state-equation witness is returned, it must replay with the firing rule written
 * here and end in a marking satisfying the formula.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompareOp, Formula } from '../../src/logic/index.js';
import { type NetNames, type SmtNet, findWitness, holdsAt, isInitiallyMarkedTrap, proveUnreachable } from '../../src/smt/index.js';

const PLACES = 4;
const TRANSITIONS = 4;
const names: NetNames = { place: (n) => Number(n.slice(1)), transition: (n) => Number(n.slice(1)) };

const arcList = (weights: number[]) => weights.flatMap((weight, place) => (weight > 0 ? [{ place, weight }] : []));
const weights = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 2 }), { minLength: PLACES, maxLength: PLACES });
const inhibitorWeights = fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 1 }), { minLength: PLACES, maxLength: PLACES });
const netWith = (inhibitors: fc.Arbitrary<number[]>): fc.Arbitrary<SmtNet> => fc
  .record({
    initial: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: PLACES, maxLength: PLACES }),
    transitions: fc.array(fc.record({ pre: weights, post: weights, inhibitors }), { minLength: 1, maxLength: TRANSITIONS }),
  })
  .map(({ initial, transitions }) => ({
    places: initial.map((n) => ({ initial: n })),
    transitions: transitions.map((t) => ({ pre: arcList(t.pre), post: arcList(t.post), inhibitors: arcList(t.inhibitors) })),
  }));
const arbNet = netWith(inhibitorWeights);
/** Nets where most transitions have inhibitor arcs: the state equation alone rarely suffices there. */
const inhibitedNet = netWith(fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: 1, max: 2 }), weight: 2 }), { minLength: PLACES, maxLength: PLACES }));

const place = fc.integer({ min: 0, max: PLACES - 1 }).map((p) => `p${p}`);
const atom: fc.Arbitrary<Formula> = fc.oneof(
  fc.record({ places: fc.array(place, { minLength: 1, maxLength: 2 }), op: fc.constantFrom<CompareOp>('<', '<=', '==', '!=', '>=', '>'), value: fc.integer({ min: 0, max: 3 }) }).map(
    ({ places, op, value }): Formula => ({ kind: 'compare', op, left: { kind: 'tokens', places }, right: { kind: 'int', value } }),
  ),
  fc.integer({ min: 0, max: TRANSITIONS - 1 }).map((t): Formula => ({ kind: 'fireable', transitions: [`t${t}`] })),
  fc.constant<Formula>({ kind: 'deadlock' }),
);
const arbFormula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    tie('f').map((arg): Formula => ({ kind: 'not', arg })),
    fc.tuple(tie('f'), tie('f')).map(([a, b]): Formula => ({ kind: 'and', args: [a, b] })),
    fc.tuple(tie('f'), tie('f')).map(([a, b]): Formula => ({ kind: 'or', args: [a, b] })),
  ),
})).f;

function enabled(net: SmtNet, m: number[], t: number): boolean {
  const tr = net.transitions[t];
  return tr.pre.every((a) => m[a.place] >= a.weight) && tr.inhibitors.every((a) => m[a.place] < a.weight);
}

function fire(net: SmtNet, m: number[], t: number): number[] {
  const n = [...m];
  for (const a of net.transitions[t].pre) n[a.place] -= a.weight;
  for (const a of net.transitions[t].post) n[a.place] += a.weight;
  return n;
}

function holds(net: SmtNet, m: number[], f: Formula): boolean {
  switch (f.kind) {
    case 'not': return !holds(net, m, f.arg);
    case 'and': return f.args.every((g) => holds(net, m, g));
    case 'or': return f.args.some((g) => holds(net, m, g));
    case 'deadlock': return !net.transitions.some((_, t) => enabled(net, m, t));
    case 'fireable': return f.transitions.some((t) => enabled(net, m, names.transition(t)));
    case 'compare': {
      const l = f.left.kind === 'tokens' ? f.left.places.reduce((s, p) => s + m[names.place(p)], 0) : NaN;
      const r = f.right.kind === 'int' ? f.right.value : NaN;
      return { '<': l < r, '<=': l <= r, '==': l === r, '!=': l !== r, '>=': l >= r, '>': l > r }[f.op];
    }
    default: throw new Error(`unexpected ${f.kind}`);
  }
}

/** `f` with every `fireable(t<k>)` renamed to an existing transition (k modulo their number). */
function fit(f: Formula, transitions: number): Formula {
  switch (f.kind) {
    case 'fireable': return { ...f, transitions: f.transitions.map((t) => `t${names.transition(t) % transitions}`) };
    case 'not': return { ...f, arg: fit(f.arg, transitions) };
    case 'and':
    case 'or': return { ...f, args: f.args.map((g) => fit(g, transitions)) };
    default: return f;
  }
}

/** Every reachable marking, or undefined past `limit` (the net is then skipped). */
function reachable(net: SmtNet, limit = 2_000): number[][] | undefined {
  const start = net.places.map((p) => p.initial);
  const seen = new Set([start.join(',')]);
  const out = [start];
  for (let i = 0; i < out.length; i++) {
    for (let t = 0; t < net.transitions.length; t++) {
      if (!enabled(net, out[i], t)) continue;
      const n = fire(net, out[i], t);
      if (seen.has(n.join(','))) continue;
      if (out.length >= limit) return undefined;
      seen.add(n.join(','));
      out.push(n);
    }
  }
  return out;
}

describe('state equation + traps vs explicit reachability (random bounded nets)', () => {
  it('never proves a reachable formula unreachable; witnesses replay', () => {
    let proven = 0;
    let inductive = 0;
    let witnesses = 0;
    fc.assert(
      fc.property(arbNet, arbFormula, (net, anyTarget) => {
        const target = fit(anyTarget, net.transitions.length);
        const markings = reachable(net);
        fc.pre(markings !== undefined);
        const reached = markings!.some((m) => holds(net, m, target));
        const r = proveUnreachable(net, target, names, { timeoutMs: 5_000 });
        if (r.status === 'unreachable') {
          proven++;
          if (r.techniques.includes('K_INDUCTION')) inductive++;
          expect(reached, 'proved unreachable, but the explicit search reaches it').toBe(false);
        }
        const w = findWitness(net, target, names, { timeoutMs: 5_000, attempts: 2 });
        if (w) {
          witnesses++;
          let m = net.places.map((p) => p.initial);
          for (const t of w) {
            expect(enabled(net, m, t), `witness step t${t} is not enabled`).toBe(true);
            m = fire(net, m, t);
          }
          expect(holds(net, m, target)).toBe(true);
        }
      }),
      { numRuns: 150, seed: 20240611 },
    );
    console.log(`smt-vs-explicit: ${proven} proofs (${inductive} by k-induction), ${witnesses} witnesses checked`);
    // The check must have had something to check.
    expect(proven).toBeGreaterThan(10);
    expect(inductive).toBeGreaterThan(0);
    expect(witnesses).toBeGreaterThan(10);
  }, 240_000);

  it('the explicit checks witnesses and traps must pass agree with the reference (no solver)', () => {
    let traps = 0;
    fc.assert(
      fc.property(arbNet, arbFormula, fc.array(fc.integer({ min: 0, max: PLACES - 1 }), { maxLength: PLACES }), (net, anyTarget, q) => {
        const target = fit(anyTarget, net.transitions.length);
        const markings = reachable(net);
        fc.pre(markings !== undefined);
        for (const m of markings!) expect(holdsAt(net, target, names, m)).toBe(holds(net, m, target));
        // a set accepted as an initially marked trap stays marked in every reachable marking
        if (isInitiallyMarkedTrap(net, q)) {
          traps++;
          for (const m of markings!) expect(q.some((p) => m[p] > 0), `trap {${q}} emptied`).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20261124 },
    );
    expect(traps).toBeGreaterThan(20);
  });

  it('k-induction never proves a reachable formula unreachable (inhibitor-heavy nets)', () => {
    let inductive = 0;
    fc.assert(
      fc.property(inhibitedNet, arbFormula, (net, anyTarget) => {
        const target = fit(anyTarget, net.transitions.length);
        const markings = reachable(net);
        fc.pre(markings !== undefined);
        const r = proveUnreachable(net, target, names, { timeoutMs: 5_000 });
        if (r.status !== 'unreachable') return;
        if (r.techniques.includes('K_INDUCTION')) inductive++;
        expect(markings!.some((m) => holds(net, m, target)), 'proved unreachable, but the explicit search reaches it').toBe(false);
      }),
      { numRuns: 300, seed: 20261123 },
    );
    console.log(`smt-vs-explicit (inhibitor-heavy): ${inductive} k-induction proofs checked`);
    expect(inductive).toBeGreaterThan(10);
  }, 240_000);
});

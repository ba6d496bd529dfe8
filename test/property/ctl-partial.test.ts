/**
 * CTL on a partial reachability graph (src/ctl/partial.ts) never contradicts CTL on the full
 * graph. Random graphs (1–12 states, 0–3 successors each, random atoms) are explored breadth-first
 * from their initial states and cut after a random number of expanded states, as a state bound
 * cuts an exploration; random CTL formulas (all operators, nested, negations) are checked on the
 * cut graph with ⊤ and on the whole graph with `checkCtl`, under both deadlock semantics:
 * 'holds' must mean the full graph satisfies the formula, 'violated' that it does not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateGraph } from '../../src/core/index.js';
import { type DeadlockSemantics, checkCtl, checkCtlPartial, partialGraph } from '../../src/ctl/index.js';
import { type Formula, print } from '../../src/logic/index.js';

const ATOMS = ['p0', 'p1', 'p2'];
const atom = (name: string): Formula => ({ kind: 'atom', name, args: [] });

interface Spec {
  edges: { to: number; action: number }[][];
  initial: number[];
  props: boolean[][];
}

const specArb: fc.Arbitrary<Spec> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    edges: fc.array(fc.array(fc.record({ to: fc.nat(n - 1), action: fc.nat(3) }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    initial: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: Math.min(n, 2) }),
    props: fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: ATOMS.length, maxLength: ATOMS.length }),
  }),
);

function formulaArb(depth: number): fc.Arbitrary<Formula> {
  const leaf = fc.constantFrom<Formula>(...ATOMS.map(atom), { kind: 'bool', value: true });
  if (depth === 0) return leaf;
  const sub = formulaArb(depth - 1);
  const q = fc.constantFrom<'A' | 'E'>('A', 'E');
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: sub.map((arg): Formula => ({ kind: 'not', arg })) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, fc.boolean()).map(([l, r, isAnd]): Formula => ({ kind: isAnd ? 'and' : 'or', args: [l, r] })) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, fc.boolean()).map(([left, right, imp]): Formula => ({ kind: imp ? 'implies' : 'iff', left, right })) },
    { weight: 4, arbitrary: fc.tuple(q, fc.constantFrom<'X' | 'F' | 'G'>('X', 'F', 'G'), sub).map(([quantifier, op, arg]): Formula => ({ kind: 'path', quantifier, body: { kind: 'temporal', op, arg } })) },
    { weight: 3, arbitrary: fc.tuple(q, fc.constantFrom<'U' | 'W' | 'R'>('U', 'W', 'R'), sub, sub).map(([quantifier, op, left, right]): Formula => ({ kind: 'path', quantifier, body: { kind: 'until', op, left, right } })) },
  );
}

/** BFS order of the reachable states, and the explored prefix after expanding `expand` of them. */
function cut(spec: Spec, expand: number) {
  const order: number[] = [];
  const id = new Map<number, number>();
  const visit = (s: number) => {
    if (!id.has(s)) (id.set(s, order.length), order.push(s));
  };
  spec.initial.forEach(visit);
  for (let k = 0; k < order.length; k++) for (const e of spec.edges[order[k]]) visit(e.to);
  const full = order.length;
  // Partial: expand the first `expanded` states of a fresh BFS; discovered states are those seen.
  const pOrder: number[] = [];
  const pId = new Map<number, number>();
  const pVisit = (s: number) => {
    if (!pId.has(s)) (pId.set(s, pOrder.length), pOrder.push(s));
  };
  spec.initial.forEach(pVisit);
  const expanded = Math.min(expand, full);
  const offsets: number[] = [0];
  const targets: number[] = [];
  const actions: number[] = [];
  for (let k = 0; k < expanded && k < pOrder.length; k++) {
    for (const e of spec.edges[pOrder[k]]) {
      pVisit(e.to);
      targets.push(pId.get(e.to) as number);
      actions.push(e.action);
    }
    offsets.push(targets.length);
  }
  const partial = partialGraph(pOrder.length, spec.initial.length, Math.min(expanded, pOrder.length), {
    offsets: Int32Array.from(offsets), targets: Int32Array.from(targets), actions: Int32Array.from(actions),
  });
  // Full graph in BFS order.
  const fo = new Int32Array(full + 1);
  const ft: number[] = [];
  const fa: number[] = [];
  order.forEach((s, k) => {
    for (const e of spec.edges[s]) (ft.push(id.get(e.to) as number), fa.push(e.action));
    fo[k + 1] = ft.length;
  });
  const whole = new StateGraph(full, fo, Int32Array.from(ft), Int32Array.from(fa), spec.initial.length);
  return { whole, order, partial, pOrder, complete: pOrder.length === full && expanded >= full };
}

/** State formulas (atoms and boolean combinations) evaluated on the spec's state `order[s]`. */
const label = (spec: Spec, order: number[]) => (f: Formula) => (s: number) => value(spec, f, order[s]);

function value(spec: Spec, f: Formula, s: number): boolean {
  switch (f.kind) {
    case 'bool': return f.value;
    case 'atom': return spec.props[ATOMS.indexOf(f.name)][s];
    case 'not': return !value(spec, f.arg, s);
    case 'and': return f.args.every((a) => value(spec, a, s));
    case 'or': return f.args.some((a) => value(spec, a, s));
    case 'implies': return !value(spec, f.left, s) || value(spec, f.right, s);
    case 'iff': return value(spec, f.left, s) === value(spec, f.right, s);
    default: throw new Error(`unexpected label ${print(f)}`);
  }
}

describe('CTL on partial graphs', () => {
  for (const sem of ['stutter', 'finite'] as DeadlockSemantics[]) {
    it(`never contradicts the full graph (${sem})`, () => {
      let decided = 0;
      let cutRuns = 0;
      fc.assert(
        fc.property(specArb, fc.nat(12), formulaArb(3), (spec, expand, f) => {
          const { whole, order, partial, pOrder, complete } = cut(spec, expand);
          const truth = checkCtl(whole, f, label(spec, order), { deadlockSemantics: sem }).holds;
          const verdict = checkCtlPartial(partial, f, label(spec, pOrder), sem);
          if (verdict !== 'unknown') expect(verdict === 'holds', `${print(f)} expand=${expand}`).toBe(truth);
          // With nothing left unexplored the partial reading is exact.
          if (complete) expect(verdict).toBe(truth ? 'holds' : 'violated');
          if (!complete) {
            cutRuns++;
            if (verdict !== 'unknown') decided++;
          }
        }),
        { numRuns: 3000, seed: 0x9a871 },
      );
      expect(cutRuns).toBeGreaterThan(500);
      expect(decided).toBeGreaterThan(cutRuns / 10);
    });
  }
});

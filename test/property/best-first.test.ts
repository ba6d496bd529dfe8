/**
 * The distance-guided reachability fallback (src/cli/formulas/heuristic.ts over
 * src/core/best-first.ts) against a naive reference written here: markings are plain number
 * arrays, the firing rule (weights, inhibitor arcs `m(p) < w`, capacities) and the evaluation of
 * state formulas (token sums, arithmetic, comparisons, fireable, deadlock, boolean connectives)
 * are re-implemented from the `PetriNet` data and the formula AST, and reachability is a naive
 * breadth-first search with a `Map` keyed by `marking.join(',')`.
 *
 * Random small nets (1–5 places, 0–6 transitions, weights 1–3, inhibitor arcs, self-loops, rare
 * capacities, sometimes a token pump making them unbounded) and random state formulas. Checked:
 * 1. soundness — every witness / counterexample replays with the naive firing rule to a marking
 *    where the naive evaluation of the target (φ for `E F φ`, ¬φ for `A G φ`) holds;
 * 2. completeness on finite spaces — when the naive search enumerates the whole (finite)
 *    reachable space and the target holds somewhere in it, the heuristic search (with a generous bound) finds a witness too, and when it
 *    finds it unreachable the core search reports the space exhausted;
 * 3. the distance is 0 exactly on markings satisfying the target.
 * Plus TAPAAL's prime-test023/024 (a violating marking ~16–19 million BFS states deep): the
 * heuristic search finds a counterexample within 400,000 stored markings that replays.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerByHeuristicSearch } from '../../src/cli/formulas/heuristic.js';
import type { PropertyOutcome } from '../../src/cli/formulas/run.js';
import { targetDistance } from '../../src/cli/formulas/target-distance.js';
import { petriBinding } from '../../src/cli/petri-binding.js';
import { bestFirstSearch } from '../../src/core/index.js';
import { type CompareOp, type Formula, type IntExpr, parseMccXml } from '../../src/logic/index.js';
import { type PetriNet, PetriSystem, readPnmlFile, structuralPlaceBounds } from '../../src/petri/index.js';
import { stateFormula } from '../support/random-formulas.js';
import { type NetSpec, fire, generalNet, pumpedNet, toNet } from '../support/random-nets.js';

// ---------------------------------------------------------------------------------------------
// Random nets (test/support/random-nets.ts)
// ---------------------------------------------------------------------------------------------

const smallNet: fc.Arbitrary<NetSpec> = fc.oneof({ weight: 3, arbitrary: generalNet }, { weight: 1, arbitrary: pumpedNet });

/** A net, a state formula φ on it, and the property `E F φ` or `A G φ`. */
const netAndProperty = smallNet.chain((spec) =>
  fc.record({ spec: fc.constant(spec), body: stateFormula(spec.initial.length, spec.transitions.length), mode: fc.constantFrom<'EF' | 'AG'>('EF', 'AG') }),
);

function propertyOf(mode: 'EF' | 'AG', body: Formula): Formula {
  return { kind: 'path', quantifier: mode === 'EF' ? 'E' : 'A', body: { kind: 'temporal', op: mode === 'EF' ? 'F' : 'G', arg: body } };
}

// ---------------------------------------------------------------------------------------------
// The naive reference
// ---------------------------------------------------------------------------------------------

/** The marking after firing `actions` from the initial marking; throws when a step is disabled. */
function replay(net: PetriNet, actions: readonly number[]): number[] {
  let m = net.places.map((p) => p.initial);
  for (const [i, t] of actions.entries()) {
    const next = fire(net, m, t);
    if (next === undefined) throw new Error(`step ${i + 1}: ${net.transitions[t].name} is not enabled`);
    m = next;
  }
  return m;
}

function placeIndex(net: PetriNet, name: string): number {
  const i = net.places.findIndex((p) => p.id === name || p.name === name);
  if (i < 0) throw new Error(`no place ${name}`);
  return i;
}

function evalInt(net: PetriNet, e: IntExpr, m: readonly number[]): number {
  switch (e.kind) {
    case 'int':
      return e.value;
    case 'tokens':
      return e.places.reduce((s, p) => s + m[placeIndex(net, p)], 0);
    case 'arith': {
      const [first, ...rest] = e.args.map((x) => evalInt(net, x, m));
      return rest.reduce((acc, v) => (e.op === '+' ? acc + v : e.op === '-' ? acc - v : acc * v), first);
    }
    case 'atom':
      return m[placeIndex(net, e.name)];
  }
}

function holds(net: PetriNet, f: Formula, m: readonly number[]): boolean {
  const enabled = (t: number) => fire(net, m, t) !== undefined;
  switch (f.kind) {
    case 'bool':
      return f.value;
    case 'not':
      return !holds(net, f.arg, m);
    case 'and':
      return f.args.every((g) => holds(net, g, m));
    case 'or':
      return f.args.some((g) => holds(net, g, m));
    case 'implies':
      return !holds(net, f.left, m) || holds(net, f.right, m);
    case 'iff':
      return holds(net, f.left, m) === holds(net, f.right, m);
    case 'deadlock':
      return net.transitions.every((_, t) => !enabled(t));
    case 'fireable':
      return f.transitions.some((name) => enabled(net.transitions.findIndex((t) => t.name === name)));
    case 'compare': {
      const l = evalInt(net, f.left, m);
      const r = evalInt(net, f.right, m);
      const ops: Record<CompareOp, boolean> = { '<': l < r, '<=': l <= r, '==': l === r, '!=': l !== r, '>=': l >= r, '>': l > r };
      return ops[f.op];
    }
    default:
      throw new Error(`not a state formula: ${f.kind}`);
  }
}

/** Breadth-first over markings; `finished` when every reachable marking was seen within `limit`. */
function naiveReach(net: PetriNet, target: Formula, limit: number): { finished: boolean; reachable: boolean; markings: number[][] } {
  const start = net.places.map((p) => p.initial);
  const seen = new Map<string, number[]>([[start.join(','), start]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const m = queue[i];
    if (holds(net, target, m)) return { finished: true, reachable: true, markings: queue };
    for (let t = 0; t < net.transitions.length; t++) {
      const next = fire(net, m, t);
      if (next === undefined || seen.has(next.join(','))) continue;
      if (seen.size >= limit) return { finished: false, reachable: false, markings: queue };
      seen.set(next.join(','), next);
      queue.push(next);
    }
  }
  return { finished: true, reachable: false, markings: queue };
}

const inconclusive: PropertyOutcome = { id: 'p', answer: undefined, technique: 'EXPLICIT', explanation: 'inconclusive: state bound hit' };

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('heuristic search vs. the naive reference', () => {
  it('every witness or counterexample replays to a marking satisfying the target', () => {
    let answered = 0;
    fc.assert(
      fc.property(netAndProperty, ({ spec, body, mode }) => {
        const net = toNet(spec);
        const system = new PetriSystem(net);
        const target: Formula = mode === 'EF' ? body : { kind: 'not', arg: body };
        const out = answerByHeuristicSearch(inconclusive, propertyOf(mode, body), system, petriBinding(system), { maxStates: 3000, timeoutMs: 10_000 });
        if (out.answer === undefined) {
          expect(out).toMatchObject({ id: 'p', technique: 'EXPLICIT' });
          return;
        }
        answered++;
        expect(out.answer).toBe(mode === 'EF');
        expect(out.technique).toBe('EXPLICIT HEURISTIC_SEARCH');
        expect(out.trace?.initial).toBe(0);
        expect(holds(net, target, replay(net, out.trace?.actions ?? []))).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('finds a witness whenever the target is reachable in a finite space, and exhausts it otherwise', () => {
    let reachableSeen = 0;
    fc.assert(
      fc.property(netAndProperty, ({ spec, body, mode }) => {
        const net = toNet(spec);
        const target: Formula = mode === 'EF' ? body : { kind: 'not', arg: body };
        // The whole reachable space must be finite (on an infinite one a greedy search may follow
        // a misleading distance forever, whatever BFS finds).
        const space = naiveReach(net, { kind: 'bool', value: false }, 2000);
        fc.pre(space.finished);
        const ref = { reachable: space.markings.some((m) => holds(net, target, m)), markings: space.markings };
        const system = new PetriSystem(net);
        const binding = petriBinding(system);
        const out = answerByHeuristicSearch(inconclusive, propertyOf(mode, body), system, binding, { maxStates: 100_000, timeoutMs: 30_000 });
        expect(out.answer).toBe(ref.reachable ? mode === 'EF' : undefined);
        if (ref.reachable) reachableSeen++;
        else {
          const core = bestFirstSearch(new PetriSystem(net), () => false, () => 0, { bounds: { maxStates: 100_000 } });
          expect(core.status).toBe('exhausted');
          expect(core.stats.states).toBe(ref.markings.length);
        }
      }),
      { numRuns: 400 },
    );
    expect(reachableSeen).toBeGreaterThan(50);
  });

  it('the distance is 0 exactly on the reachable markings satisfying the target', () => {
    fc.assert(
      fc.property(netAndProperty, ({ spec, body, mode }) => {
        const net = toNet(spec);
        const target: Formula = mode === 'EF' ? body : { kind: 'not', arg: body };
        const system = new PetriSystem(net);
        const distance = targetDistance(target, system, petriBinding(system));
        const { markings } = naiveReach(net, { kind: 'bool', value: false }, 300);
        for (const m of markings) {
          if (m.some((v, p) => v > system.layout.max[p])) continue; // beyond the initial packing
          const packed = system.layout.pack(m);
          const d = distance(packed, 0);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d === 0).toBe(holds(net, target, m));
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// TAPAAL corpus: a counterexample deep in a large state space
// ---------------------------------------------------------------------------------------------

const TAPAAL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/tapaal');

describe('heuristic search on TAPAAL prime-test nets', () => {
  for (const model of ['prime-test023', 'prime-test024']) {
    it(`${model}: a counterexample to its A G property within 400,000 markings, replayed`, async () => {
      const net = await readPnmlFile(`${TAPAAL}/${model}/model.pnml`);
      const [property] = parseMccXml(readFileSync(`${TAPAAL}/${model}/query.xml`, 'utf8'), `${model}/query.xml`);
      const formula = property.formula as Formula;
      expect(formula).toMatchObject({ kind: 'path', quantifier: 'A', body: { kind: 'temporal', op: 'G' } });
      const body = (formula as Extract<Formula, { kind: 'path' }>).body as Extract<Formula, { kind: 'temporal' }>;
      const system = new PetriSystem(net, { placeBounds: structuralPlaceBounds(net) });
      const out = answerByHeuristicSearch({ ...inconclusive, id: property.id }, formula, system, petriBinding(system), { maxStates: 400_000, timeoutMs: 120_000 });
      expect(out.answer).toBe(false);
      const end = replay(net, out.trace?.actions ?? []);
      expect(holds(net, body.arg, end)).toBe(false);
      // The property's disjuncts: compareProduct_input and compareProduct_P4 are both empty.
      expect([end[placeIndex(net, 'compareProduct_input')], end[placeIndex(net, 'compareProduct_P4')]]).toEqual([0, 0]);
    }, 180_000);
  }
});

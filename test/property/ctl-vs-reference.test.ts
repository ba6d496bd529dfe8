/**
 * Differential test of `src/ctl` against a naive reference written independently here.
 *
 * The reference works on `boolean[]` sets and adjacency lists, evaluates the formula recursively
 * and computes every operator by explicit least/greatest fixpoint iteration from the textbook
 * definitions (e.g. `A[a U b] = μZ. b ∨ (a ∧ AX_strong Z)`), for both deadlock semantics:
 * under 'stutter' a deadlock's successor list is itself; under 'finite' maximal finite paths are
 * paths (`EX` needs a successor, `AX` is vacuous at a deadlock, `EG`/`E[a W b]`/`E[a R b]` may end
 * in a deadlock, `AF`/`A[a U b]` must be fulfilled by the time the path ends). With fairness the
 * reference computes fair `EG` by enumerating, for each state, the cycles through it with
 * repeated BFS, and the other operators through the textbook reductions to fair `EG`.
 * Evidence is checked to be a real path of the graph that shows the property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateGraph } from '../../src/core/index.js';
import { checkCtl, type CtlEvidence, type DeadlockSemantics } from '../../src/ctl/index.js';
import { isStateFormula, print, type Formula } from '../../src/logic/index.js';

// ------------------------------------------------------------------------------------------
// Graphs and formulas
// ------------------------------------------------------------------------------------------

interface GraphSpec {
  edges: { to: number; action: number }[][];
  initialCount: number;
  props: boolean[][]; // props[k][s]: atom named by key below holds in s
}

const ATOMS = ['p0', 'p1', 'p2', 'f0', 'f1'];

const graphArb: fc.Arbitrary<GraphSpec> = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.record({
    edges: fc.array(fc.array(fc.record({ to: fc.nat(n - 1), action: fc.nat(3) }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    initialCount: fc.integer({ min: 1, max: Math.min(n, 3) }),
    props: fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), { minLength: ATOMS.length, maxLength: ATOMS.length }),
  }),
);

function toGraph(spec: GraphSpec): StateGraph {
  const n = spec.edges.length;
  const offsets = new Int32Array(n + 1);
  const targets: number[] = [];
  const actions: number[] = [];
  spec.edges.forEach((es, s) => {
    for (const e of es) {
      targets.push(e.to);
      actions.push(e.action);
    }
    offsets[s + 1] = targets.length;
  });
  return new StateGraph(n, offsets, Int32Array.from(targets), Int32Array.from(actions), spec.initialCount);
}

const atom = (name: string): Formula => ({ kind: 'atom', name, args: [] });
const T: Formula = { kind: 'bool', value: true };
const Fl: Formula = { kind: 'bool', value: false };

function formulaArb(atoms: string[], depth: number): fc.Arbitrary<Formula> {
  const leaf = fc.constantFrom<Formula>(...atoms.map(atom), T, Fl);
  if (depth === 0) return leaf;
  const sub = formulaArb(atoms, depth - 1);
  const q = fc.constantFrom<'A' | 'E'>('A', 'E');
  return fc.oneof(
    { weight: 2, arbitrary: leaf },
    { weight: 1, arbitrary: sub.map((arg): Formula => ({ kind: 'not', arg })) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, fc.boolean()).map(([l, r, isAnd]): Formula => ({ kind: isAnd ? 'and' : 'or', args: [l, r] })) },
    { weight: 1, arbitrary: fc.tuple(sub, sub, fc.boolean()).map(([left, right, imp]): Formula => ({ kind: imp ? 'implies' : 'iff', left, right })) },
    { weight: 4, arbitrary: fc.tuple(q, fc.constantFrom<'X' | 'F' | 'G'>('X', 'F', 'G'), sub).map(([quantifier, op, arg]): Formula => ({ kind: 'path', quantifier, body: { kind: 'temporal', op, arg } })) },
    { weight: 4, arbitrary: fc.tuple(q, fc.constantFrom<'U' | 'W' | 'R'>('U', 'W', 'R'), sub, sub).map(([quantifier, op, left, right]): Formula => ({ kind: 'path', quantifier, body: { kind: 'until', op, left, right } })) },
  );
}

// ------------------------------------------------------------------------------------------
// Reference
// ------------------------------------------------------------------------------------------

type Bools = boolean[];

class Reference {
  readonly n: number;
  readonly next: number[][]; // successors, with the stutter self-loop added
  readonly dead: boolean[];
  readonly fair: Bools;

  constructor(readonly spec: GraphSpec, readonly sem: DeadlockSemantics, readonly fairness: Bools[]) {
    this.n = spec.edges.length;
    this.dead = spec.edges.map((es) => es.length === 0);
    this.next = spec.edges.map((es, s) => (es.length === 0 && sem === 'stutter' ? [s] : [...new Set(es.map((e) => e.to))]));
    this.fair = fairness.length === 0 ? this.all(() => true) : this.fairEG(this.all(() => true));
  }

  all(f: (s: number) => boolean): Bools {
    return Array.from({ length: this.n }, (_, s) => f(s));
  }

  lfp(step: (z: Bools) => Bools): Bools {
    let z = this.all(() => false);
    for (;;) {
      const z2 = step(z);
      if (z2.every((v, i) => v === z[i])) return z;
      z = z2;
    }
  }

  gfp(step: (z: Bools) => Bools): Bools {
    let z = this.all(() => true);
    for (;;) {
      const z2 = step(z);
      if (z2.every((v, i) => v === z[i])) return z;
      z = z2;
    }
  }

  someNext = (z: Bools, s: number): boolean => this.next[s].some((t) => z[t]);
  allNext = (z: Bools, s: number): boolean => this.next[s].every((t) => z[t]);
  /** A maximal finite path may end here. */
  ends = (s: number): boolean => this.sem === 'finite' && this.dead[s];

  /** States reachable from `from` in ≥ `min` steps through states in `inside`. */
  reach(from: number, inside: Bools, min: 0 | 1): Bools {
    const seen = this.all(() => false);
    const queue = min === 0 ? [from] : this.next[from].filter((t) => inside[t]);
    for (const s of queue) seen[s] = true;
    while (queue.length > 0) {
      const u = queue.shift() as number;
      for (const t of this.next[u]) if (inside[t] && !seen[t]) (seen[t] = true), queue.push(t);
    }
    return seen;
  }

  /** Fair EG a by cycle enumeration: a reaches (inside a) a state t on a cycle inside a whose cycle states meet every fairness set, or (finite) an a-deadlock. */
  fairEG(a: Bools): Bools {
    const core = this.all((t) => {
      if (!a[t]) return false;
      if (this.ends(t)) return true;
      const fwd = this.reach(t, a, 1);
      if (!fwd[t]) return false;
      const onCycle = this.all((u) => fwd[u] && this.reach(u, a, 0)[t]);
      return this.fairness.every((f) => onCycle.some((v, u) => v && f[u]));
    });
    return this.all((s) => a[s] && this.reach(s, a, 0).some((v, t) => v && core[t]));
  }

  eval(f: Formula, label: (f: Formula, s: number) => boolean): Bools {
    if (isStateFormula(f)) return this.all((s) => label(f, s));
    const ev = (g: Formula): Bools => this.eval(g, label);
    const neg = (x: Bools): Bools => x.map((v) => !v);
    switch (f.kind) {
      case 'not': return neg(ev(f.arg));
      case 'and': return f.args.map(ev).reduce((x, y) => x.map((v, i) => v && y[i]));
      case 'or': return f.args.map(ev).reduce((x, y) => x.map((v, i) => v || y[i]));
      case 'implies': { const l = ev(f.left), r = ev(f.right); return l.map((v, i) => !v || r[i]); }
      case 'iff': { const l = ev(f.left), r = ev(f.right); return l.map((v, i) => v === r[i]); }
      case 'path': {
        const b = f.body;
        const a = ev(b.kind === 'temporal' ? b.arg : (b as Extract<Formula, { kind: 'until' }>).left);
        const c = b.kind === 'until' ? ev(b.right) : a;
        const op = (b as { op: string }).op;
        return this.fairness.length === 0 ? this.plain(f.quantifier, op, a, c) : this.withFairness(f.quantifier, op, a, c);
      }
      default: throw new Error(`unexpected ${f.kind}`);
    }
  }

  /** Textbook fixpoints over maximal paths (no fairness). */
  plain(q: 'A' | 'E', op: string, a: Bools, b: Bools): Bools {
    const cont = (z: Bools, s: number): boolean => (q === 'E' ? this.someNext(z, s) : this.allNext(z, s));
    const E = q === 'E';
    switch (op) {
      case 'X': return this.all((s) => (E ? this.someNext(a, s) : this.allNext(a, s)));
      case 'F': return this.lfp((z) => this.all((s) => a[s] || (!this.ends(s) && cont(z, s))));
      case 'G': return this.gfp((z) => this.all((s) => a[s] && (E ? this.someNext(z, s) || this.ends(s) : this.allNext(z, s))));
      case 'U': return this.lfp((z) => this.all((s) => b[s] || (a[s] && !this.ends(s) && cont(z, s))));
      case 'W': return this.gfp((z) => this.all((s) => b[s] || (a[s] && (E ? this.someNext(z, s) || this.ends(s) : this.allNext(z, s)))));
      case 'R': return this.gfp((z) => this.all((s) => b[s] && (a[s] || (E ? this.someNext(z, s) || this.ends(s) : this.allNext(z, s)))));
      default: throw new Error(op);
    }
  }

  /** Textbook reductions to fair EG (Clarke–Grumberg–Peled): E_f X a = EX(a ∧ fair), E_f[a U b] = E[a U (b ∧ fair)], A_f = ¬E_f¬. */
  withFairness(q: 'A' | 'E', op: string, a: Bools, b: Bools): Bools {
    const fair = this.fair;
    const neg = (x: Bools): Bools => x.map((v) => !v);
    const conj = (x: Bools, y: Bools): Bools => x.map((v, i) => v && y[i]);
    const disj = (x: Bools, y: Bools): Bools => x.map((v, i) => v || y[i]);
    const EX = (x: Bools): Bools => this.all((s) => this.someNext(conj(x, fair), s));
    const EU = (x: Bools, y: Bools): Bools => this.lfp((z) => this.all((s) => (y[s] && fair[s]) || (x[s] && this.someNext(z, s))));
    const EG = (x: Bools): Bools => this.fairEG(x);
    const all = this.all(() => true);
    const E = q === 'E';
    switch (op) {
      case 'X': return E ? EX(a) : neg(EX(neg(a)));
      case 'F': return E ? EU(all, a) : neg(EG(neg(a)));
      case 'G': return E ? EG(a) : neg(EU(all, neg(a)));
      case 'U': return E ? EU(a, b) : neg(disj(EU(neg(b), conj(neg(a), neg(b))), EG(neg(b))));
      case 'W': return E ? disj(EU(a, b), EG(a)) : neg(EU(neg(b), conj(neg(a), neg(b))));
      case 'R': return E ? disj(EU(b, conj(a, b)), EG(b)) : neg(EU(neg(a), neg(b)));
      default: throw new Error(op);
    }
  }
}

function stateValue(spec: GraphSpec, f: Formula, s: number): boolean {
  switch (f.kind) {
    case 'bool': return f.value;
    case 'atom': return spec.props[ATOMS.indexOf(f.name)][s];
    case 'not': return !stateValue(spec, f.arg, s);
    case 'and': return f.args.every((g) => stateValue(spec, g, s));
    case 'or': return f.args.some((g) => stateValue(spec, g, s));
    case 'implies': return !stateValue(spec, f.left, s) || stateValue(spec, f.right, s);
    case 'iff': return stateValue(spec, f.left, s) === stateValue(spec, f.right, s);
    default: throw new Error(`label called with non-state formula ${print(f)}`);
  }
}

// ------------------------------------------------------------------------------------------
// Evidence checking
// ------------------------------------------------------------------------------------------

function expectRealPath(spec: GraphSpec, ev: CtlEvidence): void {
  const { states, actions, loopStart } = ev;
  const hasEdge = (from: number, to: number, action: number): boolean => spec.edges[from].some((e) => e.to === to && e.action === action);
  expect(states.length).toBeGreaterThan(0);
  expect(states[0]).toBe(ev.initialState);
  expect(ev.initialState).toBeLessThan(spec.initialCount);
  for (let i = 0; i + 1 < states.length; i++) expect(hasEdge(states[i], states[i + 1], actions[i])).toBe(true);
  if (loopStart === undefined) {
    expect(actions.length).toBe(states.length - 1);
  } else {
    expect(actions.length).toBe(states.length);
    expect(loopStart).toBeGreaterThanOrEqual(0);
    expect(loopStart).toBeLessThan(states.length);
    expect(hasEdge(states[states.length - 1], states[loopStart], actions[states.length - 1])).toBe(true);
  }
  expect(ev.explanation.length).toBeGreaterThan(0);
}

/** Does the evidence path show that `f` has value `want` at its first state? */
function shows(ref: Reference, label: (f: Formula, s: number) => boolean, ev: CtlEvidence, f: Formula, want: boolean): boolean {
  switch (f.kind) {
    case 'not': return shows(ref, label, ev, f.arg, !want);
    case 'and':
    case 'or': return (f.kind === 'and') !== want && f.args.some((g) => shows(ref, label, ev, g, want));
    case 'implies': return want ? shows(ref, label, ev, f.left, false) || shows(ref, label, ev, f.right, true) : shows(ref, label, ev, f.right, false);
    case 'path': break;
    default: return false;
  }
  if ((f.quantifier === 'E') !== want) return false;
  const S = ev.states;
  const last = S[S.length - 1];
  const kind = ev.loopStart !== undefined ? 'lasso' : ref.dead[last] ? 'deadlock' : 'prefix';
  const fairOk = kind === 'lasso'
    ? ref.fairness.every((fs) => S.slice(ev.loopStart).some((s) => fs[s]))
    : ref.fair[last];
  if (!fairOk) return false;
  const b = f.body;
  const a = ref.eval(b.kind === 'temporal' ? b.arg : (b as Extract<Formula, { kind: 'until' }>).left, label);
  const c = b.kind === 'until' ? ref.eval(b.right, label) : a;
  const neg = (x: Bools): Bools => x.map((v) => !v);
  const conj = (x: Bools, y: Bools): Bools => x.map((v, i) => v && y[i]);
  const F = (x: Bools): boolean => S.some((s) => x[s]);
  const G = (x: Bools): boolean => kind !== 'prefix' && S.every((s) => x[s]);
  const U = (x: Bools, y: Bools): boolean => {
    for (const s of S) {
      if (y[s]) return true;
      if (!x[s]) return false;
    }
    return false;
  };
  const X = (x: Bools): boolean =>
    S.length >= 2 ? x[S[1]] : kind === 'lasso' ? x[S[ev.loopStart as number]] : kind === 'deadlock' && ref.sem === 'stutter' ? x[S[0]] : false;
  const op = (b as { op: string }).op;
  if (want) {
    switch (op) {
      case 'X': return X(a);
      case 'F': return F(a);
      case 'G': return G(a);
      case 'U': return U(a, c);
      case 'W': return U(a, c) || G(a);
      case 'R': return U(c, conj(a, c)) || G(c);
    }
  } else {
    switch (op) {
      case 'X': return X(neg(a));
      case 'F': return G(neg(a));
      case 'G': return F(neg(a));
      case 'U': return U(neg(c), conj(neg(a), neg(c))) || G(neg(c));
      case 'W': return U(neg(c), conj(neg(a), neg(c)));
      case 'R': return U(neg(a), neg(c));
    }
  }
  return false;
}

// ------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------

function compare(spec: GraphSpec, f: Formula, sem: DeadlockSemantics, fairness: Formula[]): void {
  const graph = toGraph(spec);
  const seen = new Set<string>();
  const result = checkCtl(graph, f, (g) => {
    expect(isStateFormula(g)).toBe(true);
    expect(g.kind).not.toBe('bool');
    const key = print(g);
    expect(seen.has(key)).toBe(false);
    seen.add(key);
    return (s) => stateValue(spec, g, s);
  }, { deadlockSemantics: sem, fairness });
  const label = (g: Formula, s: number): boolean => stateValue(spec, g, s);
  const fairSets = fairness.map((g) => new Reference(spec, sem, []).eval(g, label));
  const ref = new Reference(spec, sem, fairSets);
  const expected = ref.eval(f, label);
  const ctx = `${print(f)} [${sem}] fairness=${fairness.map((g) => print(g)).join(',')}`;
  expect(Array.from(result.satisfying, (v) => v === 1), ctx).toEqual(expected);
  expect(result.holds, ctx).toBe(expected.slice(0, spec.initialCount).every((v) => v));
  const ev = result.evidence;
  if (f.kind === 'path' && (f.quantifier === 'E') === result.holds) expect(ev, `evidence expected for ${ctx}`).toBeDefined();
  if (ev === undefined) return;
  expect(ev.kind).toBe(result.holds ? 'witness' : 'counterexample');
  expectRealPath(spec, ev);
  expect(expected[ev.initialState]).toBe(result.holds);
  if (isStateFormula(f)) expect(ev.states).toEqual([ev.initialState]);
  else expect(shows(ref, label, ev, f, result.holds), `${ctx}: ${JSON.stringify(ev)}`).toBe(true);
}

const SEMANTICS: DeadlockSemantics[] = ['stutter', 'finite'];
const atomsArb = fc.integer({ min: 0, max: 3 }).map((k) => ATOMS.slice(0, k));

describe('checkCtl agrees with a naive fixpoint reference', () => {
  for (const sem of SEMANTICS) {
    it(`random graphs and CTL formulas, '${sem}' deadlocks`, () => {
      const arb = fc.tuple(graphArb, atomsArb.chain((atoms) => formulaArb(atoms, 4)));
      fc.assert(fc.property(arb, ([spec, f]) => compare(spec, f, sem, [])), { seed: 0xc71, numRuns: 700 });
    });

    it(`random formulas under fairness constraints, '${sem}' deadlocks`, () => {
      const fairArb = fc.subarray([atom('f0'), atom('f1'), { kind: 'not', arg: atom('f0') } as Formula], { minLength: 1 });
      const arb = fc.tuple(graphArb, formulaArb(['p0', 'p1', 'p2'], 3), fairArb);
      fc.assert(fc.property(arb, ([spec, f, fair]) => compare(spec, f, sem, fair)), { seed: 0xfa1, numRuns: 500 });
    });

    it(`fair EG against cycle enumeration, with lassos visiting every fairness set, '${sem}'`, () => {
      const eg: Formula = { kind: 'path', quantifier: 'E', body: { kind: 'temporal', op: 'G', arg: atom('p0') } };
      const af: Formula = { kind: 'path', quantifier: 'A', body: { kind: 'temporal', op: 'F', arg: atom('p0') } };
      fc.assert(fc.property(graphArb, fc.constantFrom(eg, af), (spec, f) => compare(spec, f, sem, [atom('f0'), atom('f1')])), { seed: 0xe6, numRuns: 500 });
    });

    it(`fairness [true] changes nothing, '${sem}'`, () => {
      fc.assert(fc.property(graphArb, formulaArb(['p0', 'p1'], 3), (spec, f) => {
        const label = (g: Formula) => (s: number) => stateValue(spec, g, s);
        const a = checkCtl(toGraph(spec), f, label, { deadlockSemantics: sem });
        const b = checkCtl(toGraph(spec), f, label, { deadlockSemantics: sem, fairness: [T] });
        expect(b.satisfying).toEqual(a.satisfying);
      }), { seed: 0x7e, numRuns: 200 });
    });
  }
});

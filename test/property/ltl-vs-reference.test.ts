/**
 * Differential test of `checkLtl` against references written independently here, on random
 * explicit graphs (1–8 states packed in one word, random edges with self-loops and deadlocks,
 * atoms `p0`/`p1` as per-state bits, `deadlock`) and random LTL formulas (depth ≤ 4, all of
 * X F G U W R, negation, and/or/implies), under both deadlock semantics, with and without weak
 * fairness, under `A`, `E` or no quantifier.
 *
 * References (none uses anything of src/ltl):
 * 1. `existsRun` — exact: the Lichtenstein–Pnueli closure tableau. Nodes are (state, valuation of
 *    the X/U subformulas) consistent with the state's atoms; edges respect `X f ⇔ f'` and
 *    `a U b ⇔ b ∨ (a ∧ (a U b)')`; a run exists iff a node satisfying ψ reaches a maximal SCC
 *    that is non-trivial, self-fulfilling (every `a U b` true in it has `b` true somewhere in it)
 *    and, with fairness, takes every action enabled in all of its states — or, under `'finite'`,
 *    a deadlock node where no X is true and every until is already decided.
 *    (Enumerating only lassos u·v^ω with |u|,|v| ≤ |S| would not be exact: `G F p ∧ G F q` on
 *    a hub graph needs a cycle longer than |S|.)
 * 2. `evalRun` — direct LTL semantics on a lasso or finite word (least fixpoints for U); used to
 *    check every counterexample/witness, and
 * 3. `someLassoViolates` — the bounded enumeration of lassos / maximal finite paths with prefix
 *    and cycle ≤ |S|: a violation found there must be reported (one direction only, see 1).
 * Plus LTL vs CTL on the common fragment: `G p` ≡ `AG p` and `F p` ≡ `AF p`, computed naively.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Trace, type TransitionSystem, replayTrace } from '../../src/core/index.js';
import { type Formula, compileStatePredicate } from '../../src/logic/index.js';
import { checkLtl } from '../../src/ltl/index.js';

// ---------------------------------------------------------------------------------------------
// Graphs
// ---------------------------------------------------------------------------------------------

/** Action `a` from any state means "go to state a" (so actions are distinct per state). */
interface Graph {
  readonly labels: readonly number[];
  readonly succ: readonly (readonly number[])[];
  readonly initial: readonly number[];
}

const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    labels: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    succ: fc.array(
      fc.oneof(
        { weight: 1, arbitrary: fc.constant([] as number[]) },
        { weight: 3, arbitrary: fc.nat(n - 1).map((t) => [t]) },
        { weight: 3, arbitrary: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 3 }) },
      ),
      { minLength: n, maxLength: n },
    ),
    initial: fc.uniqueArray(fc.nat(n - 1), { minLength: 1, maxLength: 2 }),
  }),
);

function systemOf(g: Graph): TransitionSystem {
  return {
    stateWords: 1,
    actionCount: g.labels.length,
    initialStates: () => g.initial.map((s) => Uint32Array.of(s)),
    successors(source, offset, sink) {
      const out = new Uint32Array(1);
      for (const t of g.succ[source[offset]]) {
        out[0] = t;
        if (sink(t, out) === true) return;
      }
    },
    actionName: (a) => `to${a}`,
    formatState: (s, o) => `s${s[o]}`,
  };
}

const isDeadlock = (g: Graph, s: number) => g.succ[s].length === 0;
const holdsAtom = (g: Graph, name: string, s: number): boolean => (name === 'deadlock' ? isDeadlock(g, s) : ((g.labels[s] >> Number(name.slice(1))) & 1) === 1);

function labelOf(g: Graph): (f: Formula) => (arena: Uint32Array, offset: number) => boolean {
  const no = (): never => {
    throw new Error('unused');
  };
  const binding = {
    tokens: no,
    integerAtom: no,
    fireable: no,
    deadlock: () => (a: Uint32Array, o: number) => isDeadlock(g, a[o]),
    atom: (atom: { name: string }) => (a: Uint32Array, o: number) => holdsAtom(g, atom.name, a[o]),
  };
  return (f) => compileStatePredicate(f, binding);
}

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

const atom = (name: string): Formula => ({ kind: 'atom', name, args: [] });
const leafArb: fc.Arbitrary<Formula> = fc.oneof(
  { weight: 5, arbitrary: fc.constant(atom('p0')) },
  { weight: 5, arbitrary: fc.constant(atom('p1')) },
  { weight: 1, arbitrary: fc.boolean().map((value): Formula => ({ kind: 'bool', value })) },
  { weight: 1, arbitrary: fc.constant<Formula>({ kind: 'deadlock' }) },
);

function formulaArb(depth: number): fc.Arbitrary<Formula> {
  if (depth === 0) return leafArb;
  const sub = formulaArb(depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: leafArb },
    { weight: 1, arbitrary: sub.map((arg): Formula => ({ kind: 'not', arg })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('X', 'F', 'G') as fc.Arbitrary<'X' | 'F' | 'G'>, sub).map(([op, arg]): Formula => ({ kind: 'temporal', op, arg })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('and', 'or') as fc.Arbitrary<'and' | 'or'>, sub, sub).map(([kind, a, b]): Formula => ({ kind, args: [a, b] })) },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([left, right]): Formula => ({ kind: 'implies', left, right })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom('U', 'W', 'R') as fc.Arbitrary<'U' | 'W' | 'R'>, sub, sub).map(([op, left, right]): Formula => ({ kind: 'until', op, left, right })) },
  );
}

const G = (arg: Formula): Formula => ({ kind: 'temporal', op: 'G', arg });
const F = (arg: Formula): Formula => ({ kind: 'temporal', op: 'F', arg });

/**
 * Random formulas of depth ≤ 4, mixed with the classic acceptance patterns (recurrence,
 * persistence, response, their conjunctions) over random subformulas of depth ≤ 2 — these make
 * accepting cycles whose marks sit on few product edges (e.g. only on a DFS tree edge).
 */
const ltlArb: fc.Arbitrary<Formula> = fc.oneof(
  { weight: 3, arbitrary: formulaArb(4) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.nat(4), formulaArb(1), formulaArb(2)).map(([k, x, y]): Formula => {
      switch (k) {
        case 0: return G(F(x));
        case 1: return F(G(x));
        case 2: return G({ kind: 'implies', left: x, right: F(y) });
        case 3: return { kind: 'and', args: [G(F(x)), G(F(y))] };
        default: return { kind: 'implies', left: G(F(x)), right: G(F(y)) };
      }
    }),
  },
);

/** The reference language: atoms, true, ¬, ∧, ∨, X (strong), U. */
type R =
  | { k: 'ap'; name: string }
  | { k: 'tt' }
  | { k: 'not'; a: R }
  | { k: 'and' | 'or'; a: R; b: R }
  | { k: 'X'; a: R }
  | { k: 'U'; a: R; b: R };

const not = (a: R): R => ({ k: 'not', a });
function toR(f: Formula): R {
  switch (f.kind) {
    case 'atom': return { k: 'ap', name: f.name };
    case 'deadlock': return { k: 'ap', name: 'deadlock' };
    case 'bool': return f.value ? { k: 'tt' } : not({ k: 'tt' });
    case 'not': return not(toR(f.arg));
    case 'and': case 'or': return f.args.map(toR).reduce((a, b) => ({ k: f.kind as 'and' | 'or', a, b }));
    case 'implies': return { k: 'or', a: not(toR(f.left)), b: toR(f.right) };
    case 'temporal': {
      const a = toR(f.arg);
      if (f.op === 'X') return { k: 'X', a };
      if (f.op === 'F') return { k: 'U', a: { k: 'tt' }, b: a };
      return not({ k: 'U', a: { k: 'tt' }, b: not(a) });
    }
    case 'until': {
      const a = toR(f.left);
      const b = toR(f.right);
      if (f.op === 'U') return { k: 'U', a, b };
      if (f.op === 'R') return not({ k: 'U', a: not(a), b: not(b) });
      return { k: 'or', a: { k: 'U', a, b }, b: not({ k: 'U', a: { k: 'tt' }, b: not(a) }) };
    }
    case 'path': return toR(f.body);
    default: throw new Error(`unexpected ${f.kind}`);
  }
}

/** Subformulas in post-order (children first), deduplicated; `index` maps a key to its position. */
function closure(root: R): { subs: R[]; kid: (r: R, which: 'a' | 'b') => number; at: (r: R) => number } {
  const subs: R[] = [];
  const keys = new Map<string, number>();
  const keyOf = new Map<R, string>();
  const visit = (r: R): string => {
    const parts = 'a' in r ? ['b' in r ? `${visit(r.a)},${visit(r.b)}` : visit(r.a)] : [];
    const key = `${r.k}${r.k === 'ap' ? r.name : ''}(${parts.join()})`;
    keyOf.set(r, key);
    if (!keys.has(key)) {
      keys.set(key, subs.length);
      subs.push(r);
    }
    return key;
  };
  visit(root);
  const at = (r: R) => keys.get(keyOf.get(r) as string) as number;
  return { subs, at, kid: (r, which) => at((r as { a: R; b: R })[which]) };
}

/** Value at every position of a word; `next(i)` is the next position or -1 at the end. */
function evalWord(root: R, g: Graph, word: readonly number[], next: (i: number) => number): boolean {
  const { subs, kid } = closure(root);
  const val: Uint8Array[] = [];
  const P = word.length;
  for (const r of subs) {
    const v = new Uint8Array(P);
    const a = 'a' in r ? val[kid(r, 'a')] : undefined;
    const b = 'b' in r ? val[kid(r, 'b')] : undefined;
    for (let i = 0; i < P; i++) {
      if (r.k === 'ap') v[i] = holdsAtom(g, r.name, word[i]) ? 1 : 0;
      else if (r.k === 'tt') v[i] = 1;
      else if (r.k === 'not') v[i] = 1 - a![i];
      else if (r.k === 'and') v[i] = a![i] & b![i];
      else if (r.k === 'or') v[i] = a![i] | b![i];
      else if (r.k === 'X') v[i] = next(i) < 0 ? 0 : a![next(i)];
    }
    if (r.k === 'U') {
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = P - 1; i >= 0; i--) {
          const n = next(i);
          const x = b![i] | (a![i] & (n < 0 ? 0 : v[n]));
          if (x !== v[i]) {
            v[i] = x;
            changed = true;
          }
        }
      }
    }
    val.push(v);
  }
  return val[subs.length - 1][0] === 1;
}

// ---------------------------------------------------------------------------------------------
// Reference 1: the closure tableau (exact)
// ---------------------------------------------------------------------------------------------

interface RefOptions {
  readonly finite: boolean;
  readonly fair: boolean;
}

/** Is there a run (from an initial state) satisfying `psi`? Undefined when too large to decide. */
function existsRun(psi: R, g: Graph, o: RefOptions): boolean | undefined {
  const { subs, kid } = closure(psi);
  const elem = subs.map((r, i) => (r.k === 'X' || r.k === 'U' ? i : -1)).filter((i) => i >= 0);
  if (elem.length > 10) return undefined;
  const n = g.labels.length;
  const succ = (s: number) => (g.succ[s].length === 0 && !o.finite ? [s] : g.succ[s]);
  // Nodes: consistent (state, valuation) pairs.
  const nodeState: number[] = [];
  const nodeVal: Uint8Array[] = [];
  const byState: number[][] = Array.from({ length: n }, () => []);
  for (let s = 0; s < n; s++) {
    for (let m = 0; m < 1 << elem.length; m++) {
      const v = new Uint8Array(subs.length);
      elem.forEach((e, j) => (v[e] = (m >> j) & 1));
      let ok = true;
      subs.forEach((r, i) => {
        if (r.k === 'ap') v[i] = holdsAtom(g, r.name, s) ? 1 : 0;
        else if (r.k === 'tt') v[i] = 1;
        else if (r.k === 'not') v[i] = 1 - v[kid(r, 'a')];
        else if (r.k === 'and') v[i] = v[kid(r, 'a')] & v[kid(r, 'b')];
        else if (r.k === 'or') v[i] = v[kid(r, 'a')] | v[kid(r, 'b')];
        else if (r.k === 'U') {
          if (v[kid(r, 'b')] === 1 && v[i] === 0) ok = false;
          if (v[kid(r, 'a')] === 0 && v[kid(r, 'b')] === 0 && v[i] === 1) ok = false;
        }
      });
      if (!ok) continue;
      byState[s].push(nodeState.length);
      nodeState.push(s);
      nodeVal.push(v);
    }
  }
  const N = nodeState.length;
  const edges: number[][] = [];
  const endOk = new Uint8Array(N);
  for (let x = 0; x < N; x++) {
    const v = nodeVal[x];
    const must: [number, number][] = [];
    let fin = true;
    subs.forEach((r, i) => {
      if (r.k === 'X') {
        must.push([kid(r, 'a'), v[i]]);
        if (v[i] === 1) fin = false;
      }
      if (r.k === 'U' && v[kid(r, 'a')] === 1 && v[kid(r, 'b')] === 0) {
        must.push([i, v[i]]);
        if (v[i] === 1) fin = false;
      }
    });
    edges.push(succ(nodeState[x]).flatMap((t) => byState[t].filter((y) => must.every(([i, b]) => nodeVal[y][i] === b))));
    if (o.finite && isDeadlock(g, nodeState[x]) && fin) endOk[x] = 1;
  }
  // Maximal SCCs (Tarjan) and the good ones.
  const comp = sccs(edges);
  const good = new Uint8Array(N);
  const members = new Map<number, number[]>();
  comp.forEach((c, x) => members.set(c, [...(members.get(c) ?? []), x]));
  for (const [c, xs] of members) {
    if (!xs.some((x) => edges[x].some((y) => comp[y] === c))) continue; // trivial
    const fulfilled = subs.every((r, i) => r.k !== 'U' || !xs.some((x) => nodeVal[x][i] === 1) || xs.some((x) => nodeVal[x][kid(r, 'b')] === 1));
    if (!fulfilled) continue;
    if (o.fair) {
      const states = xs.map((x) => nodeState[x]);
      const always = g.succ[states[0]].filter((a) => states.every((s) => g.succ[s].includes(a)));
      const taken = (a: number) => xs.some((x) => edges[x].some((y) => comp[y] === c && nodeState[y] === a && g.succ[nodeState[x]].includes(a)));
      if (!always.every(taken)) continue;
    }
    for (const x of xs) good[x] = 1;
  }
  const root = subs.length - 1;
  const seen = new Uint8Array(N);
  const stack = g.initial.flatMap((s) => byState[s].filter((x) => nodeVal[x][root] === 1));
  for (const x of stack) seen[x] = 1;
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (good[x] || endOk[x]) return true;
    for (const y of edges[x]) {
      if (!seen[y]) {
        seen[y] = 1;
        stack.push(y);
      }
    }
  }
  return false;
}

/** Component number of every node (recursive Tarjan: the graphs here are tiny). */
function sccs(edges: readonly (readonly number[])[]): number[] {
  const index = edges.map(() => -1);
  const low = edges.map(() => 0);
  const comp = edges.map(() => -1);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  const visit = (v: number): void => {
    index[v] = low[v] = counter++;
    stack.push(v);
    for (const w of edges[v]) {
      if (index[w] < 0) {
        visit(w);
        low[v] = Math.min(low[v], low[w]);
      } else if (comp[w] < 0) low[v] = Math.min(low[v], index[w]);
    }
    if (low[v] === index[v]) {
      let w: number;
      do {
        w = stack.pop() as number;
        comp[w] = count;
      } while (w !== v);
      count++;
    }
  };
  edges.forEach((_, v) => index[v] < 0 && visit(v));
  return comp;
}

// ---------------------------------------------------------------------------------------------
// References 2 and 3: direct semantics on runs, bounded enumeration
// ---------------------------------------------------------------------------------------------

/** The word and successor function of a trace; throws if it is not a run of `g` under `o`. */
function runOf(g: Graph, t: Trace, o: RefOptions): { word: number[]; next: (i: number) => number } {
  const states = replayTrace(systemOf(g), t).map((s) => s[0]);
  const k = t.actions.length;
  if (t.loopStart === undefined) {
    if (!o.finite || !isDeadlock(g, states[k])) throw new Error('a finite trace must end in a deadlock under finite semantics');
    return { word: states, next: (i) => (i + 1 < states.length ? i + 1 : -1) };
  }
  const l = t.loopStart;
  if (l === k) {
    if (o.finite || !isDeadlock(g, states[k])) throw new Error('loopStart = actions.length needs a stuttering deadlock');
    return { word: states, next: (i) => Math.min(i + 1, k) };
  }
  if (l > k || states[k] !== states[l]) throw new Error(`the lasso does not close: ${states} loopStart ${l}`);
  if (o.fair) {
    const cycle = states.slice(l, k);
    const taken = new Set(t.actions.slice(l));
    const always = g.succ[cycle[0]].filter((a) => cycle.every((s) => g.succ[s].includes(a)));
    if (!always.every((a) => taken.has(a))) throw new Error('the lasso is not weakly fair');
  }
  return { word: states.slice(0, k), next: (i) => (i + 1 < k ? i + 1 : l) };
}

const evalRun = (f: R, g: Graph, t: Trace, o: RefOptions) => {
  const { word, next } = runOf(g, t, o);
  return evalWord(f, g, word, next);
};

/** Some lasso u·v^ω (|u|, |v| ≤ |S|) or maximal finite path (≤ 2|S|) violates `f` (capped search). */
function someLassoViolates(f: R, g: Graph, finite: boolean): boolean {
  const n = g.labels.length;
  let budget = 4000;
  const walk: number[] = [];
  const go = (s: number): boolean => {
    if (--budget < 0) return false;
    walk.push(s);
    const m = walk.length - 1;
    let found = false;
    if (isDeadlock(g, s)) {
      found = finite ? !evalWord(f, g, walk, (i) => (i < m ? i + 1 : -1)) : !evalWord(f, g, walk, (i) => Math.min(i + 1, m));
    } else {
      for (const t of g.succ[s]) {
        for (let l = Math.max(0, m - n + 1); l <= Math.min(n, m) && !found; l++) {
          if (walk[l] === t) found = !evalWord(f, g, walk, (i) => (i < m ? i + 1 : l));
        }
      }
      if (m + 1 < 2 * n) for (const t of g.succ[s]) if (!found) found = go(t);
    }
    walk.pop();
    return found;
  };
  return g.initial.some((s) => go(s));
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const SEED = 20240611;

describe('checkLtl vs an independent reference', () => {
  it('agrees with the closure tableau; every counterexample / witness is a genuine run', () => {
    let decided = 0;
    let violated = 0;
    fc.assert(
      fc.property(
        graphArb,
        ltlArb,
        fc.constantFrom<'A' | 'E' | ''>('A', 'E', ''),
        fc.constantFrom<'stutter' | 'finite'>('stutter', 'stutter', 'finite'),
        fc.boolean(),
        (g, body, q, semantics, fair) => {
          const o: RefOptions = { finite: semantics === 'finite', fair };
          const phi = toR(body);
          // A φ fails iff some run satisfies ¬φ; E φ holds iff some run satisfies φ.
          const target = q === 'E' ? phi : not(phi);
          const exists = existsRun(target, g, o);
          if (exists === undefined) return;
          decided++;
          const formula: Formula = q === '' ? body : { kind: 'path', quantifier: q, body };
          const r = checkLtl(systemOf(g), formula, labelOf(g), { deadlockSemantics: semantics, weakFairness: fair });
          expect(r.status).toBe(q === 'E' ? (exists ? 'holds' : 'violated') : exists ? 'violated' : 'holds');
          const run = q === 'E' ? r.witness : r.counterexample;
          expect(run === undefined).toBe(!exists);
          if (run !== undefined) {
            violated++;
            expect(evalRun(phi, g, run, o)).toBe(q === 'E');
          }
          if (q !== 'E' && !fair && someLassoViolates(phi, g, o.finite)) expect(r.status).toBe('violated');
        },
      ),
      { seed: SEED, numRuns: 2500 },
    );
    expect(decided).toBeGreaterThan(2000);
    expect(violated).toBeGreaterThan(600);
  });

  it('G p ≡ AG p and F p ≡ AF p on state formulas p (naive CTL fixpoints)', () => {
    const stateArb = formulaArb(0).chain((a) => fc.oneof(fc.constant(a), formulaArb(0).map((b): Formula => ({ kind: 'or', args: [a, { kind: 'not', arg: b }] }))));
    fc.assert(
      fc.property(graphArb, stateArb, fc.constantFrom<'stutter' | 'finite'>('stutter', 'finite'), (g, p, semantics) => {
        const n = g.labels.length;
        const sat = Array.from({ length: n }, (_, s) => evalWord(toR(p), g, [s], () => -1));
        // AG p: every reachable state satisfies p.
        const reach = new Set<number>(g.initial);
        for (const s of reach) for (const t of g.succ[s]) reach.add(t);
        const ag = [...reach].every((s) => sat[s]);
        // AF p: least fixpoint of p ∨ (has successors ∧ all successors in it); a deadlock only by p.
        const af = [...sat];
        for (let changed = true; changed; ) {
          changed = false;
          for (let s = 0; s < n; s++) {
            if (!af[s] && g.succ[s].length > 0 && g.succ[s].every((t) => af[t])) {
              af[s] = true;
              changed = true;
            }
          }
        }
        const run = (f: Formula) => checkLtl(systemOf(g), f, labelOf(g), { deadlockSemantics: semantics }).status;
        expect(run({ kind: 'temporal', op: 'G', arg: p })).toBe(ag ? 'holds' : 'violated');
        expect(run({ kind: 'path', quantifier: 'A', body: { kind: 'temporal', op: 'G', arg: p } })).toBe(ag ? 'holds' : 'violated');
        expect(run({ kind: 'temporal', op: 'F', arg: p })).toBe(g.initial.every((s) => af[s]) ? 'holds' : 'violated');
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

/**
 * Hand-built graphs with known answers: the Huth & Ryan mutual exclusion model (safety, liveness,
 * non-blocking, no strict sequencing), a broken mutex (shortest counterexample), starvation and
 * fairness, the two deadlock semantics pinned state by state, evidence shapes, input errors, and a
 * million-state smoke test (no recursion, linear time).
 */
import { describe, expect, it } from 'vitest';
import { InputError, StateGraph } from '../../../src/core/index.js';
import { checkCtl, evidenceTrace, type CtlOptions, type CtlResult } from '../../../src/ctl/index.js';
import { parseFormula, type Formula } from '../../../src/logic/index.js';

/** A graph from edge lists `[from, to, action]`, with state labels as sets of atom names. */
function graph(n: number, edges: [number, number, number][], initialCount = 1): StateGraph {
  const offsets = new Int32Array(n + 1);
  const sorted = [...edges].sort((a, b) => a[0] - b[0]);
  for (const [from] of sorted) offsets[from + 1]++;
  for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
  return new StateGraph(n, offsets, Int32Array.from(sorted, (e) => e[1]), Int32Array.from(sorted, (e) => e[2]), initialCount);
}

/** A labeler for atoms and their boolean combinations. */
function labeler(labels: string[][]): (f: Formula) => (s: number) => boolean {
  const value = (f: Formula, s: number): boolean => {
    switch (f.kind) {
      case 'bool': return f.value;
      case 'atom': return labels[s].includes(f.name);
      case 'not': return !value(f.arg, s);
      case 'and': return f.args.every((g) => value(g, s));
      case 'or': return f.args.some((g) => value(g, s));
      case 'implies': return !value(f.left, s) || value(f.right, s);
      default: throw new Error(`not a state formula: ${f.kind}`);
    }
  };
  return (f) => (s) => value(f, s);
}

function check(g: StateGraph, labels: string[][], text: string, options: Omit<CtlOptions, 'fairness'> & { fairness?: string[] } = {}): CtlResult {
  const { fairness: texts, ...rest } = options;
  const fairness = texts?.map((t) => parseFormula(t));
  return checkCtl(g, parseFormula(text), labeler(labels), { ...rest, ...(fairness ? { fairness } : {}) });
}

const sat = (r: CtlResult): number[] => [...r.satisfying.keys()].filter((s) => r.satisfying[s] === 1);

// Huth & Ryan, Logic in Computer Science, fig. 3.8 (states renumbered; s8 is their s9).
const MUTEX_LABELS = [['n1', 'n2'], ['t1', 'n2'], ['c1', 'n2'], ['t1', 't2'], ['c1', 't2'], ['n1', 't2'], ['t1', 'c2'], ['n1', 'c2'], ['t1', 't2']];
const MUTEX_EDGES: [number, number, number][] = [
  [0, 1, 0], [0, 5, 1], [1, 2, 2], [1, 3, 3], [2, 0, 4], [2, 4, 5], [3, 4, 6], [4, 5, 7], [5, 8, 8], [5, 7, 9], [8, 6, 10], [6, 1, 11], [7, 0, 12], [7, 6, 13],
];
const mutex = graph(9, MUTEX_EDGES);

describe('mutual exclusion (Huth & Ryan)', () => {
  it('proves safety, liveness, non-blocking and no strict sequencing', () => {
    expect(check(mutex, MUTEX_LABELS, 'AG !(c1 & c2)').holds).toBe(true);
    expect(check(mutex, MUTEX_LABELS, 'AG (t1 -> AF c1)').holds).toBe(true);
    expect(check(mutex, MUTEX_LABELS, 'AG (t2 -> AF c2)').holds).toBe(true);
    expect(check(mutex, MUTEX_LABELS, 'AG (n1 -> EX t1)').holds).toBe(true);
    expect(check(mutex, MUTEX_LABELS, 'EF (c1 & E[c1 U (!c1 & E[!c2 U c1])])').holds).toBe(true);
    expect(check(mutex, MUTEX_LABELS, 'AG AF n1').holds).toBe(true);
  });

  it('gives the shortest counterexample of a broken mutex, replayable as a Trace', () => {
    // s3 (t1 t2) may also let both in: state 9 = c1 c2.
    const g = graph(10, [...MUTEX_EDGES, [3, 9, 42], [9, 0, 43]]);
    const r = check(g, [...MUTEX_LABELS, ['c1', 'c2']], 'AG !(c1 & c2)');
    expect(r.holds).toBe(false);
    expect(r.evidence).toMatchObject({ kind: 'counterexample', initialState: 0, states: [0, 1, 3, 9], actions: [0, 3, 42] });
    expect(r.evidence?.loopStart).toBeUndefined();
    expect(evidenceTrace(r.evidence!)).toEqual({ initial: 0, actions: [0, 3, 42] });
  });

  it('finds starvation as a lasso, and fairness removes it', () => {
    // No turn variable: from t1 t2 (state 3) process 2 may always win.
    const labels = [['n1', 'n2'], ['t1', 'n2'], ['c1', 'n2'], ['t1', 't2'], ['t1', 'c2']];
    const g = graph(5, [[0, 1, 0], [1, 2, 1], [1, 3, 2], [2, 0, 3], [3, 4, 4], [4, 3, 5], [3, 2, 6]]);
    const r = check(g, labels, 'AG (t1 -> AF c1)');
    expect(r.holds).toBe(false);
    expect(check(g, labels, 'AF c1').evidence).toMatchObject({ kind: 'counterexample', states: [0, 1, 3, 4], loopStart: 2, actions: [0, 2, 4, 5] });
    // Fairness "c1 or not t1 infinitely often" (process 1 is served when it keeps trying).
    expect(check(g, labels, 'AG (t1 -> AF c1)', { fairness: ['c1 | !t1'] }).holds).toBe(true);
    const eg = check(g, labels, 'EG !c1', { fairness: ['t2'] });
    expect(eg.holds).toBe(true);
    expect(eg.evidence).toMatchObject({ kind: 'witness', loopStart: 2 });
  });

  it('explains a failing conjunction through the failing conjunct', () => {
    const r = check(mutex, MUTEX_LABELS, 'EF c2 & AG !c2');
    expect(r.holds).toBe(false);
    expect(r.evidence).toMatchObject({ kind: 'counterexample', states: [0, 5, 7] });
    const w = check(mutex, MUTEX_LABELS, 'EF (c1 & t2)');
    expect(w.evidence).toMatchObject({ kind: 'witness', states: [0, 1, 2, 4] });
  });
});

describe('deadlock semantics', () => {
  // 0 (p) -> 1 (p, deadlock); 2 (q) deadlock, initial states 0 and 2 share nothing else.
  const g = graph(3, [[0, 1, 7]], 1);
  const labels = [['p'], ['p'], ['q']];
  const both = (text: string, fairness?: string[]): [number[], number[]] => [
    sat(check(g, labels, text, { deadlockSemantics: 'stutter', ...(fairness ? { fairness } : {}) })),
    sat(check(g, labels, text, { deadlockSemantics: 'finite', ...(fairness ? { fairness } : {}) })),
  ];

  it('differs only in the next-step operators', () => {
    expect(both('EX p')).toEqual([[0, 1], [0]]);
    expect(both('EX true')).toEqual([[0, 1, 2], [0]]);
    expect(both('AX false')).toEqual([[], [1, 2]]);
    expect(both('AX p')).toEqual([[0, 1], [0, 1, 2]]);
    expect(both('EG p')).toEqual([[0, 1], [0, 1]]);
    expect(both('AG p')).toEqual([[0, 1], [0, 1]]);
    expect(both('AF q')).toEqual([[2], [2]]);
    expect(both('EG true')).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(both('A[p U q]')).toEqual([[2], [2]]);
    expect(both('A[p W q]')).toEqual([[0, 1, 2], [0, 1, 2]]);
    expect(both('E[q R p]')).toEqual([[0, 1], [0, 1]]);
    expect(check(g, labels, 'EX p').holds).toBe(true);
  });

  it('under fairness a stuttering deadlock is fair only inside every fairness set; a finite maximal path always is', () => {
    expect(both('EG true', ['q'])).toEqual([[2], [0, 1, 2]]);
    // No fair path from 0 or 1 under stutter: universal formulas hold vacuously there.
    expect(both('AG false', ['q'])).toEqual([[0, 1], []]);
  });

  it('ends counterexamples at the deadlock and says which semantics applies', () => {
    for (const deadlockSemantics of ['stutter', 'finite'] as const) {
      const r = check(g, labels, 'AF q', { deadlockSemantics });
      expect(r.holds).toBe(false);
      expect(r.evidence).toMatchObject({ kind: 'counterexample', states: [0, 1], actions: [7] });
      expect(r.evidence?.loopStart).toBeUndefined();
      expect(r.evidence?.explanation).toMatch(deadlockSemantics === 'stutter' ? /stutters forever/ : /maximal finite path/);
    }
    const ax = check(graph(1, []), [['p']], 'AX !p', { deadlockSemantics: 'stutter' });
    expect(ax.evidence).toMatchObject({ kind: 'counterexample', states: [0], actions: [] });
  });
});

describe('checkCtl contracts', () => {
  const g = graph(3, [[0, 1, 0], [1, 2, 1], [2, 1, 2]], 1);
  const labels = [[], ['p'], ['p']];

  it('rejects formulas outside CTL with WFV2004', () => {
    for (const text of ['A (G p & F q)', 'F p', '<<a>> F p', 'AG (F p)']) {
      expect(() => check(g, labels, text), text).toThrow(InputError);
      try {
        check(g, labels, text);
      } catch (e) {
        expect((e as InputError).code).toBe('WFV2004');
      }
    }
    expect(() => check(g, labels, 'EF p', { fairness: ['F p'] })).toThrow(InputError);
  });

  it('labels each distinct maximal state subformula once, never constants', () => {
    const seen: string[] = [];
    const base = labeler(labels);
    checkCtl(g, parseFormula('(p | q) & AG (p | q) & EF (p | q) & EX true'), (f) => {
      seen.push(JSON.stringify(f.kind));
      return base(f);
    });
    expect(seen).toEqual(['"or"']);
  });

  it('checks invariants as AG and bare state formulas at the initial states', () => {
    expect(check(g, labels, 'invariant p').evidence).toMatchObject({ kind: 'counterexample', states: [0] });
    expect(check(g, labels, 'invariant (p | !p)').holds).toBe(true);
    expect(check(g, labels, 'p').evidence).toMatchObject({ kind: 'counterexample', states: [0], actions: [] });
    expect(check(g, labels, 'EX p').evidence).toMatchObject({ kind: 'witness', states: [0, 1], actions: [0] });
  });

  it('witnesses EG with a lasso and E[p U q] with a shortest path', () => {
    const r = check(g, labels, 'EX EG p');
    expect(r.holds).toBe(true);
    const eg = check(graph(3, [[0, 1, 0], [1, 2, 1], [2, 1, 2]], 2), labels, 'EF EG p');
    // The EF path is empty (state 1 is initial); the witness goes on with EG p's lasso 1 → 2 → 1.
    expect(eg.evidence).toMatchObject({ kind: 'witness', states: [1, 2], actions: [1, 2], loopStart: 0 });
    const lasso = checkCtl(g, parseFormula('EG (p | !p)'), labeler(labels));
    expect(lasso.evidence).toMatchObject({ kind: 'witness', states: [0, 1, 2], actions: [0, 1, 2], loopStart: 1 });
    expect(check(g, labels, 'E[!p U p]').evidence).toMatchObject({ states: [0, 1] });
    // ¬(a U b): the finite kind (a state with ¬a ∧ ¬b) is preferred; otherwise a lasso avoiding b.
    expect(check(g, labels, 'A[!p U (p & q)]').evidence).toMatchObject({ kind: 'counterexample', states: [0, 1], actions: [0] });
    expect(check(g, labels, 'A[!q U q]').evidence).toMatchObject({ kind: 'counterexample', states: [0, 1, 2], loopStart: 1 });
  });
});

describe('scale', () => {
  it('checks a million-state graph without recursion', () => {
    // A chain 0 -> 1 -> … -> n-1 with a back edge n-1 -> n/2, p everywhere except the last state.
    const n = 1_000_000;
    const offsets = new Int32Array(n + 1);
    const targets = new Int32Array(n);
    for (let s = 0; s < n; s++) {
      offsets[s + 1] = s + 1;
      targets[s] = s + 1 < n ? s + 1 : n / 2;
    }
    const big = new StateGraph(n, offsets, targets, new Int32Array(n), 1);
    const p = (f: Formula) => (s: number) => (f.kind === 'atom' ? s !== n - 1 : true);
    const started = Date.now();
    const ag = checkCtl(big, parseFormula('AG p'), p);
    expect(ag.holds).toBe(false);
    expect(ag.evidence?.states.length).toBe(n);
    expect(checkCtl(big, parseFormula('AG AF !p'), p).holds).toBe(true);
    const eg = checkCtl(big, parseFormula('EG (p | !p)'), p);
    expect(eg.evidence?.loopStart).toBe(n / 2);
    expect(checkCtl(big, parseFormula('A[p U !p]'), p, { fairness: [parseFormula('p')] }).holds).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

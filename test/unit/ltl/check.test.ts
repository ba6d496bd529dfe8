/**
 * checkLtl on hand-made systems: verdicts, lasso shapes (including stuttering deadlocks),
 * early termination, bounds → inconclusive, `E`, `'finite'` semantics, atoms bound once, and
 * restarting after a `LayoutOverflow`.
 */
import { describe, expect, it } from 'vitest';
import { InputError, LayoutOverflow, type TransitionSystem, replayTrace } from '../../../src/core/index.js';
import type { Formula } from '../../../src/logic/index.js';
import { checkLtl } from '../../../src/ltl/index.js';
import { type Explicit, counter, explicitSystem, labeler, ltl } from './explicit.js';

/** 0 → 1 → 2 → 1 (cycle), p at 0 and 2, q at 2. */
const cyc: Explicit = { edges: [[[0, 1]], [[1, 2]], [[2, 1]]], props: [['p'], [], ['p', 'q']], initial: [0] };
/** 0 → 1, 1 a deadlock; p at 0 only. */
const dead: Explicit = { edges: [[[0, 1]], []], props: [['p'], []], initial: [0] };

const check = (g: Explicit, text: string, o: Parameters<typeof checkLtl>[3] = {}) => checkLtl(explicitSystem(g), ltl(text), labeler(g), o);

describe('checkLtl', () => {
  it('decides simple properties on a cycle', () => {
    expect(check(cyc, 'G F q').status).toBe('holds');
    expect(check(cyc, 'G F p').status).toBe('holds');
    expect(check(cyc, 'F G p').status).toBe('violated');
    expect(check(cyc, 'G (q -> X !q)').status).toBe('holds');
    expect(check(cyc, 'p U q').status).toBe('violated');
    expect(check(cyc, 'X (!p U q)').status).toBe('holds');
    expect(check(cyc, 'A (G F q)').status).toBe('holds');
  });

  it('returns a replayable lasso whose last state is the cycle start', () => {
    const r = check(cyc, 'F G p');
    const ce = r.counterexample;
    expect(ce?.loopStart).toBeDefined();
    const states = replayTrace(explicitSystem(cyc), ce!).map((s) => s[0]);
    expect(states[states.length - 1]).toBe(states[ce!.loopStart!]);
    expect(states.slice(ce!.loopStart!)).toContain(1);
  });

  it('stutters at deadlocks: the lasso ends with loopStart = actions.length', () => {
    const r = check(dead, 'G F p');
    expect(r.status).toBe('violated');
    expect(r.counterexample).toEqual({ initial: 0, actions: [0], loopStart: 1 });
    expect(check(dead, 'F G !p').status).toBe('holds');
    expect(check(dead, 'G (!p -> X !p)').status).toBe('holds');
  });

  it("'finite' semantics: X is strong, maximal paths end at deadlocks", () => {
    const finite = { deadlockSemantics: 'finite' } as const;
    expect(check(dead, 'X X true').status).toBe('holds');
    const r = check(dead, 'X X true', finite);
    expect(r.status).toBe('violated');
    expect(r.counterexample).toEqual({ initial: 0, actions: [0] });
    expect(check(dead, 'X !X true', finite).status).toBe('holds');
    expect(check(dead, 'F !p & G (!p -> !X true)', finite).status).toBe('holds');
    expect(check(dead, 'G F p', finite).status).toBe('violated');
    expect(check(cyc, 'G F q', finite).status).toBe('holds');
    // At the last position `X p` is false but `q & !X !p & !X !r` (weak nexts) is true: the
    // strong term must not subsume the weak one.
    const end: Explicit = { edges: [[]], props: [['q']], initial: [0] };
    expect(check(end, 'E (X p | (q & !X !p & !X !r))', finite).status).toBe('holds');
    expect(check(end, 'E (X p | (q & !X !p & !X !r))').status).toBe('violated');
  });

  it('stops at the first bad state for G p (no full exploration)', () => {
    const { system, label } = counter((n) => (n === 5 ? [] : ['p']));
    const r = checkLtl(system, ltl('G p'), label);
    expect(r.status).toBe('violated');
    expect(r.stats.productStates).toBeLessThan(20);
    // An unbounded system: no lasso closes, so the trace is the bad prefix (every continuation
    // of 0 → … → 5 → 6 violates G p).
    expect(r.counterexample).toEqual({ initial: 0, actions: [0, 0, 0, 0, 0, 0] });
  });

  it('bounds give inconclusive, never holds', () => {
    const { system, label } = counter();
    const states = checkLtl(system, ltl('G p'), label, { bounds: { maxStates: 1000 } });
    expect(states).toMatchObject({ status: 'inconclusive', bound: 'states' });
    expect(states.stats.productStates).toBeLessThanOrEqual(1001);
    const time = checkLtl(system, ltl('G F p'), label, { bounds: { timeoutMs: 20 } });
    expect(time).toMatchObject({ status: 'inconclusive', bound: 'time' });
    // A violation found before the bound is still a violation.
    const early = checkLtl(counter((n) => (n < 3 ? ['p'] : [])).system, ltl('G p'), counter((n) => (n < 3 ? ['p'] : [])).label, { bounds: { maxStates: 1000 } });
    expect(early.status).toBe('violated');
  });

  it('E φ is ¬A¬φ and returns a witness', () => {
    const r = check(cyc, 'E (F G !q)');
    expect(r.status).toBe('violated');
    const w = check(cyc, 'E (G F q & X !p)');
    expect(w.status).toBe('holds');
    expect(w.witness?.loopStart).toBeDefined();
    expect(w.counterexample).toBeUndefined();
  });

  it('calls label once per distinct atom', () => {
    const seen: Formula[] = [];
    const base = labeler(cyc);
    checkLtl(explicitSystem(cyc), ltl('G p & F p & X (p U q) & !q W (p & q)'), (f) => {
      seen.push(f);
      return base(f);
    });
    expect(seen).toHaveLength(3); // p, q, p & q
  });

  it('rejects formulas outside LTL', () => {
    expect(() => check(cyc, 'A G E F p')).toThrow(InputError);
  });

  it('restarts with a wider packing after a LayoutOverflow', () => {
    let widened = false;
    const inner = explicitSystem(cyc);
    const system: TransitionSystem = {
      ...inner,
      get stateWords() {
        return widened ? 2 : 1;
      },
      initialStates: () => [widened ? Uint32Array.of(0, 7) : Uint32Array.of(0)],
      successors(source, offset, sink) {
        if (!widened && source[offset] === 2) throw new LayoutOverflow(0, 99);
        inner.successors(source, offset, (a, s) => sink(a, widened ? Uint32Array.of(s[0], 7) : s));
      },
      widen: () => (widened = true),
    };
    const r = checkLtl(system, ltl('F G p'), labeler(cyc));
    expect(widened).toBe(true);
    expect(r.status).toBe('violated');
    expect(replayTrace(system, r.counterexample!)).toBeDefined();
  });
});

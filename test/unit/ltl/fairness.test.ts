/**
 * Weak fairness: a property that fails only through an unfair run holds under weakFairness; one
 * that fails through a fair run (the helping action is not continuously enabled) still fails, and
 * its counterexample is weakly fair.
 */
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../../src/core/index.js';
import { checkLtl } from '../../../src/ltl/index.js';
import { type Explicit, explicitSystem, labeler, ltl } from './explicit.js';

// Actions: 0 = loop, 1 = go, 2 = stay, 3 = back.
/** s0 can `loop` forever or `go` to s1 (q); `go` is enabled all the time at s0. */
const unfairOnly: Explicit = { edges: [[[0, 0], [1, 1]], [[2, 1]]], props: [[], ['q']], initial: [0] };
/** s0 ⇄ s2 by `loop`/`back`; `go` (to q) is enabled only at s0, so never continuously. */
const fairToo: Explicit = { edges: [[[0, 2], [1, 1]], [[2, 1]], [[3, 0]]], props: [[], ['q'], []], initial: [0] };

const check = (g: Explicit, text: string, weakFairness: boolean) => checkLtl(explicitSystem(g), ltl(text), labeler(g), { weakFairness });

/** The lasso's cycle takes every action enabled in all of its states. */
function isWeaklyFair(g: Explicit, trace: { initial: number; actions: readonly number[]; loopStart?: number }): boolean {
  const states = replayTrace(explicitSystem(g), trace).map((s) => s[0]);
  const l = trace.loopStart!;
  if (l === trace.actions.length) return true; // a stuttering deadlock: nothing is enabled
  const cycle = states.slice(l, -1);
  const taken = new Set(trace.actions.slice(l));
  const enabledEverywhere = g.edges[cycle[0]].map(([a]) => a).filter((a) => cycle.every((s) => g.edges[s].some(([b]) => b === a)));
  return enabledEverywhere.every((a) => taken.has(a));
}

describe('weak fairness', () => {
  it('F q fails only through the unfair loop: violated without fairness, holds with it', () => {
    const plain = check(unfairOnly, 'F q', false);
    expect(plain.status).toBe('violated');
    expect(plain.counterexample).toEqual({ initial: 0, actions: [0], loopStart: 0 });
    expect(check(unfairOnly, 'F q', true).status).toBe('holds');
    expect(check(unfairOnly, 'G F q', true).status).toBe('holds');
    expect(check(unfairOnly, 'E (G !q)', false).status).toBe('holds');
    expect(check(unfairOnly, 'E (G !q)', true).status).toBe('violated');
  });

  it('an action enabled only intermittently does not help: still violated, with a fair lasso', () => {
    const r = check(fairToo, 'F q', true);
    expect(r.status).toBe('violated');
    expect(isWeaklyFair(fairToo, r.counterexample!)).toBe(true);
    expect(r.counterexample!.actions.slice(r.counterexample!.loopStart!)).toEqual(expect.arrayContaining([0, 3]));
  });

  it('fair counterexamples also cover every acceptance set', () => {
    // G F p & G F q fails via s0-loop under no fairness; under fairness `go` must happen.
    const g: Explicit = { edges: [[[0, 0], [1, 1]], [[2, 1], [3, 0]]], props: [['p'], ['q']], initial: [0] };
    expect(check(g, 'F G p', true).status).toBe('violated'); // s0 loop is unfair, but s0→s1→s0… is fair
    const r = check(g, '!(G F p & G F q)', true);
    expect(r.status).toBe('violated');
    expect(isWeaklyFair(g, r.counterexample!)).toBe(true);
    const cyc = replayTrace(explicitSystem(g), r.counterexample!).map((s) => s[0]).slice(r.counterexample!.loopStart!);
    expect(cyc).toEqual(expect.arrayContaining([0, 1]));
  });
});

/**
 * Translation sanity: sizes of the automata of the classic patterns (negated, as the checker
 * builds them), simplification rules, atoms, and what is rejected.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { describeTgba, transitionCount, translateLtl } from '../../../src/ltl/index.js';
import { ltl } from './explicit.js';

const negated = (text: string, finite = false) => translateLtl(ltl(text), { negate: true, finite });

describe('LTL → TGBA translation', () => {
  it('G F p: ¬ is F G ¬p, two states, one acceptance set', () => {
    const { automaton, nnf } = negated('G F p');
    expect(nnf).toBe('F G !a0');
    expect(automaton.stateCount).toBe(2);
    expect(automaton.accCount).toBe(1);
  });

  it('F G p: ¬ is G F ¬p, one state with an accepting and a non-accepting self-loop', () => {
    const { automaton } = negated('F G p');
    expect(automaton.stateCount).toBe(1);
    expect(automaton.accCount).toBe(1);
    expect(transitionCount(automaton)).toBe(2);
    expect([...automaton.transAcc].sort()).toEqual([0, 1]);
  });

  it('p U q: ¬ is ¬p R ¬q, two states (one universal), no acceptance set', () => {
    const { automaton } = negated('p U q');
    expect(automaton.stateCount).toBe(2);
    expect(automaton.accCount).toBe(0);
    expect([...automaton.universal]).toEqual([0, 1]);
  });

  it('p U q itself: two states, one acceptance set', () => {
    const { automaton } = translateLtl(ltl('p U q'));
    expect(automaton.stateCount).toBe(2);
    expect(automaton.accCount).toBe(1);
  });

  it('G p: ¬ is F ¬p, the bad state leads to the universal state', () => {
    const { automaton } = negated('G p');
    expect(automaton.stateCount).toBe(2);
    expect(automaton.universal[1]).toBe(1);
    expect(describeTgba(automaton)).toContain('--!a0--> 1');
  });

  it('simplifies F F, G G, X true, boolean constants and complementary literals', () => {
    expect(negated('F F p').nnf).toBe(negated('F p').nnf);
    expect(negated('G G p').nnf).toBe(negated('G p').nnf);
    expect(negated('F G F p').nnf).toBe(negated('G F p').nnf);
    expect(negated('G F G p').nnf).toBe(negated('F G p').nnf);
    expect(translateLtl(ltl('X true')).nnf).toBe('true');
    expect(translateLtl(ltl('G (p | true)')).nnf).toBe('true');
    expect(translateLtl(ltl('G (p | !p)')).nnf).toBe('G a0'); // one atom: `p | !p` is a state formula
    expect(translateLtl(ltl('F (p & X q & !p)')).nnf).toBe('false');
    expect(translateLtl(ltl('(p & true) U (q | false)')).nnf).toBe('(a0 U a1)');
  });

  it('keeps X true under finite semantics (it says "not the last position")', () => {
    expect(translateLtl(ltl('X true'), { finite: true }).nnf).toBe('X true');
    expect(negated('X true', true).nnf).toBe('XW false');
  });

  it('a valid formula gives an empty automaton (no transitions)', () => {
    const { automaton } = negated('G (p -> F p | !p)');
    expect(transitionCount(automaton)).toBe(0);
  });

  it('atoms are maximal state subformulas, deduplicated, without leading negations', () => {
    const t = translateLtl(ltl('G (tokens(a) >= 2 & q) & F !(tokens(a) >= 2 & q) & X !!r'));
    expect(t.atoms).toHaveLength(2);
    expect(t.atoms[0]).toMatchObject({ kind: 'and' });
    expect(t.atoms[1]).toEqual({ kind: 'atom', name: 'r', args: [] });
  });

  it('automaton sizes stay small for the usual response / precedence patterns', () => {
    expect(negated('G (p -> F q)').automaton.stateCount).toBeLessThanOrEqual(3);
    expect(negated('G F p & G F q').automaton.stateCount).toBeLessThanOrEqual(5);
    expect(negated('G F p -> G F q').automaton.stateCount).toBe(2);
    expect(negated('!q W p').automaton.stateCount).toBeLessThanOrEqual(3);
    expect(negated('G (p -> X q)').automaton.stateCount).toBeLessThanOrEqual(3);
  });

  it('rejects nested quantifiers (CTL*)', () => {
    expect(() => translateLtl(ltl('G (A F p)'))).toThrow(InputError);
    expect(() => translateLtl(ltl('F (E X p)'))).toThrow(/nested path operator/);
  });
});

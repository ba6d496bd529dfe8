/**
 * TLA+ identifiers: reserved words, unicode, collisions after sanitising, leading digits — in
 * the sanitiser itself and in a net whose place and transition names are all of these (the
 * module must still parse, and every node gets a distinct identifier).
 */
import { describe, expect, it } from 'vitest';
import type { PetriNet, PlaceId, TransitionId } from '../../../src/petri/index.js';
import { TLA_RESERVED, tlaIdentifier, writeTlaNet } from '../../../src/tla-export/tla/index.js';
import { tlaSyntaxProblems } from '../../fixtures/tla/parse.js';

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;

describe('tlaIdentifier', () => {
  it('keeps plain names', () => {
    expect(tlaIdentifier('lockFunds', new Set())).toBe('lockFunds');
    expect(tlaIdentifier('p_1', new Set())).toBe('p_1');
  });

  it('avoids TLA+, TLC cfg and module-defined reserved words', () => {
    for (const w of ['ENABLED', 'Init', 'Next', 'vars', 'LET', 'IN', 'TRUE', 'CASE', 'Spec', 'TypeOK', 'INVARIANT', 'PROPERTY', 'Nat', 'Len', 'Seq', 'status']) {
      const id = tlaIdentifier(w, new Set());
      expect(id).not.toBe(w);
      expect(TLA_RESERVED.has(id)).toBe(false);
      expect(id).toMatch(IDENT);
    }
    expect(tlaIdentifier('ENABLED', new Set())).toBe('ENABLED_');
  });

  it('does not produce fairness-like names', () => {
    expect(tlaIdentifier('WF_vars', new Set())).not.toMatch(/^(WF|SF)_/);
    expect(tlaIdentifier('SF_x', new Set())).not.toMatch(/^(WF|SF)_/);
  });

  it('drops accents and replaces other characters', () => {
    expect(tlaIdentifier('café', new Set())).toBe('cafe');
    expect(tlaIdentifier('Zürich→Genève', new Set())).toBe('Zurich_Geneve');
    expect(tlaIdentifier('订单', new Set())).toMatch(IDENT);
    expect(tlaIdentifier('a b-c.d', new Set())).toBe('a_b_c_d');
  });

  it('prefixes names that do not start with a letter', () => {
    expect(tlaIdentifier('1st', new Set())).toBe('n_1st');
    expect(tlaIdentifier('_x', new Set())).toBe('n_x');
    expect(tlaIdentifier('', new Set())).toBe('n');
    expect(tlaIdentifier('42', new Set())).toBe('n_42');
  });

  it('makes names that collide after sanitising distinct', () => {
    const used = new Set<string>();
    const ids = ['a-b', 'a b', 'a_b', 'a.b', 'a_b_2'].map((n) => tlaIdentifier(n, used));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual(['a_b', 'a_b_2', 'a_b_3']);
    for (const id of ids) expect(id).toMatch(IDENT);
  });
});

function net(placeNames: string[], transitionNames: string[]): PetriNet {
  return {
    id: 'n',
    name: 'Weird names',
    places: placeNames.map((name, i) => ({ id: `p${i}` as PlaceId, name, initial: i === 0 ? 1 : 0 })),
    transitions: transitionNames.map((name, i) => ({
      id: `t${i}` as TransitionId,
      name,
      pre: [{ place: i % placeNames.length, weight: 1 }],
      post: [{ place: (i + 1) % placeNames.length, weight: 1 }],
      inhibitors: [],
    })),
  };
}

describe('a net with hostile names', () => {
  const places = ['ENABLED', 'Init', 'Next', 'vars', 'LET', '1p', 'ünïcödé', 'a-b', 'a b', 'WF_vars', 'Spec', 'TypeOK', '∀x'];
  const transitions = ['Next', 'ENABLED', 'IN', '2t', 'Ω', 'a-b', 'UNCHANGED', 'Init'];

  it('gives every node a distinct legal identifier and parses', async () => {
    const x = writeTlaNet(net(places, transitions), [
      { name: 'Init', formula: { kind: 'compare', op: '<=', left: { kind: 'tokens', places: ['ENABLED', 'a b'] }, right: { kind: 'int', value: 1 } } },
      { name: 'LET', formula: { kind: 'path', quantifier: 'A', body: { kind: 'temporal', op: 'F', arg: { kind: 'fireable', transitions: ['Next'] } } } },
    ], { moduleName: 'MODULE' });
    expect(await tlaSyntaxProblems(x.module), x.module).toEqual([]);
    const vars = [...x.module.matchAll(/^VARIABLE (\S+)$/gm)].map((m) => m[1]);
    const actions = [...x.module.matchAll(/^(\S+) ==$/gm)].map((m) => m[1]);
    const all = [...vars, ...actions, x.moduleName];
    expect(vars.length).toBe(places.length);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) {
      expect(id).toMatch(IDENT);
      expect(TLA_RESERVED.has(id)).toBe(false);
    }
    expect(x.cfg).toMatch(/INVARIANTS\n {4}TypeOK\n {4}Init__3\n/);
    expect(x.cfg).toMatch(/PROPERTIES\n {4}LET__2\n/);
  });

  it('the parse check rejects broken modules (control)', async () => {
    const x = writeTlaNet(net(['p', 'q'], ['t']), []);
    expect(await tlaSyntaxProblems(x.module)).toEqual([]);
    expect(await tlaSyntaxProblems(x.module.replace('Init ==', 'Init == ('))).not.toEqual([]);
    expect(await tlaSyntaxProblems(x.module.replace(/p' = p - 1/, "p' = p -"))).not.toEqual([]);
    expect(await tlaSyntaxProblems(x.module.replace('VARIABLE p', 'VARIABLE p q'))).not.toEqual([]);
    // The grammar is lenient about keywords used as names (it accepts `VARIABLE ENABLED`), so
    // reserved words are kept out by tlaIdentifier, tested above, not by the parse check.
  });
});

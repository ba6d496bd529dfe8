import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formulaEquals, parseFormula, print, stripSpans, tokenize, type Formula, type IntExpr } from '../../src/logic/index.js';

/** Names: plain words, keywords, digits, and arbitrary text that needs quoting. */
const name: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,5}$/) },
  { weight: 2, arbitrary: fc.constantFrom('X', 'F', 'G', 'U', 'R', 'W', 'A', 'E', 'AG', 'EX', 'true', 'false', 'and', 'or', 'not', 'deadlock', 'tokens', 'fireable', 'invariant', 'Fork', 'Go', 'é', 'λx') },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9]{1,3}$/) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom('P-1', 'a b', '"', '\\', 'x\ny', '', '(', '<<', '[[', '//', '○', '1a') },
);
const names = fc.array(name, { minLength: 1, maxLength: 3 });

const atom = fc.record({ kind: fc.constant('atom' as const), name, args: fc.array(name, { maxLength: 3 }) });
const intLeaf: fc.Arbitrary<IntExpr> = fc.oneof(
  fc.record({ kind: fc.constant('int' as const), value: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER)) }),
  fc.record({ kind: fc.constant('tokens' as const), places: names }),
  atom,
);
const formulaLeaf: fc.Arbitrary<Formula> = fc.oneof(
  fc.record({ kind: fc.constant('bool' as const), value: fc.boolean() }),
  fc.constant({ kind: 'deadlock' as const }),
  fc.record({ kind: fc.constant('fireable' as const), transitions: names }),
  atom,
);

const MAX_DEPTH = 5;
const ints: fc.Arbitrary<IntExpr>[] = [intLeaf];
const formulas: fc.Arbitrary<Formula>[] = [formulaLeaf];
for (let d = 1; d <= MAX_DEPTH; d++) {
  const i = ints[d - 1];
  const f = formulas[d - 1];
  ints.push(fc.oneof(
    { weight: 1, arbitrary: intLeaf },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('arith' as const), op: fc.constantFrom('+' as const, '-' as const, '*' as const), args: fc.array(i, { minLength: 2, maxLength: 3 }) }) },
  ));
  const two = fc.tuple(f, f);
  formulas.push(fc.oneof(
    { weight: 2, arbitrary: formulaLeaf },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('compare' as const), op: fc.constantFrom('<' as const, '<=' as const, '==' as const, '!=' as const, '>=' as const, '>' as const), left: ints[d - 1], right: ints[d - 1] }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('not' as const), arg: f }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), args: fc.array(f, { minLength: 2, maxLength: 4 }) }) },
    { weight: 1, arbitrary: two.map(([left, right]) => ({ kind: 'implies' as const, left, right })) },
    { weight: 1, arbitrary: two.map(([left, right]) => ({ kind: 'iff' as const, left, right })) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('temporal' as const), op: fc.constantFrom('X' as const, 'F' as const, 'G' as const), arg: f }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('until' as const), op: fc.constantFrom('U' as const, 'W' as const, 'R' as const), left: f, right: f }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('path' as const), quantifier: fc.constantFrom('A' as const, 'E' as const), body: f }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('coalition' as const), dual: fc.boolean(), agents: fc.array(name, { maxLength: 2 }), body: f }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('invariant' as const), body: f }) },
  ));
}
const formula = formulas[MAX_DEPTH];

describe('print/parse round trip', () => {
  for (const unicode of [false, true]) {
    it(`parse(print(f)) equals f (${unicode ? 'Unicode' : 'ASCII'})`, () => {
      fc.assert(
        fc.property(formula, (f) => {
          const text = print(f, { unicode });
          const back = parseFormula(text);
          if (!formulaEquals(back, f)) expect(stripSpans(back), text).toEqual(f);
          expect(print(back, { unicode })).toBe(text);
          expect(back.span?.start.offset).toBe(0);
          expect(back.span?.end.offset).toBeLessThanOrEqual(text.length);
        }),
        { numRuns: Number(process.env.FC_RUNS ?? 2000) },
      );
    });
  }

  it('uses no superfluous parentheses: dropping any grouping pair changes the parse', () => {
    fc.assert(
      fc.property(formula, fc.boolean(), (f, unicode) => {
        const text = print(f, { unicode });
        const toks = tokenize(text);
        const stack: number[] = [];
        const pairs: Array<[number, number]> = [];
        toks.forEach((t, k) => {
          if (t.type === 'sym' && t.value === '(') {
            const prev = toks[k - 1];
            const call = prev !== undefined && (prev.type === 'name' || prev.type === 'quoted' || (prev.type === 'sym' && (prev.value === 'tokens' || prev.value === 'fireable')));
            stack.push(call ? -1 : t.start.offset);
          } else if (t.type === 'sym' && t.value === ')') {
            const open = stack.pop()!;
            if (open >= 0) pairs.push([open, t.start.offset]);
          }
        });
        for (const [open, close] of pairs) {
          const dropped = text.slice(0, open) + ' ' + text.slice(open + 1, close) + ' ' + text.slice(close + 1);
          let same = false;
          try {
            same = formulaEquals(parseFormula(dropped), f);
          } catch {
            same = false;
          }
          expect(same, `parentheses at ${open} are superfluous in ${text}`).toBe(false);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});

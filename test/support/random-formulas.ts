/**
 * Random state formulas over a random net's places `p0…` and transitions `t0…` (fast-check):
 * comparisons of token sums and small arithmetic, `deadlock`, constants, `fireable`, and the
 * Boolean connectives (not, and, or, implies, iff).
 */
import fc from 'fast-check';
import type { CompareOp, Formula, IntExpr } from '../../src/logic/index.js';

export function intExpr(P: number): fc.Arbitrary<IntExpr> {
  const tokens = fc.uniqueArray(fc.nat(P - 1), { minLength: 1, maxLength: Math.min(P, 3) }).map((ps): IntExpr => ({ kind: 'tokens', places: ps.map((p) => `p${p}`) }));
  const int = fc.integer({ min: 0, max: 6 }).map((value): IntExpr => ({ kind: 'int', value }));
  const leaf = fc.oneof({ weight: 3, arbitrary: tokens }, { weight: 2, arbitrary: int });
  const arith = fc.record({ op: fc.constantFrom<'+' | '-' | '*'>('+', '-', '*'), args: fc.array(leaf, { minLength: 2, maxLength: 2 }) }).map(({ op, args }): IntExpr => ({ kind: 'arith', op, args }));
  return fc.oneof({ weight: 4, arbitrary: leaf }, { weight: 1, arbitrary: arith });
}

export function stateFormula(P: number, T: number): fc.Arbitrary<Formula> {
  const compare = fc
    .record({ op: fc.constantFrom<CompareOp>('<', '<=', '==', '!=', '>=', '>'), left: intExpr(P), right: intExpr(P) })
    .map(({ op, left, right }): Formula => ({ kind: 'compare', op, left, right }));
  const atoms: fc.Arbitrary<Formula>[] = [compare, compare, compare, fc.constant<Formula>({ kind: 'deadlock' }), fc.boolean().map((value): Formula => ({ kind: 'bool', value }))];
  if (T > 0) atoms.push(fc.uniqueArray(fc.nat(T - 1), { minLength: 1, maxLength: 2 }).map((ts): Formula => ({ kind: 'fireable', transitions: ts.map((t) => `t${t}`) })));
  const atom = fc.oneof(...atoms);
  const { formula } = fc.letrec<{ formula: Formula }>((tie) => ({
    formula: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: atom },
      { weight: 1, arbitrary: tie('formula').map((arg): Formula => ({ kind: 'not', arg })) },
      { weight: 1, arbitrary: fc.array(tie('formula'), { minLength: 2, maxLength: 3 }).map((args): Formula => ({ kind: 'and', args })) },
      { weight: 1, arbitrary: fc.array(tie('formula'), { minLength: 2, maxLength: 3 }).map((args): Formula => ({ kind: 'or', args })) },
      { weight: 1, arbitrary: fc.tuple(tie('formula'), tie('formula')).map(([left, right]): Formula => ({ kind: 'implies', left, right })) },
      { weight: 1, arbitrary: fc.tuple(tie('formula'), tie('formula')).map(([left, right]): Formula => ({ kind: 'iff', left, right })) },
    ),
  }));
  return formula;
}


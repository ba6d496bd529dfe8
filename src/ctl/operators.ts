/**
 * CTL operators as set transformers, all reduced to the primitives of `fixpoints.ts` (so each is
 * linear in the graph). With fairness, `fair = E_fair G true` (the states where some fair path
 * starts) and the standard reductions apply (Clarke–Grumberg–Peled, ch. 6):
 *
 * | operator   | computed as                                              |
 * |------------|----------------------------------------------------------|
 * | `EX a`     | `EX (a ∧ fair)`                                          |
 * | `AX a`     | `¬EX (¬a ∧ fair)`                                        |
 * | `EF a`     | `E[true U (a ∧ fair)]`                                   |
 * | `AF a`     | `¬E_f G ¬a`                                              |
 * | `EG a`     | `E_f G a` (SCC-based)                                    |
 * | `AG a`     | `¬E[true U (¬a ∧ fair)]`                                 |
 * | `E[a U b]` | `E[a U (b ∧ fair)]`                                      |
 * | `A[a U b]` | `¬(E[¬b U (¬a ∧ ¬b ∧ fair)] ∨ E_f G ¬b)`                 |
 * | `E[a W b]` | `E[a U ((b ∧ fair) ∨ E_f G a)]`                          |
 * | `A[a W b]` | `¬E[¬b U (¬a ∧ ¬b ∧ fair)]`                              |
 * | `E[a R b]` | `E[b U ((a ∧ b ∧ fair) ∨ E_f G b)]`                      |
 * | `A[a R b]` | `¬E[¬a U (¬b ∧ fair)]`                                   |
 *
 * `a W b` is `a U b ∨ G a`; `a R b` is `¬(¬a U ¬b)` (b holds up to and including the first a,
 * or forever). These identities hold on finite maximal paths as well as on infinite ones.
 */
import type { StateGraph } from '../core/index.js';
import type { Formula, PathQuantifier, TemporalOp, UntilOp } from '../logic/index.js';
import { and, andMaybe, constant, not, or, type Bits } from './bitset.js';
import { existsGlobally, existsUntil, preExists, type GloballyAnalysis } from './fixpoints.js';
import type { DeadlockSemantics } from './types.js';

export interface CheckContext {
  readonly g: StateGraph;
  readonly semantics: DeadlockSemantics;
  /** Fairness sets (empty: every path is fair). */
  readonly fairSets: readonly Bits[];
  /** `E_fair G true`; undefined when there is no fairness constraint (every state is fair). */
  readonly fair: Bits | undefined;
  /** Memo tables keyed by set identity, so evidence reuses the SCC work of checking. */
  readonly memo: { readonly neg: WeakMap<Bits, Bits>; readonly eg: WeakMap<Bits, GloballyAnalysis> };
}

export function makeContext(g: StateGraph, semantics: DeadlockSemantics, fairSets: readonly Bits[]): CheckContext {
  const fair = fairSets.length === 0 ? undefined : existsGlobally(g, constant(g.stateCount, true), fairSets, semantics).sat;
  return { g, semantics, fairSets, fair, memo: { neg: new WeakMap(), eg: new WeakMap() } };
}

/** `¬a`, memoized by the identity of `a` (treat the result as read-only). */
export function neg(ctx: CheckContext, a: Bits): Bits {
  let r = ctx.memo.neg.get(a);
  if (r === undefined) {
    r = not(a);
    ctx.memo.neg.set(a, r);
    ctx.memo.neg.set(r, a);
  }
  return r;
}

/** `E_f X a`. */
export function ex(ctx: CheckContext, a: Bits): Bits {
  return preExists(ctx.g, andMaybe(a, ctx.fair), ctx.semantics);
}

/** `E_f[via U target]`. */
export function eu(ctx: CheckContext, via: Bits, target: Bits): Bits {
  return existsUntil(ctx.g, via, andMaybe(target, ctx.fair));
}

/** `E_f G a`, with the SCC data for lassos. */
export function eg(ctx: CheckContext, a: Bits): GloballyAnalysis {
  let r = ctx.memo.eg.get(a);
  if (r === undefined) {
    r = existsGlobally(ctx.g, a, ctx.fairSets, ctx.semantics);
    ctx.memo.eg.set(a, r);
  }
  return r;
}

/** The finite-prefix part of `¬(a U b)`: `E_f[¬b U (¬a ∧ ¬b)]`. */
export function notUntilPrefix(ctx: CheckContext, a: Bits, b: Bits): Bits {
  const nb = neg(ctx, b);
  return eu(ctx, nb, and(neg(ctx, a), nb));
}

/** The set of states where `quantifier op` (applied to `a`, and `b` for binary operators) holds. */
export function pathOperator(ctx: CheckContext, quantifier: PathQuantifier, op: TemporalOp | UntilOp, a: Bits, b: Bits | undefined): Bits {
  const n = ctx.g.stateCount;
  const all = constant(n, true);
  const E = quantifier === 'E';
  switch (op) {
    case 'X':
      return E ? ex(ctx, a) : not(ex(ctx, neg(ctx, a)));
    case 'F':
      return E ? eu(ctx, all, a) : not(eg(ctx, neg(ctx, a)).sat);
    case 'G':
      return E ? eg(ctx, a).sat : not(eu(ctx, all, neg(ctx, a)));
    case 'U': {
      const rb = b as Bits;
      if (E) return eu(ctx, a, rb);
      return not(or(notUntilPrefix(ctx, a, rb), eg(ctx, neg(ctx, rb)).sat));
    }
    case 'W': {
      const rb = b as Bits;
      if (!E) return not(notUntilPrefix(ctx, a, rb));
      return existsUntil(ctx.g, a, or(andMaybe(rb, ctx.fair), eg(ctx, a).sat));
    }
    case 'R': {
      const rb = b as Bits;
      if (!E) return not(eu(ctx, neg(ctx, a), neg(ctx, rb)));
      return existsUntil(ctx.g, rb, or(andMaybe(and(a, rb), ctx.fair), eg(ctx, rb).sat));
    }
  }
}

/**
 * The satisfaction set of a CTL path formula (`invariant φ`, or `A`/`E` over one of `X F G U W R`)
 * from its operands' sets (`sat`); undefined for any other kind of formula.
 */
export function pathFormula(ctx: CheckContext, f: Formula, sat: (g: Formula) => Bits): Bits | undefined {
  if (f.kind === 'invariant') return pathOperator(ctx, 'A', 'G', sat(f.body), undefined);
  if (f.kind !== 'path') return undefined;
  const b = f.body;
  if (b.kind === 'temporal') return pathOperator(ctx, f.quantifier, b.op, sat(b.arg), undefined);
  if (b.kind === 'until') return pathOperator(ctx, f.quantifier, b.op, sat(b.left), sat(b.right));
  return undefined;
}

/**
 * The value rules of IR expressions and the codes of tracked variables, as the lowering defines
 * them (taken from the extract index, so the writer cannot drift from the checker): JavaScript's
 * semantics on booleans, strings, numbers and `null` (for `undefined`), with {@link ANY} for
 * `unknown`; codes bool 0/1, enum index, int `v − min`, `null` after the domain when nullable.
 *
 * The writer evaluates expressions on concrete codes only (every combination of the variables an
 * action reads), so it needs exactly the reference semantics, not a translation of them.
 */
import { ANY, type AbstractValue, type Expr, VarCodec as Codec, evaluateExpr as evaluate, eventKey, truth, truthy } from '../../extract/index.js';

export { ANY, Codec, evaluate, eventKey, truth, truthy };
export type { AbstractValue };

/** Variable ids `e` reads. */
export function varsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'var': out.add(e.id); break;
    case 'not': varsOf(e.arg, out); break;
    case 'binary': varsOf(e.left, out); varsOf(e.right, out); break;
    case 'cond': varsOf(e.test, out); varsOf(e.then, out); varsOf(e.else, out); break;
    default: break;
  }
  return out;
}


/**
 * From the property AST to the translator's NNF: splits a path formula into its atoms (maximal
 * subformulas without temporal operators) and the temporal/boolean skeleton above them.
 *
 * Contracts:
 * - An atom is a maximal state subformula with its leading negations removed (`G !p` has the
 *   atom `p` used negatively). A state subformula containing `true`/`false` is split further
 *   into its boolean connectives, so the constants fold away (`p | true` is `true`). Atoms are deduplicated structurally
 *   (spans ignored), so `label` is called once per distinct atom.
 * - `implies`/`iff` above temporal operators are expanded (`iff` duplicates its operands).
 * - Quantifiers, coalitions and `invariant` below the top are rejected with an `InputError`
 *   WFV2004 (that is CTL*, not LTL); the caller strips the one allowed top quantifier.
 * - O(size of the formula) nodes, plus the atoms' printed keys.
 */
import { InputError } from '../core/index.js';
import { type Formula, isStateFormula, stripSpans } from '../logic/index.js';
import type { LtlFactory, LtlNode } from './nnf.js';

/** The distinct atoms of a formula, in order of first occurrence; atom `i` is `atoms[i]`. */
export class AtomTable {
  readonly atoms: Formula[] = [];
  private readonly index = new Map<string, number>();

  /** The number of `f` (added when new). */
  intern(f: Formula): number {
    const key = JSON.stringify(stripSpans(f));
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.atoms.length;
      this.atoms.push(stripSpans(f));
      this.index.set(key, i);
    }
    return i;
  }
}

/**
 * The NNF of `f` (when `positive`) or of `¬f`, built with `factory`; atoms go to `table`.
 * Throws {@link InputError} WFV2004 on operators that LTL does not have.
 */
export function toNnf(f: Formula, positive: boolean, factory: LtlFactory, table: AtomTable): LtlNode {
  const go = (g: Formula, pos: boolean): LtlNode => {
    switch (g.kind) {
      case 'bool':
        return g.value === pos ? factory.tt : factory.ff;
      case 'not':
        return go(g.arg, !pos);
      default:
        break;
    }
    if (isStateFormula(g) && !hasConstant(g)) return factory.lit(table.intern(g), !pos);
    switch (g.kind) {
      case 'and':
      case 'or': {
        const args = g.args.map((a) => go(a, pos));
        return (g.kind === 'and') === pos ? factory.and(args) : factory.or(args);
      }
      case 'implies':
        return pos ? factory.or([go(g.left, false), go(g.right, true)]) : factory.and([go(g.left, true), go(g.right, false)]);
      case 'iff': {
        const both = factory.and([go(g.left, true), go(g.right, pos)]);
        const neither = factory.and([go(g.left, false), go(g.right, !pos)]);
        return factory.or([both, neither]);
      }
      case 'temporal': {
        const a = go(g.arg, pos);
        switch (g.op) {
          case 'X': return pos ? factory.next(a) : factory.weakNext(a);
          case 'F': return pos ? factory.eventually(a) : factory.globally(a);
          case 'G': return pos ? factory.globally(a) : factory.eventually(a);
        }
        break;
      }
      case 'until': {
        const l = go(g.left, pos);
        const r = go(g.right, pos);
        switch (g.op) {
          case 'U': return pos ? factory.until(l, r) : factory.release(l, r);
          case 'R': return pos ? factory.release(l, r) : factory.until(l, r);
          // ¬(a W b) = ¬b U (¬a ∧ ¬b)
          case 'W': return pos ? factory.weakUntil(l, r) : factory.until(r, factory.and([l, r]));
        }
        break;
      }
      default:
        break;
    }
    const where = g.span ? { location: { file: '<formula>', line: g.span.start.line, column: g.span.start.column } } : {};
    throw new InputError('WFV2004', `unsupported formula: LTL allows one path quantifier at the top only, but found a nested ${g.kind} operator`, {
      ...where,
      hint: 'write the property as A φ or E φ with φ free of quantifiers, or use the CTL checker',
    });
  };
  return go(f, positive);
}

/** True when `f` has a `true`/`false` node inside its boolean structure. */
function hasConstant(f: Formula): boolean {
  switch (f.kind) {
    case 'bool':
      return true;
    case 'not':
      return hasConstant(f.arg);
    case 'and':
    case 'or':
      return f.args.some(hasConstant);
    case 'implies':
    case 'iff':
      return hasConstant(f.left) || hasConstant(f.right);
    default:
      return false;
  }
}

/**
 * Compiling state formulas (no temporal operator) into fast predicates over packed states.
 *
 * A frontend binds the atoms — token counts, enabledness, deadlock, named atoms — through an
 * {@link AtomBinding}; this module compiles the boolean structure, comparisons and arithmetic on
 * top of it. Checkers receive {@link StatePredicate}s and never see the frontend.
 */
import { InputError, assertNever } from '../core/index.js';
import type { Atom, Formula, IntExpr } from './ast.js';

/** Evaluates a state formula on the packed state at `arena[offset…]`. */
export type StatePredicate = (arena: Uint32Array, offset: number) => boolean;
/** Evaluates an integer expression on the packed state at `arena[offset…]`. */
export type StateInteger = (arena: Uint32Array, offset: number) => number;

/** What a frontend provides so state formulas over its models can be evaluated. */
export interface AtomBinding {
  /** Sum of the token counts of the named places (MCC tokens-count). */
  tokens(places: readonly string[]): StateInteger;
  /** Some of the named transitions/actions is enabled (MCC is-fireable). */
  fireable(transitions: readonly string[]): StatePredicate;
  /** No action is enabled. */
  deadlock(): StatePredicate;
  /** A named atom used as a formula (`done`, `completed(a)`); throw an InputError if unknown. */
  atom(a: Atom): StatePredicate;
  /** A named atom used as an integer (a data variable); throw an InputError if unknown. */
  integerAtom(a: Atom): StateInteger;
}

/** Compiles a state formula; throws an {@link InputError} (WFV2004) on a temporal operator. */
export function compileStatePredicate(f: Formula, b: AtomBinding): StatePredicate {
  switch (f.kind) {
    case 'bool': {
      const v = f.value;
      return () => v;
    }
    case 'deadlock':
      return b.deadlock();
    case 'fireable':
      return b.fireable(f.transitions);
    case 'atom':
      return b.atom(f);
    case 'compare': {
      const l = compileStateInteger(f.left, b);
      const r = compileStateInteger(f.right, b);
      const op = f.op;
      switch (op) {
        case '<': return (a, o) => l(a, o) < r(a, o);
        case '<=': return (a, o) => l(a, o) <= r(a, o);
        case '==': return (a, o) => l(a, o) === r(a, o);
        case '!=': return (a, o) => l(a, o) !== r(a, o);
        case '>=': return (a, o) => l(a, o) >= r(a, o);
        case '>': return (a, o) => l(a, o) > r(a, o);
      }
      return assertNever(op, 'comparison');
    }
    case 'not': {
      const g = compileStatePredicate(f.arg, b);
      return (a, o) => !g(a, o);
    }
    case 'and': {
      const gs = f.args.map((x) => compileStatePredicate(x, b));
      return (a, o) => gs.every((g) => g(a, o));
    }
    case 'or': {
      const gs = f.args.map((x) => compileStatePredicate(x, b));
      return (a, o) => gs.some((g) => g(a, o));
    }
    case 'implies': {
      const l = compileStatePredicate(f.left, b);
      const r = compileStatePredicate(f.right, b);
      return (a, o) => !l(a, o) || r(a, o);
    }
    case 'iff': {
      const l = compileStatePredicate(f.left, b);
      const r = compileStatePredicate(f.right, b);
      return (a, o) => l(a, o) === r(a, o);
    }
    case 'temporal':
    case 'until':
    case 'path':
    case 'coalition':
    case 'invariant':
      throw new InputError('WFV2004', `a state formula was expected here, but found a ${f.kind} operator`);
    default:
      return assertNever(f, 'formula');
  }
}

/** Compiles an integer expression. */
export function compileStateInteger(e: IntExpr, b: AtomBinding): StateInteger {
  switch (e.kind) {
    case 'int': {
      const v = e.value;
      return () => v;
    }
    case 'tokens':
      return b.tokens(e.places);
    case 'atom':
      return b.integerAtom(e);
    case 'arith': {
      const gs = e.args.map((x) => compileStateInteger(x, b));
      const [first, ...rest] = gs;
      const op = e.op;
      switch (op) {
        case '+': return (a, o) => rest.reduce((acc, g) => acc + g(a, o), first(a, o));
        case '-': return (a, o) => rest.reduce((acc, g) => acc - g(a, o), first(a, o));
        case '*': return (a, o) => rest.reduce((acc, g) => acc * g(a, o), first(a, o));
      }
      return assertNever(op, 'arithmetic operator');
    }
    default:
      return assertNever(e, 'integer expression');
  }
}

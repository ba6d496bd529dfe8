/**
 * Deciding temporal properties from facts about state formulas, without a state space
 * (query rewriting, as LoLA and TAPAAL do before their searches).
 *
 * Every state the semantics of a CTL or LTL property looks at is reachable. So a maximal state
 * subformula ψ that provably holds in every reachable marking can be replaced by `true`, one
 * that provably holds in none by `false`; and a state formula evaluated at the initial state
 * only (not under a temporal operator) can be replaced by its value there. The result is then
 * simplified with identities valid on every non-empty path, finite (CTL at a deadlock) or
 * infinite: F c ≡ G c ≡ c for a constant c, E c ≡ A c ≡ c, φ U ⊤ ≡ ⊤, φ U ⊥ ≡ ⊥, ⊥ U ψ ≡ ψ, and
 * the like for W and R; also F ψ ≡ ⊤ / G ψ ≡ ⊥ at the initial state when ψ does / does not
 * hold there. `X` is never simplified (whether `X ⊤` holds at a deadlock depends on the
 * semantics).
 *
 * Contract: the folded formula has the same truth value in the initial state as the original,
 * for either deadlock semantics, provided the facts are true.
 */
import { type Formula, isStateFormula } from '../../logic/index.js';

/** What is known about state formulas of one model. */
export interface StateFacts {
  /** The value of state formula `f` in the initial state. */
  initially(f: Formula): boolean;
  /** `true`: `f` holds in every reachable state; `false`: in none; `undefined`: not known. */
  everywhere(f: Formula): boolean | undefined;
}

const TRUE: Formula = { kind: 'bool', value: true };
const FALSE: Formula = { kind: 'bool', value: false };
const constant = (value: boolean): Formula => (value ? TRUE : FALSE);
const valueOf = (f: Formula): boolean | undefined => (f.kind === 'bool' ? f.value : undefined);
/** The value of state formula `f` in the initial state. */
const initialValue = (f: Formula, facts: StateFacts): boolean => valueOf(f) ?? facts.initially(f);

/** Folds `f`, a property evaluated in the initial state, with `facts`. */
export function foldWithFacts(f: Formula, facts: StateFacts): Formula {
  return fold(f, facts, true);
}

/** `atInitial`: `f` is evaluated in the initial state only (at the first position of its paths). */
function fold(f: Formula, facts: StateFacts, atInitial: boolean): Formula {
  if (isStateFormula(f) && f.kind !== 'bool') {
    if (atInitial) return constant(facts.initially(f));
    const known = facts.everywhere(f);
    return known === undefined ? f : constant(known);
  }
  const here = (g: Formula): Formula => fold(g, facts, atInitial);
  const later = (g: Formula): Formula => fold(g, facts, false);
  switch (f.kind) {
    case 'not': {
      const arg = here(f.arg);
      const v = valueOf(arg);
      return v === undefined ? { ...f, arg } : constant(!v);
    }
    case 'and':
    case 'or': {
      const args = f.args.map(here);
      const absorbing = f.kind === 'or';
      if (args.some((a) => valueOf(a) === absorbing)) return constant(absorbing);
      const rest = args.filter((a) => valueOf(a) === undefined);
      if (rest.length === 0) return constant(!absorbing);
      return rest.length === 1 ? rest[0] : { ...f, args: rest };
    }
    case 'implies': {
      const left = here(f.left);
      const right = here(f.right);
      if (valueOf(left) === false || valueOf(right) === true) return TRUE;
      if (valueOf(left) === true) return right;
      return valueOf(right) === false ? fold({ kind: 'not', arg: left }, facts, atInitial) : { ...f, left, right };
    }
    case 'iff': {
      const left = here(f.left);
      const right = here(f.right);
      const l = valueOf(left);
      const r = valueOf(right);
      if (l !== undefined && r !== undefined) return constant(l === r);
      return { ...f, left, right };
    }
    case 'path': {
      const body = here(f.body);
      return valueOf(body) === undefined ? { ...f, body } : body;
    }
    case 'invariant':
      return fold({ kind: 'temporal', op: 'G', arg: f.body }, facts, atInitial);
    case 'temporal': {
      if (f.op !== 'X' && atInitial && isStateFormula(f.arg)) {
        const now = initialValue(f.arg, facts);
        if (f.op === 'F' && now) return TRUE;
        if (f.op === 'G' && !now) return FALSE;
      }
      const arg = later(f.arg);
      return f.op !== 'X' && valueOf(arg) !== undefined ? arg : { ...f, arg };
    }
    case 'until':
      return foldUntil(f, facts, atInitial);
    default:
      return f; // atoms of other models, ATL coalitions: left as they are
  }
}

function foldUntil(f: Extract<Formula, { kind: 'until' }>, facts: StateFacts, atInitial: boolean): Formula {
  if (atInitial && isStateFormula(f.right)) {
    const right = initialValue(f.right, facts);
    if (f.op !== 'R' && right) return TRUE; // φ U ψ, φ W ψ hold where ψ holds
    if (f.op === 'R' && !right) return FALSE; // φ R ψ needs ψ now
  }
  const left = fold(f.left, facts, false);
  const right = fold(f.right, facts, false);
  const l = valueOf(left);
  const r = valueOf(right);
  const G = (arg: Formula): Formula => (valueOf(arg) === undefined ? { kind: 'temporal', op: 'G', arg } : arg);
  const F = (arg: Formula): Formula => (valueOf(arg) === undefined ? { kind: 'temporal', op: 'F', arg } : arg);
  switch (f.op) {
    case 'U':
      if (r !== undefined) return constant(r);
      if (l === true) return F(right);
      if (l === false) return right;
      break;
    case 'W':
      if (r === true || l === true) return TRUE;
      if (r === false) return G(left);
      if (l === false) return right;
      break;
    case 'R':
      if (r !== undefined) return constant(r);
      if (l === true) return right;
      if (l === false) return G(right);
      break;
  }
  return { ...f, left, right };
}

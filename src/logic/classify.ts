/**
 * Which logic a formula belongs to, so a command can pick a checker (docs/formulas.md, "Logics").
 *
 * - `state`: no temporal operator, quantifier, coalition or `invariant` (pure propositional over
 *   atoms, comparisons, `deadlock`, `fireable`). Used as a property, it is checked as an invariant.
 * - `invariant`: `invariant φ` at the top with φ a state formula (the same as `AG φ`).
 * - `ctl`: every temporal operator sits directly under `A`/`E`, and every `A`/`E` has exactly one
 *   temporal operator (X F G U W R) whose operands are again CTL state formulas.
 * - `ltl`: a quantifier-free path formula (implicitly `A`), or `A φ` / `E φ` at the top with φ
 *   quantifier-free (how MCC's LTL files are written).
 * - `atl`: like CTL, and coalitions `<<a>>`/`[[a]]` over one temporal operator each.
 * - `ctl*`: anything else (temporal operators mixed with state operators in other ways, or
 *   `invariant` below the top). wfverify does not check CTL*; {@link requireSupported} says so.
 *
 * The `ctl`/`ltl`/`atl` flags say which fragments the formula also belongs to: `AG p` is `ctl`
 * with `ltl: true`, so an LTL checker may take it as well.
 */
import { InputError } from '../core/index.js';
import type { Expr, Formula, PathQuantifier, Span } from './ast.js';
import { children } from './equal.js';

export type Logic = 'state' | 'invariant' | 'ctl' | 'ltl' | 'atl' | 'ctl*';

export interface Classification {
  /** The most specific logic, in the order state, invariant, ctl, ltl, atl, ctl*. */
  readonly logic: Logic;
  readonly ctl: boolean;
  readonly ltl: boolean;
  readonly atl: boolean;
  /** For LTL: the quantifier over paths (`A` when none is written). */
  readonly ltlQuantifier?: PathQuantifier;
  /** For `ctl*`: why the formula is outside the supported fragments. */
  readonly reason?: string;
  /** For `ctl*`: where the first offending operator is. */
  readonly span?: Span;
}

/** True when `f` contains no temporal operator, quantifier, coalition or invariant. */
export function isStateFormula(f: Expr): boolean {
  if (f.kind === 'temporal' || f.kind === 'until' || f.kind === 'path' || f.kind === 'coalition' || f.kind === 'invariant') {
    return false;
  }
  return children(f).every(isStateFormula);
}

/** The first node that keeps `f` from being a (CTL or, with `atl`, ATL) state formula. */
function branchingViolation(f: Expr, atl: boolean): Expr | undefined {
  if (f.kind === 'temporal' || f.kind === 'until' || f.kind === 'invariant') return f;
  if (f.kind === 'coalition' && !atl) return f;
  if (f.kind === 'path' || f.kind === 'coalition') {
    const b = f.body;
    if (b.kind === 'temporal') return branchingViolation(b.arg, atl);
    if (b.kind === 'until') return branchingViolation(b.left, atl) ?? branchingViolation(b.right, atl);
    return b;
  }
  for (const c of children(f)) {
    const v = branchingViolation(c, atl);
    if (v) return v;
  }
  return undefined;
}

/** The first quantifier, coalition or invariant inside `f` (which must be a quantifier-free path formula for LTL). */
function ltlViolation(f: Expr): Expr | undefined {
  if (f.kind === 'path' || f.kind === 'coalition' || f.kind === 'invariant') return f;
  for (const c of children(f)) {
    const v = ltlViolation(c);
    if (v) return v;
  }
  return undefined;
}

function contains(f: Expr, kind: Expr['kind']): boolean {
  return f.kind === kind || children(f).some((c) => contains(c, kind));
}

/** Classifies `f`; never throws. */
export function classify(f: Formula): Classification {
  if (f.kind === 'invariant') {
    if (isStateFormula(f.body)) return { logic: 'invariant', ctl: true, ltl: true, atl: true };
    const bad = firstNonState(f.body);
    return unsupported('the body of `invariant` must be a state formula (no temporal operators)', bad ?? f);
  }
  if (isStateFormula(f)) return { logic: 'state', ctl: true, ltl: true, atl: true, ltlQuantifier: 'A' };
  const ctlBad = branchingViolation(f, false);
  const atlBad = branchingViolation(f, true);
  const ltlBody = f.kind === 'path' ? f.body : f;
  const ltlBad = ltlViolation(ltlBody);
  const ctl = ctlBad === undefined;
  const ltl = ltlBad === undefined;
  const atl = atlBad === undefined;
  const q: PathQuantifier = f.kind === 'path' ? f.quantifier : 'A';
  const base = { ctl, ltl, atl, ...(ltl ? { ltlQuantifier: q } : {}) };
  if (ctl) return { logic: 'ctl', ...base };
  if (ltl) return { logic: 'ltl', ...base };
  if (atl && contains(f, 'coalition')) return { logic: 'atl', ...base };
  const bad = (contains(f, 'coalition') ? atlBad : ctlBad) ?? f;
  if (bad.kind === 'invariant') return unsupported('`invariant` may only appear at the top of a property', bad);
  return unsupported(
    'the formula mixes path and state operators (CTL*): in CTL/ATL every temporal operator must follow A, E or a coalition directly, and in LTL only one A or E may stand at the top',
    bad,
  );
}

function firstNonState(f: Expr): Expr | undefined {
  if (!isStateFormula(f) && children(f).every(isStateFormula)) return f;
  for (const c of children(f)) {
    const v = firstNonState(c);
    if (v) return v;
  }
  return undefined;
}

function unsupported(reason: string, at: Expr): Classification {
  return { logic: 'ctl*', ctl: false, ltl: false, atl: false, reason, ...(at.span ? { span: at.span } : {}) };
}

/**
 * Returns the classification of `f`, or throws `InputError` WFV2004 (unsupported formula) with
 * the offending operator's position when `f` is outside every supported fragment.
 */
export function requireSupported(f: Formula, file = '<formula>'): Classification {
  const c = classify(f);
  if (c.logic !== 'ctl*') return c;
  const location = c.span ? { file, line: c.span.start.line, column: c.span.start.column } : { file };
  throw new InputError('WFV2004', `unsupported formula: ${c.reason}`, {
    location,
    hint: 'split the property into a CTL, LTL or ATL formula',
  });
}

/**
 * Properties as TLA+ definitions, for TLC's `INVARIANT` and `PROPERTY` (docs/export-tla.md):
 *
 * - a state formula φ, `invariant φ`, and `AG φ` with φ a state formula → an invariant;
 * - an LTL formula (implicitly or explicitly `A`) over `G`, `F` and the boolean connectives →
 *   a temporal property (`[]`, `<>`); so are CTL formulas that mean the same as an LTL formula —
 *   the fragment built from state formulas by `AG`, `AF ψ` (ψ a state formula), `∧`, and `∨`/`→`
 *   with a state formula on one side (`AG (p -> AF q)` → `[](p => <>q)`);
 * - everything else — `X`, `U`, `W`, `R` (TLA+ formulas are stuttering-invariant and have no
 *   until without auxiliary variables), `E` path quantifiers, mixed CTL, ATL — is not
 *   expressible: a {@link NotExpressible} plan with the reason.
 *
 * Atoms are translated by the caller's {@link AtomTranslator} (nets and workflows differ).
 */
import { type Atom, type Formula, type IntExpr, classify, isStateFormula } from '../../logic/index.js';

/** An integer term; `undefinedWhen` lists formulas under which it is NaN (an undefined variable). */
export interface IntTerm {
  readonly text: string;
  readonly undefinedWhen: readonly string[];
}

export interface AtomTranslator {
  atom(a: Atom): string;
  integerAtom(a: Atom): IntTerm;
  tokens(places: readonly string[]): string;
  fireable(transitions: readonly string[]): string;
  deadlock(): string;
}

export type PropertyPlan =
  | { readonly kind: 'invariant'; readonly body: string }
  | { readonly kind: 'property'; readonly body: string }
  | { readonly kind: 'note'; readonly reason: string };

/** Thrown (internally) when a formula uses an operator TLA+ cannot express. */
class NotExpressible extends Error {}

const TLA_OP = { '<': '<', '<=': '<=', '==': '=', '!=': '#', '>=': '>=', '>': '>' } as const;

function intTerm(e: IntExpr, atoms: AtomTranslator): IntTerm {
  switch (e.kind) {
    case 'int': return { text: e.value < 0 ? `(${e.value})` : String(e.value), undefinedWhen: [] };
    case 'tokens': return { text: atoms.tokens(e.places), undefinedWhen: [] };
    case 'atom': return atoms.integerAtom(e);
    case 'arith': {
      const parts = e.args.map((a) => intTerm(a, atoms));
      return { text: `(${parts.map((p) => p.text).join(` ${e.op} `)})`, undefinedWhen: parts.flatMap((p) => p.undefinedWhen) };
    }
  }
}

/** A state formula as a TLA+ state predicate; throws NotExpressible on temporal operators. */
export function stateFormula(f: Formula, atoms: AtomTranslator): string {
  return temporal(f, atoms, false);
}

function temporal(f: Formula, atoms: AtomTranslator, allowTemporal: boolean): string {
  const go = (g: Formula): string => temporal(g, atoms, allowTemporal);
  switch (f.kind) {
    case 'bool': return f.value ? 'TRUE' : 'FALSE';
    case 'deadlock': return atoms.deadlock();
    case 'fireable': return atoms.fireable(f.transitions);
    case 'atom': return atoms.atom(f);
    case 'compare': {
      const l = intTerm(f.left, atoms);
      const r = intTerm(f.right, atoms);
      const cmp = `${l.text} ${TLA_OP[f.op]} ${r.text}`;
      const nan = [...l.undefinedWhen, ...r.undefinedWhen];
      if (nan.length === 0) return `(${cmp})`;
      // JavaScript: a comparison with NaN is false, except `!=`.
      return f.op === '!=' ? `(${[...nan, cmp].join(' \\/ ')})` : `(${[...nan.map((n) => `~(${n})`), cmp].join(' /\\ ')})`;
    }
    case 'not': return `~${go(f.arg)}`;
    case 'and': return `(${f.args.map(go).join(' /\\ ')})`;
    case 'or': return `(${f.args.map(go).join(' \\/ ')})`;
    case 'implies': return `(${go(f.left)} => ${go(f.right)})`;
    case 'iff': return `(${go(f.left)} <=> ${go(f.right)})`;
    case 'temporal':
      if (!allowTemporal) throw new NotExpressible('a temporal operator inside a state formula');
      if (f.op === 'X') throw new NotExpressible('X (next) has no TLA+ counterpart: TLA+ formulas are invariant under stuttering');
      return `${f.op === 'G' ? '[]' : '<>'}${go(f.arg)}`;
    case 'until':
      throw new NotExpressible(`${f.op} (until, weak until, release) needs auxiliary variables in TLA+`);
    case 'path':
      throw new NotExpressible(f.quantifier === 'E' ? 'an E path quantifier: TLC checks properties of every behaviour (check the negation instead)' : 'a nested A path quantifier outside the LTL-equivalent CTL fragment');
    case 'coalition':
      throw new NotExpressible('ATL coalitions have no TLA+ counterpart');
    case 'invariant':
      throw new NotExpressible('`invariant` below the top of a property');
  }
}

/** An LTL formula over `G`, `F` and the connectives as a TLA+ temporal formula (`[]`, `<>`). */
export function temporalFormula(f: Formula, atoms: AtomTranslator): string {
  return temporal(f, atoms, true);
}

/** True when `e` is the NotExpressible error of this module (the formula has no translation). */
export function isNotExpressible(e: unknown): boolean {
  return e instanceof NotExpressible;
}

/**
 * The LTL formula meaning the same as CTL formula `f`, when `f` is in the fragment above or, with
 * `untilAndNext`, also uses `AX ψ` and `A[p U q]`/`A[p W q]`/`A[p R q]` with state formulas p, q.
 */
export function ctlAsLtl(f: Formula, untilAndNext = false): Formula | undefined {
  const rec = (g: Formula): Formula | undefined => ctlAsLtl(g, untilAndNext);
  if (isStateFormula(f)) return f;
  switch (f.kind) {
    case 'path': {
      if (f.quantifier !== 'A') return undefined;
      const b = f.body;
      if (b.kind === 'temporal' && (b.op === 'G' || (untilAndNext && b.op === 'X'))) {
        const arg = rec(b.arg);
        return arg && { kind: 'temporal', op: b.op, arg };
      }
      if (untilAndNext && b.kind === 'until' && isStateFormula(b.left) && isStateFormula(b.right)) return b;
      if (b.kind === 'temporal' && b.op === 'F' && isStateFormula(b.arg)) return b;
      return undefined;
    }
    case 'and': {
      const args = f.args.map(rec);
      return args.every((a) => a !== undefined) ? { kind: 'and', args: args as Formula[] } : undefined;
    }
    case 'or': {
      if (f.args.filter((a) => !isStateFormula(a)).length > 1) return undefined;
      const args = f.args.map(rec);
      return args.every((a) => a !== undefined) ? { kind: 'or', args: args as Formula[] } : undefined;
    }
    case 'implies': {
      if (!isStateFormula(f.left)) return undefined;
      const right = rec(f.right);
      return right && { kind: 'implies', left: f.left, right };
    }
    default:
      return undefined;
  }
}

/** How property `f` is exported (see the module comment). Throws the atom translator's errors. */
export function planProperty(f: Formula, atoms: AtomTranslator): PropertyPlan {
  const c = classify(f);
  try {
    if (c.logic === 'state') return { kind: 'invariant', body: stateFormula(f, atoms) };
    if (f.kind === 'invariant' && isStateFormula(f.body)) return { kind: 'invariant', body: stateFormula(f.body, atoms) };
    if (f.kind === 'path' && f.quantifier === 'A' && f.body.kind === 'temporal' && f.body.op === 'G' && isStateFormula(f.body.arg)) {
      return { kind: 'invariant', body: stateFormula(f.body.arg, atoms) };
    }
    let ltl: Formula | undefined;
    if (c.ltl) {
      if (c.ltlQuantifier === 'E') return { kind: 'note', reason: 'an E path quantifier: TLC checks properties of every behaviour (check the negation, A !φ, instead)' };
      ltl = f.kind === 'path' ? f.body : f;
    } else if (c.ctl) {
      ltl = ctlAsLtl(f);
    }
    if (ltl === undefined) {
      const what = c.logic === 'atl' ? 'an ATL formula' : c.logic === 'ctl' ? 'a CTL formula with no LTL equivalent (E, EF, EG, or A over a non-state formula)' : `a ${c.logic} formula`;
      return { kind: 'note', reason: `${what} has no TLA+ counterpart` };
    }
    if (ltl.kind === 'temporal' && ltl.op === 'G' && isStateFormula(ltl.arg)) return { kind: 'invariant', body: stateFormula(ltl.arg, atoms) };
    return { kind: 'property', body: temporal(ltl, atoms, true) };
  } catch (e) {
    if (e instanceof NotExpressible) return { kind: 'note', reason: e.message };
    throw e;
  }
}

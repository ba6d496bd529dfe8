/**
 * Which workflow properties SPIN can check, and as which LTL formula.
 *
 * - LTL (`classify(f).logic === 'ltl'`, or a state formula, or `invariant φ`) quantified `A`
 *   (explicitly or implicitly): its body; a state formula and `invariant φ` are `G φ`, as
 *   wfverify checks them.
 * - CTL in the universal, deterministic fragment (Maidl's ACTL-det), where dropping the path
 *   quantifiers gives an equivalent LTL formula: after pushing negations inward (`!EF φ` is
 *   `AG !φ` …), every quantifier is `A`, a disjunction has at most one non-state operand, an
 *   implication a state antecedent, `AF φ` and the right operand of `A[φ U ψ]`, `A[φ W ψ]` are
 *   state formulas, and the left operand of `A[φ R ψ]` is one. `AG (p -> AF q)` qualifies;
 *   `AF AG p` does not (it differs from `F G p`).
 * - Anything else (`E`-quantified LTL, `EF`, `EG`, other CTL, ATL, CTL*) is not expressible:
 *   SPIN checks every path; the reason is returned as a note.
 */
import { type Formula, classify, isStateFormula } from '../../logic/index.js';

export type LtlForm = { readonly body: Formula } | { readonly note: string };

const not = (f: Formula): Formula => ({ kind: 'not', arg: f });
const path = (quantifier: 'A' | 'E', body: Formula): Formula => ({ kind: 'path', quantifier, body });
const and = (a: Formula, b: Formula): Formula => ({ kind: 'and', args: [a, b] });

/** `¬f` with the negation pushed through boolean operators and CTL quantifiers. */
function negate(f: Formula): Formula {
  if (isStateFormula(f)) return not(f);
  switch (f.kind) {
    case 'not': return f.arg;
    case 'and': return { kind: 'or', args: f.args.map(negate) };
    case 'or': return { kind: 'and', args: f.args.map(negate) };
    case 'implies': return { kind: 'and', args: [f.left, negate(f.right)] };
    case 'path': {
      const q = f.quantifier === 'A' ? 'E' : 'A';
      const b = f.body;
      if (b.kind === 'temporal') return path(q, { kind: 'temporal', op: b.op === 'F' ? 'G' : b.op === 'G' ? 'F' : 'X', arg: negate(b.arg) });
      if (b.kind === 'until') {
        const nl = negate(b.left);
        const nr = negate(b.right);
        if (b.op === 'U') return path(q, { kind: 'until', op: 'W', left: nr, right: and(nl, nr) });
        if (b.op === 'W') return path(q, { kind: 'until', op: 'U', left: nr, right: and(nl, nr) });
        return path(q, { kind: 'until', op: 'U', left: nl, right: nr });
      }
      return not(f);
    }
    default: return not(f);
  }
}

/** The LTL formula of an ACTL-det formula, or a reason why `f` is outside the fragment. */
function actlDet(f: Formula): Formula | string {
  if (isStateFormula(f)) return f;
  const all = (fs: readonly Formula[]): Formula[] | string => {
    const out: Formula[] = [];
    for (const x of fs) {
      const r = actlDet(x);
      if (typeof r === 'string') return r;
      out.push(r);
    }
    return out;
  };
  switch (f.kind) {
    case 'not': return f.arg.kind === 'not' ? actlDet(f.arg.arg) : negate(f.arg).kind === 'not' ? 'a negated temporal formula' : actlDet(negate(f.arg));
    case 'and': {
      const r = all(f.args);
      return typeof r === 'string' ? r : { kind: 'and', args: r };
    }
    case 'or': {
      if (f.args.filter((a) => !isStateFormula(a)).length > 1) return 'a disjunction of two temporal formulas';
      const r = all(f.args);
      return typeof r === 'string' ? r : { kind: 'or', args: r };
    }
    case 'implies': {
      if (!isStateFormula(f.left)) return 'an implication with a temporal antecedent';
      const r = actlDet(f.right);
      return typeof r === 'string' ? r : { kind: 'implies', left: f.left, right: r };
    }
    case 'path': {
      if (f.quantifier === 'E') return 'an existential path quantifier (E)';
      const b = f.body;
      if (b.kind === 'temporal') {
        if (b.op === 'F' && !isStateFormula(b.arg)) return 'AF over a temporal formula';
        const r = actlDet(b.arg);
        return typeof r === 'string' ? r : { kind: 'temporal', op: b.op, arg: r };
      }
      if (b.kind === 'until') {
        const stateSide = b.op === 'R' ? b.left : b.right;
        if (!isStateFormula(stateSide)) return `A[… ${b.op} …] whose ${b.op === 'R' ? 'left' : 'right'} operand is temporal`;
        const l = actlDet(b.left);
        const r = actlDet(b.right);
        if (typeof l === 'string') return l;
        if (typeof r === 'string') return r;
        return { kind: 'until', op: b.op, left: l, right: r };
      }
      return 'a path quantifier over a non-temporal formula';
    }
    default:
      return `the operator ${f.kind}`;
  }
}

/** See the module comment. */
export function asLtl(f: Formula): LtlForm {
  const c = classify(f);
  if (c.logic === 'state') return { body: { kind: 'temporal', op: 'G', arg: f } };
  if (c.logic === 'invariant' && f.kind === 'invariant') return { body: { kind: 'temporal', op: 'G', arg: f.body } };
  if (c.ltl && c.logic !== 'ctl') {
    const q = f.kind === 'path' ? f.quantifier : (c.ltlQuantifier ?? 'A');
    if (q === 'E') return { note: 'an E-quantified LTL property has no SPIN ltl counterpart (SPIN checks every path; E φ holds exactly when !φ is violated)' };
    return { body: f.kind === 'path' ? f.body : f };
  }
  if (c.logic === 'ctl') {
    const r = actlDet(f);
    if (typeof r !== 'string') return { body: r };
    return { note: `a CTL property outside the fragment that LTL can express (ACTL-det): ${r}` };
  }
  if (c.logic === 'atl') return { note: 'an ATL property (coalitions) has no LTL counterpart' };
  return { note: `not LTL: ${c.reason ?? c.logic}` };
}

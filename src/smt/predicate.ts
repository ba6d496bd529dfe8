/**
 * State formulas of the property language as SMT-LIB terms over a marking.
 *
 * The marking is a vector of integer variables named by `marking(p)`. Token counts become sums,
 * comparisons and arithmetic stay integer arithmetic (a product of two markings is non-linear:
 * Z3 may then answer `unknown`), `fireable(t, …)` and `deadlock` become the linear conditions of
 * the firing rule (see {@link SmtNet}). The term is exactly the formula's meaning on a marking:
 * no approximation happens here.
 */
import { assertNever } from '../core/index.js';
import type { Formula, IntExpr } from '../logic/index.js';
import { type NetNames, type SmtNet, effect } from './net.js';
import { and, int, or, sum } from './smtlib.js';

/** Names the SMT variable holding the tokens of place `p`. */
export type MarkingVariables = (p: number) => string;

/** The formula cannot be written over a marking (a temporal operator or a named atom). */
export class NotAStateFormula extends Error {
  constructor(what: string) {
    super(`not a state formula of a P/T net: ${what}`);
    this.name = 'NotAStateFormula';
  }
}

/** `t` is enabled in the marking `marking`. */
export function enabledTerm(net: SmtNet, t: number, marking: MarkingVariables): string {
  const tr = net.transitions[t];
  const conditions = [
    ...tr.pre.map((a) => `(>= ${marking(a.place)} ${int(a.weight)})`),
    ...tr.inhibitors.map((a) => `(< ${marking(a.place)} ${int(a.weight)})`),
  ];
  for (const a of tr.post) {
    const capacity = net.places[a.place].capacity;
    const delta = effect(tr, a.place);
    if (capacity !== undefined && delta > 0) conditions.push(`(<= (+ ${marking(a.place)} ${int(delta)}) ${int(capacity)})`);
  }
  return and(conditions);
}

/** No transition is enabled in `marking`. */
export function deadlockTerm(net: SmtNet, marking: MarkingVariables): string {
  return and(net.transitions.map((_, t) => `(not ${enabledTerm(net, t, marking)})`));
}

/** The state formula `f` as a Boolean term; throws {@link NotAStateFormula} otherwise. */
export function stateTerm(f: Formula, net: SmtNet, names: NetNames, marking: MarkingVariables): string {
  const rec = (g: Formula): string => stateTerm(g, net, names, marking);
  switch (f.kind) {
    case 'bool':
      return f.value ? 'true' : 'false';
    case 'deadlock':
      return deadlockTerm(net, marking);
    case 'fireable':
      return or(f.transitions.map((name) => enabledTerm(net, names.transition(name), marking)));
    case 'compare': {
      const l = integerTerm(f.left, names, marking);
      const r = integerTerm(f.right, names, marking);
      return f.op === '!=' ? `(not (= ${l} ${r}))` : `(${f.op === '==' ? '=' : f.op} ${l} ${r})`;
    }
    case 'not':
      return `(not ${rec(f.arg)})`;
    case 'and':
      return and(f.args.map(rec));
    case 'or':
      return or(f.args.map(rec));
    case 'implies':
      return `(=> ${rec(f.left)} ${rec(f.right)})`;
    case 'iff':
      return `(= ${rec(f.left)} ${rec(f.right)})`;
    case 'atom':
      throw new NotAStateFormula(`the named atom '${f.name}'`);
    case 'temporal':
    case 'until':
    case 'path':
    case 'coalition':
    case 'invariant':
      throw new NotAStateFormula(`a ${f.kind} operator`);
    default:
      return assertNever(f, 'formula');
  }
}

/** The integer expression `e` as an Int term. */
export function integerTerm(e: IntExpr, names: NetNames, marking: MarkingVariables): string {
  switch (e.kind) {
    case 'int':
      return int(e.value);
    case 'tokens':
      return sum(e.places.map((name) => marking(names.place(name))));
    case 'arith':
      return `(${e.op} ${e.args.map((a) => integerTerm(a, names, marking)).join(' ')})`;
    case 'atom':
      if (e.args.length > 0) throw new NotAStateFormula(`the named atom '${e.name}'`);
      return marking(names.place(e.name));
    default:
      return assertNever(e, 'integer expression');
  }
}

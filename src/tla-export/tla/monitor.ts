/**
 * Properties TLA+ can state only with history variables (docs/export-tla.md, "Properties with
 * history variables"): weak and strong until, release and next, in the shapes specifications use
 * —
 *
 * - `p W q`, `p U q`, `p R q` (also `A[p W q]` …) with state formulas p, q;
 * - `G (a -> T)` (also `AG (a -> T')`) with a state formula a and T one of `p W q`, `p U q`,
 *   `p R q`, `X s`, `X G s` (CTL: `A[p W q]`, `AX s`, `AX AG s`), `G s`, `F s`;
 * - conjunctions of these and of formulas without until/next, and `!EF (a & EF b)`-style
 *   negations, which are first rewritten into universal form (`AG (a -> AG !b)`).
 *
 * Each until/next becomes a boolean history variable whose value is a *past* formula of the
 * previous state (so the update reads only unprimed variables, and a stuttering step leaves it
 * unchanged): for `G (a -> p W q)` the variable holds "an `a` was seen and no `q` since" and the
 * invariant is `(~q /\ (a \/ h)) => p`. Strong until adds the liveness part (`a ~> q` as
 * `[](a => <>q)`). At a deadlock wfverify's runs repeat the last state, so `X s` there means `s`
 * in that same state: the invariants add `a /\ deadlock` to the history of `X`.
 *
 * The history variables never constrain the behaviour (each is a function of the past), so a
 * module that adds them has the same behaviours projected on the model's variables; its state
 * count is larger, which is why these properties go to a separate module.
 */
import { type Formula, classify, isStateFormula } from '../../logic/index.js';
import { type AtomTranslator, ctlAsLtl, stateFormula, temporalFormula } from './formula.js';

export interface HistoryVariable {
  readonly name: string;
  /** What the variable records, for a comment. */
  readonly meaning: string;
  readonly init: string;
  /** The new value, over unprimed variables (the state being left). */
  readonly next: string;
}

export interface MonitoredProperty {
  readonly history: readonly HistoryVariable[];
  /** State predicate over the model's and the history variables, if the property has a safety part. */
  readonly invariant?: string;
  /** Temporal formulas, all of which must hold (liveness parts, and parts without until/next). */
  readonly temporal: readonly string[];
}

/**
 * Rewrites negations of existential CTL into universal form (`!EF (a & EF b)` → `AG (!a | AG !b)`);
 * other formulas are returned as they are.
 */
export function universal(f: Formula): Formula {
  if (f.kind === 'not') return negate(f.arg) ?? f;
  if (f.kind === 'and') return { ...f, args: f.args.map(universal) };
  return f;
}

function negate(f: Formula): Formula | undefined {
  if (isStateFormula(f)) return { kind: 'not', arg: f };
  switch (f.kind) {
    case 'not':
      return universal(f.arg);
    case 'and': {
      const args = f.args.map(negate);
      return args.every((a) => a !== undefined) ? { kind: 'or', args: args as Formula[] } : undefined;
    }
    case 'or': {
      const args = f.args.map(negate);
      return args.every((a) => a !== undefined) ? { kind: 'and', args: args as Formula[] } : undefined;
    }
    case 'path': {
      if (f.quantifier !== 'E' || f.body.kind !== 'temporal') return undefined;
      const inner = negate(f.body.arg);
      if (!inner) return undefined;
      const dual = { G: 'F', F: 'G', X: 'X' } as const;
      return { kind: 'path', quantifier: 'A', body: { kind: 'temporal', op: dual[f.body.op], arg: inner } };
    }
    default:
      return undefined;
  }
}

/** `a ∨ b` with a state formula on one side, as `¬a → b`: the implication shape below. */
function asImplication(f: Formula): { a: Formula; t: Formula } | undefined {
  if (f.kind === 'implies' && isStateFormula(f.left)) return { a: f.left, t: f.right };
  if (f.kind === 'or' && f.args.length === 2) {
    const [x, y] = f.args;
    if (isStateFormula(x)) return { a: { kind: 'not', arg: x }, t: y };
    if (isStateFormula(y)) return { a: { kind: 'not', arg: y }, t: x };
  }
  return undefined;
}

function hasUntilOrNext(f: Formula): boolean {
  if (f.kind === 'until' || (f.kind === 'temporal' && f.op === 'X')) return true;
  if (f.kind === 'not') return hasUntilOrNext(f.arg);
  if (f.kind === 'and' || f.kind === 'or') return f.args.some(hasUntilOrNext);
  if (f.kind === 'implies' || f.kind === 'iff') return hasUntilOrNext(f.left) || hasUntilOrNext(f.right);
  if (f.kind === 'temporal' || f.kind === 'path') return hasUntilOrNext(f.kind === 'path' ? f.body : f.arg);
  return false;
}

/**
 * The monitored form of `f`, or undefined when `f` is outside the shapes above. `fresh` names a
 * new history variable. Throws the atom translator's errors.
 */
export function planMonitored(f: Formula, atoms: AtomTranslator, fresh: (hint: string) => string): MonitoredProperty | undefined {
  const g = universal(f);
  const c = classify(g);
  let ltl: Formula | undefined;
  if (c.ltl && c.ltlQuantifier === 'A') ltl = g.kind === 'path' ? g.body : g;
  else if (c.ctl) ltl = ctlAsLtl(g, true);
  if (!ltl) return undefined;
  const history: HistoryVariable[] = [];
  const invariants: string[] = [];
  const temporal: string[] = [];
  const s = (x: Formula): string => stateFormula(x, atoms);
  const deadlock = atoms.deadlock();

  /** `(p W q)` obligations started where `start` holds (`start` TRUE only at the first state when `initialOnly`). */
  const weakUntil = (start: string | null, p: Formula, q: Formula): void => {
    const h = fresh('pending');
    const nq = `~${s(q)}`;
    if (start === null) {
      history.push({ name: h, meaning: `no ${s(q)} so far (before this state)`, init: 'TRUE', next: `${h} /\\ ${nq}` });
      invariants.push(`((${h} /\\ ${nq}) => ${s(p)})`);
    } else {
      history.push({ name: h, meaning: `${start} was seen and ${s(q)} not since (before this state)`, init: 'FALSE', next: `${nq} /\\ (${start} \\/ ${h})` });
      invariants.push(`((${nq} /\\ (${start} \\/ ${h})) => ${s(p)})`);
    }
  };
  const until = (start: string | null, u: Extract<Formula, { kind: 'until' }>): boolean => {
    if (!isStateFormula(u.left) || !isStateFormula(u.right)) return false;
    if (u.op === 'R') weakUntil(start, u.right, { kind: 'and', args: [u.left, u.right] });
    else weakUntil(start, u.left, u.right);
    if (u.op === 'U') temporal.push(start === null ? `<>${s(u.right)}` : `[](${start} => <>${s(u.right)})`);
    return true;
  };
  const item = (x: Formula): boolean => {
    if (!hasUntilOrNext(x)) {
      temporal.push(temporalFormula(x, atoms));
      return true;
    }
    if (x.kind === 'and') return x.args.every(item);
    if (x.kind === 'until') return until(null, x);
    if (x.kind !== 'temporal' || x.op !== 'G') return false;
    const imp = asImplication(x.arg) ?? { a: { kind: 'bool', value: true } as Formula, t: x.arg };
    const a = s(imp.a);
    const conj = imp.t.kind === 'and' ? imp.t.args : [imp.t];
    return conj.every((t) => {
      if (!hasUntilOrNext(t)) {
        temporal.push(`[](${a} => ${temporalFormula(t, atoms)})`);
        return true;
      }
      if (t.kind === 'until') return until(a, t);
      if (t.kind === 'temporal' && t.op === 'X') {
        const always = t.arg.kind === 'temporal' && t.arg.op === 'G';
        const body = always ? (t.arg as { arg: Formula }).arg : t.arg;
        if (!isStateFormula(body)) return false;
        const h = fresh(always ? 'seen' : 'previous');
        history.push({ name: h, meaning: always ? `${a} held in an earlier state` : `${a} held in the previous state`, init: 'FALSE', next: always ? `${h} \\/ ${a}` : a });
        // At a deadlock the run repeats the state: X there is the same state.
        invariants.push(`((${h} \\/ (${a} /\\ ${deadlock})) => ${s(body)})`);
        return true;
      }
      return false;
    });
  };
  if (!item(ltl)) return undefined;
  return { history, invariant: invariants.length > 0 ? invariants.join(' /\\ ') : undefined, temporal };
}

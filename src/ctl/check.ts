/**
 * The CTL model checker over an explicit {@link StateGraph}: bottom-up labelling with one
 * satisfaction set (a byte per state) per subformula, then evidence for the outermost operator.
 *
 * Complexity: O(|φ| · (states + edges)) time — every operator is a constant number of linear
 * passes (`operators.ts`) — plus O(|fairness| · states) per `EG`; memory O(|φ| · states) bytes
 * for the satisfaction sets plus a few Int32Arrays of `states` entries (SCCs, BFS queues) and the
 * graph's cached predecessor arrays. No recursion over states, no per-state objects, so graphs of
 * millions of states are fine. Recursion is over the formula only.
 */
import { InputError, type StateGraph } from '../core/index.js';
import { classify, formulaEquals, isStateFormula, print, type Formula } from '../logic/index.js';
import { and, constant, fromPredicate, iff, implies, not, or, type Bits } from './bitset.js';
import { explainValue } from './evidence.js';
import { makeContext, pathFormula, type CheckContext } from './operators.js';
import type { CtlEvidence, CtlOptions, CtlResult, Labeler } from './types.js';

/**
 * Checks the CTL formula `formula` on `graph`.
 *
 * - Accepted formulas: every formula that {@link classify} puts in the CTL fragment — state
 *   formulas, `invariant φ` (checked as `AG φ`), and boolean combinations of `A`/`E` applied
 *   directly to one of `X F G U W R` over CTL operands. Anything else (LTL-only, ATL, CTL*) throws
 *   `InputError` WFV2004.
 * - `label(f)` is called once for each distinct (structurally, ignoring spans) maximal state
 *   subformula `f` other than `true`/`false`, and its predicate is evaluated once per state.
 * - `holds` is true iff the formula holds at every initial state (ids `0 … initialCount-1`); a
 *   bare state formula is therefore checked at the initial states only (callers that want an
 *   invariant write `AG φ` or `invariant φ`).
 * - Deadlocks and fairness: see {@link CtlOptions} and `DeadlockSemantics`.
 * - Evidence (see `evidence.ts`): a counterexample when the formula fails, a witness when it holds,
 *   for the outermost operator when one path can show it; a failing state formula gets the
 *   violating initial state as a one-state counterexample.
 */
export function checkCtl(graph: StateGraph, formula: Formula, label: Labeler, options: CtlOptions = {}): CtlResult {
  requireCtl(formula);
  for (const f of options.fairness ?? []) requireCtl(f);
  const semantics = options.deadlockSemantics ?? 'stutter';
  const n = graph.stateCount;
  const labels: { f: Formula; bits: Bits }[] = [];
  const labelOf = (f: Formula): Bits => {
    for (const l of labels) if (formulaEquals(l.f, f)) return l.bits;
    const bits = fromPredicate(n, label(f));
    labels.push({ f, bits });
    return bits;
  };
  const plain = makeContext(graph, semantics, []);
  const fairSets = (options.fairness ?? []).map((f) => new Evaluator(plain, labelOf).sat(f));
  const ctx = fairSets.length === 0 ? plain : makeContext(graph, semantics, fairSets);
  const ev = new Evaluator(ctx, labelOf);
  const satisfying = ev.sat(formula);
  const failing: number[] = [];
  for (let s = 0; s < graph.initialCount; s++) if (satisfying[s] === 0) failing.push(s);
  const holds = failing.length === 0;
  const evidence = findEvidence(ctx, ev, formula, holds, failing);
  return evidence === undefined ? { holds, satisfying } : { holds, satisfying, evidence };
}

function requireCtl(f: Formula): void {
  const c = classify(f);
  if (c.ctl) return;
  const location = c.span ? { file: '<formula>', line: c.span.start.line, column: c.span.start.column } : undefined;
  const why = c.reason ?? `it is ${c.logic.toUpperCase()}, not CTL: every temporal operator must follow A or E directly`;
  throw new InputError('WFV2004', `unsupported formula for the CTL checker: ${why}`, {
    ...(location ? { location } : {}),
    hint: 'write CTL (AG, EF, A[p U q], …); LTL formulas go to the LTL checker',
  });
}

/** Computes and caches the satisfaction set of every subformula (by node identity). */
class Evaluator {
  private readonly cache = new Map<Formula, Bits>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly labelOf: (f: Formula) => Bits,
  ) {}

  sat(f: Formula): Bits {
    let bits = this.cache.get(f);
    if (bits === undefined) {
      bits = this.compute(f);
      this.cache.set(f, bits);
    }
    return bits;
  }

  private compute(f: Formula): Bits {
    const n = this.ctx.g.stateCount;
    if (f.kind === 'bool') return constant(n, f.value);
    if (isStateFormula(f)) return this.labelOf(f);
    switch (f.kind) {
      case 'not':
        return not(this.sat(f.arg));
      case 'and':
        return f.args.map((a) => this.sat(a)).reduce(and);
      case 'or':
        return f.args.map((a) => this.sat(a)).reduce(or);
      case 'implies':
        return implies(this.sat(f.left), this.sat(f.right));
      case 'iff':
        return iff(this.sat(f.left), this.sat(f.right));
      case 'invariant':
      case 'path': {
        const bits = pathFormula(this.ctx, f, (g) => this.sat(g));
        if (bits !== undefined) return bits;
        break;
      }
      default:
        break;
    }
    throw new InputError('WFV2004', `unsupported formula for the CTL checker: ${print(f)}`);
  }
}

function findEvidence(ctx: CheckContext, ev: Evaluator, formula: Formula, holds: boolean, failing: number[]): CtlEvidence | undefined {
  const kind = holds ? 'witness' : 'counterexample';
  if (isStateFormula(formula)) {
    if (holds) return undefined;
    const s = failing[0];
    return { kind, initialState: s, states: [s], actions: [], explanation: `initial state ${s} violates ${print(formula)}` };
  }
  const sources = holds ? Array.from({ length: ctx.g.initialCount }, (_, i) => i) : failing;
  const p = explainValue(ctx, (f) => ev.sat(f), formula, sources, holds);
  if (p === undefined) return undefined;
  const base = { kind, initialState: p.states[0], states: p.states, actions: p.actions, explanation: p.explanation } as const;
  return p.loopStart === undefined ? base : { ...base, loopStart: p.loopStart };
}

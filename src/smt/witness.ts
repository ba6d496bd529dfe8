/**
 * Looking for a reachable marking that satisfies a state formula through the state equation:
 * Z3 proposes a firing-count vector x (one with the fewest firings, via `minimize`) whose
 * marking M0 + C·x satisfies the formula, {@link realiseCounts} tries to order it into a firing
 * sequence; if that fails, x is excluded and Z3 asked again, a few times.
 *
 * Contract: a returned sequence is fireable from M0 (firing rule of {@link SmtNet}) and ends in
 * a marking that satisfies the formula — a definitive witness, checked explicitly before it is
 * returned ({@link holdsAt}). `undefined` says nothing.
 */
import type { Formula } from '../logic/index.js';
import { type NetNames, type SmtNet, markingAfter } from './net.js';
import { holdsAt } from './holds.js';
import { NotAStateFormula, stateTerm } from './predicate.js';
import { realiseCounts } from './realise.js';
import { and, int, modelValues, satAnswer, sum } from './smtlib.js';
import { countVar, markingVar, stateEquation } from './state-equation.js';
import { SmtUnavailable, z3 } from './z3-bridge.js';

export interface WitnessOptions {
  /** Wall-clock budget (default 10 s). */
  readonly timeoutMs?: number;
  /** Candidate vectors tried (default 5). */
  readonly attempts?: number;
}

/** A firing sequence (transition indices) from M0 to a marking satisfying `target`, if found. */
export function findWitness(net: SmtNet, target: Formula, names: NetNames, o: WitnessOptions = {}): number[] | undefined {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let term: string;
  try {
    term = stateTerm(target, net, names, markingVar);
  } catch (e) {
    if (e instanceof NotAStateFormula) return undefined;
    throw e;
  }
  const counts = net.transitions.map((_, t) => countVar(t));
  const excluded: string[] = [];
  try {
    for (let attempt = 0; attempt < (o.attempts ?? 5); attempt++) {
      const left = deadline - Date.now();
      if (left <= 0 || counts.length === 0) return undefined;
      const script = [
        `(set-option :timeout ${left})`,
        stateEquation(net),
        `(assert ${term})`,
        ...excluded,
        `(minimize ${sum(counts)})`,
        '(check-sat)',
        `(get-value (${counts.join(' ')}))`,
      ].join('\n');
      const out = z3().run(script, left + 5_000);
      if (satAnswer(out) !== 'sat') return undefined;
      const model = modelValues(out);
      // a model without every count (an optimisation cut short by the timeout) proposes nothing
      if (!counts.every((c) => model.has(c))) return undefined;
      const x = counts.map((c) => model.get(c) as number);
      const sequence = realiseCounts(net, x);
      // the contract, checked rather than trusted: the sequence's last marking satisfies the target
      if (sequence && holdsAt(net, target, names, markingAfter(net, sequence))) return sequence;
      excluded.push(`(assert (not ${and(counts.map((c, t) => `(= ${c} ${int(x[t])})`))}))`);
    }
  } catch (e) {
    if (e instanceof SmtUnavailable) return undefined;
    throw e;
  }
  return undefined;
}


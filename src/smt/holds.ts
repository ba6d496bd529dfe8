/**
 * A state formula evaluated on one marking explicitly, with the firing rule of {@link SmtNet} and
 * no solver. Witnesses are checked with it before they are returned, so a witness is definitive
 * whatever the solver's output was (a timed-out optimisation, a model missing values).
 */
import { type AtomBinding, type Formula, compileStatePredicate } from '../logic/index.js';
import { type NetNames, type SmtNet, isEnabled } from './net.js';
import { NotAStateFormula } from './predicate.js';

/**
 * Does `target` hold in `marking`? Throws {@link NotAStateFormula} for named atoms. A marking
 * with a count outside 0 … 2³²−1 is not evaluated: false (the caller then has no witness).
 */
export function holdsAt(net: SmtNet, target: Formula, names: NetNames, marking: readonly number[]): boolean {
  if (!marking.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff)) return false;
  const binding: AtomBinding = {
    tokens: (places) => {
      const idx = places.map((p) => names.place(p));
      return (m) => idx.reduce((s, i) => s + m[i], 0);
    },
    fireable: (transitions) => {
      const idx = transitions.map((t) => names.transition(t));
      return (m) => idx.some((t) => isEnabled(net, m, t));
    },
    deadlock: () => (m) => !net.transitions.some((_, t) => isEnabled(net, m, t)),
    atom: (a) => { throw new NotAStateFormula(`atom ${a.name}`); },
    integerAtom: (a) => { throw new NotAStateFormula(`atom ${a.name}`); },
  };
  return compileStatePredicate(target, binding)(Uint32Array.from(marking), 0);
}

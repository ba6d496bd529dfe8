/**
 * The fallback for properties the explicit search left inconclusive (a bound was hit, typically
 * on an unbounded net), in two steps:
 *
 * 1. Fold the property with proven facts about state formulas ({@link foldWithFacts}; facts from
 *    the state equation and traps). A property that folds to a constant is answered.
 * 2. For `E F φ` / `A G φ` still open: ask the state equation for a candidate marking and try to
 *    realise it as a firing sequence; a sequence that replays on the net (the explicit firing
 *    rule) into a marking deciding the property is a definitive witness / counterexample.
 *
 * Anything else stays inconclusive, with the reason. A solution of the state equation is never
 * taken as an answer by itself (docs/smt.md).
 */
import { LayoutOverflow } from '../../core/index.js';
import type { AtomBinding, Formula } from '../../logic/index.js';
import type { PetriSystem } from '../../petri/index.js';
import { findWitness } from '../../smt/index.js';
import { compileStatePredicate } from '../../logic/index.js';
import { foldWithFacts } from './fold.js';
import { type NetFacts, netNames } from './net-facts.js';
import { asReachability } from './plan.js';
import type { PropertyOutcome } from './run.js';

/** `inconclusive` answered from `facts` if the formula folds to a constant, else unchanged. */
export function answerFromFacts(inconclusive: PropertyOutcome, formula: Formula, facts: NetFacts): PropertyOutcome {
  const folded = foldWithFacts(formula, facts);
  if (folded.kind !== 'bool') {
    const why = facts.lastFailure ? `; state equation: ${facts.lastFailure}` : '';
    return { ...inconclusive, explanation: `${inconclusive.explanation ?? 'inconclusive'}${why}` };
  }
  return {
    id: inconclusive.id,
    answer: folded.value,
    technique: ['QUERY_REWRITING', ...facts.techniques].join(' '),
    explanation: `decided without the state space: proven facts about the reachable markings fold the property to ${folded.value}`,
  };
}

/**
 * `inconclusive` (an `E F φ` / `A G φ` property) answered by a realised state-equation solution
 * reaching φ / ¬φ, else unchanged. The sequence is replayed with `system`'s own firing rule and
 * the property's predicate evaluated at its end before it counts.
 */
export function answerByRealisedWitness(inconclusive: PropertyOutcome, formula: Formula, system: PetriSystem, binding: AtomBinding, timeoutMs: number): PropertyOutcome {
  const reach = asReachability(formula);
  if (!reach || timeoutMs <= 0) return inconclusive;
  const target: Formula = reach.mode === 'EF' ? reach.body : { kind: 'not', arg: reach.body };
  const sequence = findWitness(system.net, target, netNames(system.net), { timeoutMs });
  if (!sequence) return inconclusive;
  const end = replay(system, sequence);
  if (!end || !compileStatePredicate(target, binding)(end, 0)) return inconclusive;
  const ef = reach.mode === 'EF';
  return {
    id: inconclusive.id,
    answer: ef,
    technique: 'STATE_EQUATION EXPLICIT',
    trace: { initial: 0, actions: sequence },
    explanation: `${ef ? 'witness' : 'counterexample'}: a firing sequence realising a solution of the state equation`,
  };
}

/**
 * The packed marking after firing `sequence` from the initial marking; undefined if some step is
 * not enabled or a marking does not fit the system's packing.
 */
function replay(system: PetriSystem, sequence: readonly number[]): Uint32Array | undefined {
  try {
    return replayPacked(system, sequence);
  } catch (e) {
    if (e instanceof LayoutOverflow) return undefined;
    throw e;
  }
}

function replayPacked(system: PetriSystem, sequence: readonly number[]): Uint32Array | undefined {
  let state: Uint32Array | undefined = system.initialStates()[0];
  for (const t of sequence) {
    let next: Uint32Array | undefined;
    system.successors(state, 0, (action, successor) => {
      if (action !== t) return false;
      next = successor.slice();
      return true;
    });
    if (!next) return undefined;
    state = next;
  }
  return state;
}

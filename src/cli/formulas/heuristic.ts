/**
 * A fallback for `E F φ` / `A G φ` properties the breadth-first exploration left inconclusive:
 * a best-first search ({@link bestFirstSearch}) guided by the distance to the target marking set
 * ({@link targetDistance}) — φ for `E F φ`, ¬φ for `A G φ` — as TAPAAL's verifypn does by default
 * for reachability. Deep witnesses are often found after far fewer states than BFS needs.
 *
 * Only positive evidence is taken: a marking satisfying the target, reached by a firing sequence
 * that is replayed with the system's own firing rule and re-checked with the property's compiled
 * predicate, answers `E F φ` TRUE (witness) or `A G φ` FALSE (counterexample). Running out of
 * budget — or even of markings — answers nothing here; the outcome is returned with the reason
 * appended to its explanation.
 */
import { LayoutOverflow, bestFirstSearch, describeBound, tryReplay } from '../../core/index.js';
import { type AtomBinding, type Formula, compileStatePredicate } from '../../logic/index.js';
import type { PetriSystem } from '../../petri/index.js';
import { asReachability } from './plan.js';
import type { PropertyOutcome } from './run.js';
import { targetDistance } from './target-distance.js';

export interface HeuristicSearchOptions {
  /** Distinct markings the search may store. */
  readonly maxStates: number;
  /** Wall-clock budget in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * `inconclusive` (an `E F φ` / `A G φ` property on `system`) answered by a marking reaching φ /
 * ¬φ found by best-first search, with the firing sequence as its trace; else unchanged but for
 * the explanation. Other properties, or an empty budget, return `inconclusive` as it is.
 */
export function answerByHeuristicSearch(inconclusive: PropertyOutcome, formula: Formula, system: PetriSystem, binding: AtomBinding, o: HeuristicSearchOptions): PropertyOutcome {
  const reach = asReachability(formula);
  if (!reach || o.timeoutMs <= 0 || o.maxStates <= 0) return inconclusive;
  const ef = reach.mode === 'EF';
  const target: Formula = ef ? reach.body : { kind: 'not', arg: reach.body };
  const isTarget = compileStatePredicate(target, binding);
  const r = bestFirstSearch(system, isTarget, targetDistance(target, system, binding), { bounds: { maxStates: o.maxStates, timeoutMs: o.timeoutMs } });
  const prior = inconclusive.explanation ?? 'inconclusive';
  if (r.status !== 'found') {
    const why = r.status === 'bounded' ? describeBound(r.bound, r.bounds) : 'every reachable marking was visited (not taken as an answer here)';
    return { ...inconclusive, explanation: `${prior}; heuristic search found no ${ef ? 'witness' : 'counterexample'} in ${r.stats.states} markings (${why})` };
  }
  const end = finalMarking(system, r.trace.actions, r.trace.initial);
  if (end === undefined || !isTarget(end, 0)) {
    return { ...inconclusive, explanation: `${prior}; heuristic search produced a sequence that does not replay to a ${ef ? 'witness' : 'counterexample'} marking (ignored)` };
  }
  return {
    id: inconclusive.id,
    answer: ef,
    technique: 'EXPLICIT HEURISTIC_SEARCH',
    trace: r.trace,
    explanation: `${ef ? 'witness' : 'counterexample'}: found by a best-first search guided by the distance to the target (not a shortest path; ${r.stats.states} markings stored)`,
  };
}

/** The packed marking after replaying `actions` from initial state `initial`; undefined if it does not replay. */
function finalMarking(system: PetriSystem, actions: readonly number[], initial: number): Uint32Array | undefined {
  try {
    const replay = tryReplay(system, { initial, actions });
    return replay.failedStep === undefined ? replay.states[replay.states.length - 1] : undefined;
  } catch (e) {
    if (e instanceof LayoutOverflow) return undefined;
    throw e;
  }
}

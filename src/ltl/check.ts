/**
 * `checkLtl`: LTL model checking of a {@link TransitionSystem} on the fly.
 *
 * `A φ` (or a bare path formula φ) holds when every run satisfies φ. The checker translates ¬φ
 * into a transition-based generalised Büchi automaton (tableau, `tableau.ts`), explores the
 * product with the system on the fly (`product.ts`) and looks for an accepting cycle with
 * Couvreur's SCC algorithm (`emptiness.ts`); a run found is a counterexample lasso
 * (`counterexample.ts`). `E φ` is checked as `¬A¬φ`: the automaton of φ itself is searched and a
 * run found is a *witness* (status `holds`, `witness` set); none means `violated`.
 *
 * Semantics of deadlocks (states without enabled actions):
 * - `'stutter'` (default): a deadlock repeats forever (implicit self-loop that is not an action);
 *   every run is infinite. A counterexample looping at a deadlock has `loopStart = actions.length`.
 * - `'finite'`: runs are the maximal paths: infinite ones and finite ones ending in a deadlock,
 *   read with LTLf semantics — `X φ` is false at the last position (strong next), `¬X ¬φ` true,
 *   `G`/`F`/`U`/`W`/`R` range over the positions the path has. A counterexample is then either a
 *   lasso or a finite trace (no `loopStart`) ending in a deadlock.
 *
 * A counterexample is a lasso `{initial, actions, loopStart}`: replaying `actions` ends in the
 * state where the cycle starts (`states[loopStart]`). The one exception is a *bad prefix* (no
 * `loopStart`, not ending in a deadlock) after which every continuation violates the formula and
 * no state repeated within 100 000 further steps (see {@link MAX_CONTINUATION}).
 *
 * Weak fairness (`weakFairness`): only runs on which every action that is continuously enabled
 * from some point on is taken infinitely often count (for `A φ`, only fair runs can violate; for
 * `E φ`, the witness is fair). An accepting SCC must then contain, for every action enabled in all
 * of its states, an edge labelled with that action (see `fairness.ts`); finite maximal paths and
 * stuttering deadlocks are fair (nothing is enabled there).
 *
 * Bounds: hitting the product-state, time or memory bound gives `inconclusive` (with `bound`),
 * never `holds`; a counterexample found before a bound is hit is still reported (`violated`). Complexity: O(|product|) time and
 * memory, |product| ≤ reachable system states × automaton states (exponential in |φ| at worst).
 */
import {
  type BoundKind, type ProgressInfo, type RunBounds, type Trace, type TransitionSystem, resolveBounds, withWidening,
} from '../core/index.js';
import type { Formula, StatePredicate } from '../logic/index.js';
import { acceptingCycle, continueInSystem, toTrace } from './counterexample.js';
import { type ProductPath, searchAcceptingCycle } from './emptiness.js';
import { type DeadlockSemantics, Product } from './product.js';
import { translateLtl } from './tableau.js';

/** Progress of a search: `states`/`transitions` count product states and edges, `depth` is the DFS depth. */
export type LtlProgress = ProgressInfo;

export interface LtlOptions {
  readonly bounds?: Partial<RunBounds>;
  /** Default `'stutter'`; see the module doc. */
  readonly deadlockSemantics?: DeadlockSemantics;
  /** Only weakly fair runs count (see the module doc). Default false. */
  readonly weakFairness?: boolean;
  /** Called about once a second during long searches. */
  readonly onProgress?: (p: LtlProgress) => void;
}

export interface LtlStats {
  /** Product states stored (discovered). */
  readonly productStates: number;
  /** Product edges explored. */
  readonly productTransitions: number;
  readonly ms: number;
}

export interface LtlResult {
  readonly status: 'holds' | 'violated' | 'inconclusive';
  /** `violated`: a run violating the formula, replayable with `replayTrace` on the system. */
  readonly counterexample?: Trace;
  /** `E φ` that holds: a run satisfying φ. */
  readonly witness?: Trace;
  readonly stats: LtlStats;
  /** Which bound made the result inconclusive. */
  readonly bound?: BoundKind;
  /** States of the Büchi automaton (after simplification). */
  readonly automatonStates: number;
}

/**
 * Continuations after a universal automaton state are cut after this many steps (or the state
 * bound); the counterexample is then the *bad prefix* alone (no `loopStart`): every continuation
 * of it violates the formula. This only happens on systems with very long or unbounded runs.
 */
const MAX_CONTINUATION = 100_000;

/**
 * Checks the LTL formula `formula` (a path formula, optionally under one top `A` or `E`) on
 * `system`. `label` binds each atom (maximal state subformula) to a predicate; it is called once
 * per distinct atom. Throws an `InputError` (WFV2004) for formulas outside LTL.
 */
export function checkLtl(system: TransitionSystem, formula: Formula, label: (atomic: Formula) => StatePredicate, options: LtlOptions = {}): LtlResult {
  const started = Date.now();
  const bounds = resolveBounds(options.bounds);
  const semantics = options.deadlockSemantics ?? 'stutter';
  const fair = options.weakFairness === true;
  const existential = formula.kind === 'path' && formula.quantifier === 'E';
  const body = formula.kind === 'path' ? formula.body : formula;
  const { automaton, atoms } = translateLtl(body, { finite: semantics === 'finite', negate: !existential });
  const preds = atoms.map((a) => label(a));
  return withWidening(system, (): LtlResult => {
    const product = new Product(system, automaton, preds, semantics);
    const { outcome, transitions } = searchAcceptingCycle(product, { bounds, started, weakFairness: fair, onProgress: options.onProgress });
    const stats = (): LtlStats => ({ productStates: product.store.size, productTransitions: transitions, ms: Date.now() - started });
    const base = { automatonStates: automaton.stateCount };
    if (outcome.kind === 'empty') return { ...base, status: existential ? 'violated' : 'holds', stats: stats() };
    if (outcome.kind === 'bounded') return { ...base, status: 'inconclusive', bound: outcome.bound, stats: stats() };
    const initial = product.initialIds().indexOf(outcome.prefix.states[0]);
    const trace = runOf(product, outcome, initial, semantics === 'finite', fair, Math.min(bounds.maxStates, MAX_CONTINUATION));
    return existential
      ? { ...base, status: 'holds', witness: trace, stats: stats() }
      : { ...base, status: 'violated', counterexample: trace, stats: stats() };
  });
}

type Found =
  | { readonly kind: 'cycle'; readonly prefix: ProductPath; readonly inScc: (id: number) => boolean }
  | { readonly kind: 'universal'; readonly prefix: ProductPath }
  | { readonly kind: 'end'; readonly prefix: ProductPath };

/** The system trace of an accepting run found by the search. */
function runOf(product: Product, found: Found, initial: number, finite: boolean, fair: boolean, maxSteps: number): Trace {
  const { states, actions } = found.prefix;
  switch (found.kind) {
    case 'end':
      return toTrace(initial, actions, undefined);
    case 'universal': {
      const last = states[states.length - 1];
      const cont = continueInSystem(product.system, product.systemState(last), finite, maxSteps);
      // No state repeated within the cap (an unbounded system): report the bad prefix alone.
      if (cont.open === true) return toTrace(initial, actions, undefined);
      const all = [...actions, ...cont.actions];
      return toTrace(initial, all, cont.loopStart === undefined ? undefined : actions.length + cont.loopStart);
    }
    case 'cycle': {
      const root = states[states.length - 1];
      const cycle = acceptingCycle(product, root, found.inScc, fair);
      return toTrace(initial, [...actions, ...cycle.actions], actions.length);
    }
  }
}

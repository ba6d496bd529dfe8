/**
 * Public types of the CTL checker: options, results and evidence (witnesses / counterexamples).
 */
import type { Formula } from '../logic/index.js';

/**
 * How states without successors (deadlocks) are treated. The two semantics differ **only** in
 * the next-step operators (and, under fairness, in whether a deadlock is fair). `'finite'` is
 * the Model Checking Contest's (docs/formulas.md):
 *
 * - `'stutter'` (default): a deadlock behaves as if it had a self-loop, so every path is infinite
 *   and the textbook CTL semantics applies. At a deadlock `d`: `EX φ` ⇔ `AX φ` ⇔ φ(d);
 *   `EG φ`, `AG φ`, `EF φ`, `AF φ` ⇔ φ(d). Under fairness the stuttering path `d d d …` is fair
 *   only when `d` belongs to every fairness set.
 * - `'finite'`: paths are the *maximal* paths of the graph: infinite ones, and finite ones that end
 *   in a deadlock. `X φ` needs a next state, so `EX φ` is false at a deadlock, and `AX φ` is
 *   defined as `¬EX ¬φ`, hence true at a deadlock (A quantifies over a weak next). `G`, `F`, `U`,
 *   `W`, `R` are read over the positions the path has: `EG φ` / `AG φ` / `EF φ` / `AF φ` hold at a
 *   deadlock iff φ holds there, exactly as under `'stutter'`. Under fairness, finite maximal paths
 *   are always fair (fairness constrains infinite behaviour only), so every state that can reach a
 *   deadlock is fair.
 */
export type DeadlockSemantics = 'stutter' | 'finite';

export interface CtlOptions {
  /**
   * Fairness constraints (usually state formulas; any CTL formula is accepted and is evaluated
   * without fairness). A fair path visits every constraint's states infinitely often
   * (generalized Büchi / Emerson–Lei "GF f"); path quantifiers range over fair paths only.
   */
  readonly fairness?: readonly Formula[];
  /** Default `'stutter'`. See {@link DeadlockSemantics}. */
  readonly deadlockSemantics?: DeadlockSemantics;
}

/** Evaluates a state formula (no temporal operator) on a state id. */
export type StateLabel = (state: number) => boolean;
/** Binds a maximal state subformula (not `true`/`false`) to a per-state predicate. */
export type Labeler = (atomic: Formula) => StateLabel;

/**
 * A path of the graph that shows why the formula holds (`witness`) or fails (`counterexample`)
 * at `initialState`.
 *
 * `actions[i]` is the action (`graph.succActions`) of the edge taken from `states[i]` to
 * `states[i+1]`. For a lasso (`loopStart` defined) there is one more action: the edge from the
 * last state back to `states[loopStart]`, so `{initial, actions, loopStart}` is a core `Trace`
 * whose replay ends in the state where the cycle starts. Without `loopStart` the path is finite
 * (`actions.length === states.length - 1`); when it ends in a deadlock the explanation says so.
 */
export interface CtlEvidence {
  readonly kind: 'counterexample' | 'witness';
  readonly initialState: number;
  readonly states: number[];
  readonly actions: number[];
  readonly loopStart?: number;
  readonly explanation: string;
}

export interface CtlResult {
  /** The formula holds at every initial state. */
  readonly holds: boolean;
  /** Per state: 1 when the whole formula holds there, else 0. */
  readonly satisfying: Uint8Array;
  readonly evidence?: CtlEvidence;
}

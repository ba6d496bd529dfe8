/**
 * LTL model checking on the fly: LTL → transition-based generalised Büchi automaton (tableau
 * with simplification), product with a `TransitionSystem` built during the search, Couvreur's
 * SCC-based emptiness check (generalised acceptance, optional weak fairness on actions), and
 * counterexamples as replayable lassos. Imports `core` and `logic` only.
 */
export { checkLtl } from './check.js';
export type { LtlOptions, LtlProgress, LtlResult, LtlStats } from './check.js';
export { describeTgba, transitionCount } from './automaton.js';
export type { Tgba } from './automaton.js';
export { MAX_ACCEPTANCE_SETS, translateLtl } from './tableau.js';
export type { TranslateOptions, Translation } from './tableau.js';
export { STUTTER } from './product.js';
export type { DeadlockSemantics } from './product.js';

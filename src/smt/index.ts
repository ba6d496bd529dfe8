/**
 * z3-backed checks (DESIGN.md: imports `core` and `logic` only). Today: proving that no
 * reachable marking of a P/T net satisfies a state formula, by the Petri net state equation
 * refined with trap constraints (docs/smt.md). Z3 runs in a worker thread behind a synchronous
 * SMT-LIB text interface, so the synchronous checkers can fall back on it.
 */
export { effect, incidenceByPlace, isEnabled } from './net.js';
export { holdsAt } from './holds.js';
export type { NetNames, SmtArc, SmtNet, SmtPlace, SmtTransition } from './net.js';
export { NotAStateFormula, deadlockTerm, enabledTerm, integerTerm, stateTerm } from './predicate.js';
export type { MarkingVariables } from './predicate.js';
export { countVar, markingVar, stateEquation } from './state-equation.js';
export { isInitiallyMarkedTrap, trapMarked, trapModelComplete, trapOfModel, trapQuery } from './traps.js';
export { proveUnreachable } from './unreachability.js';
export { MAX_REALISED_LENGTH, realiseCounts } from './realise.js';
export { findWitness } from './witness.js';
export type { WitnessOptions } from './witness.js';
export type { SmtTechnique, UnreachabilityOptions, UnreachabilityResult } from './unreachability.js';
export { SmtUnavailable, Z3Bridge, stopZ3, z3 } from './z3-bridge.js';
export { int, modelValues, satAnswer } from './smtlib.js';
export type { SatAnswer } from './smtlib.js';

/**
 * CTL model checking over an explicit {@link StateGraph} (from `core/explore`): fixpoints on
 * per-state bitsets, fairness by SCCs (Emerson–Lei generalized Büchi constraints), two deadlock
 * semantics, and witnesses / counterexamples as real paths of the graph whose actions replay on
 * the model. Imports only `core` and `logic`.
 */
export { checkCtl } from './check.js';
export { checkCtlPartial, partialGraph, type PartialVerdict } from './partial.js';
export type { CtlEvidence, CtlOptions, CtlResult, DeadlockSemantics, Labeler, StateLabel } from './types.js';
export { evidenceTrace } from './trace.js';

/**
 * The model contract and the explicit-state kernel: packed states, exact state storage, BFS with
 * shortest counterexamples, state graphs, SCCs, bounds, verdicts, traces and the error catalog.
 * Imports nothing from the rest of `src/`.
 */
export { DEFAULT_BOUNDS, describeBound, resolveBounds } from './bounds.js';
export type { BoundKind, RunBounds } from './bounds.js';
export { ERROR_CATALOG, ExitCode, InputError, InternalError, WfvError, assertNever, formatLocation } from './errors.js';
export type { ErrorCode, SourceLocation } from './errors.js';
export { bestFirstSearch, type BestFirstOptions, type BestFirstResult, type BestFirstStats, type StateMeasure } from './best-first.js';
export { depthOf, explore } from './explore.js';
export { exploreLevels } from './explore-levels.js';
export type { LevelExploration, LevelExploreOptions } from './explore-levels.js';
export type { EdgeRecord, ExploreOptions, ExploreStats, ExploreStatus, Exploration, ProgressInfo } from './explore.js';
export { StateGraph } from './graph.js';
export { Int32List, ensureFloat64, ensureInt32 } from './growable.js';
export { hashWords } from './hash.js';
export { LayoutOverflow } from './model.js';
export { withWidening } from './widening.js';
export type { SuccessorSink, TransitionSystem } from './model.js';
export { bottomComponents, stronglyConnectedComponents } from './scc.js';
export type { SccDecomposition } from './scc.js';
export { INLINE_MAX_WORDS, PartitionedStore } from './partitioned-store.js';
export type { PartitionedStoreOptions } from './partitioned-store.js';
export { StateStore } from './state-store.js';
export type { StoredStates } from './stored-states.js';
export { formatActionPath, parseActionPath, pathTo, replayTrace, successorBy, traceTo, tryReplay } from './trace.js';
export type { Trace } from './trace.js';
export { exitCodeFor, formatStats } from './verdict.js';
export type { Stats, Verdict, VerdictStatus } from './verdict.js';

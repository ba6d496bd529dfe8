/**
 * Lowering of the Workflow IR to models (docs/workflow-model.md):
 * - {@link lowerToSystem}: a packed-state {@link TransitionSystem} with tracked data, threads,
 *   handlers, cancellation and compensation lists, plus the step table, the atom binding and
 *   status queries — what the checkers explore;
 * - {@link lowerToNet}: the workflow net of the control flow (data ignored), for exports.
 * Both are built from one process graph (graph.ts), compiled from the IR by compile*.ts.
 */
export { lowerToSystem } from './model.js';
export { DEFAULT_MAX_ATOMIC_PATHS, DEFAULT_MAX_COMPENSATIONS } from './defaults.js';
export { lowerToNet } from './net.js';
export { eventKey } from './events.js';
export { ModelBoundError } from './errors.js';
export type { LowerOptions, ModelEvent, WorkflowModel, WorkflowStatus, WorkflowStep } from './types.js';
// The process graph, for writers that export workflow models (src/tla-export): pure data.
export { compileWorkflow } from './compile.js';
export type { CompiledWorkflow } from './compile.js';
export { runningLocations } from './system.js';
export { atomicPaths, edgesFrom } from './atomic.js';
export type { Edge, EdgeKind, Effect, FailKind, Guard, HandlerInfo, ListInfo, Location, LocationRole, ProcessGraph, Slot, SlotKind, Target, Write } from './graph.js';
export { ANY, applyBinary, truth, truthy } from './values.js';
export type { AbstractValue } from './values.js';
export { LOWER_DEFAULTS } from './defaults.js';
export { WorkflowAtoms, atomText } from './atoms.js';
export type { AtomMeaning } from './atoms.js';
export { STATUS_CODES } from './layout.js';
export { evaluateExpr } from './expr.js';
export { VarCodec } from './domains.js';

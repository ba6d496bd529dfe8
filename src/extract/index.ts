/**
 * The TypeScript frontend: extracts Workflow IR from workflow code (through the compiler
 * gateway `ts.ts`, the only importer of `typescript`, never running user code) and lowers it to
 * models: a `TransitionSystem` with tracked data and a workflow net of the control flow.
 */
export { IR_FORMAT_VERSION } from './ir.js';
export type {
  ActivityOptions, BinaryOp, Diagnostic, Domain, Expr, ExtractedFile, HandlerDecl, Raised, SourceSpan, Stmt, StmtKind, Value, VarDecl, WorkflowIR,
} from './ir.js';
export { extractWorkflows, displayPath, workflowFunctions } from './extract.js';
export type { ExtractOptions, ExtractionResult } from './extract.js';
export { parseDuration } from './durations.js';
export { printExpr, printWorkflow } from './print.js';
export { ModelBoundError, lowerToNet, lowerToSystem } from './lower/index.js';
export type { LowerOptions, ModelEvent, WorkflowModel, WorkflowStatus, WorkflowStep } from './lower/index.js';
export { atomicPaths, compileWorkflow, edgesFrom, runningLocations } from './lower/index.js';
export type {
  CompiledWorkflow, Edge, EdgeKind, Effect, FailKind, Guard, HandlerInfo, ListInfo, Location, LocationRole, ProcessGraph, Slot, SlotKind, Target, Write,
} from './lower/index.js';
// Value semantics and event keys shared with the model writers (one definition of JavaScript's rules).
export { ANY, LOWER_DEFAULTS, applyBinary, eventKey, truth, truthy } from './lower/index.js';
export type { AbstractValue } from './lower/index.js';
export { WorkflowAtoms, atomText } from './lower/index.js';
export type { AtomMeaning } from './lower/index.js';
export { STATUS_CODES, VarCodec, evaluateExpr } from './lower/index.js';

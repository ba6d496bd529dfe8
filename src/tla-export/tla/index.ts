/**
 * TLA+ export (docs/export-tla.md): a P/T net or a workflow model as a TLA+ module with its TLC
 * configuration, properties as INVARIANT / PROPERTY where TLA+ can express them.
 */
export { writeTlaNet } from './net.js';
export type { TlaNetOptions } from './net.js';
export { writeTlaWorkflow } from './workflow.js';
export type { TlaWorkflowOptions } from './workflow.js';
export type { TlaExport, TlaProperty } from './module.js';
export { TLA_RESERVED, tlaIdentifier } from './names.js';

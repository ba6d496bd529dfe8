/**
 * Writers of wfverify's models for other model checkers: TLA+ modules with TLC configs (nets and
 * workflow models, docs/export-tla.md), UPPAAL XML with query files (workflow models, timeouts as
 * clocks, docs/export-uppaal.md) and Promela for SPIN (nets, and workflow models with their LTL
 * properties, docs/export-promela.md).
 * Imports `core`, `logic`, `petri` and `extract` (IR types) through their index files; checkers
 * never import exporters, they meet in `cli` and in tests (DESIGN.md).
 */
export { PROMELA_RESERVED, promelaModel, writePromela } from './promela.js';
export type { PromelaModel, PromelaOptions, PromelaProperty } from './promela.js';
export { TLA_RESERVED, tlaIdentifier, writeTlaNet, writeTlaWorkflow } from './tla/index.js';
export type { TlaExport, TlaNetOptions, TlaProperty, TlaWorkflowOptions } from './tla/index.js';
export { UPPAAL_RESERVED, writeUppaal } from './uppaal/index.js';
export type { UppaalExport, UppaalProperty } from './uppaal/index.js';
export { writePromelaWorkflow } from './promela-workflow/index.js';
export type { WorkflowPromela, WorkflowPromelaProperty } from './promela-workflow/index.js';

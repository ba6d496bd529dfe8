/**
 * Writers of wfverify's models for other model checkers: Promela for SPIN (a P/T net with its LTL
 * properties as `ltl` blocks); the TLA+ module with its TLC `.cfg` and UPPAAL XML follow here.
 * Imports `core`, `logic`, `petri` and `extract` (IR types) through their index files; checkers
 * never import exporters, they meet in `cli` and in tests (DESIGN.md).
 */
export { PROMELA_RESERVED, promelaModel, writePromela } from './promela.js';
export type { PromelaModel, PromelaOptions, PromelaProperty } from './promela.js';

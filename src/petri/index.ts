/**
 * Place/transition nets: the net model, PNML in and out, net → {@link TransitionSystem}, the
 * MCC global examinations, workflow-net soundness and structural analysis.
 */
export { indexByIdThenName, initialMarking, netEffect, normaliseArcs, placeAdjacency } from './net.js';
export type { Arc, PetriNet, Place, PlaceAdjacency, PlaceId, Transition, TransitionId } from './net.js';
export { MAX_TOKENS, MarkingLayout } from './layout.js';
export { PetriSystem } from './semantics.js';
export type { PetriSystemOptions } from './semantics.js';
export { parsePnml, readPnmlFile } from './pnml/read.js';
export { writePnml } from './pnml/write.js';
export { EXAMINATIONS, isDefect } from './analysis/examinations.js';
export type { Examination, GlobalAnswer, GlobalProperty, StateSpaceFigures } from './analysis/examinations.js';
export { examineNet } from './analysis/examine.js';
export { findPumpedPath } from './analysis/pumping.js';
export type { PumpedPath, PumpingSearch } from './analysis/pumping.js';
export type { ExamineOptions, NetReport } from './analysis/examine.js';
export { recogniseWorkflowNet } from './workflow-net.js';
export type { WorkflowNetShape } from './workflow-net.js';
export { checkSoundness } from './soundness.js';
export type { SoundnessCondition, SoundnessFailure, SoundnessOptions, SoundnessReport } from './soundness.js';
export { structuralFacts } from './structural/facts.js';
export type { StructuralFacts } from './structural/facts.js';
export { pSemiflows, placeBoundsFromSemiflows, tSemiflows } from './structural/semiflows.js';
export type { Semiflow, SemiflowEntry, SemiflowResult } from './structural/semiflows.js';
export { SIZING_BUDGET, structuralPlaceBounds } from './structural/sizing.js';

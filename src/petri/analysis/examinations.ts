/**
 * The Model Checking Contest's global examinations, with MCC's definitions:
 *
 * - `StateSpace`: number of reachable markings, of reachability-graph edges (one per enabled
 *   transition per marking), the largest token count of one place and of one marking.
 * - `ReachabilityDeadlock`: some reachable marking enables no transition.
 * - `OneSafe`: no reachable marking puts more than one token in any place.
 * - `QuasiLiveness`: every transition is enabled in some reachable marking.
 * - `Liveness`: every transition can be enabled again from every reachable marking.
 * - `StableMarking`: some place has the same token count in every reachable marking.
 */
import type { Trace } from '../../core/index.js';

export const EXAMINATIONS = ['StateSpace', 'ReachabilityDeadlock', 'OneSafe', 'QuasiLiveness', 'Liveness', 'StableMarking'] as const;
export type Examination = (typeof EXAMINATIONS)[number];

/** The boolean examinations (all but StateSpace). */
export type GlobalProperty = Exclude<Examination, 'StateSpace'>;

export interface StateSpaceFigures {
  readonly states: number;
  readonly transitions: number;
  readonly maxTokenInPlace: number;
  readonly maxTokenPerMarking: number;
}

/** The answer to one boolean examination. `answer` is undefined when the run was inconclusive. */
export interface GlobalAnswer {
  readonly examination: GlobalProperty;
  readonly answer: boolean | undefined;
  /** A shortest path to the marking that decides the answer, when one does. */
  readonly trace?: Trace;
  /** Why, in one line (e.g. which transitions are dead, which place is stable). */
  readonly explanation: string;
}

/**
 * Whether an answer is a defect of the net (exit code 1): a reachable deadlock, a place holding
 * more than one token, a dead or non-live transition. Stable marking is informative only.
 */
export function isDefect(a: GlobalAnswer): boolean {
  switch (a.examination) {
    case 'ReachabilityDeadlock':
      return a.answer === true;
    case 'OneSafe':
    case 'QuasiLiveness':
    case 'Liveness':
      return a.answer === false;
    case 'StableMarking':
      return false;
  }
}

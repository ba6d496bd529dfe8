/** Converting evidence to a core {@link Trace} that replays on the TransitionSystem. */
import type { Trace } from '../core/index.js';
import type { CtlEvidence } from './types.js';

/**
 * The evidence as a `Trace`. `initial` is the evidence's initial state id, which is the index into
 * `TransitionSystem.initialStates()` when the graph came from `explore` over initial states
 * without duplicates (explore gives initial states the ids `0 … initialCount-1` in order).
 */
export function evidenceTrace(e: CtlEvidence): Trace {
  return e.loopStart === undefined
    ? { initial: e.initialState, actions: [...e.actions] }
    : { initial: e.initialState, actions: [...e.actions], loopStart: e.loopStart };
}

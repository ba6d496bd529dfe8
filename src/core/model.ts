/**
 * The model contract: what every frontend (Petri nets, extracted workflows) produces and every
 * checker consumes.
 *
 * States are fixed-width vectors of 32-bit words ("packed states"), so explorers can store
 * millions of them in typed arrays without an object per state. Actions are dense integers
 * `0 … actionCount-1` (for a Petri net: the transition index); a counterexample is the initial
 * state index plus the action ids fired, replayable with {@link TransitionSystem.successors}.
 */

/**
 * Receives one successor: the action fired and the packed successor state. `successor` is a
 * scratch buffer owned by the transition system: valid only during the call, copy it to keep it.
 * Returning `true` asks the transition system to stop enumerating successors of this state.
 */
export type SuccessorSink = (action: number, successor: Uint32Array) => boolean | void;

export interface TransitionSystem {
  /** Number of 32-bit words in a packed state. */
  readonly stateWords: number;
  /** Number of actions; action ids are `0 … actionCount-1`. */
  readonly actionCount: number;
  /** The packed initial states, in a deterministic order. */
  initialStates(): readonly Uint32Array[];
  /**
   * Calls `sink` once per enabled action of the state stored at `source[offset … offset+stateWords)`,
   * in a deterministic order (the same state always yields the same sequence).
   * May throw {@link LayoutOverflow} when a successor does not fit the current packing; the
   * explorer then calls {@link TransitionSystem.widen} and starts again.
   */
  successors(source: Uint32Array, offset: number, sink: SuccessorSink): void;
  /**
   * Optional batch form of {@link successors} for explorers that need no per-edge callback:
   * writes the successors of the state at `source[offset…]` to `out` from `outOffset` on
   * (`stateWords` words each) and their actions to `actions[0…]`, in the order
   * {@link successors} gives them, and returns how many. A system offering it promises that a
   * state has at most `actionCount` successors; `out` and `actions` must have room for that many.
   * Throws {@link LayoutOverflow} like {@link successors}.
   */
  successorsInto?(source: Uint32Array, offset: number, out: Uint32Array, outOffset: number, actions: Int32Array): number;
  /** Human-readable name of an action (a transition's name, a workflow step). */
  actionName(action: number): string;
  /** Human-readable rendering of a packed state (e.g. the non-zero places of a marking). */
  formatState(source: Uint32Array, offset: number): string;
  /**
   * Makes the packing wider after a {@link LayoutOverflow}; returns false when it cannot grow
   * further. States packed before and after a widening are not comparable.
   */
  widen?(overflow: LayoutOverflow): boolean;
}

/**
 * Thrown by {@link TransitionSystem.successors} when a successor needs more bits than the
 * current packing gives one of its components. Not an error: a request to widen and restart.
 */
export class LayoutOverflow extends Error {
  /** The component (e.g. a place index) that overflowed. */
  readonly component: number;
  /** The value that did not fit. */
  readonly value: number;
  constructor(component: number, value: number) {
    super(`state component ${component} overflowed with value ${value}`);
    this.name = 'LayoutOverflow';
    this.component = component;
    this.value = value;
  }
}

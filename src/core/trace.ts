/**
 * Counterexamples and witnesses as data: the index of an initial state plus the action ids
 * fired, in order. States are recomputed by replaying the model ({@link replayTrace}), which also
 * checks that the trace is genuine. A lasso trace (infinite behaviour) adds `loopStart`: the
 * suffix from that step on repeats forever.
 */
import { InternalError } from './errors.js';
import type { Exploration } from './explore.js';
import type { TransitionSystem } from './model.js';

export interface Trace {
  /** Index into {@link TransitionSystem.initialStates}. */
  readonly initial: number;
  /** Action ids, in firing order. */
  readonly actions: readonly number[];
  /** For lassos: the step index (0 = initial state) at which the repeated cycle starts. */
  readonly loopStart?: number;
}

/** The shortest path (BFS tree path) from an initial state to state `id` of an exploration. */
export function traceTo(x: Exploration, id: number): Trace {
  const actions: number[] = [];
  let s = id;
  while (x.parents[s] !== -1) {
    actions.push(x.parentActions[s]);
    s = x.parents[s];
  }
  return { initial: x.initialIndex[s], actions: actions.reverse() };
}

/** The ids of the states along a BFS tree path to `id` (initial state first). */
export function pathTo(x: Exploration, id: number): number[] {
  const path: number[] = [];
  for (let s = id; s !== -1; s = x.parents[s]) path.push(s);
  return path.reverse();
}

/**
 * Replays `trace` on `system` as far as it goes: the packed states visited (initial state
 * first) and, when a step cannot be taken, its 1-based number and why.
 */
export function tryReplay(system: TransitionSystem, trace: Trace): { states: Uint32Array[]; failedStep?: number; reason?: string } {
  const inits = system.initialStates();
  const first = inits[trace.initial];
  if (first === undefined) return { states: [], failedStep: 0, reason: `there is no initial state ${trace.initial} (the model has ${inits.length})` };
  const states: Uint32Array[] = [first.slice()];
  for (const [step, action] of trace.actions.entries()) {
    const next = Number.isInteger(action) && action >= 0 && action < system.actionCount ? successorBy(system, states[states.length - 1], action) : undefined;
    if (next === undefined) {
      const what = action >= 0 && action < system.actionCount ? `action ${system.actionName(action)} is not enabled` : `there is no action ${action} (the model has ${system.actionCount})`;
      return { states, failedStep: step + 1, reason: what };
    }
    states.push(next);
  }
  return { states };
}

/**
 * Replays `trace` on `system` and returns the packed states visited (initial state first).
 * Throws an {@link InternalError} when a step cannot be taken: a trace produced by a checker that
 * does not replay means the model is nondeterministic or wfverify has a bug.
 */
export function replayTrace(system: TransitionSystem, trace: Trace): Uint32Array[] {
  const r = tryReplay(system, trace);
  if (r.failedStep !== undefined) throw new InternalError(`trace step ${r.failedStep}: ${r.reason}`, { code: 'WFV7001' });
  return r.states;
}

/** Parses an action path `0/3/1` (initial-state index, then action ids), as printed with traces. */
export function parseActionPath(text: string): Trace | undefined {
  if (!/^\d+(\/\d+)*$/.test(text.trim())) return undefined;
  const [initial, ...actions] = text.trim().split('/').map(Number);
  return { initial, actions };
}

/** The successor of `state` under `action`, or undefined when the action is disabled. */
export function successorBy(system: TransitionSystem, state: Uint32Array, action: number): Uint32Array | undefined {
  let found: Uint32Array | undefined;
  system.successors(state, 0, (a, succ) => {
    if (a !== action) return false;
    found = succ.slice();
    return true;
  });
  return found;
}

/** Formats action ids as `0/2/1`, the form `--path` accepts back. */
export function formatActionPath(trace: Trace): string {
  return [trace.initial, ...trace.actions].join('/');
}

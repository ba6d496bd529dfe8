/**
 * The checks every workflow gets without a spec, on its explored model:
 *
 * - `deadlock-freedom`: no reachable state where the workflow is running and nothing can happen;
 * - `option-to-complete`: from every reachable state, some run still ends the workflow
 *   (completed, failed, cancelled or continued-as-new): `AG EF ended`. A run whose workflow task
 *   fails for ever (status `taskFailed`) never ends;
 * - `proper-completion`: when the workflow completes (or continues as new), no branch, handler or
 *   activity is still pending. Runs that fail or are cancelled may leave work behind — Temporal
 *   cancels it — so they are not held to this;
 * - `no-dead-activity`: every activity call site is scheduled on some run.
 *
 * Each violation comes with a shortest counterexample (BFS tree path), except dead activities,
 * which are listed with their source lines.
 */
import { type Exploration, StateGraph, type Trace, traceTo } from '../../core/index.js';
import type { WorkflowModel } from '../../extract/index.js';

export interface BuiltinOutcome {
  readonly name: 'deadlock-freedom' | 'option-to-complete' | 'proper-completion' | 'no-dead-activity';
  readonly formula: string;
  readonly holds: boolean;
  readonly message?: string;
  readonly trace?: Trace;
}

export const BUILTIN_FORMULAS = {
  'deadlock-freedom': 'AG !deadlock',
  'option-to-complete': 'AG EF (done | failed | cancelled | continuedAsNew)',
  'proper-completion': 'AG ((done | continuedAsNew) -> nothing pending)',
  'no-dead-activity': 'every activity call is scheduled on some run',
} as const;

/** Runs the four checks on a complete exploration with recorded edges. */
export function builtinChecks(model: WorkflowModel, x: Exploration): BuiltinOutcome[] {
  const graph = StateGraph.fromExploration(x);
  const { store } = x;
  const n = graph.stateCount;
  let deadlock = -1;
  let leftover = -1;
  let taskFailed = -1;
  const ended = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const off = store.offsetOf(s);
    const status = model.status(store.arena, off);
    if (status === 'taskFailed') { // stopped, not ended: the run stays open on Temporal
      if (taskFailed < 0) taskFailed = s;
      continue;
    }
    if (status !== 'running') {
      ended[s] = 1;
      const success = status === 'completed' || status === 'continuedAsNew';
      if (leftover < 0 && success && model.hasLeftovers(store.arena, off)) leftover = s;
    } else if (deadlock < 0 && graph.outDegree(s) === 0) deadlock = s;
  }
  // Backward reachability from ended states.
  const pred = graph.predecessors();
  const canEnd = new Uint8Array(n);
  const queue: number[] = [];
  for (let s = 0; s < n; s++) if (ended[s]) {
    canEnd[s] = 1;
    queue.push(s);
  }
  for (let i = 0; i < queue.length; i++) {
    const t = queue[i];
    for (let k = pred.offsets[t]; k < pred.offsets[t + 1]; k++) {
      const s = pred.sources[k];
      if (!canEnd[s]) {
        canEnd[s] = 1;
        queue.push(s);
      }
    }
  }
  // the counterexample: the first state whose workflow task fails for ever, else the first that cannot end
  let stuck = taskFailed;
  for (let s = 0; stuck < 0 && s < n; s++) if (!canEnd[s]) stuck = s;
  // Activity call sites scheduled on some edge.
  const fired = new Uint8Array(x.system.actionCount);
  for (let k = 0; k < graph.succActions.length; k++) fired[graph.succActions[k]] = 1;
  const dead: string[] = [];
  for (const [stmt, actions] of model.activityCallActions) {
    if (!actions.some((a) => fired[a])) {
      const step = actions.length > 0 ? model.step(actions[0]) : undefined;
      const where = step ? `${step.span.file}:${step.span.line}:${step.span.column}` : stmt;
      dead.push(`${step?.event && 'activity' in step.event ? step.event.activity : stmt} at ${where}`);
    }
  }
  return [
    deadlock < 0
      ? { name: 'deadlock-freedom', formula: BUILTIN_FORMULAS['deadlock-freedom'], holds: true }
      : { name: 'deadlock-freedom', formula: BUILTIN_FORMULAS['deadlock-freedom'], holds: false, message: 'the workflow can reach a state where it is running and nothing can happen', trace: traceTo(x, deadlock) },
    stuck < 0
      ? { name: 'option-to-complete', formula: BUILTIN_FORMULAS['option-to-complete'], holds: true }
      : { name: 'option-to-complete', formula: BUILTIN_FORMULAS['option-to-complete'], holds: false, message: stuckMessage(model, store, stuck), trace: traceTo(x, stuck) },
    leftover < 0
      ? { name: 'proper-completion', formula: BUILTIN_FORMULAS['proper-completion'], holds: true }
      : { name: 'proper-completion', formula: BUILTIN_FORMULAS['proper-completion'], holds: false, message: 'the workflow can complete while a branch, handler or activity is still pending', trace: traceTo(x, leftover) },
    dead.length === 0
      ? { name: 'no-dead-activity', formula: BUILTIN_FORMULAS['no-dead-activity'], holds: true }
      : { name: 'no-dead-activity', formula: BUILTIN_FORMULAS['no-dead-activity'], holds: false, message: `never scheduled: ${dead.join(', ')}` },
  ];
}

/** Why `state` can never end: a workflow task failing for ever, or a state without a way out. */
function stuckMessage(model: WorkflowModel, store: Exploration['store'], state: number): string {
  return model.status(store.arena, store.offsetOf(state)) === 'taskFailed'
    ? 'the workflow can throw an error that is not a Temporal failure: on Temporal its workflow task then fails at every retry and the run never ends'
    : 'the workflow can reach a state from which it can never end';
}

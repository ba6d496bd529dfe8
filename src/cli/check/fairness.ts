/**
 * The fairness every workflow property is checked under: **the environment cannot starve the
 * workflow.** Signals, updates and cancellation requests may arrive at any time and any number
 * of times, but a run in which they arrive forever while the workflow itself could take a step
 * (an activity completing, a timer firing, a branch moving on) is not a real run: the workflow's
 * own steps are eventually taken. Formally a fair run visits infinitely often the states where
 * the last event was a workflow step or no workflow step is enabled (`progress` below).
 *
 * CTL properties get `progress` as a fairness constraint; LTL properties `A φ` are checked as
 * `A (G F progress -> φ)` and `E φ` as `E (G F progress & φ)`. Safety (reachability)
 * properties are unaffected. docs/specs.md states this for users.
 */
import { type Atom, type AtomBinding, type Formula, type StatePredicate, classify } from '../../logic/index.js';
import type { WorkflowModel } from '../../extract/index.js';

/** The reserved atom (not writable in specs: `#` cannot start a name). */
export const PROGRESS: Atom = { kind: 'atom', name: '#progress', args: [] };

const ENVIRONMENT = new Set(['signal', 'update', 'cancelRequested']);

/** `model.binding` plus the `#progress` atom. */
export function fairBinding(model: WorkflowModel): AtomBinding {
  const env = new Uint8Array(model.system.actionCount);
  for (let a = 0; a < env.length; a++) {
    const e = model.step(a).event;
    env[a] = e !== null && ENVIRONMENT.has(e.kind) ? 1 : 0;
  }
  // The last event was a message: `signaled(s)` / `updated(u)` for the workflow's handlers. (A
  // cancellation request happens at most once per run, so it cannot starve the workflow.)
  const messages = model.ir.handlers
    .filter((h) => h.kind !== 'query')
    .map((h) => model.binding.atom({ kind: 'atom', name: h.kind === 'signal' ? 'signaled' : 'updated', args: [h.name] }));
  const lastWasEnvironment: StatePredicate = (arena, offset) => messages.some((m) => m(arena, offset));
  const progress: StatePredicate = (arena, offset) => {
    if (!lastWasEnvironment(arena, offset)) return true;
    let workflowStep = false;
    model.system.successors(arena, offset, (action) => {
      if (!env[action]) {
        workflowStep = true;
        return true;
      }
      return false;
    });
    return !workflowStep;
  };
  const base = model.binding;
  return {
    tokens: (p) => base.tokens(p),
    fireable: (t) => base.fireable(t),
    deadlock: () => base.deadlock(),
    atom: (a) => (a.name === PROGRESS.name ? progress : base.atom(a)),
    integerAtom: (a) => base.integerAtom(a),
  };
}

/** LTL formulas with the fairness assumption built in; other formulas unchanged. */
export function assumeFairness(f: Formula): Formula {
  const c = classify(f);
  if (c.logic !== 'ltl') return f;
  const quantifier = f.kind === 'path' ? f.quantifier : (c.ltlQuantifier ?? 'A');
  const body = f.kind === 'path' ? f.body : f;
  const gf: Formula = { kind: 'temporal', op: 'G', arg: { kind: 'temporal', op: 'F', arg: PROGRESS } };
  return quantifier === 'A'
    ? { kind: 'path', quantifier: 'A', body: { kind: 'implies', left: gf, right: body } }
    : { kind: 'path', quantifier: 'E', body: { kind: 'and', args: [gf, body] } };
}

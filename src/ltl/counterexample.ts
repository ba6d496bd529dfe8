/**
 * Counterexamples (and witnesses) as lassos of system actions.
 *
 * - From an accepting SCC: the DFS path to the SCC's root, then a cycle from the root back to it
 *   that stays inside the SCC and takes, in turn, the nearest edge (breadth-first) of every
 *   acceptance set. With weak fairness the cycle must also be fair by itself: after building it,
 *   every action enabled in all of its states but never taken on it gets a goal "take it, or
 *   visit a state where it is disabled" and the cycle is rebuilt; the goals only grow and each is
 *   achievable inside a fair SCC, so this ends after at most `actionCount` rounds.
 * - From a universal automaton state: the path there, then any continuation of the system (first
 *   enabled action each time) until a state repeats or a deadlock is reached.
 *
 * Mapping to a core {@link Trace}: `actions` are system action ids; replaying them ends in the
 * state where the cycle starts, `states[loopStart]`. A lasso stuttering at a deadlock (under
 * `'stutter'`) has `loopStart = actions.length`: the final state repeats forever (the stuttering
 * step is not an action). Under `'finite'` a counterexample may be a finite maximal path (no
 * `loopStart`) that ends in a deadlock. Cost: one breadth-first search inside the SCC per goal
 * (O(goals · SCC edges) expansions), only once per check.
 */
import { InternalError, type Trace, type TransitionSystem } from '../core/index.js';
import { STUTTER, type Product } from './product.js';

/** Product-level lasso: `actions[i]` leads from `states[i]` to `states[i+1]` (`STUTTER` at deadlocks). */
interface Walk {
  states: number[];
  actions: number[];
  accs: number[];
}

type Goal = { kind: 'mark'; bit: number } | { kind: 'escape'; action: number } | { kind: 'back'; to: number };

/**
 * A cycle from `root` back to `root` inside the SCC `inScc` whose edges cover every acceptance
 * set and which, with `fair`, is weakly fair on its own. Returns its actions (and states, the
 * sources of its edges).
 */
export function acceptingCycle(product: Product, root: number, inScc: (id: number) => boolean, fair: boolean): { states: number[]; actions: number[] } {
  const goals: Goal[] = [];
  for (let b = 0; b < product.automaton.accCount; b++) goals.push({ kind: 'mark', bit: b });
  for (let round = 0; round <= product.system.actionCount + 1; round++) {
    const cycle: Walk = { states: [], actions: [], accs: [] };
    let cur = root;
    let covered = 0;
    const taken = new Set<number>();
    for (const g of [...goals, { kind: 'back', to: root } as const]) {
      if (g.kind === 'mark' && (covered & (1 << g.bit)) !== 0) continue;
      if (g.kind === 'escape' && taken.has(g.action)) continue;
      const seg = segment(product, cur, inScc, g);
      cycle.states.push(...seg.states.slice(0, -1));
      cycle.actions.push(...seg.actions);
      for (const a of seg.accs) covered |= a;
      for (const a of seg.actions) taken.add(a);
      cur = seg.states[seg.states.length - 1];
    }
    if (!fair) return cycle;
    const unfair = unfairOnCycle(product, cycle.states, taken);
    if (unfair.length === 0) return cycle;
    for (const a of unfair) goals.push({ kind: 'escape', action: a });
  }
  throw new InternalError('LTL: could not build a weakly fair cycle inside a fair SCC');
}

/** Actions enabled in every state of the cycle but never taken on it. */
function unfairOnCycle(product: Product, states: readonly number[], taken: ReadonlySet<number>): number[] {
  const distinct = [...new Set(states)];
  const count = new Map<number, number>();
  for (const u of distinct) {
    product.expand(u);
    for (let k = 0; k < product.enabledCount; k++) count.set(product.enabled[k], (count.get(product.enabled[k]) ?? 0) + 1);
  }
  return [...count.entries()].filter(([a, c]) => c === distinct.length && !taken.has(a)).map(([a]) => a).sort((x, y) => x - y);
}

/**
 * Breadth-first search inside the SCC from `from` to the nearest place satisfying `goal`: an
 * edge carrying the mark, an edge to `to`, or (escape) an edge with the action or a state where
 * it is disabled. The returned walk starts at `from` (`states` has one more entry than `actions`).
 */
function segment(product: Product, from: number, inScc: (id: number) => boolean, goal: Goal): Walk {
  const parent = new Map<number, { prev: number; action: number; acc: number }>();
  const queue = [from];
  const walkTo = (end: number): Walk => {
    const w: Walk = { states: [end], actions: [], accs: [] };
    for (let v = end; v !== from; ) {
      const p = parent.get(v) as { prev: number; action: number; acc: number };
      w.states.push(p.prev);
      w.actions.push(p.action);
      w.accs.push(p.acc);
      v = p.prev;
    }
    w.states.reverse();
    w.actions.reverse();
    w.accs.reverse();
    return w;
  };
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    product.expand(u);
    if (goal.kind === 'escape' && !product.enabled.subarray(0, product.enabledCount).includes(goal.action)) return walkTo(u);
    for (let k = 0; k < product.edgeCount; k++) {
      const v = product.edgeTargets[k];
      if (!inScc(v)) continue;
      const acc = product.edgeAcc[k];
      const action = product.edgeActions[k];
      const hit =
        goal.kind === 'mark' ? (acc & (1 << goal.bit)) !== 0 : goal.kind === 'back' ? v === goal.to : action === goal.action;
      if (hit) {
        const w = walkTo(u);
        w.states.push(v);
        w.actions.push(action);
        w.accs.push(acc);
        return w;
      }
      if (v !== from && !parent.has(v)) {
        parent.set(v, { prev: u, action, acc });
        queue.push(v);
      }
    }
  }
  throw new InternalError(`LTL: no ${goal.kind} edge inside the accepting SCC`);
}

/**
 * A continuation of the system from `start`: the first enabled action each time, until a state
 * repeats (`loopStart` = its position), a deadlock (`'stutter'`: `loopStart = actions.length`;
 * `'finite'`: no `loopStart`) or `maxSteps` actions (no `loopStart`, `open`).
 */
export function continueInSystem(system: TransitionSystem, start: Uint32Array, finite: boolean, maxSteps: number): { actions: number[]; loopStart?: number; open?: boolean } {
  const seen = new Map<string, number>();
  const actions: number[] = [];
  let cur = start;
  for (;;) {
    const key = cur.join(',');
    const at = seen.get(key);
    if (at !== undefined) return { actions, loopStart: at };
    seen.set(key, actions.length);
    if (actions.length >= maxSteps) return { actions, open: true };
    let next: Uint32Array | undefined;
    let action = -1;
    system.successors(cur, 0, (a, succ) => {
      action = a;
      next = succ.slice(0, system.stateWords);
      return true;
    });
    if (next === undefined) return finite ? { actions } : { actions, loopStart: actions.length };
    actions.push(action);
    cur = next;
  }
}

/**
 * The core trace of a product lasso: drops stuttering steps; a cycle made of stuttering steps (a
 * deadlock under `'stutter'`) becomes `loopStart = actions.length`. `loopStart` undefined keeps
 * the trace finite.
 */
export function toTrace(initial: number, actions: readonly number[], loopStart: number | undefined): Trace {
  const sys = actions.filter((a) => a !== STUTTER);
  if (loopStart === undefined) return { initial, actions: sys };
  if (actions.slice(loopStart).includes(STUTTER) || loopStart >= actions.length) return { initial, actions: sys, loopStart: sys.length };
  if (actions.slice(0, loopStart).includes(STUTTER)) throw new InternalError('LTL: a system action follows a stuttering step');
  return { initial, actions: sys, loopStart };
}

/**
 * k-induction strengthened by the state equation (ALGORITHMS.md §5.2): the last k firings of a
 * run are encoded exactly — inhibitor arcs, capacities and the order of firings included — and
 * only the marking they start from is over-approximated by the state equation and trap
 * constraints. This proves unreachability where the plain state equation fails because the
 * spurious solutions need an inhibited last step.
 *
 * For a target φ and a depth k:
 *
 * - **Base(n)**, n < k: M0 →t1 s1 → … →tn sn with φ(sn) (exact firings from the initial marking);
 * - **Step(k)**: s0 = M0 + C·x (x ≥ 0, s0 ≥ 0, every known trap marked), s0 →t1 s1 → … →tk sk
 *   with ¬φ(s0), …, ¬φ(s(k−1)) and φ(sk), every si also marking every known trap.
 *
 * Contract: if Base(0..k−1) and Step(k) are all unsatisfiable, no reachable marking satisfies φ.
 * (Take a shortest run to a φ-marking, of length n. If n < k it solves Base(n). Otherwise its last
 * k+1 markings solve Step(k): the first of them is reachable, so it solves the state equation and
 * marks every initially marked trap, and none but the last satisfies φ.) A satisfiable query
 * proves nothing.
 */
import type { SmtNet } from './net.js';
import { enabledTerm } from './predicate.js';
import { and, int } from './smtlib.js';
import { markingVar, stateEquation } from './state-equation.js';

/** The variable of place `p` in the i-th marking of an unrolling (`s0` is the state equation's). */
export const unrolledMarking = (i: number) => (p: number): string => (i === 0 ? markingVar(p) : `s${i}_${p}`);
/** The variable naming the transition fired in step `i` (1-based). */
const choiceVar = (i: number): string => `c${i}`;

/** How the first marking of an unrolling is constrained. */
export type UnrollingStart = 'initial' | 'state-equation';

/**
 * SMT-LIB declarations and assertions of `steps` exact firings s0 → s1 → … → s(steps) (without
 * `check-sat`). `start` fixes s0 to the initial marking or constrains it by the state equation;
 * `everyMarking(i)` adds assertions about the i-th marking (e.g. trap constraints, ¬φ), and
 * `target` is asserted on the last one.
 */
export function unrolling(net: SmtNet, steps: number, start: UnrollingStart, everyMarking: (i: number) => readonly string[], target: (i: number) => string): string {
  const lines: string[] = [];
  if (start === 'state-equation') lines.push(stateEquation(net));
  else net.places.forEach((place, p) => lines.push(`(declare-const ${markingVar(p)} Int)`, `(assert (= ${markingVar(p)} ${int(place.initial)}))`));
  for (let i = 1; i <= steps; i++) {
    const before = unrolledMarking(i - 1);
    const after = unrolledMarking(i);
    const c = choiceVar(i);
    lines.push(`(declare-const ${c} Int)`, `(assert (and (>= ${c} 0) (< ${c} ${int(net.transitions.length)})))`);
    net.places.forEach((_, p) => lines.push(`(declare-const ${after(p)} Int)`));
    const fired = net.transitions.map((t, ti) => {
      const changed = new Map<number, number>();
      for (const a of t.pre) changed.set(a.place, (changed.get(a.place) ?? 0) - a.weight);
      for (const a of t.post) changed.set(a.place, (changed.get(a.place) ?? 0) + a.weight);
      const update = net.places.map((_, p) => {
        const d = changed.get(p) ?? 0;
        return d === 0 ? `(= ${after(p)} ${before(p)})` : `(= ${after(p)} (+ ${before(p)} ${int(d)}))`;
      });
      return `(=> (= ${c} ${int(ti)}) ${and([enabledTerm(net, ti, before), ...update])})`;
    });
    lines.push(`(assert ${and(fired)})`);
  }
  for (let i = 0; i <= steps; i++) for (const a of everyMarking(i)) lines.push(`(assert ${a})`);
  lines.push(`(assert ${target(steps)})`);
  return lines.join('\n');
}

/** Base(n): a run of exactly `n` firings from the initial marking ends in a φ-marking. */
export function baseQuery(net: SmtNet, n: number, targetAt: (i: number) => string): string {
  return unrolling(net, n, 'initial', () => [], targetAt);
}

/**
 * Step(k): k exact firings from a marking solving the state equation, every marking marking the
 * known traps (`trapsAt(i)`: terms over marking i), only the last one satisfying φ.
 */
export function stepQuery(net: SmtNet, k: number, targetAt: (i: number) => string, trapsAt: (i: number) => readonly string[]): string {
  return unrolling(net, k, 'state-equation', (i) => [...trapsAt(i), ...(i < k ? [`(not ${targetAt(i)})`] : [])], targetAt);
}

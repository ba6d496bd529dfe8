/**
 * Traps for refining the state equation (ALGORITHMS.md §4.2–4.3, SMPT-style).
 *
 * A trap is a set of places Q such that every transition taking a token from Q also puts one
 * into Q (Q• ⊆ •Q). Inhibitor arcs and capacities only disable transitions, so they do not
 * matter. Once a trap holds a token it holds one forever: if M0(Q) > 0 then every reachable
 * marking has Σ_{p∈Q} M(p) ≥ 1, which a spurious state-equation solution may violate.
 */
import type { SmtNet } from './net.js';
import { and, or, sum } from './smtlib.js';
import { markingVar } from './state-equation.js';

const inTrap = (p: number): string => `b${p}`;

/**
 * An SMT-LIB query whose models are the initially marked traps containing no place marked in
 * `candidate` (tokens by place). Reading the values of `b<p>` gives the trap.
 */
export function trapQuery(net: SmtNet, candidate: readonly number[]): string {
  const lines = net.places.map((_, p) => `(declare-const ${inTrap(p)} Bool)`);
  lines.push(`(assert ${or(net.places.flatMap((place, p) => (place.initial > 0 ? [inTrap(p)] : [])))})`);
  const consumers: number[][] = net.places.map(() => []);
  net.transitions.forEach((t, ti) => t.pre.forEach((a) => consumers[a.place].push(ti)));
  net.places.forEach((_, p) => {
    if (candidate[p] > 0) {
      lines.push(`(assert (not ${inTrap(p)}))`);
      return;
    }
    const refill = consumers[p].map((t) => or(net.transitions[t].post.map((a) => inTrap(a.place))));
    if (refill.length > 0) lines.push(`(assert (=> ${inTrap(p)} ${and(refill)}))`);
  });
  lines.push('(check-sat)', `(get-value (${net.places.map((_, p) => inTrap(p)).join(' ')}))`);
  return lines.join('\n');
}

/** Reads the trap of a satisfying model of {@link trapQuery}: the places whose `b<p>` is 1. */
export function trapOfModel(net: SmtNet, values: ReadonlyMap<string, number>): number[] {
  return net.places.flatMap((_, p) => (values.get(inTrap(p)) === 1 ? [p] : []));
}

/** The assertion "trap `q` is marked" over the marking variables of the state equation. */
export function trapMarked(q: readonly number[]): string {
  return `(assert ${trapMarkedTerm(q, markingVar)})`;
}

/** The term "trap `q` holds a token" over the marking named by `marking`. */
export function trapMarkedTerm(q: readonly number[], marking: (p: number) => string): string {
  return `(>= ${sum(q.map(marking))} 1)`;
}

/**
 * Is `q` an initially marked trap of `net` (non-empty, M0(Q) ≥ 1, every transition taking a token
 * from Q puts one into Q)? Checked explicitly on every trap read from a model: a trap constraint
 * that is not one would make the state equation prove too much.
 */
export function isInitiallyMarkedTrap(net: SmtNet, q: readonly number[]): boolean {
  const inQ = new Set(q);
  if (inQ.size === 0 || !q.some((p) => net.places[p].initial > 0)) return false;
  return net.transitions.every((t) => !t.pre.some((a) => inQ.has(a.place)) || t.post.some((a) => inQ.has(a.place)));
}

/** Did the model of a {@link trapQuery} give a value to every place's membership? */
export function trapModelComplete(net: SmtNet, values: ReadonlyMap<string, number>): boolean {
  return net.places.every((_, p) => values.has(inTrap(p)));
}

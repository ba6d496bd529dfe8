/**
 * The Petri net state equation as SMT-LIB assertions (ALGORITHMS.md §4.2–4.3).
 *
 * Every marking M reachable from M0 satisfies M = M0 + C·x for some firing-count vector x ∈ ℕ^T
 * (C = post − pre, the incidence matrix), with M ≥ 0 — and, for a place with a capacity,
 * M(p) ≤ max(capacity, M0(p)). The converse fails (inhibitor arcs, and the order of firings, are
 * ignored), so the solutions over-approximate the reachable markings: an unsatisfiable query
 * proves that no reachable marking has the asked property; a satisfiable one proves nothing.
 */
import { type SmtNet, incidenceByPlace } from './net.js';
import { int, sum, times } from './smtlib.js';

/** The marking variable of place `p`. */
export const markingVar = (p: number): string => `m${p}`;
/** The firing-count variable of transition `t`. */
export const countVar = (t: number): string => `x${t}`;

/** Declarations of `m0…`, `x0…` and the state equation with its bounds, one command per line. */
export function stateEquation(net: SmtNet): string {
  const lines: string[] = [];
  net.places.forEach((_, p) => lines.push(`(declare-const ${markingVar(p)} Int)`));
  net.transitions.forEach((_, t) => lines.push(`(declare-const ${countVar(t)} Int)`, `(assert (>= ${countVar(t)} 0))`));
  incidenceByPlace(net).forEach((row, p) => {
    const place = net.places[p];
    const change = row.map((c) => times(c.delta, countVar(c.transition)));
    lines.push(`(assert (= ${markingVar(p)} ${sum([int(place.initial), ...change])}))`, `(assert (>= ${markingVar(p)} 0))`);
    if (place.capacity !== undefined) lines.push(`(assert (<= ${markingVar(p)} ${int(Math.max(place.capacity, place.initial))}))`);
  });
  return lines.join('\n');
}

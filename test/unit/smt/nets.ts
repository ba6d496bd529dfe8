/** Tiny nets for the SMT unit tests, in the shape src/smt reads, with names p0…, t0…. */
import type { NetNames, SmtNet, SmtTransition } from '../../../src/smt/index.js';

type Arcs = Record<number, number>;
const arcs = (a: Arcs = {}) => Object.entries(a).map(([place, weight]) => ({ place: Number(place), weight }));

export function net(initial: number[], transitions: { pre?: Arcs; post?: Arcs; inhibitors?: Arcs }[]): SmtNet {
  const ts: SmtTransition[] = transitions.map((t) => ({ pre: arcs(t.pre), post: arcs(t.post), inhibitors: arcs(t.inhibitors) }));
  return { places: initial.map((n) => ({ initial: n })), transitions: ts };
}

/** `p<i>` is place i, `t<i>` transition i. */
export const names: NetNames = {
  place: (name) => Number(name.replace(/^p/, '')),
  transition: (name) => Number(name.replace(/^t/, '')),
};

/**
 * Random small P/T nets for property tests (fast-check), shared by the kernel, best-first and
 * other differential tests: 1–5 places, 0–6 transitions, weights 1–3, inhibitor arcs, self-loops,
 * initial marking 0–3, rare capacities; `pumpedNet` adds a token source or a net-positive
 * transition (usually unbounded). Nets are described as plain specs and built with {@link toNet}.
 */
import fc from 'fast-check';
import type { PetriNet, PlaceId, TransitionId } from '../../src/petri/index.js';

/**
 * The naive firing rule, straight from the definitions (weights, inhibitor arcs `m(p) < w`,
 * capacities), written without anything of src/petri: the successor of `m` by `t`, or undefined
 * when `t` is not enabled.
 */
export function fire(net: PetriNet, m: readonly number[], t: number): number[] | undefined {
  const tr = net.transitions[t];
  for (const a of tr.pre) if (m[a.place] < a.weight) return undefined;
  for (const a of tr.inhibitors) if (!(m[a.place] < a.weight)) return undefined;
  const next = [...m];
  for (const a of tr.pre) next[a.place] -= a.weight;
  for (const a of tr.post) next[a.place] += a.weight;
  for (let p = 0; p < next.length; p++) {
    const cap = net.places[p].capacity;
    if (cap !== undefined && next[p] > cap) return undefined;
  }
  return next;
}


export interface ArcSpec {
  place: number;
  weight: number;
}
export interface TransitionSpec {
  pre: ArcSpec[];
  post: ArcSpec[];
  inhibitors: ArcSpec[];
}
export interface NetSpec {
  initial: number[];
  capacity: (number | undefined)[];
  transitions: TransitionSpec[];
}

/** Adds weights of arcs to the same place and sorts by place (the `PetriNet` arc normal form). */
export function merge(...lists: ArcSpec[][]): ArcSpec[] {
  const m = new Map<number, number>();
  for (const l of lists) for (const a of l) m.set(a.place, (m.get(a.place) ?? 0) + a.weight);
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([place, weight]) => ({ place, weight }));
}

export function toNet(spec: NetSpec, id = 'random'): PetriNet {
  return {
    id,
    name: id,
    places: spec.initial.map((initial, i) => ({
      id: `p${i}` as PlaceId,
      name: `p${i}`,
      initial,
      ...(spec.capacity[i] !== undefined ? { capacity: spec.capacity[i] } : {}),
    })),
    transitions: spec.transitions.map((t, i) => ({
      id: `t${i}` as TransitionId,
      name: `t${i}`,
      pre: merge(t.pre),
      post: merge(t.post),
      inhibitors: merge(t.inhibitors),
    })),
  };
}

export const arcs = (P: number, maxWeight = 3, maxLength = P): fc.Arbitrary<ArcSpec[]> =>
  fc.uniqueArray(fc.record({ place: fc.nat(P - 1), weight: fc.integer({ min: 1, max: maxWeight }) }), { selector: (a) => a.place, maxLength });

export const transition = (P: number): fc.Arbitrary<TransitionSpec> =>
  fc
    .record({
      pre: arcs(P),
      post: arcs(P),
      inhibitors: fc.oneof({ weight: 3, arbitrary: fc.constant<ArcSpec[]>([]) }, { weight: 2, arbitrary: arcs(P, 3, 2) }),
      // Self-loops: the same place (and weight) on an input and an output arc.
      loops: fc.oneof({ weight: 3, arbitrary: fc.constant<ArcSpec[]>([]) }, { weight: 1, arbitrary: arcs(P, 3, 2) }),
    })
    .map(({ pre, post, inhibitors, loops }) => ({ pre: merge(pre, loops), post: merge(post, loops), inhibitors }));

/** The general random net: 1–5 places, 0–6 transitions, initial marking 0–3, rare capacities. */
export const generalNet: fc.Arbitrary<NetSpec> = fc.integer({ min: 1, max: 5 }).chain((P) =>
  fc
    .record({
      initial: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: P, maxLength: P }),
      capacity: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { freq: 6, nil: undefined }), { minLength: P, maxLength: P }),
      transitions: fc.array(transition(P), { maxLength: 6 }),
    })
    // A capacity never starts below the initial marking.
    .map((s) => ({ ...s, capacity: s.capacity.map((c, i) => (c === undefined ? undefined : Math.max(c, s.initial[i]))) })),
);

/** Unbounded nets: a general net plus a token source (no input arc) or a net-positive transition. */
export const pumpedNet: fc.Arbitrary<NetSpec> = generalNet.chain((s) =>
  fc
    .record({ place: fc.nat(s.initial.length - 1), weight: fc.integer({ min: 1, max: 3 }), kind: fc.constantFrom('source', 'positive') })
    .map(({ place, weight, kind }) => ({
      initial: kind === 'positive' ? s.initial.map((m, i) => (i === place ? Math.max(m, 1) : m)) : s.initial,
      capacity: s.capacity.map((c, i) => (i === place ? undefined : c)),
      transitions: [
        ...s.transitions,
        kind === 'source'
          ? { pre: [], post: [{ place, weight }], inhibitors: [] }
          : { pre: [{ place, weight: 1 }], post: [{ place, weight: 1 + weight }], inhibitors: [] },
      ],
    })),
);


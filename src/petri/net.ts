/**
 * Place/transition nets with arc weights, inhibitor arcs and optional place capacities.
 *
 * Places and transitions are addressed by dense indices (0-based, in document order of the
 * PNML file); their PNML ids and names are kept for output. Arcs of one kind between the same
 * place and transition are merged (weights added) by every constructor of a net.
 */

/** A PNML identifier of a place (branded so it cannot be mixed up with other strings). */
export type PlaceId = string & { readonly __brand: 'PlaceId' };
/** A PNML identifier of a transition. */
export type TransitionId = string & { readonly __brand: 'TransitionId' };

export interface Place {
  readonly id: PlaceId;
  /** The `<name>` text, or the id when the file gives none. */
  readonly name: string;
  /** Initial tokens (a non-negative integer). */
  readonly initial: number;
  /** Maximum tokens the place may hold; a transition that would exceed it is disabled. */
  readonly capacity?: number;
}

/** A weighted connection to a place, by place index. `weight` is a positive integer. */
export interface Arc {
  readonly place: number;
  readonly weight: number;
}

export interface Transition {
  readonly id: TransitionId;
  readonly name: string;
  /** Input arcs: firing consumes `weight` tokens from each `place`. Sorted by place index. */
  readonly pre: readonly Arc[];
  /** Output arcs: firing produces `weight` tokens in each `place`. Sorted by place index. */
  readonly post: readonly Arc[];
  /** Inhibitor arcs: the transition is enabled only while `m(place) < weight`. Sorted by place. */
  readonly inhibitors: readonly Arc[];
}

export interface PetriNet {
  /** The PNML `<net id>`. */
  readonly id: string;
  /** The net's `<name>` text, or its id. */
  readonly name: string;
  readonly places: readonly Place[];
  readonly transitions: readonly Transition[];
}

/** The initial marking as a fresh array indexed by place. */
export function initialMarking(net: PetriNet): number[] {
  return net.places.map((p) => p.initial);
}

/** Merges arcs to the same place (adding weights) and sorts them by place index. */
export function normaliseArcs(arcs: readonly Arc[]): Arc[] {
  const byPlace = new Map<number, number>();
  for (const a of arcs) byPlace.set(a.place, (byPlace.get(a.place) ?? 0) + a.weight);
  return [...byPlace.entries()].sort((a, b) => a[0] - b[0]).map(([place, weight]) => ({ place, weight }));
}

/** Transitions consuming from / producing into each place (indices, ascending). */
export interface PlaceAdjacency {
  readonly consumers: readonly (readonly number[])[];
  readonly producers: readonly (readonly number[])[];
}

/** Computes, for every place, which transitions take tokens from it and which put tokens in it. */
export function placeAdjacency(net: PetriNet): PlaceAdjacency {
  const consumers: number[][] = net.places.map(() => []);
  const producers: number[][] = net.places.map(() => []);
  net.transitions.forEach((t, ti) => {
    for (const a of t.pre) consumers[a.place].push(ti);
    for (const a of t.post) producers[a.place].push(ti);
  });
  return { consumers, producers };
}

/** Non-zero net change of each place when transition `t` fires (post − pre), sorted by place. */
export function netEffect(net: PetriNet, t: number): { place: number; value: number }[] {
  const eff = new Map<number, number>();
  const tr = net.transitions[t];
  for (const a of tr.pre) eff.set(a.place, (eff.get(a.place) ?? 0) - a.weight);
  for (const a of tr.post) eff.set(a.place, (eff.get(a.place) ?? 0) + a.weight);
  return [...eff.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]).map(([place, value]) => ({ place, value }));
}

/**
 * Looks nodes (places or transitions) up by PNML id first, then by name: a map from both to the
 * node's index, where an id always wins over another node's equal name.
 */
export function indexByIdThenName(nodes: readonly { id: string; name: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!m.has(n.name)) m.set(n.name, i);
  });
  nodes.forEach((n, i) => m.set(n.id, i));
  return m;
}

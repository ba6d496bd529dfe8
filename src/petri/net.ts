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

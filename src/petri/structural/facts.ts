/**
 * Syntactic net classes, with the definitions of the Model Checking Contest (the GENERIC
 * verdicts of its model forms), checked against the MCC oracle in
 * `test/unit/petri/structural-facts.test.ts`.
 *
 * Notation: •t / t• are the input / output places of a transition (pre / post arcs), •p / p•
 * the input / output transitions of a place. Inhibitor arcs and capacities are not part of the
 * P/T structure: `ordinary`, `pureNet` and `conservative` look at pre and post arcs only
 * (inhibitors never move tokens), while the classes whose theorems assume plain P/T nets
 * (`stateMachine`, `markedGraph`, `freeChoice`, `extendedFreeChoice`) are false whenever the net
 * has an inhibitor arc. Runs in O(|P| + |T| + |arcs|) (extended free choice: O(Σ_p |p•|) set
 * comparisons).
 */
import type { PetriNet } from '../net.js';
import { placeAdjacency } from '../net.js';

export interface StructuralFacts {
  /** Every transition consumes as many tokens as it produces: Σ_p pre(p,t) = Σ_p post(p,t). */
  readonly conservative: boolean;
  /** Ordinary, and every transition has exactly one input place and one output place. */
  readonly stateMachine: boolean;
  /** Ordinary, and every place has exactly one input transition and one output transition. */
  readonly markedGraph: boolean;
  /** Ordinary, and every arc p→t has p• = {t} or •t = {p} (simple free choice). */
  readonly freeChoice: boolean;
  /** Ordinary, and transitions sharing an input place have equal presets (extended free choice). */
  readonly extendedFreeChoice: boolean;
  /** No place is both an input and an output place of the same transition (no self-loop). */
  readonly pureNet: boolean;
  /** Every pre and post arc has weight 1. */
  readonly ordinary: boolean;
  /** At least one inhibitor arc. */
  readonly hasInhibitors: boolean;
}

/** Computes the {@link StructuralFacts} of `net`; the net is not modified. */
export function structuralFacts(net: PetriNet): StructuralFacts {
  const ts = net.transitions;
  const hasInhibitors = ts.some((t) => t.inhibitors.length > 0);
  const ordinary = ts.every((t) => t.pre.every((a) => a.weight === 1) && t.post.every((a) => a.weight === 1));
  const sum = (arcs: readonly { weight: number }[]): number => arcs.reduce((s, a) => s + a.weight, 0);
  const conservative = ts.every((t) => sum(t.pre) === sum(t.post));
  const pureNet = ts.every((t) => {
    const inputs = new Set(t.pre.map((a) => a.place));
    return t.post.every((a) => !inputs.has(a.place));
  });
  const plain = ordinary && !hasInhibitors;
  const { consumers, producers } = placeAdjacency(net);
  const stateMachine = plain && ts.every((t) => t.pre.length === 1 && t.post.length === 1);
  const markedGraph = plain && net.places.every((_, p) => consumers[p].length === 1 && producers[p].length === 1);
  const freeChoice =
    plain && ts.every((t) => t.pre.length <= 1 || t.pre.every((a) => consumers[a.place].length === 1));
  const extendedFreeChoice =
    plain &&
    consumers.every((cs) => {
      const first = ts[cs[0]]?.pre;
      return cs.every((c) => samePlaces(ts[c].pre, first));
    });
  return { conservative, stateMachine, markedGraph, freeChoice, extendedFreeChoice, pureNet, ordinary, hasInhibitors };
}

function samePlaces(a: readonly { place: number }[], b: readonly { place: number }[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((x, i) => x.place === b[i].place);
}

/**
 * Infinite paths of unbounded P/T nets found finitely: a *pumpable* path M0 →ρ M →σ M + Δ with
 * Δ ≥ 0 (Karp–Miller's covering argument). P/T firing is monotone, so if σ never touches a place
 * that one of its transitions inhibits or bounds by a capacity unless Δ is 0 there, σ fires again
 * from M + Δ, M + 2Δ, … forever: ρ σ σ σ … is an infinite run, even when no marking repeats.
 *
 * This answers `E G ψ` (and `A F φ` through ¬φ) on nets whose state space is infinite: the search
 * walks ψ-markings depth first and, whenever a successor covers a marking on the current path,
 * asks the caller whether ψ holds on every marking of the pumped segment, M_i + kΔ for all k ≥ 0.
 *
 * Contract: a returned path is a real run of the net (inhibitor arcs and capacities obeyed) along
 * which `onRay` vouched for ψ at every marking of every repetition; `undefined` proves nothing.
 */
import type { PetriNet } from '../net.js';

/** A run ρ·σ^ω: `prefix` then `cycle` repeated forever; each repetition adds `delta`. */
export interface PumpedPath {
  readonly prefix: readonly number[];
  readonly cycle: readonly number[];
  readonly delta: readonly number[];
  /** Markings the search stored. */
  readonly markings: number;
}

export interface PumpingSearch {
  /** ψ at a marking reached by the search (markings failing it are not entered). */
  holds(marking: readonly number[]): boolean;
  /**
   * True only if ψ holds at `marking + k·delta` for every k ≥ 0 (called for each marking of the
   * segment σ; `delta` ≥ 0). Undefined or false rejects the candidate.
   */
  onRay(marking: readonly number[], delta: readonly number[]): boolean | undefined;
  /** Stop after storing this many markings (default 200,000). */
  readonly maxMarkings?: number;
  /** Stop at this wall-clock time (ms since the epoch). */
  readonly deadline?: number;
  /** Paths are not extended beyond this depth (default 5,000). */
  readonly maxDepth?: number;
}

/** How many markings back on the path a covered ancestor is looked for. */
const ANCESTORS = 1_000;

interface Frame {
  readonly marking: readonly number[];
  /** The transition fired to reach this marking (−1 for M0). */
  readonly via: number;
  next: number;
}

/** Depth-first search for a pumpable run of ψ-markings from the initial marking of `net`. */
export function findPumpedPath(net: PetriNet, o: PumpingSearch): PumpedPath | undefined {
  const initial = net.places.map((p) => p.initial);
  if (!o.holds(initial)) return undefined;
  const maxMarkings = o.maxMarkings ?? 200_000;
  const maxDepth = o.maxDepth ?? 5_000;
  const seen = new Set<string>([initial.join(',')]);
  const stack: Frame[] = [{ marking: initial, via: -1, next: 0 }];
  let steps = 0;
  while (stack.length > 0) {
    if ((++steps & 1023) === 0 && o.deadline !== undefined && Date.now() > o.deadline) return undefined;
    const top = stack[stack.length - 1];
    if (top.next >= net.transitions.length || stack.length > maxDepth) {
      stack.pop();
      continue;
    }
    const t = top.next++;
    const successor = fire(net, top.marking, t);
    if (!successor || !o.holds(successor)) continue;
    const found = pumpAt(net, stack, t, successor, o);
    if (found) return { ...found, markings: seen.size };
    const key = successor.join(',');
    if (seen.has(key)) continue;
    if (seen.size >= maxMarkings) return undefined;
    seen.add(key);
    stack.push({ marking: successor, via: t, next: 0 });
  }
  return undefined;
}

/** The marking after firing `t` in `m`, or undefined if `t` is not enabled there. */
function fire(net: PetriNet, m: readonly number[], t: number): number[] | undefined {
  const tr = net.transitions[t];
  for (const a of tr.pre) if (m[a.place] < a.weight) return undefined;
  for (const a of tr.inhibitors) if (m[a.place] >= a.weight) return undefined;
  const next = m.slice();
  for (const a of tr.pre) next[a.place] -= a.weight;
  for (const a of tr.post) next[a.place] += a.weight;
  for (const a of tr.post) {
    const capacity = net.places[a.place].capacity;
    if (capacity !== undefined && next[a.place] > capacity && next[a.place] > m[a.place]) return undefined;
  }
  return next;
}

/**
 * Whether `successor` (reached by `t` from the top of `stack`) covers a marking on the path
 * such that the segment in between pumps with ψ on every ray; the nearest such ancestor wins.
 */
function pumpAt(net: PetriNet, stack: readonly Frame[], t: number, successor: readonly number[], o: PumpingSearch): Omit<PumpedPath, 'markings'> | undefined {
  for (let j = stack.length - 1; j >= Math.max(0, stack.length - ANCESTORS); j--) {
    const start = stack[j].marking;
    if (!start.every((v, p) => successor[p] >= v)) continue;
    const delta = successor.map((v, p) => v - start[p]);
    const cycle = [...stack.slice(j + 1).map((f) => f.via), t];
    if (!repeatable(net, cycle, delta)) continue;
    if (!stack.slice(j).every((f) => o.onRay(f.marking, delta) === true)) continue;
    return { prefix: stack.slice(1, j + 1).map((f) => f.via), cycle, delta };
  }
  return undefined;
}

/** σ fires again after adding Δ: Δ is 0 on every place a transition of σ inhibits or caps. */
function repeatable(net: PetriNet, cycle: readonly number[], delta: readonly number[]): boolean {
  for (const t of new Set(cycle)) {
    const tr = net.transitions[t];
    if (tr.inhibitors.some((a) => delta[a.place] !== 0)) return false;
    if (tr.post.some((a) => net.places[a.place].capacity !== undefined && delta[a.place] !== 0)) return false;
  }
  return true;
}

/**
 * Turning a solution of the state equation into a real firing sequence (the realisation step of
 * Sara, Wimmel & Wolf; ALGORITHMS.md §4.2).
 *
 * A solution x of M = M0 + C·x is only a candidate: it counts firings without an order. A
 * depth-first search over the firing rule of {@link SmtNet} (inhibitor arcs and capacities
 * included) looks for an order that fires every transition t exactly x(t) times. States of the
 * search are the remaining counts (the marking follows from them), each visited once.
 *
 * Contract: a returned sequence is fireable from M0 and ends in M0 + C·x; `undefined` means no
 * order was found within the budget or the sequence would be longer than
 * {@link MAX_REALISED_LENGTH} (not that none exists).
 */
import { type SmtNet, isEnabled } from './net.js';

/** Longer sequences are not searched (the search recurses once per firing). */
export const MAX_REALISED_LENGTH = 5_000;

/** Fires every transition `counts[t]` times in some order, or gives up after `maxNodes` states. */
export function realiseCounts(net: SmtNet, counts: readonly number[], maxNodes = 100_000): number[] | undefined {
  const marking = net.places.map((p) => p.initial);
  const remaining = [...counts];
  let left = remaining.reduce((a, b) => a + b, 0);
  if (left > MAX_REALISED_LENGTH) return undefined;
  const seen = new Set<string>();
  const sequence: number[] = [];
  const enabled = (t: number): boolean => isEnabled(net, marking, t);
  const fire = (t: number, sign: 1 | -1): void => {
    const tr = net.transitions[t];
    for (const a of tr.pre) marking[a.place] -= sign * a.weight;
    for (const a of tr.post) marking[a.place] += sign * a.weight;
    remaining[t] -= sign;
    left -= sign;
  };
  const search = (): boolean => {
    if (left === 0) return true;
    const key = remaining.join(',');
    if (seen.has(key) || seen.size >= maxNodes) return false;
    seen.add(key);
    for (let t = 0; t < remaining.length; t++) {
      if (remaining[t] === 0 || !enabled(t)) continue;
      fire(t, 1);
      sequence.push(t);
      if (search()) return true;
      sequence.pop();
      fire(t, -1);
    }
    return false;
  };
  return search() ? sequence : undefined;
}

/**
 * Liveness (MCC "Liveness", L4): every transition can fire again from every reachable marking.
 *
 * On a finite reachability graph, `t` is live iff every bottom strongly connected component
 * contains an edge labelled `t`: every marking reaches some bottom component, from which it can
 * never leave, and inside a bottom component every edge is reachable from every marking.
 * O(states + edges). The witness of a non-live transition is a shortest path into a bottom
 * component where it never fires.
 */
import { type Exploration, StateGraph, bottomComponents, stronglyConnectedComponents, traceTo } from '../../core/index.js';
import type { GlobalAnswer } from './examinations.js';

export function liveness(x: Exploration, transitionName: (t: number) => string): GlobalAnswer {
  const g = StateGraph.fromExploration(x);
  const T = x.system.actionCount;
  if (T === 0) return { examination: 'Liveness', answer: true, explanation: 'the net has no transitions' };
  const scc = stronglyConnectedComponents(g);
  const bottom = bottomComponents(g, scc);
  // Group the states of bottom components, component by component (counting sort).
  const { component } = scc;
  const start = new Int32Array(scc.count + 1);
  for (let s = 0; s < g.stateCount; s++) if (bottom[component[s]] === 1) start[component[s] + 1]++;
  for (let c = 0; c < scc.count; c++) start[c + 1] += start[c];
  const members = new Int32Array(start[scc.count]);
  const fill = start.slice(0, scc.count);
  for (let s = 0; s < g.stateCount; s++) if (bottom[component[s]] === 1) members[fill[component[s]]++] = s;
  // For each bottom component, stamp the transitions firing inside it.
  const stamp = new Int32Array(T).fill(-1);
  for (let c = 0; c < scc.count; c++) {
    if (bottom[c] === 0) continue;
    let seen = 0;
    for (let k = start[c]; k < start[c + 1] && seen < T; k++) {
      const s = members[k];
      for (let e = g.succOffsets[s]; e < g.succOffsets[s + 1]; e++) {
        const t = g.succActions[e];
        if (stamp[t] !== c) {
          stamp[t] = c;
          seen++;
        }
      }
    }
    if (seen < T) {
      const t = stamp.findIndex((v) => v !== c);
      const witness = minBy(members.subarray(start[c], start[c + 1]));
      return {
        examination: 'Liveness',
        answer: false,
        trace: traceTo(x, witness),
        explanation: `transition ${transitionName(t)} can never fire again after the trace`,
      };
    }
  }
  return { examination: 'Liveness', answer: true, explanation: 'every transition fires in every bottom component' };
}

/** The smallest id: states are numbered in BFS order, so it is the one closest to the start. */
function minBy(ids: Int32Array): number {
  let m = ids[0];
  for (let i = 1; i < ids.length; i++) if (ids[i] < m) m = ids[i];
  return m;
}

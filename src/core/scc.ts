/**
 * Strongly connected components of a {@link StateGraph}: an iterative Tarjan (no recursion, so
 * millions of states do not overflow the stack). O(states + edges) time, 4 int arrays of memory.
 */
import type { StateGraph } from './graph.js';

export interface SccDecomposition {
  /** Component id of each state. Components are numbered in reverse topological order:
   *  a component's successors have smaller ids, so component 0 is a bottom component. */
  readonly component: Int32Array;
  readonly count: number;
}

/** Computes the SCCs of `g`, optionally restricted to states where `within(s)` holds. */
export function stronglyConnectedComponents(g: StateGraph, within?: (s: number) => boolean): SccDecomposition {
  const n = g.stateCount;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callStack = new Int32Array(n);
  const edgeCursor = new Int32Array(n);
  const { succOffsets, succTargets } = g;
  let sp = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || (within !== undefined && !within(root))) continue;
    let csp = 0;
    callStack[csp++] = root;
    index[root] = low[root] = counter++;
    edgeCursor[root] = succOffsets[root];
    stack[sp++] = root;
    while (csp > 0) {
      const v = callStack[csp - 1];
      const e = edgeCursor[v];
      if (e < succOffsets[v + 1]) {
        edgeCursor[v] = e + 1;
        const w = succTargets[e];
        if (within !== undefined && !within(w)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          edgeCursor[w] = succOffsets[w];
          stack[sp++] = w;
          callStack[csp++] = w;
        } else if (component[w] === -1 && index[w] < low[v]) {
          low[v] = index[w];
        }
        continue;
      }
      csp--;
      if (csp > 0) {
        const parent = callStack[csp - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp];
          component[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { component, count };
}

/**
 * Marks the bottom (terminal) components: those with no edge leaving them.
 * Returns a boolean per component id.
 */
export function bottomComponents(g: StateGraph, scc: SccDecomposition): Uint8Array {
  const bottom = new Uint8Array(scc.count).fill(1);
  const { component } = scc;
  for (let s = 0; s < g.stateCount; s++) {
    const c = component[s];
    if (c < 0) continue;
    for (let e = g.succOffsets[s]; e < g.succOffsets[s + 1]; e++) {
      if (component[g.succTargets[e]] !== c) {
        bottom[c] = 0;
        break;
      }
    }
  }
  return bottom;
}

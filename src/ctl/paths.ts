/**
 * Path construction for evidence: multi-source shortest paths (BFS with parent edges) and lassos
 * inside the fair cores of an `EG` analysis. Every path returned follows real edges of the graph;
 * actions are read from `graph.succActions` of the edge taken. O(states + edges) per search.
 */
import type { StateGraph } from '../core/index.js';
import type { Bits } from './bitset.js';
import type { GloballyAnalysis } from './fixpoints.js';

/** A path of the graph; see `CtlEvidence` for the meaning of `actions` and `loopStart`. */
export interface GraphPath {
  states: number[];
  actions: number[];
  loopStart?: number;
}

export interface SearchOptions {
  /** Only states in this set are entered (sources are not checked). */
  readonly within?: Bits;
  /** Only states in this set are left (targets end the search before this check). */
  readonly via?: Bits;
  /** Require at least one edge (default 0: a source that is a target is a path of length 0). */
  readonly minSteps?: 0 | 1;
}

/**
 * A shortest path from any of `sources` to a state where `isTarget` holds, or undefined.
 * Ties are broken by source order, then by edge order.
 */
export function shortestPath(g: StateGraph, sources: readonly number[], isTarget: (s: number) => boolean, options: SearchOptions = {}): GraphPath | undefined {
  const n = g.stateCount;
  const { within, via } = options;
  const { succOffsets: off, succTargets: tg, succActions: act } = g;
  const parent = new Int32Array(n);
  const parentEdge = new Int32Array(n);
  const depth = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let tail = 0;
  const enter = (from: number, e: number, d: number): number => {
    const v = tg[e];
    if (depth[v] !== -1 || (within !== undefined && within[v] === 0)) return -1;
    depth[v] = d;
    parent[v] = from;
    parentEdge[v] = e;
    queue[tail++] = v;
    return v;
  };
  const build = (t: number): GraphPath => {
    const d = depth[t];
    // Typed buffers, then plain arrays: `new Array(n)` for large n would make a slow dictionary array.
    const states = new Int32Array(d + 1);
    const actions = new Int32Array(d);
    let cur = t;
    states[d] = t;
    for (let k = d - 1; k >= 0; k--) {
      actions[k] = act[parentEdge[cur]];
      cur = parent[cur];
      states[k] = cur;
    }
    return { states: Array.from(states), actions: Array.from(actions) };
  };
  for (const s of sources) {
    if (options.minSteps === 1) {
      for (let e = off[s]; e < off[s + 1]; e++) {
        const v = enter(s, e, 1);
        if (v >= 0 && isTarget(v)) return build(v);
      }
    } else if (depth[s] === -1) {
      depth[s] = 0;
      queue[tail++] = s;
      if (isTarget(s)) return build(s);
    }
  }
  for (let head = 0; head < tail; head++) {
    const u = queue[head];
    if (via !== undefined && via[u] === 0) continue;
    for (let e = off[u]; e < off[u + 1]; e++) {
      const v = enter(u, e, depth[u] + 1);
      if (v >= 0 && isTarget(v)) return build(v);
    }
  }
  return undefined;
}

/** Appends `tail` (whose first state is the last state of `path`) to `path`. */
function extend(path: GraphPath, tail: GraphPath): void {
  for (let i = 1; i < tail.states.length; i++) path.states.push(tail.states[i]);
  for (const a of tail.actions) path.actions.push(a);
}

/**
 * A path from one of `sources` (all in `analysis.sat`) that stays inside `analysis.sat` and is
 * either a lasso whose cycle lies in one fair core component and visits every fairness set, or a
 * finite path ending in a core deadlock. Undefined only if no source is in `analysis.sat`.
 */
export function lassoPath(g: StateGraph, sources: readonly number[], analysis: GloballyAnalysis, fairness: readonly Bits[]): GraphPath | undefined {
  const { sat, core, component } = analysis;
  const prefix = shortestPath(g, sources.filter((s) => sat[s] === 1), (s) => core[s] === 1, { within: sat });
  if (prefix === undefined) return undefined;
  const c = prefix.states[prefix.states.length - 1];
  if (g.outDegree(c) === 0) return prefix;
  const comp = component[c];
  const inC = new Uint8Array(g.stateCount);
  for (let s = 0; s < g.stateCount; s++) if (component[s] === comp) inC[s] = 1;
  const cycle: GraphPath = { states: [c], actions: [] };
  for (const f of fairness) {
    const cur = cycle.states[cycle.states.length - 1];
    const seg = shortestPath(g, [cur], (s) => f[s] === 1, { within: inC });
    if (seg === undefined) return undefined; // unreachable: the component meets every fairness set
    extend(cycle, seg);
  }
  const cur = cycle.states[cycle.states.length - 1];
  const back = shortestPath(g, [cur], (s) => s === c, { within: inC, minSteps: cycle.actions.length === 0 ? 1 : 0 });
  if (back === undefined) return undefined; // unreachable: the component is strongly connected and cyclic
  extend(cycle, back);
  // cycle.states ends with c again: drop it, the closing action stays.
  cycle.states.pop();
  const loopStart = prefix.states.length - 1;
  extend(prefix, cycle);
  return { ...prefix, loopStart };
}

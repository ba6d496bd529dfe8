/**
 * Which handler bodies run atomically. A body is atomic when, from its entry, only local edges
 * (assignments, choices, registrations, compensation pushes — no waiting, no fork) are met
 * before the thread ends or reaches a workflow end, with no cycle. Its behaviours are then the
 * finitely many paths through it, each delivered as one step.
 */
import type { ProcessGraph } from './graph.js';

/** Thread edges leaving each location (edge ids in id order). */
export function edgesFrom(g: ProcessGraph): number[][] {
  const out: number[][] = g.locations.map(() => []);
  for (const e of g.edges) if (e.from !== null) out[e.from].push(e.id);
  return out;
}

/**
 * The paths (edge id sequences) of the handler's body from its entry, or null when the body is
 * not atomic or has more than `limit` paths.
 */
export function atomicPaths(g: ProcessGraph, handler: number, from: readonly (readonly number[])[], limit: number): number[][] | null {
  const entry = g.handlers[handler].entry.loc;
  const paths: number[][] = [];
  const onPath = new Set<number>();
  const walk = (loc: number | null, path: number[]): boolean => {
    if (loc === null || g.locations[loc].role === 'end') {
      paths.push(path);
      return paths.length <= limit;
    }
    const out = from[loc];
    if (out.length === 0 || onPath.has(loc)) return false;
    onPath.add(loc);
    for (const id of out) {
      const e = g.edges[id];
      if (!e.local || e.to === null || !walk(e.to.loc, [...path, id])) return false;
    }
    onPath.delete(loc);
    return true;
  };
  return walk(entry, []) ? paths : null;
}

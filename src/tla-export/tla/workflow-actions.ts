/**
 * The actions of a workflow model, as wfverify's action table has them (src/extract/lower/
 * actions.ts), but with split writes kept as one action (`\E v \in Domain`, see workflow-step.ts):
 * one action per process-graph edge, except that the body of a handler that runs atomically
 * (atomic.ts: only local edges, no cycle, at most `maxAtomicPaths` instances) is not an action of
 * its own but part of one action per path through it, together with the delivery ("macros").
 */
import { type Edge, type ProcessGraph, type WorkflowIR, atomicPaths, edgesFrom } from '../../extract/index.js';
import { varValues } from './values.js';

export interface ActionPlan {
  /** The edges executed in order (a delivery followed by its atomic path, or one edge). */
  readonly edges: readonly Edge[];
  /** The location it fires from (thread edges), or null (deliveries, cancellation). */
  readonly from: number | null;
  /** A join: reads other threads' locations, urgent (system.ts). */
  readonly urgent: boolean;
  /** Index of the path when a delivery has several, else null. */
  readonly path: number | null;
}

export function planActions(g: ProcessGraph, ir: WorkflowIR, maxAtomicPaths: number): ActionPlan[] {
  const from = edgesFrom(g);
  const instances = (e: Edge): number => e.writes.filter((w) => w.split).reduce((n, w) => n * varValues(ir.vars[w.var]).length, 1);
  const atomicSlots = new Set<number>();
  const macros = new Map<number, number[][]>();
  g.handlers.forEach((h, i) => {
    const paths = atomicPaths(g, i, from, maxAtomicPaths);
    if (paths === null) return;
    const count = instances(g.edges[h.deliver]) * paths.reduce((n, p) => n + p.reduce((m, id) => m * instances(g.edges[id]), 1), 0);
    if (count > maxAtomicPaths) return;
    atomicSlots.add(h.slot);
    macros.set(h.deliver, paths);
  });
  const plans: ActionPlan[] = [];
  for (const e of g.edges) {
    if (e.kind === 'thread' && atomicSlots.has(e.slot) && e.from !== null && g.locations[e.from].role !== 'end') continue;
    const paths = macros.get(e.id);
    const urgent = e.from !== null && e.guards.some((q) => q.kind === 'at' || q.kind === 'inactive');
    if (paths === undefined) {
      plans.push({ edges: [e], from: e.from, urgent, path: null });
      continue;
    }
    paths.forEach((p, k) => plans.push({ edges: [e, ...p.map((id) => g.edges[id])], from: null, urgent: false, path: paths.length > 1 ? k + 1 : null }));
  }
  return plans;
}

/**
 * The action table of a workflow system: every process-graph edge expanded into deterministic
 * instances (one per combination of values of its split writes), plus one atomic step per path
 * and value choice of each atomic handler delivery. Action ids are dense, in edge order.
 *
 * Labels are the edge's label with the chosen values (`completed(check) [ok=true] @ wf.ts:9`);
 * a label that would repeat (a finally block compiled twice) gets ` #2`, ` #3` …
 */
import { InternalError } from '../../core/index.js';
import { atomicPaths, edgesFrom } from './atomic.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { VarCodec } from './domains.js';
import type { EventTable } from './events.js';
import type { Edge, ProcessGraph } from './graph.js';
import type { Op, OpCompiler } from './ops.js';
import type { WorkflowStep } from './types.js';

export interface ActionDef {
  readonly ops: readonly Op[];
  readonly step: WorkflowStep;
  /** Index of the step's event in the event table (0 = none). */
  readonly event: number;
  /** Thread edges: the location it fires from; else null. */
  readonly from: number | null;
  /** The edges it is made of. */
  readonly edges: readonly number[];
}

export interface ActionTable {
  readonly actions: readonly ActionDef[];
  /** Actions firing from each location, ascending. */
  readonly byLocation: readonly (readonly number[])[];
  /** Actions of the environment (deliveries, cancellation), ascending. */
  readonly environment: readonly number[];
  /** Handler index → is its body delivered atomically? */
  readonly atomic: readonly boolean[];
}

/** All tuples of codes `0 … sizes[i]-1`, in lexicographic order. */
function tuples(sizes: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of sizes) out = out.flatMap((t) => Array.from({ length: n }, (_, c) => [...t, c]));
  return out;
}

function detail(label: string, extra: string): string {
  if (extra === '') return label;
  const at = label.lastIndexOf(' @ ');
  return at < 0 ? `${label} ${extra}` : `${label.slice(0, at)} ${extra}${label.slice(at)}`;
}

export function buildActions(
  g: ProcessGraph, ops: OpCompiler, codecs: readonly VarCodec[], events: EventTable, diagnostics: DiagnosticSink, maxAtomic: number,
): ActionTable {
  const from = edgesFrom(g);
  const splitSizes = (e: Edge): number[] => e.writes.filter((w) => w.split).map((w) => codecs[w.var].size);
  const splitText = (e: Edge, t: readonly number[]): string => {
    const ws = e.writes.filter((w) => w.split);
    return ws.length === 0 ? '' : `[${ws.map((w, i) => `${codecs[w.var].decl.name}=${codecs[w.var].format(t[i])}`).join(', ')}]`;
  };
  const atomic: boolean[] = [];
  const atomicSlots = new Set<number>();
  const macros = new Map<number, number[][]>();
  g.handlers.forEach((h, i) => {
    const paths = atomicPaths(g, i, from, maxAtomic);
    const deliver = g.edges[h.deliver];
    const instances = (e: Edge): number => splitSizes(e).reduce((n, k) => n * k, 1);
    const count = paths === null ? Infinity
      : instances(deliver) * paths.reduce((n, p) => n + p.reduce((m, id) => m * instances(g.edges[id]), 1), 0);
    if (paths !== null && count <= maxAtomic) {
      atomic.push(true);
      atomicSlots.add(h.slot);
      macros.set(h.deliver, paths);
    } else {
      atomic.push(false);
      diagnostics.report('WFV3201', 'note', deliver.span,
        `the ${h.kind} handler '${h.name}' waits (or is too large to run in one step); the model runs one invocation at a time: a new ${h.kind} is only accepted when the previous invocation has finished`, `slotted:${i}`);
    }
  });

  const actions: ActionDef[] = [];
  const add = (parts: { edge: Edge; values: number[] }[], from: number | null): void => {
    const first = parts[0].edge;
    const label = parts.map((p) => detail(p.edge.label, splitText(p.edge, p.values))).join('; ');
    const eventful = parts.filter((p) => p.edge.event !== null);
    if (eventful.length > 1) throw new InternalError(`an atomic step would carry ${eventful.length} events`);
    const event = eventful.length === 1 ? eventful[0].edge.event : null;
    actions.push({
      ops: parts.flatMap((p) => ops.edge(p.edge, p.values)),
      step: { label, event, span: first.span, stmt: first.stmt },
      event: events.add(event),
      from,
      edges: parts.map((p) => p.edge.id),
    });
  };
  for (const e of g.edges) {
    if (e.kind === 'thread' && atomicSlots.has(e.slot) && e.from !== null && g.locations[e.from].role !== 'end') continue;
    const paths = macros.get(e.id);
    for (const t of tuples(splitSizes(e))) {
      if (paths === undefined) {
        add([{ edge: e, values: t }], e.from);
        continue;
      }
      for (const p of paths) {
        const inner = p.map((id) => tuples(splitSizes(g.edges[id])).map((values) => ({ edge: g.edges[id], values })));
        let combos: { edge: Edge; values: number[] }[][] = [[{ edge: e, values: t }]];
        for (const choices of inner) combos = combos.flatMap((c) => choices.map((x) => [...c, x]));
        for (const c of combos) add(c, null);
      }
    }
  }

  const seen = new Map<string, number>();
  const unique = actions.map((a) => {
    const n = (seen.get(a.step.label) ?? 0) + 1;
    seen.set(a.step.label, n);
    return n === 1 ? a : { ...a, step: { ...a.step, label: `${a.step.label} #${n}` } };
  });
  const byLocation: number[][] = g.locations.map(() => []);
  const environment: number[] = [];
  unique.forEach((a, id) => (a.from === null ? environment.push(id) : byLocation[a.from].push(id)));
  return { actions: unique, byLocation, environment, atomic };
}

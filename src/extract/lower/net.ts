/**
 * `lowerToNet`: the classical workflow net of a workflow's control flow (for `wfverify extract
 * --format pnml|dot` and the exports). Place `i` starts the workflow, place `o` is marked when it
 * ends (completed, failed, cancelled or continued as new), place `taskFailed` when its workflow
 * task fails for ever (an error that is no Temporal failure: the run never ends); one place per control location, one
 * labelled transition per process-graph edge, plus internal transitions (`start`, and the
 * "settle" transitions that let a join read "this branch has some outcome").
 *
 * Data is ignored, so guards become free choices (a guard on constants only is decided). The net over-approximates the transition
 * system (docs/workflow-model.md lists where, each reported as a diagnostic):
 * - abandoned parallel branches keep running (their tokens are not removed);
 * - compensation lists are not tracked: a run may execute registered compensations in any
 *   order, any number of times;
 * - a patch's choice is not fixed per run.
 * Handler registrations (places `unregistered`/`registered`, one `idle` token per registered
 * handler) and the cancellation request (`notCancelled`/`cancelled`) are exact, but their tokens
 * stay when the workflow ends, so such nets never complete properly.
 * When something may end the workflow while other threads run (handlers, branches,
 * cancellation), a `running` place is read by every transition and consumed by the ending ones,
 * so nothing happens after the end.
 *
 * Locations not reachable from `i` (code after a `return`, unused end locations) are pruned.
 */
import { normaliseArcs, type Arc, type PetriNet, type PlaceId, type TransitionId } from '../../petri/index.js';
import type { Diagnostic, Expr, WorkflowIR } from '../ir.js';
import { compileWorkflow } from './compile.js';
import { walkStatements } from './compile-saga.js';
import { type DiagnosticSink, where } from './diagnostics.js';
import { possibleValues } from './expr.js';
import type { Edge, ProcessGraph } from './graph.js';
import { DEFAULT_MAX_COMPENSATIONS } from './defaults.js';
import type { WorkflowStep } from './types.js';
import { truthy } from './values.js';

interface RawTransition {
  name: string;
  pre: number[];
  post: number[];
  step: WorkflowStep;
}

class NetBuilder {
  readonly places: { id: string; name: string }[] = [];
  readonly transitions: RawTransition[] = [];
  private readonly byKey = new Map<string, number>();

  place(key: string, name: string): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.places.push({ id: key, name });
    this.byKey.set(key, this.places.length - 1);
    return this.places.length - 1;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }
}

export function lowerToNet(ir: WorkflowIR): { net: PetriNet; transitionSteps: readonly WorkflowStep[]; diagnostics: readonly Diagnostic[] } {
  const { graph: g, builder } = compileWorkflow(ir, DEFAULT_MAX_COMPENSATIONS);
  const diags = builder.diagnostics;
  const nb = new NetBuilder();
  const i = nb.place('i', 'i');
  const o = nb.place('o', 'o');
  // marked when a workflow task fails for ever (no proper end: the net is not sound)
  const taskFailed = (): number => nb.place('taskFailed', 'workflow task failing');
  const needsRunning = g.slots.length > 1 || g.cancellable;
  const running = needsRunning ? nb.place('running', 'running') : -1;
  const cancelWaits = g.edges.some((e) => e.guards.some((x) => x.kind === 'cancelRequested' && x.value));
  const notCancelled = g.cancellable ? nb.place('notCancelled', 'cancellation not requested') : -1;
  const cancelled = g.cancellable && cancelWaits ? nb.place('cancelled', 'cancellation requested') : -1;
  const loc = (l: number): number => {
    const x = g.locations[l];
    const slot = g.slots[x.slot];
    return nb.place(`p${l}`, `${slot.title}: ${x.what}${x.span ? ` (${where(x.span)})` : ''}`);
  };
  const handlerOfSlot = new Map(g.handlers.map((h, k) => [h.slot, k]));
  const registered = (h: number): number => nb.place(`registered${h}`, `${g.handlers[h].kind} ${g.handlers[h].name} registered`);
  const unregistered = (h: number): number => nb.place(`unregistered${h}`, `${g.handlers[h].kind} ${g.handlers[h].name} not registered`);
  const idle = (h: number): number => nb.place(`idle${h}`, `${g.handlers[h].kind} ${g.handlers[h].name} idle`);
  const settle = (slot: number, locs: readonly number[]): number => {
    const key = `settled${slot}_${locs.join('_')}`;
    const known = nb.has(key);
    const p = nb.place(key, `${g.slots[slot].title}: has an outcome`);
    if (!known) {
      for (const l of locs) {
        const rd = running >= 0 ? [running] : [];
        nb.transitions.push({ name: `settle ${g.slots[slot].title}`, pre: [loc(l), ...rd], post: [p, ...rd], step: internal(ir, `settle ${g.slots[slot].title}`) });
      }
    }
    return p;
  };

  nb.transitions.push({
    name: 'start', pre: [i],
    post: [loc(g.mainEntry), ...(running >= 0 ? [running] : []), ...(notCancelled >= 0 ? [notCancelled] : []), ...g.handlers.map((_, h) => unregistered(h))],
    step: internal(ir, 'start'),
  });
  for (const e of g.edges) nb.transitions.push(...edgeTransitions(e));

  /** The transition of an edge; a registration becomes two (first time, already registered). */
  function edgeTransitions(e: Edge): RawTransition[] {
    if (e.guards.some((x) => x.kind === 'test' && neverHolds(x.expr, x.want))) return [];
    const t = edgeTransition(e);
    const reg = e.effects.find((x) => x.kind === 'register');
    if (reg === undefined || reg.kind !== 'register') return [t];
    const h = reg.handler;
    return [
      { ...t, pre: [...t.pre, unregistered(h)], post: [...t.post, registered(h), idle(h)] },
      { ...t, pre: [...t.pre, registered(h)], post: [...t.post, registered(h)] },
    ];
  }

  function edgeTransition(e: Edge): RawTransition {
    const pre: number[] = [];
    const post: number[] = [];
    if (e.from !== null) pre.push(loc(e.from));
    for (const x of e.guards) {
      switch (x.kind) {
        case 'at': pre.push(x.locs.length === 1 ? loc(x.locs[0]) : settle(x.slot, x.locs)); break;
        case 'inactive': {
          const h = handlerOfSlot.get(x.slot);
          if (h !== undefined) pre.push(idle(h));
          break;
        }
        case 'registered': pre.push(registered(x.handler)); post.push(registered(x.handler)); break;
        case 'cancelRequested':
          if (x.value) {
            pre.push(cancelled);
            post.push(cancelled);
          } else pre.push(notCancelled);
          break;
        default: break; // data, patches, compensation lists: free choice
      }
    }
    let terminates = false;
    for (const x of e.effects) {
      switch (x.kind) {
        case 'fork': post.push(loc(x.entry)); break;
        case 'terminate': terminates = true; post.push(x.status === 'taskFailed' ? taskFailed() : o); break;
        case 'requestCancel': if (cancelled >= 0) post.push(cancelled); break;
        default: break; // abandon (tokens stay), patches, compensation lists
      }
    }
    if (e.to !== null) {
      if (e.to.loc !== null) post.push(loc(e.to.loc));
      else if (!terminates) {
        const h = handlerOfSlot.get(e.slot);
        if (h !== undefined) post.push(idle(h));
      }
    }
    if (running >= 0) {
      pre.push(running);
      if (!terminates) post.push(running);
    }
    return { name: e.label, pre, post, step: { label: e.label, event: e.event, span: e.span, stmt: e.stmt } };
  }

  reportOverApproximations(ir, g, diags);
  return { ...prune(ir, nb), diagnostics: diags.sorted() };
}

/** Is the test statically decided against `want` (a constant expression)? */
function neverHolds(e: Expr, want: boolean): boolean {
  const values = possibleValues(e, new Map());
  return values !== 'wide' && values.every((v) => truthy(v) !== want);
}

function internal(ir: WorkflowIR, label: string): WorkflowStep {
  return { label, event: null, span: ir.span, stmt: 'workflow' };
}

/** Keeps what is structurally reachable from `i`, numbers it, names transitions uniquely. */
function prune(ir: WorkflowIR, nb: NetBuilder): { net: PetriNet; transitionSteps: WorkflowStep[] } {
  const marked = new Set<number>([0]);
  const fired = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    nb.transitions.forEach((t, k) => {
      if (fired.has(k) || !t.pre.every((p) => marked.has(p))) return;
      fired.add(k);
      changed = true;
      for (const p of t.post) marked.add(p);
    });
  }
  marked.add(1); // o, even when the workflow never ends
  const keep = nb.places.map((_, p) => p).filter((p) => marked.has(p));
  const index = new Map(keep.map((p, k) => [p, k]));
  const arcs = (ps: readonly number[]): Arc[] => normaliseArcs(ps.map((p) => ({ place: index.get(p) as number, weight: 1 })));
  const seen = new Map<string, number>();
  const ts = nb.transitions.filter((_, k) => fired.has(k));
  const unique = (name: string): string => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
  const names = ts.map((t) => unique(t.name));
  const net: PetriNet = {
    id: ir.name,
    name: ir.name,
    places: keep.map((p) => ({ id: nb.places[p].id as PlaceId, name: nb.places[p].name, initial: p === 0 ? 1 : 0 })),
    transitions: ts.map((t, k) => ({ id: `t${k}` as TransitionId, name: names[k], pre: arcs(t.pre), post: arcs(t.post), inhibitors: [] })),
  };
  return { net, transitionSteps: ts.map((t, k) => ({ ...t.step, label: names[k] })) };
}

function reportOverApproximations(ir: WorkflowIR, g: ProcessGraph, diags: DiagnosticSink): void {
  if (ir.vars.length > 0) {
    diags.report('WFV3201', 'note', ir.span, 'the workflow net ignores data: conditions on tracked variables become free choices', 'net:data');
  }
  const patchSites = new Map<string, number>();
  walkStatements(ir, (s, repeatable) => {
    if (s.kind === 'parallel' && s.branches.length > 1 && s.mode !== 'allSettled') {
      diags.report('WFV3202', 'note', s.span, `in the workflow net, the abandoned branches of Promise.${s.mode} keep running`, `net:${s.id}`);
    }
    if (s.kind === 'compensate' && s.op === 'run') {
      diags.report('WFV3201', 'note', s.span, 'the workflow net does not track compensation lists: this run may execute the registered compensations in any order and number', `net:${s.id}`);
    }
    if (s.kind === 'patched') patchSites.set(s.patchId, (patchSites.get(s.patchId) ?? 0) + (repeatable ? 2 : 1));
  });
  for (const [id, n] of patchSites) {
    if (n > 1) diags.report('WFV3201', 'note', ir.span, `the workflow net does not fix the choice of patch '${id}' per run`, `net:patch:${id}`);
  }
  if (g.handlers.length > 0 || g.cancellable) {
    diags.report('WFV3201', 'note', ir.span, 'in the workflow net, handler registrations and the cancellation request are places that stay marked when the workflow ends, so proper completion does not hold', 'net:flags');
  }
}

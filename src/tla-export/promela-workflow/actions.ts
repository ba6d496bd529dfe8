/**
 * The actions of a workflow model in Promela: every process-graph edge expanded into
 * deterministic instances (one per combination of values of its split writes), plus one action
 * per path and value choice of each atomic handler delivery — exactly the action table of the
 * lowering (src/extract/lower/actions.ts), in the same order and with the same labels.
 *
 * Each action gets a *base guard* (enabledness on the source state, without the status and the
 * scheduling priorities, which the caller adds) and *effects* (Promela statements). Data guards
 * and writes are tabulated over the codes of the variables the action reads (tree.ts), so a
 * macro path's later guards and writes see the earlier writes exactly as the reference does.
 * Structural guards are read on the source state; in a macro path a guard on a patch fixed
 * earlier in the same path is decided statically (other such dependencies do not occur: local
 * edges carry no other structural guards).
 */
import { InputError } from '../../core/index.js';
import { type Edge, type Effect, type Guard, type ProcessGraph, type Target, type WorkflowIR, atomicPaths, edgesFrom } from '../../extract/index.js';
import { type Dim, type Tree, condition, statements, tabulate } from './tree.js';
import { ANY, type Codec, truth, evaluate, varsOf } from './values.js';

/** The Promela names of the state's parts. */
export interface StateNames {
  readonly status: string;
  readonly lastEvent: string;
  readonly leftover: string;
  readonly cancel: string;
  readonly pc: readonly string[];
  readonly vars: readonly string[];
  readonly patches: readonly string[];
  readonly registered: readonly string[];
  readonly lists: readonly { readonly len: string; readonly entries: string; readonly capacity: number }[];
  readonly cursors: readonly string[];
}

export interface WorkflowAction {
  /** The lowering's label (unique: repeats get ` #2`, ` #3`). */
  readonly label: string;
  readonly edges: readonly Edge[];
  /** Thread actions: the location it fires from; null for the environment (deliveries, cancellation). */
  readonly from: number | null;
  /** Index of its event in the writer's event table (0 = none). */
  readonly event: number;
  /** Joins (read other threads' locations): urgent. */
  readonly urgent: boolean;
  /** Base guard (a Promela condition on the source state). */
  readonly guard: string;
  readonly effects: readonly string[];
}

interface Part {
  readonly edge: Edge;
  readonly values: readonly number[];
}

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

export interface ActionContext {
  readonly ir: WorkflowIR;
  readonly graph: ProcessGraph;
  readonly codecs: readonly Codec[];
  readonly names: StateNames;
  /** The event table index of an edge's event (0 = none). */
  readonly eventIndex: (e: Edge) => number;
  readonly maxAtomicPaths: number;
}

/** The action table (see the module comment), in the lowering's order. */
export function buildActions(cx: ActionContext): WorkflowAction[] {
  const g = cx.graph;
  const from = edgesFrom(g);
  const splitSizes = (e: Edge): number[] => e.writes.filter((w) => w.split).map((w) => cx.codecs[w.var].size);
  const splitText = (e: Edge, t: readonly number[]): string => {
    const ws = e.writes.filter((w) => w.split);
    return ws.length === 0 ? '' : `[${ws.map((w, i) => `${cx.codecs[w.var].decl.name}=${cx.codecs[w.var].format(t[i])}`).join(', ')}]`;
  };
  const atomicSlots = new Set<number>();
  const macros = new Map<number, number[][]>();
  g.handlers.forEach((h, i) => {
    const paths = atomicPaths(g, i, from, cx.maxAtomicPaths);
    const instances = (e: Edge): number => splitSizes(e).reduce((n, k) => n * k, 1);
    const count = paths === null ? Infinity
      : instances(g.edges[h.deliver]) * paths.reduce((n, p) => n + p.reduce((m, id) => m * instances(g.edges[id]), 1), 0);
    if (paths !== null && count <= cx.maxAtomicPaths) {
      atomicSlots.add(h.slot);
      macros.set(h.deliver, paths);
    }
  });

  const raw: { parts: Part[]; from: number | null }[] = [];
  for (const e of g.edges) {
    if (e.kind === 'thread' && atomicSlots.has(e.slot) && e.from !== null && g.locations[e.from].role !== 'end') continue;
    const paths = macros.get(e.id);
    for (const t of tuples(splitSizes(e))) {
      if (paths === undefined) {
        raw.push({ parts: [{ edge: e, values: t }], from: e.from });
        continue;
      }
      for (const p of paths) {
        const inner = p.map((id) => tuples(splitSizes(g.edges[id])).map((values) => ({ edge: g.edges[id], values })));
        let combos: Part[][] = [[{ edge: e, values: t }]];
        for (const choices of inner) combos = combos.flatMap((c) => choices.map((x) => [...c, x]));
        for (const c of combos) raw.push({ parts: c, from: null });
      }
    }
  }
  const seen = new Map<string, number>();
  return raw.map(({ parts, from: at }) => {
    const base = parts.map((p) => detail(p.edge.label, splitText(p.edge, p.values))).join('; ');
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const eventful = parts.filter((p) => p.edge.event !== null);
    if (eventful.length > 1) throw new InputError('WFV2004', `an atomic step would carry ${eventful.length} events (${base})`);
    const { guard, effects } = translate(cx, parts, at);
    return {
      label: n === 1 ? base : `${base} #${n}`,
      edges: parts.map((p) => p.edge),
      from: at,
      event: eventful.length === 1 ? cx.eventIndex(eventful[0].edge) : 0,
      urgent: at !== null && parts.some((p) => p.edge.guards.some((q) => q.kind === 'at' || q.kind === 'inactive')),
      guard,
      effects,
    };
  });
}

/** The data part of an action: which combinations of codes enable it, and what it writes. */
function dataOf(cx: ActionContext, parts: readonly Part[]): { guard: string; writes: string[] } {
  const index = new Map(cx.ir.vars.map((v, i) => [v.id, i]));
  const read = new Set<number>();
  const written: number[] = [];
  for (const { edge } of parts) {
    for (const q of edge.guards) if (q.kind === 'test') varsOf(q.expr).forEach((id) => index.has(id) && read.add(index.get(id)!));
    for (const w of edge.writes) {
      varsOf(w.value).forEach((id) => index.has(id) && read.add(index.get(id)!));
      if (!written.includes(w.var)) written.push(w.var);
    }
  }
  const vars = [...read].sort((a, b) => a - b);
  const dims: Dim[] = vars.map((v) => ({ expr: cx.names.vars[v], size: cx.codecs[v].size }));
  const tree: Tree<number[] | null> = tabulate(dims, (codes) => {
    const cur = new Map<number, number>(vars.map((v, i) => [v, codes[i]]));
    const value = (id: string) => {
      const i = index.get(id);
      const c = i === undefined ? undefined : cur.get(i);
      return i === undefined || c === undefined ? ANY : cx.codecs[i].decode(c);
    };
    for (const { edge, values } of parts) {
      for (const q of edge.guards) {
        if (q.kind !== 'test') continue;
        const t = truth(evaluate(q.expr, value));
        if (t !== ANY && t !== q.want) return null;
      }
      let k = 0;
      for (const w of edge.writes) {
        const v = evaluate(w.value, value);
        const codec = cx.codecs[w.var];
        const enc = v === ANY ? -1 : codec.encode(v);
        if (!w.split) {
          if (enc < 0) throw new InputError('WFV2004', `an exact write to '${codec.decl.name}' at ${edge.label} produced a value outside its domain`);
          cur.set(w.var, enc);
        } else {
          const code = values[k++];
          if (enc >= 0 && enc !== code) return null;
          cur.set(w.var, code);
        }
      }
    }
    return written.map((v) => cur.get(v)!);
  }, (r) => (r === null ? '-' : r.join(',')));
  const enabled = tabulate(dims, (codes) => leafAt(tree, codes) !== null, String);
  const writes = statements(dims, tree, (codes) => codes.map((c, i) => `${cx.names.vars[written[i]]} = ${c}`));
  return { guard: condition(dims, enabled), writes };
}

function leafAt<T>(t: Tree<T>, codes: readonly number[]): T {
  let x = t;
  while (x.kind === 'node') {
    const c = codes[x.dim];
    x = x.groups.find((g) => g.codes.includes(c))!.sub;
  }
  return x.value;
}

function translate(cx: ActionContext, parts: readonly Part[], at: number | null): { guard: string; effects: string[] } {
  const N = cx.names;
  const g = cx.graph;
  const guards: string[] = [];
  if (at !== null) guards.push(`${N.pc[g.locations[at].slot]} == ${g.locations[at].local + 1}`);
  const fixedPatch = new Map<number, boolean>();
  const effects: string[] = [];
  parts.forEach(({ edge }, k) => {
    for (const q of edge.guards) {
      if (q.kind === 'test') continue;
      if (k > 0 && q.kind !== 'patch') throw new InputError('WFV2004', `a ${q.kind} guard inside an atomic handler path (${edge.label}) is not supported by the Promela writer`);
      if (q.kind === 'patch' && fixedPatch.has(q.patch)) {
        if (fixedPatch.get(q.patch) !== q.value) guards.push('false');
        continue;
      }
      guards.push(structuralGuard(cx, q));
    }
    for (const e of edge.effects) {
      if (e.kind === 'setPatch') fixedPatch.set(e.patch, e.value);
      effects.push(...effect(cx, e));
    }
    if (edge.to !== null) effects.push(...move(cx, edge.slot, edge.to));
  });
  const data = dataOf(cx, parts);
  if (data.guard !== 'true') guards.push(data.guard);
  return { guard: guards.length === 0 ? 'true' : guards.join(' && '), effects: [...data.writes, ...effects] };
}

function structuralGuard(cx: ActionContext, q: Exclude<Guard, { kind: 'test' }>): string {
  const N = cx.names;
  const g = cx.graph;
  switch (q.kind) {
    case 'at': {
      const pcs = q.locs.map((l) => g.locations[l].local + 1);
      return pcs.length === 0 ? 'false' : `(${pcs.map((p) => `${N.pc[q.slot]} == ${p}`).join(' || ')})`;
    }
    case 'inactive': return `${N.pc[q.slot]} == 0`;
    case 'registered': return `${N.registered[q.handler]} == 1`;
    case 'cancelRequested': return `${N.cancel} == ${q.value ? 1 : 0}`;
    case 'patch': return `(${N.patches[q.patch]} == 0 || ${N.patches[q.patch]} == ${q.value ? 1 : 2})`;
    case 'listAt': {
      const l = N.lists[q.list];
      const c = N.cursors[q.cursor];
      return `(${c} < ${l.len} && ${l.entries}[${q.reverse ? `${l.len} - 1 - ${c}` : c}] == ${q.push})`;
    }
    case 'listDone': return `${N.cursors[q.cursor]} >= ${N.lists[q.list].len}`;
  }
}

/** The slots and all their descendants. */
function subtree(g: ProcessGraph, roots: readonly number[]): number[] {
  const out: number[] = [];
  const go = (s: number): void => {
    out.push(s);
    g.slots[s].children.forEach(go);
  };
  roots.forEach(go);
  return out;
}

function effect(cx: ActionContext, e: Effect): string[] {
  const N = cx.names;
  const g = cx.graph;
  switch (e.kind) {
    case 'fork': return [`${N.pc[e.slot]} = ${g.locations[e.entry].local + 1}`];
    case 'abandon':
      return subtree(g, e.slots).flatMap((s) => {
        const finals = g.slots[s].locations.filter((l) => g.locations[l].role !== 'stmt').map((l) => `${N.pc[s]} != ${g.locations[l].local + 1}`);
        const pending = [`${N.pc[s]} != 0`, ...finals].join(' && ');
        return [`${N.leftover} = (${pending} -> 1 : ${N.leftover})`, `${N.pc[s]} = 0`, ...g.slots[s].cursors.map((c) => `${N.cursors[c]} = 0`)];
      });
    case 'terminate': return [`${N.status} = ${STATUS_CODE[e.status]}`];
    case 'register': return [`${N.registered[e.handler]} = 1`];
    case 'requestCancel': return [`${N.cancel} = 1`];
    case 'setPatch': return [`${N.patches[e.patch]} = ${e.value ? 1 : 2}`];
    case 'push': {
      const l = N.lists[e.list];
      const bound = `assert(${l.len} < ${l.capacity})`;
      if (!e.front) return [bound, `${l.entries}[${l.len}] = ${e.push}`, `${l.len}++`];
      const shifts = Array.from({ length: l.capacity }, (_, n) => {
        const moves = Array.from({ length: n }, (_, j) => `${l.entries}[${n - j}] = ${l.entries}[${n - j - 1}]`);
        return `:: ${l.len} == ${n} -> ${[...moves, `${l.entries}[0] = ${e.push}`].join('; ')}`;
      });
      return [bound, `if ${shifts.join(' ')} fi`, `${l.len}++`];
    }
    case 'cursorNext': return [`${N.cursors[e.cursor]}++`];
    case 'resetCursor': return [`${N.cursors[e.cursor]} = 0`];
  }
}

function move(cx: ActionContext, slot: number, t: Target): string[] {
  const pc = t.loc === null ? 0 : cx.graph.locations[t.loc].local + 1;
  return [...t.resets.map((c) => `${cx.names.cursors[c]} = 0`), `${cx.names.pc[slot]} = ${pc}`];
}

/** Status codes (as the lowering's layout). */
export const STATUS_CODE = { running: 0, completed: 1, failed: 2, cancelled: 3, continuedAsNew: 4, taskFailed: 5 } as const;

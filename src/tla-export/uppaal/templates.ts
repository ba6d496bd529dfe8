/**
 * One UPPAAL template per thread slot of the process graph (plus `Environment` for the
 * cancellation request), built from the graph's locations and edges (docs/export-uppaal.md).
 *
 * Contracts:
 * - Each template has the slot's locations plus `idle` (the slot inactive); the main template
 *   starts at its entry, or at a committed `start` location whose edge sets initial values that
 *   are not constants. Running locations (system.ts `runningLocations`) are `committed`.
 * - Every sender edge is guarded `status == 0`, then the graph guards; it assigns the writes
 *   (split or untranslatable ones through `select`), the effects, the slot's pc, `lastEvent`
 *   and — entering a timed location — the clock `x := 0`.
 * - Forks and abandons use one broadcast channel per edge: every affected slot has receiving
 *   edges (from `idle` to the entry for a fork, from each location to `idle` for an abandon).
 * - Joins and satisfied conditions synchronise on an urgent channel: no delay while enabled.
 */
import { runningLocations, type Edge, type ProcessGraph, type Target, type WorkflowIR } from '../../extract/index.js';
import type { Clocks, EdgeVariant } from './clocks.js';
import { type VarEnc, Translator } from './encode.js';
import { type Globals, STATUS, eventKey } from './globals.js';
import { NameTable } from './names.js';
import type { XLocation, XTemplate, XTransition } from './xml.js';

export interface TemplateSet {
  readonly templates: XTemplate[];
  /** Per slot: template name and, per graph location, its UPPAAL location name. */
  readonly slotNames: string[];
  readonly notes: string[];
}

export function buildTemplates(ir: WorkflowIR, g: ProcessGraph, G: Globals, clocks: Clocks, clock: string): TemplateSet {
  const tr = new Translator(G.vars);
  const running = runningLocations(g);
  const notes: string[] = [];
  const envTrans: XTransition[] = [];
  let nextId = 0;
  const ids = new Map<number, string>();
  const idle: string[] = [];
  const slotNames = g.slots.map((s) => G.names.fresh(s.kind === 'main' ? 'Main' : s.kind === 'branch' ? `Branch_${s.id}` : s.title.replace(/^(\w)/, (c) => c.toUpperCase()), 'T'));
  const locs: XLocation[][] = g.slots.map(() => []);
  const trans: XTransition[][] = g.slots.map(() => []);
  const timedSlots = new Set<number>();
  g.slots.forEach((slot, si) => {
    const local = new NameTable([...G.names.taken(), clock, 'start']);
    const idleId = `id${nextId++}`;
    idle.push(idleId);
    locs[si].push({ id: idleId, name: local.fresh('idle', 'l'), x: -200, y: 0, comments: 'slot inactive' });
    for (const l of slot.locations) {
      const loc = g.locations[l];
      const id = `id${nextId++}`;
      ids.set(l, id);
      const c = clocks.locs.get(l);
      if (c !== undefined) timedSlots.add(si);
      const where = loc.span !== null ? ` (${loc.span.file}:${loc.span.line})` : '';
      locs[si].push({
        id, name: local.fresh(loc.what, 'l'), x: 0, y: 100 * (loc.local + 1), invariant: clocks.invariant(l),
        comments: [`${loc.what}${where}`, c?.comment ?? ''].filter((x) => x !== '').join('; '), committed: running[l] === 1,
      });
    }
  });
  const target = (slot: number, t: Target | null): string => (t === null || t.loc === null ? idle[slot] : (ids.get(t.loc) as string));
  const pcValue = (t: Target | null): number => (t === null || t.loc === null ? 0 : g.locations[t.loc].local + 1);
  const resetClock = (t: Target | null): string[] => (t !== null && t.loc !== null && clocks.locs.has(t.loc) ? [`${clock} = 0`] : []);
  const subtree = (roots: readonly number[]): number[] => roots.flatMap((r) => [r, ...subtree(g.slots[r].children)]);

  const sendParts = (e: Edge, withPc: boolean): { select: string[]; guard: string[]; assign: string[] } => {
    const select: string[] = [];
    const guard = [`${G.status} == 0`];
    for (const q of e.guards) {
      const t = guardText(q);
      if (t !== null) guard.push(t);
    }
    const assign: string[] = [];
    for (const w of e.writes) {
      const enc = G.vars.get(ir.vars[w.var].id) as VarEnc;
      const text = w.split ? null : tr.assign(enc, w.value);
      if (text !== null) assign.push(`${enc.name} = ${text}`);
      else assign.push(selectInto(enc, select));
    }
    for (const f of e.effects) {
      switch (f.kind) {
        case 'terminate': assign.push(`${G.status} = ${STATUS.indexOf(f.status)}`); break;
        case 'register': assign.push(`${G.registered[f.handler]} = true`); break;
        case 'requestCancel': assign.push(`${G.cancel} = true`); break;
        case 'setPatch': assign.push(`${G.patches[f.patch]} = ${f.value ? 1 : 2}`); break;
        case 'push': assign.push(`${f.front ? G.lists[f.list].pushFront : G.lists[f.list].push}(${f.push})`); break;
        case 'cursorNext': assign.push(`${G.cursors[f.cursor]}++`); break;
        case 'resetCursor': assign.push(`${G.cursors[f.cursor]} = 0`); break;
        case 'fork': case 'abandon': break;
      }
    }
    if (withPc && e.to !== null) {
      for (const c of e.to.resets) assign.push(`${G.cursors[c]} = 0`);
      assign.push(`${G.pc[e.slot]} = ${pcValue(e.to)}`, ...resetClock(e.to));
    }
    assign.push(`${G.lastEvent} = ${e.event === null ? 0 : G.events.get(eventKey(e.event))}`);
    return { select, guard, assign };
  };
  const guardText = (q: Edge['guards'][number]): string | null => {
    switch (q.kind) {
      case 'test': {
        const t = tr.truth(q.expr);
        return t === null ? null : q.want ? t : `!${t}`;
      }
      case 'at': return `(${q.locs.map((l) => `${G.pc[q.slot]} == ${g.locations[l].local + 1}`).join(' || ')})`;
      case 'inactive': return `${G.pc[q.slot]} == 0`;
      case 'registered': return G.registered[q.handler];
      case 'cancelRequested': return q.value ? G.cancel : `!${G.cancel}`;
      case 'patch': return `(${G.patches[q.patch]} == 0 || ${G.patches[q.patch]} == ${q.value ? 1 : 2})`;
      case 'listAt': {
        const L = G.lists[q.list];
        const c = G.cursors[q.cursor];
        return `(${c} < ${L.length} && ${L.array}[${q.reverse ? `${L.length} - 1 - ${c}` : c}] == ${q.push})`;
      }
      case 'listDone': return `${G.cursors[q.cursor]} >= ${G.lists[q.list].length}`;
    }
  };
  let selects = 0;
  const selectInto = (enc: VarEnc, select: string[]): string => {
    const s = `sel_${selects++}`;
    select.push(`${s} : int[${enc.lo},${enc.hi}]`);
    return enc.type === 'bool' ? `${enc.name} = (${s} == 1)` : `${enc.name} = ${s}`;
  };

  const push = (slot: number, t: XTransition): void => {
    trans[slot].push(t);
  };
  for (const e of g.edges) {
    const isJoin = e.guards.some((q) => q.kind === 'at' || (q.kind === 'inactive' && q.slot !== e.slot));
    const urgent = e.kind === 'thread' && (isJoin || e.event?.kind === 'conditionSatisfied');
    const structural = e.effects.filter((f) => f.kind === 'fork' || f.kind === 'abandon');
    let sync: string | undefined;
    if (structural.length > 0) {
      const ch = { name: G.names.fresh(`sync_e${e.id}`), urgent };
      G.channels.set(e.id, ch);
      sync = `${ch.name}!`;
      receivers(e, ch.name);
    } else if (urgent) sync = `${G.urgentStep}!`;
    const p = sendParts(e, e.kind !== 'environment');
    const base = { select: join(p.select, ', '), sync, comments: e.label };
    if (e.kind === 'environment') {
      envTrans.push({ source: 'env', target: 'env', ...base, guard: join(p.guard, ' && '), assignment: join(p.assign, ', ') });
      continue;
    }
    const source = e.from === null ? idle[e.slot] : (ids.get(e.from) as string);
    const vs: readonly EdgeVariant[] = clocks.variants.get(e.id) ?? [{ guardMs: null, comment: null }];
    for (const v of vs) {
      const cg = clocks.guard(v);
      push(e.slot, {
        source, target: target(e.slot, e.to), ...base, guard: join([...p.guard, ...(cg !== undefined ? [cg] : [])], ' && '),
        assignment: join(p.assign, ', '), comments: [e.label, v.comment ?? ''].filter((x) => x !== '').join('; '),
      });
    }
  }

  function receivers(e: Edge, ch: string): void {
    const final = new Map<number, { entry: number | null; abandoned: boolean }>();
    for (const f of e.effects) {
      if (f.kind === 'abandon') for (const s of subtree(f.slots)) final.set(s, { entry: null, abandoned: true });
      if (f.kind === 'fork') final.set(f.slot, { entry: f.entry, abandoned: final.get(f.slot)?.abandoned ?? false });
    }
    for (const [slot, { entry, abandoned }] of final) {
      const to: Target = { loc: entry, resets: [] };
      const common = [...(abandoned ? g.slots[slot].cursors.map((c) => `${G.cursors[c]} = 0`) : []), `${G.pc[slot]} = ${pcValue(to)}`, ...resetClock(to)];
      const sources = abandoned ? g.slots[slot].locations : [];
      for (const l of sources) {
        const pending = g.locations[l].role === 'stmt';
        push(slot, { source: ids.get(l) as string, target: target(slot, to), sync: `${ch}?`, assignment: join([...(pending ? [`${G.leftover} = true`] : []), ...common], ', '), comments: `abandoned by ${e.label}` });
      }
      if (entry !== null) push(slot, { source: idle[slot], target: target(slot, to), sync: `${ch}?`, assignment: join(common, ', '), comments: `forked by ${e.label}` });
    }
  }

  const templates: XTemplate[] = g.slots.map((slot, si) => {
    let init = si === 0 ? (ids.get(g.mainEntry) as string) : idle[si];
    const locations = [...locs[si]];
    const transitions = [...trans[si]];
    if (si === 0 && G.needsStart) {
      const start = `id${nextId++}`;
      const select: string[] = [];
      const assign: string[] = [];
      for (const v of ir.vars) {
        const enc = G.vars.get(v.id) as VarEnc;
        if (G.initial.has(v.id)) continue;
        const text = tr.assign(enc, v.init);
        assign.push(text !== null ? `${enc.name} = ${text}` : selectInto(enc, select));
      }
      assign.push(`${G.pc[0]} = ${g.locations[g.mainEntry].local + 1}`, ...resetClock({ loc: g.mainEntry, resets: [] }));
      locations.push({ id: start, name: 'start', x: -200, y: -100, committed: true, comments: 'sets the initial values that are not constants' });
      transitions.unshift({ source: start, target: init, select: join(select, ', '), assignment: join(assign, ', ') });
      init = start;
    }
    return { name: slotNames[si], declaration: timedSlots.has(si) ? `clock ${clock};  // time in ${clocks.unit} since the current wait began` : undefined, locations, init, transitions };
  });
  if (envTrans.length > 0) {
    const env = `id${nextId++}`;
    const transitions = envTrans.map((t) => ({ ...t, source: env, target: env }));
    templates.push({ name: G.names.fresh('Environment'), locations: [{ id: env, name: 'env', x: 0, y: 0 }], init: env, transitions });
  }
  return { templates, slotNames, notes };
}

const join = (xs: readonly string[], sep: string): string | undefined => (xs.length === 0 ? undefined : xs.join(sep));

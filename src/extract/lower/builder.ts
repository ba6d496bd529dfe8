/**
 * Mutable construction of a {@link ProcessGraph}: slots, locations and edges are appended and
 * numbered densely in creation order, so a given IR always yields the same graph.
 */
import type { SourceSpan } from '../ir.js';
import { DiagnosticSink } from './diagnostics.js';
import type { Edge, HandlerInfo, ListInfo, Location, LocationRole, ProcessGraph, Slot, SlotKind } from './graph.js';

export class GraphBuilder {
  readonly slots: Slot[] = [];
  readonly locations: Location[] = [];
  readonly edges: Edge[] = [];
  readonly handlers: HandlerInfo[] = [];
  readonly lists: ListInfo[] = [];
  readonly patches: string[] = [];
  readonly cursorLists: number[] = [];
  readonly activityCalls = new Map<string, number[]>();
  readonly diagnostics = new DiagnosticSink();

  addSlot(kind: SlotKind, parent: number | null, title: string, span: SourceSpan): number {
    const id = this.slots.length;
    this.slots.push({ id, kind, parent, title, span, locations: [], cursors: [], children: [] });
    if (parent !== null) this.slots[parent].children.push(id);
    return id;
  }

  addLocation(slot: number, role: LocationRole, span: SourceSpan | null, stmt: string, what: string): number {
    const id = this.locations.length;
    const s = this.slots[slot];
    this.locations.push({ id, slot, local: s.locations.length, span, stmt, what, role });
    s.locations.push(id);
    return id;
  }

  addEdge(e: Omit<Edge, 'id'>): number {
    const id = this.edges.length;
    this.edges.push({ ...e, id });
    return id;
  }

  /** A new compensation cursor over list `list`, owned by `slot`. */
  addCursor(slot: number, list: number): number {
    const id = this.cursorLists.length;
    this.cursorLists.push(list);
    this.slots[slot].cursors.push(id);
    return id;
  }

  /** The index of a patch id (allocated on first use). */
  patch(id: string): number {
    const i = this.patches.indexOf(id);
    if (i >= 0) return i;
    this.patches.push(id);
    return this.patches.length - 1;
  }

  /** The index of a compensation list (allocated on first use). */
  list(id: string, name: string): number {
    const i = this.lists.findIndex((l) => l.id === id);
    if (i >= 0) return i;
    this.lists.push({ id, name, pushes: [], capacity: 0 });
    return this.lists.length - 1;
  }

  recordActivityCall(stmt: string, edge: number): void {
    const l = this.activityCalls.get(stmt);
    if (l) l.push(edge);
    else this.activityCalls.set(stmt, [edge]);
  }

  /**
   * The finished graph. Edges are renumbered into source order (thread edges by span, then
   * deliveries, then environment edges; ties by creation), so action ids follow the code.
   */
  finish(mainEntry: number, cancellable: boolean): ProcessGraph {
    const rank = { thread: 0, deliver: 1, environment: 2 } as const;
    const order = [...this.edges].sort((a, b) =>
      rank[a.kind] - rank[b.kind] || a.span.line - b.span.line || a.span.column - b.span.column || a.id - b.id);
    const renumber = new Map(order.map((e, i) => [e.id, i]));
    const id = (old: number): number => renumber.get(old) ?? old;
    const edges = order.map((e, i) => ({ ...e, id: i }));
    const handlers = this.handlers.map((h) => ({ ...h, deliver: id(h.deliver) }));
    const activityCalls = new Map([...this.activityCalls].map(([k, v]) => [k, v.map(id)]));
    return {
      slots: this.slots,
      locations: this.locations,
      edges,
      mainEntry,
      handlers,
      lists: this.lists,
      patches: this.patches,
      cursorLists: this.cursorLists,
      cancellable,
      activityCalls,
    };
  }
}

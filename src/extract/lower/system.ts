/**
 * A workflow's process graph as a {@link TransitionSystem}. Terminal states (status other than
 * running) have no successors. Every action is deterministic, so a trace (initial-state index
 * plus action ids) replays to the same states.
 *
 * **Run to completion.** Workflow code is JavaScript: a thread runs until it reaches an `await`
 * that has to wait (an activity's or child's outcome, a timer, a condition, a join), and only then
 * can another thread move or a message be delivered. So when some active thread is at a
 * *running* location (one whose steps wait for nothing), the successors are that thread's steps
 * only — the lowest such slot, which is the order JavaScript runs them in (a fork starts its
 * branches in order). Otherwise, successors are, for each active slot in slot order, the actions
 * of its location in id order, then the environment's actions (handler deliveries,
 * cancellation) in id order.
 */
import type { SuccessorSink, TransitionSystem } from '../../core/index.js';
import type { ActionTable } from './actions.js';
import { where } from './diagnostics.js';
import type { VarCodec } from './domains.js';
import type { EventTable } from './events.js';
import { eventKey } from './events.js';
import type { ProcessGraph } from './graph.js';
import { STATUS_CODES, type WorkflowLayout } from './layout.js';
import type { WorkflowStatus } from './types.js';

export class WorkflowSystem implements TransitionSystem {
  readonly stateWords: number;
  readonly actionCount: number;
  private readonly scratch: Uint32Array;
  private readonly slotLocations: readonly (readonly number[])[];
  /** Per location: 1 when the thread there runs on without waiting (see the class comment). */
  private readonly running: Uint8Array;
  /** Per action: 1 for joins (steps that read other threads' locations), which are urgent. */
  private readonly urgent: Uint8Array;

  constructor(
    readonly graph: ProcessGraph,
    readonly layout: WorkflowLayout,
    readonly table: ActionTable,
    readonly codecs: readonly VarCodec[],
    readonly events: EventTable,
    private readonly initial: readonly Uint32Array[],
  ) {
    this.stateWords = layout.words;
    this.actionCount = table.actions.length;
    this.scratch = new Uint32Array(layout.words);
    this.slotLocations = graph.slots.map((s) => s.locations);
    this.running = runningLocations(graph);
    this.urgent = new Uint8Array(this.actionCount);
    table.actions.forEach((def, a) => {
      if (def.from !== null && def.edges.some((id) => graph.edges[id].guards.some((q) => q.kind === 'at' || q.kind === 'inactive'))) this.urgent[a] = 1;
    });
  }

  initialStates(): readonly Uint32Array[] {
    return this.initial.map((s) => s.slice());
  }

  status(src: Uint32Array, off: number): WorkflowStatus {
    return STATUS_CODES[this.layout.fields.read(src, off, this.layout.status)];
  }

  /** The location of slot `slot`'s thread, or -1 when the slot is inactive. */
  locationOf(src: Uint32Array, off: number, slot: number): number {
    const pc = this.layout.fields.read(src, off, this.layout.pc[slot]);
    return pc === 0 ? -1 : this.slotLocations[slot][pc - 1];
  }

  successors(src: Uint32Array, off: number, sink: SuccessorSink): void {
    const F = this.layout.fields;
    if (F.read(src, off, this.layout.status) !== 0) return;
    const slots = this.slotLocations.length;
    for (let slot = 0; slot < slots; slot++) {
      const loc = this.locationOf(src, off, slot);
      if (loc >= 0 && this.running[loc] === 1) {
        for (const a of this.table.byLocation[loc]) if (this.fire(src, off, a, sink) === STOP) return;
        return;
      }
    }
    // A join whose branches have settled resolves before anything else happens (JavaScript
    // settles `Promise.all/race/…` in the same activation, as microtasks).
    for (let slot = 0; slot < slots; slot++) {
      const loc = this.locationOf(src, off, slot);
      if (loc < 0) continue;
      let fired = false;
      for (const a of this.table.byLocation[loc]) {
        if (this.urgent[a] !== 1) continue;
        const r = this.fire(src, off, a, sink);
        if (r === STOP) return;
        fired ||= r === FIRED;
      }
      if (fired) return;
    }
    for (let slot = 0; slot < slots; slot++) {
      const loc = this.locationOf(src, off, slot);
      if (loc < 0) continue;
      for (const a of this.table.byLocation[loc]) if (this.fire(src, off, a, sink) === STOP) return;
    }
    for (const a of this.table.environment) if (this.fire(src, off, a, sink) === STOP) return;
  }

  /** Tries action `a`: {@link DISABLED}, {@link FIRED}, or {@link STOP} when the sink asked to stop. */
  private fire(src: Uint32Array, off: number, a: number, sink: SuccessorSink): number {
    const s = this.scratch;
    const W = this.stateWords;
    for (let i = 0; i < W; i++) s[i] = src[off + i];
    const def = this.table.actions[a];
    for (const op of def.ops) if (!op(s)) return DISABLED;
    this.layout.fields.write(s, this.layout.lastEvent, def.event);
    return sink(a, s) === true ? STOP : FIRED;
  }

  actionName(action: number): string {
    return this.table.actions[action].step.label;
  }

  formatState(src: Uint32Array, off: number): string {
    const L = this.layout;
    const F = L.fields;
    const g = this.graph;
    const parts: string[] = [this.status(src, off)];
    const last = this.events.event(F.read(src, off, L.lastEvent));
    if (last !== null) parts.push(`last ${eventKey(last)}`);
    const threads: string[] = [];
    g.slots.forEach((slot, i) => {
      const loc = this.locationOf(src, off, i);
      if (loc < 0) return;
      const l = g.locations[loc];
      threads.push(`${slot.title}: ${l.what}${l.span ? ` (${where(l.span)})` : ''}`);
    });
    if (threads.length > 0) parts.push(threads.join('; '));
    const vars = this.codecs.map((c, i) => `${c.decl.name}=${c.format(F.read(src, off, L.vars[i]))}`);
    if (vars.length > 0) parts.push(vars.join(', '));
    g.lists.forEach((list, i) => {
      const f = L.lists[i];
      const n = F.read(src, off, f.length);
      const entries = Array.from({ length: n }, (_, k) => list.pushes[F.read(src, off, f.entries[k]) - 1]);
      parts.push(`${list.name}=[${entries.join(', ')}]`);
    });
    g.patches.forEach((p, i) => {
      const v = F.read(src, off, L.patches[i]);
      if (v !== 0) parts.push(`patched(${p})=${v === 1}`);
    });
    const registered = g.handlers.filter((_, i) => F.read(src, off, L.registered[i]) === 1).map((h) => `${h.kind} ${h.name}`);
    if (registered.length > 0) parts.push(`handlers: ${registered.join(', ')}`);
    if (g.cancellable && F.read(src, off, L.cancel) === 1) parts.push('cancel requested');
    if (F.read(src, off, L.leftover) === 1) parts.push('abandoned pending work');
    return parts.join(' | ');
  }
}

const DISABLED = 0;
const FIRED = 1;
const STOP = 2;

/** Events a thread waits for: their edges leave a waiting location. */
const WAIT_EVENTS = new Set(['activityCompleted', 'activityFailed', 'timerFired', 'conditionSatisfied', 'conditionTimedOut', 'childCompleted', 'childFailed']);

/**
 * Marks the locations whose thread runs on without waiting: not a branch outcome (`ok`, `fail`,
 * `cancel`: finished, waiting to be joined), some step leaves it (a location without steps, such
 * as the join of `Promise.race([])`, waits forever), and no outgoing step waits for an event, for
 * other threads (a join reads their locations) or for a cancellation request.
 */
export function runningLocations(g: ProcessGraph): Uint8Array {
  const running = new Uint8Array(g.locations.length);
  for (const e of g.edges) if (e.kind === 'thread' && e.from !== null) running[e.from] = 1;
  for (const l of g.locations) if (l.role === 'ok' || l.role === 'fail' || l.role === 'cancel') running[l.id] = 0;
  for (const e of g.edges) {
    if (e.kind !== 'thread' || e.from === null) continue;
    const waits = (e.event !== null && WAIT_EVENTS.has(e.event.kind)) ||
      e.guards.some((q) => q.kind === 'at' || q.kind === 'inactive' || q.kind === 'cancelRequested');
    if (waits) running[e.from] = 0;
  }
  return running;
}

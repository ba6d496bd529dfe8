/**
 * Where the slot clocks go: which locations wait with a duration (their invariant and the
 * comment on unknown durations) and the variants of their timed edges (a failed activity call
 * splits into a failure by timeout and one by error). See timing.ts for the rules.
 *
 * Contract: a location is in {@link Clocks.locs} exactly when the edges entering it must reset
 * the slot's clock `x`; values are kept in ms and rendered in {@link Clocks.unit}; a value that
 * does not fit UPPAAL's 32-bit ints is dropped (over-approximation) with a note.
 */
import type { ProcessGraph, Stmt, WorkflowIR } from '../../extract/index.js';
import { activityTiming, chooseUnit, inUnit, type TimeUnit } from './timing.js';

export interface LocClock {
  readonly invMs: number | null;
  readonly comment: string | null;
}

/** One UPPAAL transition of a graph edge: its clock lower bound (ms) and a comment. */
export interface EdgeVariant {
  readonly guardMs: number | null;
  readonly comment: string | null;
}

export interface Clocks {
  readonly unit: TimeUnit;
  readonly locs: ReadonlyMap<number, LocClock>;
  /** Edge id → its variants (absent: one variant without clock guard). */
  readonly variants: ReadonlyMap<number, readonly EdgeVariant[]>;
  invariant(loc: number): string | undefined;
  guard(v: EdgeVariant): string | undefined;
  readonly notes: readonly string[];
}

/** Every statement of the IR by id (bodies of handlers, branches, try/catch/finally, compensations …). */
export function statementsById(ir: WorkflowIR): Map<string, Stmt> {
  const out = new Map<string, Stmt>();
  const walk = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      out.set(s.id, s);
      for (const v of Object.values(s) as unknown[]) {
        if (!Array.isArray(v)) continue;
        if (v.every((x) => Array.isArray(x))) (v as Stmt[][]).forEach(walk);
        else if (v.every((x) => typeof x === 'object' && x !== null && 'kind' in x && 'id' in x)) walk(v as Stmt[]);
      }
    }
  };
  walk(ir.body);
  ir.handlers.forEach((h) => walk(h.body));
  return out;
}

export function clocksOf(ir: WorkflowIR, g: ProcessGraph, clock: string): Clocks {
  const stmts = statementsById(ir);
  const locs = new Map<number, LocClock>();
  const variants = new Map<number, EdgeVariant[]>();
  const values: number[] = [];
  const setLoc = (loc: number, invMs: number | null, comment: string | null): void => {
    if (!locs.has(loc)) locs.set(loc, { invMs, comment });
    if (invMs !== null) values.push(invMs);
  };
  const guarded = (id: number, vs: EdgeVariant[]): void => {
    variants.set(id, vs);
    for (const v of vs) if (v.guardMs !== null) values.push(v.guardMs);
  };
  for (const e of g.edges) {
    if (e.kind !== 'thread' || e.from === null || e.event === null) continue;
    const s = stmts.get(e.stmt);
    if (s === undefined) continue;
    const ev = e.event.kind;
    if (s.kind === 'timer' && ev === 'timerFired') {
      const d = s.durationMs;
      setLoc(e.from, d, d === null ? 'sleep duration unknown: no clock constraint' : null);
      guarded(e.id, [{ guardMs: d, comment: d === null ? 'sleep duration unknown' : null }]);
    } else if (s.kind === 'condition' && (ev === 'conditionTimedOut' || ev === 'conditionSatisfied') && s.timeoutMs !== 'none') {
      const t = s.timeoutMs;
      setLoc(e.from, t, t === null ? 'condition timeout unknown: no clock constraint' : null);
      if (ev === 'conditionTimedOut') guarded(e.id, [{ guardMs: t, comment: t === null ? 'condition timeout unknown' : null }]);
    } else if (s.kind === 'activity' && (ev === 'activityCompleted' || ev === 'activityFailed')) {
      const t = activityTiming(s.options);
      setLoc(e.from, t.boundMs, t.comment);
      if (ev === 'activityFailed') {
        const vs: EdgeVariant[] = [];
        if (t.timeoutMs !== null) vs.push({ guardMs: t.timeoutMs, comment: 'failure by timeout' });
        if (t.errorFailure) vs.push({ guardMs: null, comment: 'failure by error (non-retryable, or attempts exhausted)' });
        guarded(e.id, vs);
      }
    }
  }
  const unit = chooseUnit(values);
  const notes: string[] = [];
  const render = (ms: number, up: boolean, op: string): string | undefined => {
    const v = inUnit(ms, unit, up);
    if (v === null) {
      notes.push(`a duration of ${ms} ms does not fit UPPAAL's 32-bit ints in ${unit}: its clock constraint is dropped`);
      return undefined;
    }
    return `${clock} ${op} ${v}`;
  };
  return {
    unit, locs, variants, notes,
    invariant: (loc) => {
      const c = locs.get(loc);
      return c === undefined || c.invMs === null ? undefined : render(c.invMs, true, '<=');
    },
    guard: (v) => (v.guardMs === null ? undefined : render(v.guardMs, false, '>=')),
  };
}

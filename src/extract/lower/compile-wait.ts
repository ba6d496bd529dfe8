/**
 * Statements that wait for the environment: activities, timers, conditions and child workflows.
 * Each wait location also gets a cancellation edge when cancellation is modelled and the
 * statement runs in a cancellable scope (the wait then throws a CancelledFailure).
 */
import type { Stmt } from '../ir.js';
import { stmtEdge, stmtLocation, makeWrite, unknownWrite } from './compile-util.js';
import type { CompileEnv, Ctx } from './context.js';
import { at } from './context.js';
import type { Target, Write } from './graph.js';

type S<K extends Stmt['kind']> = Extract<Stmt, { kind: K }>;

function writes(w: Write | null): Write[] {
  return w === null ? [] : [w];
}

/** The edge by which a wait at `from` is cancelled (when cancellation can reach it). */
function cancelEdge(cx: CompileEnv, ctx: Ctx, stmt: Stmt, from: number, what: string): void {
  if (!cx.cancellation || !ctx.cancellable) return;
  stmtEdge(cx, ctx, stmt, {
    from, label: `cancelled(${what})`, event: null, local: false,
    guards: [{ kind: 'cancelRequested', value: true }],
    to: ctx.onFail.cancel(),
  });
}

/** scheduled → running → completed (result written) | failed (ActivityFailure raised; only when `options.mayFail`). */
export function compileActivity(cx: CompileEnv, s: S<'activity'>, ctx: Ctx, next: Target): Target {
  const start = stmtLocation(cx, ctx, s, `before ${s.activity}`);
  const running = stmtLocation(cx, ctx, s, `awaiting ${s.activity}`);
  const a = s.activity;
  const e = stmtEdge(cx, ctx, s, { from: start, label: `scheduled(${a})`, event: { kind: 'activityScheduled', activity: a }, to: at(running), local: false });
  cx.b.recordActivityCall(s.id, e);
  stmtEdge(cx, ctx, s, {
    from: running, label: `completed(${a})`, event: { kind: 'activityCompleted', activity: a }, local: false,
    writes: s.result !== undefined ? writes(unknownWrite(cx, s, s.result)) : [], to: next,
  });
  // Failure exists only when the retry policy can give up (docs/workflow-model.md, "Activities").
  if (s.options.mayFail !== false) {
    stmtEdge(cx, ctx, s, { from: running, label: `failed(${a})`, event: { kind: 'activityFailed', activity: a }, to: ctx.onFail.failure(), local: false });
  }
  cancelEdge(cx, ctx, s, running, a);
  return at(start);
}

/** `sleep(ms)`: one step, the timer firing. */
export function compileTimer(cx: CompileEnv, s: S<'timer'>, ctx: Ctx, next: Target): Target {
  const l = stmtLocation(cx, ctx, s, 'sleeping');
  stmtEdge(cx, ctx, s, { from: l, label: 'timerFired', event: { kind: 'timerFired' }, to: next, local: false });
  cancelEdge(cx, ctx, s, l, 'timer');
  return at(l);
}

/** `condition(fn, timeout?)`: satisfied when the guard holds; times out while it does not. */
export function compileCondition(cx: CompileEnv, s: S<'condition'>, ctx: Ctx, next: Target): Target {
  const l = stmtLocation(cx, ctx, s, 'awaiting condition');
  cx.checkExpr(s.guard, s.span);
  const result = (v: boolean): Write[] => (s.result !== undefined ? writes(makeWrite(cx, s, s.result, { kind: 'const', value: v })) : []);
  stmtEdge(cx, ctx, s, {
    from: l, label: 'conditionSatisfied', event: { kind: 'conditionSatisfied' }, local: false,
    guards: [{ kind: 'test', expr: s.guard, want: true }], writes: result(true), to: next,
  });
  if (s.timeoutMs !== 'none') {
    stmtEdge(cx, ctx, s, {
      from: l, label: 'conditionTimedOut', event: { kind: 'conditionTimedOut' }, local: false,
      guards: [{ kind: 'test', expr: s.guard, want: false }], writes: result(false), to: next,
    });
  }
  cancelEdge(cx, ctx, s, l, 'condition');
  return at(l);
}

function childOutcome(cx: CompileEnv, s: Stmt, workflow: string, ctx: Ctx, from: number, next: Target): void {
  stmtEdge(cx, ctx, s, { from, label: `childCompleted(${workflow})`, event: { kind: 'childCompleted', workflow }, to: next, local: false });
  stmtEdge(cx, ctx, s, { from, label: `childFailed(${workflow})`, event: { kind: 'childFailed', workflow }, to: ctx.onFail.failure(), local: false });
  cancelEdge(cx, ctx, s, from, workflow);
}

/** `executeChild`: started → completed | failed; `startChild`: started only. */
export function compileChild(cx: CompileEnv, s: S<'child'>, ctx: Ctx, next: Target): Target {
  const w = s.workflow;
  const start = stmtLocation(cx, ctx, s, `before child ${w}`);
  if (s.mode === 'start') {
    stmtEdge(cx, ctx, s, { from: start, label: `childStarted(${w})`, event: { kind: 'childStarted', workflow: w }, to: next, local: false });
    return at(start);
  }
  const running = stmtLocation(cx, ctx, s, `awaiting child ${w}`);
  stmtEdge(cx, ctx, s, { from: start, label: `childStarted(${w})`, event: { kind: 'childStarted', workflow: w }, to: at(running), local: false });
  // a child on a cron schedule never completes: only a cancellation ends the wait
  if (s.cron) cancelEdge(cx, ctx, s, running, w);
  else childOutcome(cx, s, w, ctx, running, next);
  return at(start);
}

/** `handle.result()` of a started child: completed | failed. */
export function compileChildResult(cx: CompileEnv, s: S<'childResult'>, ctx: Ctx, next: Target): Target {
  const l = stmtLocation(cx, ctx, s, `awaiting child ${s.workflow}`);
  childOutcome(cx, s, s.workflow, ctx, l, next);
  return at(l);
}

/**
 * The statement dispatcher and the control statements: assignment, `if`, loops, `break`,
 * `continue`, `return`, `throw`, `continueAsNew`, scopes, handler registration and `patched`.
 * Statements that only transfer control (`break`, `continue`, `return`, `throw`, scopes) take no
 * step of their own: their entry is where they lead.
 */
import type { Stmt } from '../ir.js';
import { compileTry } from './compile-try.js';
import { compileParallel } from './compile-parallel.js';
import { compilePush, compileRun } from './compile-saga.js';
import { makeWrite, reportTaskFailure, stmtEdge, stmtLocation } from './compile-util.js';
import { compileActivity, compileChild, compileChildResult, compileCondition, compileTimer } from './compile-wait.js';
import type { CompileEnv, Ctx, Lazy } from './context.js';
import { at } from './context.js';
import { formatExpr } from './expr.js';
import type { Target } from './graph.js';

/** Compiles one statement that continues at `next`; returns its entry. */
export function compileStmt(cx: CompileEnv, s: Stmt, ctx: Ctx, next: Target): Target {
  switch (s.kind) {
    case 'activity': return compileActivity(cx, s, ctx, next);
    case 'timer': return compileTimer(cx, s, ctx, next);
    case 'condition': return compileCondition(cx, s, ctx, next);
    case 'child': return compileChild(cx, s, ctx, next);
    case 'childResult': return compileChildResult(cx, s, ctx, next);
    case 'parallel': return compileParallel(cx, s, ctx, next);
    case 'try': return compileTry(cx, s, ctx, next);
    case 'compensate': return s.op === 'push' ? compilePush(cx, s, ctx, next) : compileRun(cx, s, ctx, next);
    case 'assign': {
      const l = stmtLocation(cx, ctx, s, 'assigning');
      const w = makeWrite(cx, s, s.target, s.value);
      const name = (id: string): string => cx.varDecls.get(id)?.name ?? id;
      stmtEdge(cx, ctx, s, { from: l, label: `${name(s.target)} := ${formatExpr(s.value, name)}`, event: null, writes: w === null ? [] : [w], to: next, local: true });
      return at(l);
    }
    case 'if': {
      const l = stmtLocation(cx, ctx, s, 'testing if');
      cx.checkExpr(s.test, s.span);
      const thenEntry = cx.seq(s.then, ctx, next);
      const elseEntry = cx.seq(s.else, ctx, next);
      const test = formatExpr(s.test, (id) => cx.varDecls.get(id)?.name ?? id);
      stmtEdge(cx, ctx, s, { from: l, label: `if (${test}) then`, event: null, guards: [{ kind: 'test', expr: s.test, want: true }], to: thenEntry, local: true });
      stmtEdge(cx, ctx, s, { from: l, label: `if (${test}) else`, event: null, guards: [{ kind: 'test', expr: s.test, want: false }], to: elseEntry, local: true });
      return at(l);
    }
    case 'loop': {
      const head = stmtLocation(cx, ctx, s, 'testing loop');
      cx.checkExpr(s.test, s.span);
      // `update` (a for loop's increment) runs after the body and on `continue`, then the test.
      const update = cx.seq(s.update ?? [], { ...ctx, onBreak: null, onContinue: null, repeatable: true }, at(head));
      const body = cx.seq(s.body, { ...ctx, onBreak: () => next, onContinue: () => update, repeatable: true }, update);
      const test = formatExpr(s.test, (id) => cx.varDecls.get(id)?.name ?? id);
      stmtEdge(cx, ctx, s, { from: head, label: `while (${test}) again`, event: null, guards: [{ kind: 'test', expr: s.test, want: true }], to: body, local: true });
      stmtEdge(cx, ctx, s, { from: head, label: `while (${test}) exit`, event: null, guards: [{ kind: 'test', expr: s.test, want: false }], to: next, local: true });
      return at(head);
    }
    case 'break':
    case 'continue': {
      const t: Lazy<Target> | null = s.kind === 'break' ? ctx.onBreak : ctx.onContinue;
      if (t !== null) return t();
      cx.b.diagnostics.report('WFV3201', 'error', s.span, `'${s.kind}' outside a loop of the same function is not modelled; it is ignored`, s.id);
      return next;
    }
    case 'return':
      return ctx.onReturn();
    case 'throw': {
      if (s.raises === 'rethrow') {
        if (ctx.caught === 'error' && !ctx.catches) reportTaskFailure(cx, s.span, `rethrow of a caught error that is not a Temporal failure`, s.id);
        return ctx.onFail[ctx.caught ?? 'failure']();
      }
      if (s.raises.length === 1 && s.raises[0] !== 'error') return ctx.onFail[s.raises[0]]();
      if (s.raises.includes('error') && !ctx.catches) reportTaskFailure(cx, s.span, `'throw' of an error that is not a Temporal failure${s.raises.length > 1 ? ' (possibly)' : ''}`, s.id);
      // a step of its own: the model chooses what an error of unknown class does, and a
      // counterexample shows the line where a workflow task starts failing
      const l = stmtLocation(cx, ctx, s, 'throwing');
      for (const k of s.raises) stmtEdge(cx, ctx, s, { from: l, label: `throw (${RAISED_LABEL[k]})`, event: null, to: ctx.onFail[k](), local: true });
      return at(l);
    }
    case 'continueAsNew': {
      const l = stmtLocation(cx, ctx, s, 'continuing as new');
      stmtEdge(cx, ctx, s, {
        from: l, label: 'workflowContinuedAsNew', event: { kind: 'workflowContinuedAsNew' }, local: false,
        effects: [{ kind: 'terminate', status: 'continuedAsNew' }], to: { loc: null, resets: [] },
      });
      return at(l);
    }
    case 'scope':
      return cx.seq(s.body, { ...ctx, cancellable: ctx.cancellable && s.mode !== 'nonCancellable' }, next);
    case 'handler': {
      // The IR names the handler by its message name; `kind:name` is accepted too.
      const decl = cx.ir.handlers.findIndex((h) => h.name === s.handler || `${h.kind}:${h.name}` === s.handler);
      if (decl < 0) {
        cx.b.diagnostics.report('WFV3201', 'error', s.span, `setHandler for '${s.handler}', which the workflow does not define; the registration is ignored`, s.id);
        return next;
      }
      const d = cx.ir.handlers[decl];
      if (d.kind === 'query') return next; // queries never change state
      const h = cx.handler(decl);
      const l = stmtLocation(cx, ctx, s, `registering ${d.kind} ${d.name}`);
      stmtEdge(cx, ctx, s, { from: l, label: `setHandler(${d.kind} ${d.name})`, event: null, effects: [{ kind: 'register', handler: h }], to: next, local: true });
      return at(l);
    }
    case 'patched': {
      const l = stmtLocation(cx, ctx, s, `testing patch ${s.patchId}`);
      const patch = cx.b.patch(s.patchId);
      const fn = s.deprecated ? 'deprecatePatch' : 'patched';
      const thenEntry = cx.seq(s.then, ctx, next);
      const elseEntry = cx.seq(s.else, ctx, next);
      stmtEdge(cx, ctx, s, {
        from: l, label: `${fn}(${s.patchId}) true`, event: null, local: true,
        guards: [{ kind: 'patch', patch, value: true }], effects: [{ kind: 'setPatch', patch, value: true }], to: thenEntry,
      });
      stmtEdge(cx, ctx, s, {
        from: l, label: `${fn}(${s.patchId}) false`, event: null, local: true,
        guards: [{ kind: 'patch', patch, value: false }], effects: [{ kind: 'setPatch', patch, value: false }], to: elseEntry,
      });
      return at(l);
    }
  }
}

/** Compiles a sequence back to front; an empty sequence's entry is `next`. */
export function compileSeq(cx: CompileEnv, stmts: readonly Stmt[], ctx: Ctx, next: Target): Target {
  let t = next;
  for (let i = stmts.length - 1; i >= 0; i--) t = compileStmt(cx, stmts[i], ctx, t);
  return t;
}

const RAISED_LABEL = { failure: 'a Temporal failure', fatal: 'an error of failureExceptionTypes', error: 'an error failing the workflow task' } as const;


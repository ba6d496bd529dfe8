/**
 * Saga compensation lists. A list's contents live in the state: a bounded sequence of push-site
 * codes. `push` appends (or, for `unshift`, prepends) its site; `run` walks the list front to
 * back (back to front when `reverse`) with a per-run-site cursor, executing the body registered
 * by each entry's push site (the body is compiled once per run site and push site), and leaves
 * the list as it is, as the JavaScript loop over the array does. A failure inside a compensation propagates from the run
 * statement (the cursor is reset on the way out).
 *
 * Capacities: a list whose pushes all run at most once per run (not in a loop, a handler or a
 * compensation body) holds at most that many entries (a WFV3201 warning when that exceeds
 * `maxCompensations`); otherwise it gets `maxCompensations` entries and a WFV3201 note. A push
 * beyond the capacity stops exploration with a {@link ModelBoundError} (an inconclusive result,
 * never a silent truncation).
 */
import type { Stmt, WorkflowIR } from '../ir.js';
import type { GraphBuilder } from './builder.js';
import { stmtEdge, stmtLocation } from './compile-util.js';
import type { CompileEnv, Ctx, PushStmt } from './context.js';
import { at, perKind, withReset } from './context.js';
import type { Target } from './graph.js';

type RunStmt = Extract<Stmt, { kind: 'compensate'; op: 'run' }>;

/** Child statement lists of a statement, each with whether it may repeat within one run. */
function childBlocks(s: Stmt): { body: readonly Stmt[]; repeats: boolean }[] {
  switch (s.kind) {
    case 'if': case 'patched': return [{ body: s.then, repeats: false }, { body: s.else, repeats: false }];
    case 'loop': return [{ body: s.body, repeats: true }, { body: s.update ?? [], repeats: true }];
    case 'parallel': return s.branches.map((body) => ({ body, repeats: false }));
    case 'try': return [{ body: s.body, repeats: false }, { body: s.catch ?? [], repeats: false }, { body: s.finally ?? [], repeats: false }];
    case 'scope': return [{ body: s.body, repeats: false }];
    case 'compensate': return s.op === 'push' ? [{ body: s.body, repeats: true }] : [];
    default: return [];
  }
}

/** Calls `visit` on every statement of the workflow (bodies of handlers included). */
export function walkStatements(ir: WorkflowIR, visit: (s: Stmt, repeatable: boolean) => void): void {
  const go = (stmts: readonly Stmt[], repeatable: boolean): void => {
    for (const s of stmts) {
      visit(s, repeatable);
      for (const c of childBlocks(s)) go(c.body, repeatable || c.repeats);
    }
  };
  go(ir.body, false);
  for (const h of ir.handlers) go(h.body, true);
}

/** Collects push sites per list and sizes the lists (see the module comment). */
export function scanCompensations(ir: WorkflowIR, b: GraphBuilder, maxCompensations: number): Map<string, PushStmt[]> {
  for (const l of ir.compensationLists) b.list(l.id, l.name);
  const sites = new Map<string, PushStmt[]>();
  const repeats = new Set<string>();
  walkStatements(ir, (s, repeatable) => {
    if (s.kind !== 'compensate' || s.op !== 'push') return;
    const list = b.lists[b.list(s.list, s.list)];
    list.pushes.push(s.id);
    const l = sites.get(s.list);
    if (l) l.push(s);
    else sites.set(s.list, [s]);
    if (repeatable) repeats.add(s.list);
  });
  for (const list of b.lists) {
    const pushes = sites.get(list.id) ?? [];
    const decl = ir.compensationLists.find((l) => l.id === list.id);
    const span = decl?.span ?? pushes[0]?.span ?? ir.span;
    if (repeats.has(list.id)) {
      list.capacity = maxCompensations;
      b.diagnostics.report('WFV3201', 'note', span,
        `compensation list '${list.name}' is pushed to in a loop or handler; the model holds at most ${maxCompensations} entries (maxCompensations) and stops as inconclusive if more are pushed`, `cap:${list.id}`);
    } else {
      list.capacity = Math.min(pushes.length, maxCompensations);
      if (pushes.length > maxCompensations) {
        b.diagnostics.report('WFV3201', 'warning', span,
          `compensation list '${list.name}' has ${pushes.length} push sites but the model holds at most ${maxCompensations} entries (maxCompensations); a run that pushes more stops as inconclusive`, `cap:${list.id}`);
      }
    }
  }
  return sites;
}

export function compilePush(cx: CompileEnv, s: PushStmt, ctx: Ctx, next: Target): Target {
  const list = cx.b.list(s.list, s.list);
  const push = cx.b.lists[list].pushes.indexOf(s.id) + 1;
  const l = stmtLocation(cx, ctx, s, `registering compensation on ${cx.b.lists[list].name}`);
  stmtEdge(cx, ctx, s, {
    from: l, label: `${s.front ? 'unshift' : 'push'} compensation ${s.id} on ${cx.b.lists[list].name}`, event: null, local: true,
    effects: [{ kind: 'push', list, push, front: s.front, span: s.span }], to: next,
  });
  return at(l);
}

export function compileRun(cx: CompileEnv, s: RunStmt, ctx: Ctx, next: Target): Target {
  const list = cx.b.list(s.list, s.list);
  const info = cx.b.lists[list];
  const cursor = cx.b.addCursor(ctx.slot, list);
  const reverse = s.reverse === true;
  const dispatch = stmtLocation(cx, ctx, s, `running compensations of ${info.name}${reverse ? ' (back first)' : ''}`);
  const done = withReset(next, cursor);
  stmtEdge(cx, ctx, s, {
    from: dispatch, label: `compensations of ${info.name} done`, event: null, local: false,
    guards: [{ kind: 'listDone', list, cursor }], to: done,
  });
  (cx.pushSites.get(s.list) ?? []).forEach((p, k) => {
    if (ctx.compensating.includes(p.id)) {
      cx.b.diagnostics.report('WFV3201', 'error', s.span,
        `the compensation registered at ${p.id} runs the compensations of '${info.name}' again; the nested run does not execute it (not modelled)`, `nested:${s.id}:${p.id}`);
      return;
    }
    const bodyCtx: Ctx = {
      ...ctx,
      onFail: perKind((k) => () => withReset(ctx.onFail[k](), cursor)),
      onReturn: () => at(dispatch),
      onBreak: null,
      onContinue: null,
      caught: null,
      repeatable: true,
      compensating: [...ctx.compensating, p.id],
    };
    const entry = cx.seq(p.body, bodyCtx, at(dispatch));
    stmtEdge(cx, ctx, s, {
      from: dispatch, label: `compensate ${p.id} (${info.name})`, event: null, local: false,
      guards: [{ kind: 'listAt', list, cursor, push: k + 1, reverse }],
      effects: [{ kind: 'cursorNext', cursor }], to: entry,
    });
  });
  return at(dispatch);
}

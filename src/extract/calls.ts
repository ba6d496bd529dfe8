/**
 * Effects inside expressions: awaited activity calls, timers, conditions, `Promise.all|
 * allSettled|race|any`, child workflows, cancellation scopes, helper functions (inlined) and
 * promises started earlier (`const p = act(); … await p`). Each becomes IR statements in
 * evaluation order; the expression's value is a tracked variable when its type is finite.
 */
import { apiCallee } from './api.js';
import { activityOf, childWorkflowName, helperOf, messageOf } from './bindings.js';
import { finiteTypeOf, firstValue } from './domains.js';
import { literalValue, skipOuter, toExpr, unknownExpr } from './expressions.js';
import type { ActivityOptions, Expr, Stmt } from './ir.js';
import { childHasCronSchedule, durationValue, readActivityOptions } from './options.js';
import { aggregateOutcome } from './thrown.js';
import { ts } from './ts.js';
import type { Tx } from './tx.js';

/** Branches a dynamic fan-out (`Promise.all(xs.map(f))`) is modelled with. */
export const DYNAMIC_FANOUT_WIDTH = 2;

const UNIT: Expr = { kind: 'const', value: null };

/** A fresh tracked variable for the value of `node` when its type is finite, else undefined. */
export function tempFor(tx: Tx, node: ts.Expression, type?: ts.Type): string | undefined {
  const t = type ?? tx.ctx.checker.getTypeAtLocation(node);
  const awaitedType = tx.ctx.checker.getAwaitedType(t) ?? t;
  const finite = finiteTypeOf(tx.ctx.checker, awaitedType);
  if (!finite) return undefined;
  return tx.ctx.declareVar(`result_${tx.ctx.span(node).line}`, finite.domain, finite.nullable, { kind: 'const', value: firstValue(finite.domain, finite.nullable) }, node);
}

function isPromiseAll(callee: ts.Expression): 'all' | 'allSettled' | 'race' | 'any' | undefined {
  const c = skipOuter(callee);
  if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === 'Promise') {
    const m = c.name.text;
    if (m === 'all' || m === 'allSettled' || m === 'race' || m === 'any') return m;
  }
  return undefined;
}

/** The function an argument denotes (inline arrow/function expression, or a named helper). */
function functionArg(tx: Tx, e: ts.Expression | undefined): ts.FunctionLikeDeclaration | undefined {
  if (!e) return undefined;
  const x = skipOuter(e);
  if (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) return x;
  return helperOf(tx.ctx, x);
}

/** The guard of `condition(fn)`: the function's returned expression. */
function guardOf(tx: Tx, fn: ts.Expression | undefined): Expr {
  const f = functionArg(tx, fn);
  if (!f || !f.body) return fn ? unknownExpr(fn) : { kind: 'unknown' };
  if (!ts.isBlock(f.body)) return toExpr(tx.ctx, f.body);
  const stmts = f.body.statements;
  if (stmts.length === 1 && ts.isReturnStatement(stmts[0]) && stmts[0].expression) return toExpr(tx.ctx, stmts[0].expression);
  tx.ctx.warn('WFV3101', 'condition function with a block body: modelled as an unknown guard', f);
  return unknownExpr(f);
}

/** The array literal an expression denotes (directly or through a `const`), when short. */
function literalArray(tx: Tx, e: ts.Expression, depth = 0): ts.ArrayLiteralExpression | undefined {
  const x = skipOuter(e);
  if (ts.isArrayLiteralExpression(x)) return x.elements.length <= 32 && !x.elements.some(ts.isSpreadElement) ? x : undefined;
  if (ts.isIdentifier(x) && depth < 4) {
    const decl = tx.ctx.checker.getSymbolAtLocation(x)?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
      return literalArray(tx, decl.initializer, depth + 1);
    }
  }
  return undefined;
}

/** The elements of `Promise.all([...])`'s argument, or a dynamic fan-out. */
function parallelBranches(tx: Tx, arg: ts.Expression | undefined, node: ts.Node): Stmt[][] {
  if (!arg) return [];
  const x = skipOuter(arg);
  if (ts.isArrayLiteralExpression(x)) {
    const branches: Stmt[][] = [];
    for (const el of x.elements) {
      if (ts.isSpreadElement(el)) branches.push(...parallelBranches(tx, el.expression, el));
      else {
        const out: Stmt[] = [];
        tx.awaited(el, out, undefined);
        branches.push(out);
      }
    }
    return branches;
  }
  // xs.map(fn) / Array.from(xs, fn): a fan-out of unknown width.
  if (ts.isCallExpression(x) && ts.isPropertyAccessExpression(x.expression) && x.expression.name.text === 'map') {
    const fn = functionArg(tx, x.arguments[0]);
    const literal = literalArray(tx, x.expression.expression);
    if (fn && literal) {
      // A map over an array literal: one branch per element, exactly.
      return literal.elements.map(() => tx.functionBody(fn, 'helper'));
    }
    if (fn) {
      tx.ctx.warn('WFV3104', `fan-out over a collection of unknown size is modelled with ${DYNAMIC_FANOUT_WIDTH} parallel branches; behaviours needing more branches are not explored`, x);
      const branches: Stmt[][] = [];
      for (let i = 0; i < DYNAMIC_FANOUT_WIDTH; i++) branches.push(tx.functionBody(fn, 'helper'));
      return branches;
    }
  }
  // A list variable of promises built earlier: unknown.
  tx.ctx.warn('WFV3104', 'Promise combinator over a collection that cannot be read statically: modelled as one branch of unknown effect', node);
  return [];
}

/**
 * The awaiting of a call or promise expression. Returns the value (a tracked variable or unknown).
 */
export function awaitedValue(tx: Tx, e: ts.Expression, out: Stmt[], result: string | undefined): Expr {
  const ctx = tx.ctx;
  const x = skipOuter(e);
  if (ts.isAwaitExpression(x)) return awaitedValue(tx, x.expression, out, result);
  if (ts.isIdentifier(x)) {
    const sym = ctx.checker.getSymbolAtLocation(x);
    const pending = sym ? ctx.pendingPromise.get(sym) : undefined;
    if (sym && pending) {
      ctx.pendingPromise.delete(sym);
      ctx.note('WFV3106', `promise ${x.text} is modelled as started where it is awaited`, x);
      return awaitedValue(tx, pending, out, result);
    }
  }
  if (ts.isCallExpression(x)) return callValue(tx, x, out, result, true);
  if (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) {
    out.push(...tx.functionBody(x, 'helper', result));
    return result ? { kind: 'var', id: result } : UNIT;
  }
  warnUnmodelledWait(tx, x);
  return tx.effects(x, out, true);
}

/**
 * An awaited value the extractor cannot follow (a `Trigger`, a promise made elsewhere) may block
 * until some other event; the model goes on at once, which misses that wait: said loudly.
 */
function warnUnmodelledWait(tx: Tx, x: ts.Expression): void {
  const checker = tx.ctx.checker;
  const type = checker.getTypeAtLocation(x);
  if (checker.getAwaitedType(type) === type) return; // not a promise: `await` of a plain value waits for nothing
  tx.ctx.warn('WFV3103', `await of ${x.getText()}: what it waits for is not modelled; the model goes on at once`, x);
}

function setResult(out: Stmt[], tx: Tx, result: string | undefined, value: Expr, node: ts.Node): Expr {
  if (!result) return value;
  out.push({ kind: 'assign', id: tx.ctx.stmtId(), span: tx.ctx.span(node), target: result, value });
  return { kind: 'var', id: result };
}

/** A call expression, awaited or not. */
export function callValue(tx: Tx, call: ts.CallExpression, out: Stmt[], result: string | undefined, awaited: boolean): Expr {
  const ctx = tx.ctx;
  const span = ctx.span(call);
  const calleeFn = skipOuter(call.expression);
  if (ts.isArrowFunction(calleeFn) || ts.isFunctionExpression(calleeFn)) {
    // An immediately invoked (async) function: its body runs here.
    out.push(...tx.functionBody(calleeFn, 'helper', result));
    return result ? { kind: 'var', id: result } : unknownExpr(call);
  }
  const activity = activityOf(ctx, call.expression);
  if (activity?.activity) return activityCall(tx, call, activity.activity, activity.options, call.arguments, out, result, awaited);
  const combinator = isPromiseAll(call.expression);
  if (combinator) {
    const branches = parallelBranches(tx, call.arguments[0], call);
    out.push({ kind: 'parallel', id: ctx.stmtId(), span, mode: combinator, branches, ...(combinator === 'any' ? { allFailed: aggregateOutcome(ctx.failureTypes) } : {}) });
    return result ? { kind: 'var', id: result } : unknownExpr(call);
  }
  const api = apiCallee(ctx.checker, call.expression);
  if (api) return apiCallValue(tx, api, call, out, result, awaited);
  // Child handle: h.result()
  if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'result') {
    const sym = ctx.checker.getSymbolAtLocation(call.expression.expression);
    const wf = sym ? ctx.childHandle.get(sym) : undefined;
    if (wf !== undefined) {
      out.push({ kind: 'childResult', id: ctx.stmtId(), span, workflow: wf });
      return result ? { kind: 'var', id: result } : unknownExpr(call);
    }
  }
  // Saga: compensations.push(fn) / unshift(fn)
  if (ts.isPropertyAccessExpression(call.expression) && (call.expression.name.text === 'push' || call.expression.name.text === 'unshift')) {
    const listSym = ctx.checker.getSymbolAtLocation(call.expression.expression);
    const fn = functionArg(tx, call.arguments[0]);
    if (listSym && fn && call.arguments.length === 1) {
      let list = ctx.listOf.get(listSym);
      if (!list) {
        list = `list_${listSym.name}_${ctx.compensationLists.length + 1}`;
        ctx.listOf.set(listSym, list);
        ctx.compensationLists.push({ id: list, name: listSym.name, span: ctx.span(call.expression.expression) });
      }
      out.push({ kind: 'compensate', id: ctx.stmtId(), span, op: 'push', list, front: call.expression.name.text === 'unshift', body: tx.functionBody(fn, 'helper') });
      return UNIT;
    }
  }
  // Calling a compensation closure pulled from a list is handled by the for-of translation.
  const helper = helperOf(ctx, call.expression);
  if (helper) return inlineHelper(tx, helper, call, out, result);
  for (const a of call.arguments) tx.effects(a, out, false);
  if (ts.isPropertyAccessExpression(call.expression) || ts.isElementAccessExpression(call.expression)) {
    tx.effects(call.expression.expression, out, false);
  }
  const type = ctx.checker.getTypeAtLocation(call);
  const returnsPromise = ctx.checker.getAwaitedType(type) !== type;
  if (awaited || returnsPromise) {
    ctx.warn('WFV3105', `call ${call.expression.getText().slice(0, 60)}(…) is not a workflow API call, an activity or a helper wfverify can read: modelled as having no workflow effects`, call);
  }
  return setResult(out, tx, result, unknownExpr(call), call);
}

function inlineHelper(tx: Tx, helper: ts.FunctionLikeDeclaration, call: ts.CallExpression, out: Stmt[], result: string | undefined): Expr {
  const ctx = tx.ctx;
  if (ctx.inlining.includes(helper) || ctx.inlining.length >= 8) {
    ctx.warn('WFV3103', 'recursive (or too deeply nested) helper call: its effects are not modelled', call);
    return unknownExpr(call);
  }
  // Bind parameters of finite type.
  helper.parameters.forEach((p, i) => {
    if (!ts.isIdentifier(p.name)) return;
    const sym = ctx.checker.getSymbolAtLocation(p.name);
    const arg = call.arguments[i];
    const finite = finiteTypeOf(ctx.checker, ctx.checker.getTypeAtLocation(p.name));
    const value = arg ? tx.effects(arg, out, finite !== undefined) : p.initializer ? toExpr(ctx, p.initializer) : { kind: 'const' as const, value: null };
    if (!finite || !sym) return;
    const id = ctx.declareVar(p.name.text, finite.domain, finite.nullable, { kind: 'const', value: firstValue(finite.domain, finite.nullable) }, p.name, sym);
    out.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(arg ?? p), target: id, value });
  });
  const target = result ?? tempFor(tx, call);
  ctx.inlining.push(helper);
  try {
    out.push(...tx.functionBody(helper, 'helper', target));
  } finally {
    ctx.inlining.pop();
  }
  return target ? { kind: 'var', id: target } : unknownExpr(call);
}

/** A call that schedules the activity `name`: the effects of its argument expressions, then the activity step. */
function activityCall(tx: Tx, call: ts.CallExpression, name: string, options: ActivityOptions, args: readonly ts.Expression[], out: Stmt[], result: string | undefined, awaited: boolean): Expr {
  const ctx = tx.ctx;
  for (const a of args) tx.effects(a, out, false);
  if (!awaited) ctx.warn('WFV3106', `activity ${name} is called without await: modelled as if awaited here`, call);
  ctx.noteActivity(name);
  const target = result ?? tempFor(tx, call);
  out.push({ kind: 'activity', id: ctx.stmtId(), span: ctx.span(call), activity: name, options, ...(target ? { result: target } : {}) });
  return target ? { kind: 'var', id: target } : unknownExpr(call);
}

/**
 * `scheduleActivity(type, args, options)` / `scheduleLocalActivity(…)`: an activity step when the
 * type is a literal (or a constant); otherwise a warning, and the call is modelled without effect.
 */
function scheduledActivity(tx: Tx, api: string, call: ts.CallExpression, out: Stmt[], result: string | undefined, awaited: boolean): Expr {
  const ctx = tx.ctx;
  const [typeArg, argsArg, optionsArg] = call.arguments;
  const name = typeArg ? literalValue(ctx, typeArg) : undefined;
  if (typeof name !== 'string') {
    for (const a of call.arguments) tx.effects(a, out, false);
    ctx.warn('WFV3103', `${api}: the activity type is not a constant; the activity is not modelled (treated as having no effect)`, typeArg ?? call);
    return unknownExpr(call);
  }
  const args = argsArg && ts.isArrayLiteralExpression(skipOuter(argsArg)) ? (skipOuter(argsArg) as ts.ArrayLiteralExpression).elements : argsArg ? [argsArg] : [];
  return activityCall(tx, call, name, readActivityOptions(ctx, optionsArg, api === 'scheduleLocalActivity'), args, out, result, awaited);
}

function apiCallValue(tx: Tx, api: string, call: ts.CallExpression, out: Stmt[], result: string | undefined, awaited: boolean): Expr {
  const ctx = tx.ctx;
  const span = ctx.span(call);
  const args = call.arguments;
  switch (api) {
    case 'sleep':
      out.push({ kind: 'timer', id: ctx.stmtId(), span, durationMs: args[0] ? durationValue(ctx, args[0]) : null });
      return UNIT;
    case 'condition': {
      const guard = guardOf(tx, args[0]);
      const timeoutMs = args[1] ? durationValue(ctx, args[1]) : 'none';
      const target = result ?? (timeoutMs === 'none' ? undefined : ctx.declareVar(`condition_${span.line}`, { kind: 'bool' }, false, { kind: 'const', value: false }, call));
      out.push({ kind: 'condition', id: ctx.stmtId(), span, guard, timeoutMs, ...(target ? { result: target } : {}) });
      return target ? { kind: 'var', id: target } : { kind: 'const', value: true };
    }
    case 'executeChild':
    case 'startChild': {
      for (const a of args.slice(1)) tx.effects(a, out, false);
      const cron = childHasCronSchedule(ctx, args[1]);
      if (cron === true && api === 'startChild') ctx.warn('WFV3106', 'child with a cronSchedule: it never completes, but its handle\'s result() is modelled as completing or failing', call);
      out.push({ kind: 'child', id: ctx.stmtId(), span, workflow: childWorkflowName(ctx, args[0]), mode: api === 'executeChild' ? 'execute' : 'start', ...(cron === true ? { cron: true as const } : {}) });
      return result ? { kind: 'var', id: result } : unknownExpr(call);
    }
    case 'scheduleActivity':
    case 'scheduleLocalActivity':
      return scheduledActivity(tx, api, call, out, result, awaited);
    case 'continueAsNew':
      for (const a of args) tx.effects(a, out, false);
      out.push({ kind: 'continueAsNew', id: ctx.stmtId(), span });
      return UNIT;
    case 'CancellationScope.run':
    case 'CancellationScope.cancellable':
    case 'CancellationScope.nonCancellable':
    case 'CancellationScope.withTimeout': {
      ctx.cancellable = true;
      const fn = functionArg(tx, api === 'CancellationScope.withTimeout' ? args[1] : args[0]);
      const mode = api === 'CancellationScope.nonCancellable' ? 'nonCancellable' : api === 'CancellationScope.cancellable' ? 'cancellable' : 'run';
      if (api === 'CancellationScope.withTimeout') ctx.warn('WFV3106', 'CancellationScope.withTimeout: the timeout is not modelled (the scope may also be cancelled at any wait)', call);
      const body = fn ? tx.functionBody(fn, 'helper', result) : [];
      if (!fn) ctx.warn('WFV3103', 'cancellation scope body cannot be read statically', call);
      out.push({ kind: 'scope', id: ctx.stmtId(), span, mode, body });
      return result ? { kind: 'var', id: result } : UNIT;
    }
    case 'setHandler':
      registerHandler(tx, call, out);
      return UNIT;
    case 'uuid4':
    case 'workflowInfo':
    case 'inWorkflowContext':
      return unknownExpr(call);
    case 'isCancellation':
      ctx.cancellable = true;
      return unknownExpr(call);
    case 'deprecatePatch':
      return UNIT;
    case 'patched':
      ctx.warn('WFV3101', 'patched() outside an if test: its value is modelled as unknown', call);
      return unknownExpr(call);
    case 'proxyActivities':
    case 'proxyLocalActivities':
    case 'defineSignal':
    case 'defineQuery':
    case 'defineUpdate':
      return unknownExpr(call);
    default:
      if (api.startsWith('ApplicationFailure.') || api.startsWith('log.') || api === 'log') return unknownExpr(call);
      if (api.startsWith('makeContinueAsNewFunc')) return unknownExpr(call);
      if (awaited) ctx.warn('WFV3103', `workflow API ${api}() is not modelled; treated as having no effect`, call);
      return unknownExpr(call);
  }
}

/** `setHandler(definition, fn)`: a handler declaration plus the statement that installs it. */
function registerHandler(tx: Tx, call: ts.CallExpression, out: Stmt[]): void {
  const ctx = tx.ctx;
  const def = call.arguments[0] ? messageOf(ctx, call.arguments[0]) : undefined;
  if (!def) {
    ctx.warn('WFV3103', 'setHandler: the message definition cannot be resolved; messages to this handler are not modelled', call);
    return;
  }
  const fnArg = call.arguments[1];
  const fn = functionArg(tx, fnArg);
  if (fnArg && skipOuter(fnArg).kind !== ts.SyntaxKind.UndefinedKeyword && !fn && !(ts.isIdentifier(skipOuter(fnArg)) && (skipOuter(fnArg) as ts.Identifier).text === 'undefined')) {
    ctx.warn('WFV3103', `setHandler(${def.name}): the handler function cannot be read statically; deliveries are modelled without effect`, fnArg);
  }
  const params: string[] = [];
  let body: Stmt[] = [];
  if (fn && def.kind !== 'query') {
    for (const p of fn.parameters) {
      if (!ts.isIdentifier(p.name)) continue;
      const sym = ctx.checker.getSymbolAtLocation(p.name);
      const finite = finiteTypeOf(ctx.checker, ctx.checker.getTypeAtLocation(p.name));
      if (!finite || !sym) continue;
      params.push(ctx.declareVar(p.name.text, finite.domain, finite.nullable, { kind: 'const', value: firstValue(finite.domain, finite.nullable) }, p.name, sym));
    }
    body = tx.functionBody(fn, 'handler');
  }
  ctx.handlers.push({ kind: def.kind, name: def.name, params, body, span: ctx.span(call) });
  out.push({ kind: 'handler', id: ctx.stmtId(), span: ctx.span(call), handler: def.name });
}

/**
 * TypeScript statements → IR statements: declarations of tracked variables, `if`/`switch`,
 * loops (counted loops over small ranges and literal arrays tracked exactly, others abstracted
 * with a diagnostic), `try`/`catch`/`finally`, `throw`, `return`, saga compensation runs, and
 * `patched()` branches. Expressions go through {@link effects} so awaits are hoisted in order.
 */
import { apiCallee } from './api.js';
import { activityOf, helperOf } from './bindings.js';
import { tempFor } from './calls.js';
import { finiteTypeOf, firstValue, isNumberType } from './domains.js';
import { hasEffects } from './effects.js';
import { isExact, literalValue, skipOuter, toExpr } from './expressions.js';
import { inferIntRange } from './int-range.js';
import type { Expr, Stmt } from './ir.js';
import { thrownOutcome } from './thrown.js';
import { ts } from './ts.js';
import type { Tx } from './tx.js';

/** Literal arrays longer than this are iterated as loops of unknown bound. */
const MAX_LITERAL_ITERATION = 32;

export function translateStatement(tx: Tx, s: ts.Statement, out: Stmt[]): void {
  const ctx = tx.ctx;
  const span = ctx.span(s);
  if (ts.isBlock(s)) {
    for (const c of s.statements) translateStatement(tx, c, out);
  } else if (ts.isVariableStatement(s)) {
    for (const d of s.declarationList.declarations) declareLocal(tx, d, s.declarationList, out);
  } else if (ts.isExpressionStatement(s)) {
    tx.effects(s.expression, out, false);
  } else if (ts.isIfStatement(s)) {
    translateIf(tx, s, out);
  } else if (ts.isSwitchStatement(s)) {
    translateSwitch(tx, s, out);
  } else if (ts.isWhileStatement(s)) {
    const test = loopTest(tx, s.expression, out, s);
    pushLoop(tx, out, { kind: 'loop', id: ctx.stmtId(), span, test, body: loopBody(tx, s.statement) });
  } else if (ts.isDoStatement(s)) {
    // do { body } while (test)  ==  first: loop(true) { body; if (!test) break }
    const body = loopBody(tx, s.statement);
    const pre: Stmt[] = [];
    const test = tx.effects(s.expression, pre, true);
    if (!isExact(test)) ctx.warn('WFV3102', 'loop condition cannot be evaluated exactly: the loop may repeat any number of times', s.expression);
    body.push(...pre, { kind: 'if', id: ctx.stmtId(), span: ctx.span(s.expression), test: { kind: 'not', arg: test }, then: [{ kind: 'break', id: ctx.stmtId(), span: ctx.span(s.expression) }], else: [] });
    pushLoop(tx, out, { kind: 'loop', id: ctx.stmtId(), span, test: { kind: 'const', value: true }, body });
  } else if (ts.isForStatement(s)) {
    translateFor(tx, s, out);
  } else if (ts.isForOfStatement(s)) {
    translateForOf(tx, s, out);
  } else if (ts.isForInStatement(s)) {
    ctx.warn('WFV3102', 'for-in loop: modelled as repeating any number of times', s);
    pushLoop(tx, out, { kind: 'loop', id: ctx.stmtId(), span, test: { kind: 'unknown', symbolic: s.expression.getText() }, body: loopBody(tx, s.statement) });
  } else if (ts.isTryStatement(s)) {
    out.push({
      kind: 'try',
      id: ctx.stmtId(),
      span,
      body: tx.block(s.tryBlock),
      catch: s.catchClause ? tx.block(s.catchClause.block) : null,
      finally: s.finallyBlock ? tx.block(s.finallyBlock) : null,
    });
  } else if (ts.isThrowStatement(s)) {
    tx.effects(s.expression, out, false);
    out.push(throwStmt(tx, s));
  } else if (ts.isReturnStatement(s)) {
    translateReturn(tx, s, out);
  } else if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) {
    if (s.label) ctx.warn('WFV3103', 'labelled break/continue: modelled as leaving the innermost loop', s);
    out.push({ kind: ts.isBreakStatement(s) ? 'break' : 'continue', id: ctx.stmtId(), span });
  } else if (ts.isLabeledStatement(s)) {
    translateStatement(tx, s.statement, out);
  } else if (
    ts.isEmptyStatement(s) || ts.isFunctionDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s) ||
    ts.isEnumDeclaration(s) || ts.isClassDeclaration(s) || ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isDebuggerStatement(s)
  ) {
    // No workflow behaviour.
  } else {
    ctx.warn('WFV3103', `${ts.SyntaxKind[s.kind]} is not supported: its effects are not modelled`, s);
  }
}

/**
 * A `throw`: what it raises on Temporal (thrown.ts), reported where the model has to choose
 * (WFV3106); lowering reports the throws whose error may fail the workflow task (WFV3107).
 */
function throwStmt(tx: Tx, s: ts.ThrowStatement): Stmt {
  const ctx = tx.ctx;
  const raises = thrownOutcome(ctx, s, ctx.failureTypes);
  const what = s.expression.getText().slice(0, 60);
  if (raises !== 'rethrow' && raises.length > 1) {
    ctx.warn('WFV3106', `what 'throw ${what}' does on Temporal cannot be decided statically (the class of the value, or the workflow's failureExceptionTypes): modelled as ${raises.map((k) => RAISED_TEXT[k]).join(', or ')}`, s);
  }
  return { kind: 'throw', id: ctx.stmtId(), span: ctx.span(s), ...failureOf(tx, s.expression), raises };
}

const RAISED_TEXT = { failure: 'a Temporal failure', fatal: 'an error of the failureExceptionTypes (fails the workflow)', error: 'an error that fails the workflow task' } as const;

/** What a thrown value says: `ApplicationFailure.create({ type, nonRetryable })` and friends. */
function failureOf(tx: Tx, e: ts.Expression): { errorType: string | null; nonRetryable: boolean } {
  const x = skipOuter(e);
  if (ts.isCallExpression(x) || ts.isNewExpression(x)) {
    const api = apiCallee(tx.ctx.checker, x.expression);
    const args = x.arguments ?? [];
    const str = (a: ts.Expression | undefined): string | null => {
      const v = a ? literalValue(tx.ctx, a) : undefined;
      return typeof v === 'string' ? v : null;
    };
    if (api === 'ApplicationFailure.nonRetryable') return { errorType: str(args[1]), nonRetryable: true };
    if (api === 'ApplicationFailure.retryable') return { errorType: str(args[1]), nonRetryable: false };
    if (api === 'ApplicationFailure.create' || api === 'ApplicationFailure.fromError') {
      const o = args[api === 'ApplicationFailure.create' ? 0 : 1];
      let type: string | null = null;
      let nonRetryable = false;
      if (o && ts.isObjectLiteralExpression(skipOuter(o))) {
        for (const p of (skipOuter(o) as ts.ObjectLiteralExpression).properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
          if (p.name.text === 'type') type = str(p.initializer);
          if (p.name.text === 'nonRetryable') nonRetryable = literalValue(tx.ctx, p.initializer) === true;
        }
      }
      return { errorType: type, nonRetryable };
    }
    if (api === 'ApplicationFailure') return { errorType: str(args[1]), nonRetryable: literalValue(tx.ctx, args[2] ?? x) === true };
    if (ts.isNewExpression(x) && ts.isIdentifier(x.expression)) return { errorType: x.expression.text, nonRetryable: false };
  }
  return { errorType: null, nonRetryable: false };
}

function translateReturn(tx: Tx, s: ts.ReturnStatement, out: Stmt[]): void {
  const ctx = tx.ctx;
  const frame = tx.frame;
  if (s.expression) {
    const x = skipOuter(s.expression);
    // `return act()` in an async function awaits the promise.
    const isPromiseCall = ts.isCallExpression(x) && ctx.checker.getAwaitedType(ctx.checker.getTypeAtLocation(x)) !== ctx.checker.getTypeAtLocation(x);
    const value = ts.isAwaitExpression(x) || isPromiseCall ? tx.awaited(x, out, frame.resultVar) : tx.effects(x, out, frame.resultVar !== undefined);
    if (frame.resultVar && !(value.kind === 'var' && value.id === frame.resultVar)) {
      out.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(s.expression), target: frame.resultVar, value });
    }
  }
  if (frame.kind === 'workflow') {
    out.push({ kind: 'return', id: ctx.stmtId(), span: ctx.span(s) });
    return;
  }
  if (isLastStatementOfFrame(s)) return;
  frame.earlyReturn = true;
  if (frame.loopDepth > 0) {
    frame.returnFlag ??= ctx.declareVar('returned', { kind: 'bool' }, false, { kind: 'const', value: false }, s);
    out.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(s), target: frame.returnFlag, value: { kind: 'const', value: true } });
  }
  out.push({ kind: 'break', id: ctx.stmtId(), span: ctx.span(s) });
}

/** Is `s` the last statement of its function body (so `return` just ends the helper)? */
function isLastStatementOfFrame(s: ts.Statement): boolean {
  const parent = s.parent;
  return ts.isBlock(parent) && ts.isFunctionLike(parent.parent) && parent.statements[parent.statements.length - 1] === s;
}

function translateIf(tx: Tx, s: ts.IfStatement, out: Stmt[]): void {
  const ctx = tx.ctx;
  const test = skipOuter(s.expression);
  const negated = ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken;
  const core = negated ? skipOuter((test as ts.PrefixUnaryExpression).operand) : test;
  if (ts.isCallExpression(core)) {
    const api = apiCallee(ctx.checker, core.expression);
    if (api === 'patched') {
      const id = core.arguments[0] ? literalValue(ctx, core.arguments[0]) : undefined;
      const yes = tx.block(s.thenStatement);
      const no = s.elseStatement ? tx.block(s.elseStatement) : [];
      out.push({ kind: 'patched', id: ctx.stmtId(), span: ctx.span(s), patchId: typeof id === 'string' ? id : '?', deprecated: false, then: negated ? no : yes, else: negated ? yes : no });
      return;
    }
  }
  const value = tx.effects(s.expression, out, true);
  out.push({ kind: 'if', id: ctx.stmtId(), span: ctx.span(s), test: value, then: tx.block(s.thenStatement), else: s.elseStatement ? tx.block(s.elseStatement) : [] });
}

function translateSwitch(tx: Tx, s: ts.SwitchStatement, out: Stmt[]): void {
  const ctx = tx.ctx;
  const subject = tx.effects(s.expression, out, true);
  // Group clauses that fall through empty into the next one; strip the trailing break.
  type Arm = { tests: Expr[]; isDefault: boolean; body: ts.Statement[]; node: ts.Node };
  const arms: Arm[] = [];
  let pending: Arm = { tests: [], isDefault: false, body: [], node: s };
  for (const clause of s.caseBlock.clauses) {
    if (ts.isDefaultClause(clause)) pending.isDefault = true;
    else pending.tests.push({ kind: 'binary', op: '==', left: subject, right: tx.effects(clause.expression, out, true) });
    if (clause.statements.length === 0) continue;
    const body = [...clause.statements];
    const last = body[body.length - 1];
    if (ts.isBreakStatement(last) && !last.label) body.pop();
    else if (!(ts.isReturnStatement(last) || ts.isThrowStatement(last) || ts.isContinueStatement(last))) {
      if (clause !== s.caseBlock.clauses[s.caseBlock.clauses.length - 1]) ctx.warn('WFV3103', 'switch case falls through into the next case: the fall-through is not modelled', clause);
    }
    if (body.some((b) => containsBreakOfSwitch(b))) ctx.warn('WFV3103', 'break inside a nested statement of a switch case is modelled as leaving the enclosing loop', clause);
    pending.body = body;
    pending.node = clause;
    arms.push(pending);
    pending = { tests: [], isDefault: false, body: [], node: s };
  }
  const defaultArm = arms.find((a) => a.isDefault);
  let chain: Stmt[] = defaultArm ? tx.block(defaultArm.body) : [];
  for (let i = arms.length - 1; i >= 0; i--) {
    const arm = arms[i];
    if (arm === defaultArm) continue;
    const test: Expr = arm.tests.length === 1 ? arm.tests[0] : arm.tests.reduce((a, b) => ({ kind: 'binary', op: '||', left: a, right: b }));
    chain = [{ kind: 'if', id: ctx.stmtId(), span: ctx.span(arm.node), test, then: tx.block(arm.body), else: chain }];
  }
  out.push(...chain);
}

function containsBreakOfSwitch(n: ts.Node): boolean {
  let found = false;
  const visit = (x: ts.Node): void => {
    if (found || ts.isFunctionLike(x) || ts.isIterationStatement(x, false) || ts.isSwitchStatement(x)) return;
    if (ts.isBreakStatement(x) && !x.label) found = true;
    else ts.forEachChild(x, visit);
  };
  ts.forEachChild(n, visit);
  return found;
}

/** Appends a loop, then leaves the enclosing loop too when a `return` inside it fired. */
function pushLoop(tx: Tx, out: Stmt[], loop: Stmt): void {
  out.push(loop);
  const flag = tx.frame.returnFlag;
  if (tx.frame.kind !== 'workflow' && flag) {
    out.push({ kind: 'if', id: tx.ctx.stmtId(), span: loop.span, test: { kind: 'var', id: flag }, then: [{ kind: 'break', id: tx.ctx.stmtId(), span: loop.span }], else: [] });
  }
}

function loopTest(tx: Tx, e: ts.Expression, out: Stmt[], loop: ts.Node): Expr {
  if (hasEffects(e)) {
    tx.ctx.warn('WFV3102', 'loop condition with effects: modelled as an unknown condition (its effects run once, before the loop)', e);
    tx.effects(e, out, false);
    return { kind: 'unknown', symbolic: e.getText() };
  }
  const test = toExpr(tx.ctx, e);
  if (!isExact(test)) tx.ctx.warn('WFV3102', 'loop bound cannot be determined: the loop is modelled as repeating any number of times', loop);
  return test;
}

function loopBody(tx: Tx, body: ts.Statement): Stmt[] {
  tx.frame.loopDepth++;
  try {
    return tx.block(body);
  } finally {
    tx.frame.loopDepth--;
  }
}

function translateFor(tx: Tx, s: ts.ForStatement, out: Stmt[]): void {
  const ctx = tx.ctx;
  if (s.initializer) {
    if (ts.isVariableDeclarationList(s.initializer)) for (const d of s.initializer.declarations) declareLocal(tx, d, s.initializer, out);
    else tx.effects(s.initializer, out, false);
  }
  const test: Expr = s.condition ? loopTest(tx, s.condition, out, s) : { kind: 'const', value: true };
  const update: Stmt[] = [];
  if (s.incrementor) tx.effects(s.incrementor, update, false);
  pushLoop(tx, out, { kind: 'loop', id: ctx.stmtId(), span: ctx.span(s), test, body: loopBody(tx, s.statement), ...(update.length > 0 ? { update } : {}) });
}

function translateForOf(tx: Tx, s: ts.ForOfStatement, out: Stmt[]): void {
  const ctx = tx.ctx;
  const span = ctx.span(s);
  let iterable = skipOuter(s.expression);
  let reverse = false;
  if (ts.isCallExpression(iterable) && ts.isPropertyAccessExpression(iterable.expression) && iterable.expression.name.text === 'reverse' && iterable.arguments.length === 0) {
    reverse = true;
    iterable = skipOuter(iterable.expression.expression);
  }
  // Saga: for (const compensate of compensations) await compensate();
  const listSym = ts.isIdentifier(iterable) ? ctx.checker.getSymbolAtLocation(iterable) : undefined;
  const list = listSym ? ctx.listOf.get(listSym) : undefined;
  if (list) {
    if (!isCompensationCall(s)) ctx.warn('WFV3106', 'loop over a compensation list: modelled as calling each registered compensation in turn', s.statement);
    out.push({ kind: 'compensate', id: ctx.stmtId(), span, op: 'run', list, ...(reverse ? { reverse: true } : {}) });
    return;
  }
  if (reverse) tx.effects(s.expression, out, false);
  const loopVar = loopVariable(tx, s);
  if (ts.isArrayLiteralExpression(iterable) && iterable.elements.length <= MAX_LITERAL_ITERATION && !iterable.elements.some(ts.isSpreadElement)) {
    // Counted: index over the literal's elements.
    const n = iterable.elements.length;
    const elements = (reverse ? [...iterable.elements].reverse() : [...iterable.elements]).map((el) => tx.effects(el, out, true));
    const index = ctx.declareVar(`index_${span.line}`, { kind: 'int', min: 0, max: n }, false, { kind: 'const', value: 0 }, s);
    const body: Stmt[] = [];
    if (loopVar) {
      let value: Expr = { kind: 'unknown' };
      for (let i = n - 1; i >= 0; i--) {
        value = i === n - 1 ? elements[i] : { kind: 'cond', test: { kind: 'binary', op: '==', left: { kind: 'var', id: index }, right: { kind: 'const', value: i } }, then: elements[i], else: value };
      }
      body.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(s.initializer), target: loopVar, value });
    }
    body.push(...loopBody(tx, s.statement));
    const update: Stmt[] = [{ kind: 'assign', id: ctx.stmtId(), span, target: index, value: { kind: 'binary', op: '+', left: { kind: 'var', id: index }, right: { kind: 'const', value: 1 } } }];
    out.push({ kind: 'assign', id: ctx.stmtId(), span, target: index, value: { kind: 'const', value: 0 } });
    pushLoop(tx, out, { kind: 'loop', id: ctx.stmtId(), span, test: { kind: 'binary', op: '<', left: { kind: 'var', id: index }, right: { kind: 'const', value: n } }, body, update });
    return;
  }
  tx.effects(s.expression, out, false);
  ctx.warn('WFV3102', `loop over ${s.expression.getText().slice(0, 40)}, whose length is not known statically: modelled as repeating any number of times (including zero)`, s);
  const body: Stmt[] = [];
  if (loopVar) body.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(s.initializer), target: loopVar, value: { kind: 'unknown', symbolic: s.initializer.getText() } });
  body.push(...loopBody(tx, s.statement));
  pushLoop(tx, out, { kind: 'loop', id: ctx.stmtId(), span, test: { kind: 'unknown', symbolic: s.expression.getText() }, body });
}

/** `for (const c of list) await c();` — the body only calls the element. */
function isCompensationCall(s: ts.ForOfStatement): boolean {
  const decl = ts.isVariableDeclarationList(s.initializer) ? s.initializer.declarations[0] : undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return false;
  const name = decl.name.text;
  let ok = false;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(skipOuter(n.expression)) && (skipOuter(n.expression) as ts.Identifier).text === name) ok = true;
    ts.forEachChild(n, visit);
  };
  visit(s.statement);
  return ok;
}

/** The tracked variable of a for-of loop's binding, when its type is finite. */
function loopVariable(tx: Tx, s: ts.ForOfStatement): string | undefined {
  const decl = ts.isVariableDeclarationList(s.initializer) ? s.initializer.declarations[0] : undefined;
  if (!decl || !ts.isIdentifier(decl.name)) return undefined;
  const sym = tx.ctx.checker.getSymbolAtLocation(decl.name);
  const finite = finiteTypeOf(tx.ctx.checker, tx.ctx.checker.getTypeAtLocation(decl.name));
  if (!sym || !finite) return undefined;
  return tx.ctx.declareVar(decl.name.text, finite.domain, finite.nullable, { kind: 'const', value: firstValue(finite.domain, finite.nullable) }, decl.name, sym);
}

/** Is a call a promise we should start lazily (`const p = act()` without await)? */
function isDeferrablePromise(tx: Tx, e: ts.Expression): boolean {
  const x = skipOuter(e);
  if (!ts.isCallExpression(x)) return false;
  if (activityOf(tx.ctx, x.expression) || helperOf(tx.ctx, x.expression)) return true;
  const api = apiCallee(tx.ctx.checker, x.expression);
  return api === 'executeChild' || api === 'sleep' || api === 'condition';
}

/** A `const`/`let` declaration: tracked variables, compensation lists, deferred promises, child handles. */
export function declareLocal(tx: Tx, d: ts.VariableDeclaration, list: ts.VariableDeclarationList, out: Stmt[]): void {
  const ctx = tx.ctx;
  const init = d.initializer ? skipOuter(d.initializer) : undefined;
  if (!ts.isIdentifier(d.name)) {
    if (init) tx.effects(init, out, false);
    return;
  }
  const sym = ctx.checker.getSymbolAtLocation(d.name);
  if (!sym) return;
  if (init && ts.isCallExpression(init)) {
    const api = apiCallee(ctx.checker, init.expression);
    if (api === 'proxyActivities' || api === 'proxyLocalActivities' || api === 'defineSignal' || api === 'defineQuery' || api === 'defineUpdate') return;
  }
  const type = ctx.checker.getTypeAtLocation(d.name);
  // Compensation list: an array of functions, initially empty.
  if (init && ts.isArrayLiteralExpression(init) && init.elements.length === 0 && isArrayOfFunctions(tx, type)) {
    const id = `list_${d.name.text}_${ctx.compensationLists.length + 1}`;
    ctx.listOf.set(sym, id);
    ctx.compensationLists.push({ id, name: d.name.text, span: ctx.span(d.name) });
    return;
  }
  if (init && !ts.isAwaitExpression(init) && isDeferrablePromise(tx, init)) {
    ctx.pendingPromise.set(sym, init);
    return;
  }
  if (init && ts.isAwaitExpression(init) && ts.isCallExpression(skipOuter(init.expression))) {
    const call = skipOuter(init.expression) as ts.CallExpression;
    if (apiCallee(ctx.checker, call.expression) === 'startChild') {
      tx.effects(init, out, false);
      const last = out[out.length - 1];
      ctx.childHandle.set(sym, last && last.kind === 'child' ? last.workflow : '?');
      return;
    }
  }
  const reExecuted = tx.frame.kind !== 'workflow' || tx.frame.loopDepth > 0;
  const finite = finiteTypeOf(ctx.checker, type) ?? intRangeOf(tx, sym, d, list);
  if (!finite) {
    if (init) tx.effects(init, out, false);
    return;
  }
  const nullable = finite.nullable || !init;
  const lit = init ? literalValue(ctx, init) : null;
  const constantInit = lit !== undefined && !reExecuted;
  const id = ctx.declareVar(d.name.text, finite.domain, nullable, { kind: 'const', value: constantInit ? lit : firstValue(finite.domain, nullable) }, d.name, sym);
  if (constantInit || !init) {
    if (!init && reExecuted) out.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(d), target: id, value: { kind: 'const', value: null } });
    return;
  }
  if (ts.isAwaitExpression(init)) {
    tx.awaited(init.expression, out, id);
    return;
  }
  const value = tx.effects(init, out, true);
  out.push({ kind: 'assign', id: ctx.stmtId(), span: ctx.span(d), target: id, value });
  void tempFor;
}

function intRangeOf(tx: Tx, sym: ts.Symbol, d: ts.VariableDeclaration, list: ts.VariableDeclarationList): { domain: import('./ir.js').Domain; nullable: boolean } | undefined {
  const ctx = tx.ctx;
  if (!isNumberType(ctx.checker.getTypeAtLocation(d.name))) return undefined;
  let scope: ts.Node = list;
  while (scope.parent && !ts.isSourceFile(scope) && !(ts.isFunctionLike(scope) && ctx.inlining.length === 0)) scope = scope.parent;
  const range = inferIntRange(ctx, sym, d.initializer, scope);
  if (!range) {
    ctx.note('WFV3101', `number variable ${d.name.getText()} is not tracked (no small constant range): its value is abstracted`, d.name);
    return undefined;
  }
  return { domain: { kind: 'int', min: range.min, max: range.max }, nullable: false };
}

function isArrayOfFunctions(tx: Tx, type: ts.Type): boolean {
  const checker = tx.ctx.checker;
  if (!checker.isArrayType(type)) return false;
  const el = checker.getTypeArguments(type as ts.TypeReference)[0];
  return el !== undefined && el.getCallSignatures().length > 0;
}

/**
 * Expressions evaluated for their effects: assignments to tracked variables (`x = …`, `x++`,
 * `x += 2`), awaits and calls nested anywhere in an expression (hoisted in evaluation order),
 * then the value as an IR expression.
 */
import { awaitedValue, callValue } from './calls.js';
import { finiteTypeOf } from './domains.js';
import { skipOuter, toExpr } from './expressions.js';
import type { Expr, Stmt } from './ir.js';
import { ts } from './ts.js';
import type { Tx } from './tx.js';

/** Does evaluating `node` do anything beyond reading data (await, call, assignment)? */
export function hasEffects(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || ts.isFunctionLike(n)) return;
    if (ts.isAwaitExpression(n) || ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isPostfixUnaryExpression(n)) found = true;
    else if (ts.isPrefixUnaryExpression(n) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) found = true;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

const COMPOUND: ReadonlyMap<ts.SyntaxKind, '+' | '-' | '*'> = new Map([
  [ts.SyntaxKind.PlusEqualsToken, '+'],
  [ts.SyntaxKind.MinusEqualsToken, '-'],
  [ts.SyntaxKind.AsteriskEqualsToken, '*'],
]);

/** The tracked variable an assignment target names, if any. */
export function trackedTarget(tx: Tx, target: ts.Expression): string | undefined {
  const t = skipOuter(target);
  if (!ts.isIdentifier(t)) return undefined;
  const sym = tx.ctx.checker.getSymbolAtLocation(t);
  return sym ? tx.ctx.varOf.get(sym) : undefined;
}

function assign(tx: Tx, out: Stmt[], target: string, value: Expr, node: ts.Node): Expr {
  out.push({ kind: 'assign', id: tx.ctx.stmtId(), span: tx.ctx.span(node), target, value });
  return { kind: 'var', id: target };
}

/** Is `e` (after parentheses) an await or a call whose result can go straight into a variable? */
function isDirectEffect(e: ts.Expression): boolean {
  const x = skipOuter(e);
  return ts.isAwaitExpression(x);
}

export function effects(tx: Tx, e: ts.Expression, out: Stmt[], needValue: boolean): Expr {
  const x = skipOuter(e);
  if (!hasEffects(x)) return toExpr(tx.ctx, x);
  if (ts.isAwaitExpression(x)) return awaitedValue(tx, x.expression, out, undefined);
  if (ts.isCallExpression(x)) return callValue(tx, x, out, undefined, false);
  if (ts.isBinaryExpression(x)) {
    const k = x.operatorToken.kind;
    if (k === ts.SyntaxKind.EqualsToken) {
      const target = trackedTarget(tx, x.left);
      if (target && isDirectEffect(x.right)) {
        awaitedValue(tx, skipOuter(x.right) as ts.Expression, out, target);
        return { kind: 'var', id: target };
      }
      const value = effects(tx, x.right, out, target !== undefined || needValue);
      if (!target) {
        warnUntrackedWrite(tx, x.left);
        return value;
      }
      return assign(tx, out, target, value, x);
    }
    const compound = COMPOUND.get(k);
    if (compound) {
      const target = trackedTarget(tx, x.left);
      const value = effects(tx, x.right, out, target !== undefined);
      if (!target) return toExpr(tx.ctx, x.left);
      return assign(tx, out, target, { kind: 'binary', op: compound, left: { kind: 'var', id: target }, right: value }, x);
    }
    if ((k === ts.SyntaxKind.AmpersandAmpersandToken || k === ts.SyntaxKind.BarBarToken || k === ts.SyntaxKind.QuestionQuestionToken) && hasEffects(x.right)) {
      tx.ctx.warn('WFV3106', 'effects on the right of a short-circuit operator are modelled as always evaluated', x.right);
    }
  }
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    return { kind: 'not', arg: effects(tx, x.operand, out, true) };
  }
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    const rebuilt = toExpr(tx.ctx, x);
    if (rebuilt.kind === 'binary' || (rebuilt.kind === 'cond' && op === ts.SyntaxKind.QuestionQuestionToken)) {
      const left = effects(tx, x.left, out, true);
      const right = effects(tx, x.right, out, true);
      if (rebuilt.kind === 'binary') return { kind: 'binary', op: rebuilt.op, left, right };
      return { kind: 'cond', test: { kind: 'binary', op: '==', left, right: { kind: 'const', value: null } }, then: right, else: left };
    }
  }
  if (ts.isConditionalExpression(x)) {
    const test = effects(tx, x.condition, out, true);
    if (hasEffects(x.whenTrue) || hasEffects(x.whenFalse)) tx.ctx.warn('WFV3106', 'effects in both arms of a conditional expression are modelled as both evaluated', x);
    return { kind: 'cond', test, then: effects(tx, x.whenTrue, out, true), else: effects(tx, x.whenFalse, out, true) };
  }
  if ((ts.isPostfixUnaryExpression(x) || ts.isPrefixUnaryExpression(x)) && (x.operator === ts.SyntaxKind.PlusPlusToken || x.operator === ts.SyntaxKind.MinusMinusToken)) {
    const target = trackedTarget(tx, x.operand);
    if (!target) return toExpr(tx.ctx, x.operand);
    const op = x.operator === ts.SyntaxKind.PlusPlusToken ? '+' : '-';
    return assign(tx, out, target, { kind: 'binary', op, left: { kind: 'var', id: target }, right: { kind: 'const', value: 1 } }, x);
  }
  // Any other expression: hoist the effects of its parts, left to right, then read the value.
  ts.forEachChild(x, (child) => {
    if (ts.isExpression(child) && !ts.isFunctionLike(child)) effects(tx, child, out, false);
    else if (ts.isSpreadElement(child) || ts.isPropertyAssignment(child) || ts.isShorthandPropertyAssignment(child) || ts.isTemplateSpan(child)) {
      ts.forEachChild(child, (g) => {
        if (ts.isExpression(g) && !ts.isFunctionLike(g)) effects(tx, g, out, false);
      });
    }
  });
  return toExpr(tx.ctx, x);
}

/** Writes to untracked variables of a finite type lose information: say so once per variable. */
function warnUntrackedWrite(tx: Tx, left: ts.Expression): void {
  const t = skipOuter(left);
  if (!ts.isIdentifier(t)) return;
  const finite = finiteTypeOf(tx.ctx.checker, tx.ctx.checker.getTypeAtLocation(t));
  if (finite) tx.ctx.note('WFV3101', `${t.text} is not tracked (declared outside the workflow function); its value is abstracted`, t);
}

/**
 * Side-effect-free TypeScript expressions → IR expressions over tracked data. Literals, tracked
 * variables, constants the checker can fold, `!`, comparisons, `&&`, `||`, `??`, `?:` and integer
 * `+ - *` are kept exactly; anything else (calls, property reads of untracked objects, strings
 * built at run time) becomes `unknown`, with the source text kept in `symbolic` for the SMT
 * checker. Awaits never reach this module: statement translation hoists them first.
 */
import type { ExtractionContext } from './context.js';
import type { BinaryOp, Expr, Value } from './ir.js';
import { ts } from './ts.js';

const BINARY: ReadonlyMap<ts.SyntaxKind, BinaryOp> = new Map([
  [ts.SyntaxKind.EqualsEqualsEqualsToken, '=='],
  [ts.SyntaxKind.EqualsEqualsToken, '=='],
  [ts.SyntaxKind.ExclamationEqualsEqualsToken, '!='],
  [ts.SyntaxKind.ExclamationEqualsToken, '!='],
  [ts.SyntaxKind.LessThanToken, '<'],
  [ts.SyntaxKind.LessThanEqualsToken, '<='],
  [ts.SyntaxKind.GreaterThanToken, '>'],
  [ts.SyntaxKind.GreaterThanEqualsToken, '>='],
  [ts.SyntaxKind.AmpersandAmpersandToken, '&&'],
  [ts.SyntaxKind.BarBarToken, '||'],
  [ts.SyntaxKind.PlusToken, '+'],
  [ts.SyntaxKind.MinusToken, '-'],
  [ts.SyntaxKind.AsteriskToken, '*'],
]);

export function unknownExpr(node: ts.Node): Expr {
  const text = node.getText().replace(/\s+/g, ' ');
  return { kind: 'unknown', symbolic: text.length > 200 ? `${text.slice(0, 200)}…` : text };
}

/** Strips parentheses, `as`, `!`, `satisfies` and type assertions. */
export function skipOuter(e: ts.Expression): ts.Expression {
  let x = e;
  for (;;) {
    if (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isNonNullExpression(x) || ts.isSatisfiesExpression(x) || ts.isTypeAssertionExpression(x)) x = x.expression;
    else return x;
  }
}

/** A literal value of `e` when it is one (after folding constants), else undefined. */
export function literalValue(ctx: ExtractionContext, e: ts.Expression, depth = 0): Value | undefined {
  const x = skipOuter(e);
  if (x.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (x.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (x.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) return x.text;
  if (ts.isNumericLiteral(x)) return Number(x.text);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(x.operand)) return -Number(x.operand.text);
  if (ts.isIdentifier(x) && x.text === 'undefined') return null;
  if (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x)) {
    const c = ctx.checker.getConstantValue(x as ts.PropertyAccessExpression);
    if (c !== undefined) return c;
  }
  if (ts.isIdentifier(x) && depth < 8) {
    const sym = ctx.checker.getSymbolAtLocation(x);
    if (sym && ctx.varOf.has(sym)) return undefined;
    const decl = sym?.valueDeclaration;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
      return literalValue(ctx, decl.initializer, depth + 1);
    }
  }
  return undefined;
}

/** Translates a side-effect-free expression. */
export function toExpr(ctx: ExtractionContext, e: ts.Expression): Expr {
  const x = skipOuter(e);
  const lit = literalValue(ctx, x);
  if (lit !== undefined) return { kind: 'const', value: lit };
  if (ts.isIdentifier(x)) {
    const sym = ctx.checker.getSymbolAtLocation(x);
    const id = sym ? ctx.varOf.get(sym) : undefined;
    return id ? { kind: 'var', id } : unknownExpr(x);
  }
  if (ts.isShorthandPropertyAssignment(x.parent) && ts.isIdentifier(x)) return unknownExpr(x);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    return { kind: 'not', arg: toExpr(ctx, x.operand) };
  }
  if (ts.isBinaryExpression(x)) {
    if (x.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      const left = toExpr(ctx, x.left);
      return { kind: 'cond', test: { kind: 'binary', op: '==', left, right: { kind: 'const', value: null } }, then: toExpr(ctx, x.right), else: left };
    }
    const op = BINARY.get(x.operatorToken.kind);
    if (op) {
      const left = toExpr(ctx, x.left);
      const right = toExpr(ctx, x.right);
      if (op === '+' && (isStringy(left) || isStringy(right))) return unknownExpr(x);
      return { kind: 'binary', op, left, right };
    }
  }
  if (ts.isConditionalExpression(x)) {
    return { kind: 'cond', test: toExpr(ctx, x.condition), then: toExpr(ctx, x.whenTrue), else: toExpr(ctx, x.whenFalse) };
  }
  return unknownExpr(x);
}

function isStringy(e: Expr): boolean {
  return e.kind === 'const' && typeof e.value === 'string';
}

/** Does the expression mention nothing unknown? */
export function isExact(e: Expr): boolean {
  switch (e.kind) {
    case 'const':
    case 'var':
      return true;
    case 'unknown':
      return false;
    case 'not':
      return isExact(e.arg);
    case 'binary':
      return isExact(e.left) && isExact(e.right);
    case 'cond':
      return isExact(e.test) && isExact(e.then) && isExact(e.else);
  }
}

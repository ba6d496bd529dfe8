/**
 * Small integer ranges for `number` variables: a counter such as `let attempts = 0` that is only
 * assigned literals or stepped by constants (`++`, `+= 1`) and compared with literals is tracked
 * exactly over the range those literals span. Anything else (an assignment from a computed value,
 * an unbounded counter) leaves the variable untracked.
 */
import type { ExtractionContext } from './context.js';
import { literalValue, skipOuter } from './expressions.js';
import { ts } from './ts.js';

/** Most values an inferred range may have. */
const MAX_RANGE = 64;

/** The inferred range of the variable `symbol` (whose uses lie inside `scope`), or undefined. */
export function inferIntRange(ctx: ExtractionContext, symbol: ts.Symbol, init: ts.Expression | undefined, scope: ts.Node): { min: number; max: number } | undefined {
  const literals: number[] = [];
  let ok = true;
  let stepped = false;
  let compared = false;
  const num = (e: ts.Expression): number | undefined => {
    const v = literalValue(ctx, e);
    return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
  };
  if (init) {
    const v = num(init);
    if (v === undefined) return undefined;
    literals.push(v);
  }
  const isSym = (e: ts.Expression): boolean => {
    const x = skipOuter(e);
    return ts.isIdentifier(x) && ctx.checker.getSymbolAtLocation(x) === symbol;
  };
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isBinaryExpression(n)) {
      const k = n.operatorToken.kind;
      if (isSym(n.left)) {
        if (k === ts.SyntaxKind.EqualsToken) {
          const v = num(n.right);
          if (v === undefined) ok = false;
          else literals.push(v);
        } else if (k === ts.SyntaxKind.PlusEqualsToken || k === ts.SyntaxKind.MinusEqualsToken) {
          if (num(n.right) === undefined) ok = false;
          stepped = true;
        } else if (k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment) ok = false;
        else if (k >= ts.SyntaxKind.FirstBinaryOperator && k <= ts.SyntaxKind.LastBinaryOperator) {
          const v = num(n.right);
          if (v !== undefined) {
            literals.push(v);
            compared = true;
          }
        }
      } else if (isSym(n.right)) {
        const v = num(n.left);
        if (v !== undefined) {
          literals.push(v);
          compared = true;
        }
      }
    } else if ((ts.isPostfixUnaryExpression(n) || ts.isPrefixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken) && isSym(n.operand)) {
      stepped = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  if (!ok || literals.length === 0 || (stepped && !compared)) return undefined;
  const min = Math.min(...literals);
  const max = Math.max(...literals);
  return max - min + 1 <= MAX_RANGE ? { min, max } : undefined;
}

/**
 * The {@link Tx} implementation: statement translation in frames. A helper or handler body whose
 * `return` is not its last statement is wrapped in a one-iteration loop so that `return` can
 * become `break` (the IR's `return` always ends the workflow).
 */
import { awaitedValue } from './calls.js';
import type { ExtractionContext } from './context.js';
import { effects } from './effects.js';
import type { Expr, Stmt } from './ir.js';
import { translateStatement } from './statements.js';
import { ts } from './ts.js';
import type { Frame, Tx } from './tx.js';

export class Translator implements Tx {
  frame: Frame = { kind: 'workflow', loopDepth: 0, earlyReturn: false };

  constructor(readonly ctx: ExtractionContext) {}

  block(body: ts.Statement | readonly ts.Statement[]): Stmt[] {
    const out: Stmt[] = [];
    const list = ts.isBlock(body as ts.Node) ? (body as ts.Block).statements : Array.isArray(body) ? body : [body as ts.Statement];
    for (const s of list) translateStatement(this, s, out);
    return out;
  }

  effects(e: ts.Expression, out: Stmt[], needValue: boolean): Expr {
    return effects(this, e, out, needValue);
  }

  awaited(e: ts.Expression, out: Stmt[], result: string | undefined): Expr {
    return awaitedValue(this, e, out, result);
  }

  functionBody(fn: ts.FunctionLikeDeclaration | ts.ArrowFunction | ts.FunctionExpression, kind: Frame['kind'], resultVar?: string): Stmt[] {
    const saved = this.frame;
    this.frame = { kind, loopDepth: 0, earlyReturn: false, ...(resultVar ? { resultVar } : {}) };
    try {
      const body = fn.body;
      if (!body) return [];
      if (!ts.isBlock(body)) {
        const out: Stmt[] = [];
        const value = this.awaited(body, out, resultVar);
        if (resultVar && !(value.kind === 'var' && value.id === resultVar)) {
          out.push({ kind: 'assign', id: this.ctx.stmtId(), span: this.ctx.span(body), target: resultVar, value });
        }
        return out;
      }
      const stmts = this.block(body);
      if (!this.frame.earlyReturn) return stmts;
      const span = this.ctx.span(body);
      const flag = this.frame.returnFlag;
      if (flag) stmts.unshift({ kind: 'assign', id: this.ctx.stmtId(), span, target: flag, value: { kind: 'const', value: false } });
      return [{ kind: 'loop', id: this.ctx.stmtId(), span, test: { kind: 'const', value: true }, body: [...stmts, { kind: 'break', id: this.ctx.stmtId(), span }] }];
    } finally {
      this.frame = saved;
    }
  }
}

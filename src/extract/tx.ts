/**
 * The interface statement and call translation share (they recurse into each other: a
 * statement contains awaited calls, an inlined helper or a `CancellationScope` contains
 * statements). {@link Translator} in translator.ts implements it.
 */
import type { ExtractionContext } from './context.js';
import type { Expr, Stmt } from './ir.js';
import type { ts } from './ts.js';

/** What `return` means where the translator is: end the workflow, or leave a helper/handler. */
export interface Frame {
  readonly kind: 'workflow' | 'helper' | 'handler';
  /** Tracked variable receiving a helper's return value. */
  readonly resultVar?: string;
  /** Loops entered inside this frame (a `return` inside one cannot become a `break`). */
  loopDepth: number;
  /** Set when a `return` was translated into a `break` of the frame's wrapper loop. */
  earlyReturn: boolean;
  /**
   * For a `return` inside a loop of a helper or handler: a flag set before breaking out, tested
   * after each enclosing loop (`if (flag) break`) until the wrapper loop is left.
   */
  returnFlag?: string;
}

export interface Tx {
  readonly ctx: ExtractionContext;
  frame: Frame;
  /** Translates statements (a block or one statement) in the current frame. */
  block(body: ts.Statement | readonly ts.Statement[]): Stmt[];
  /**
   * Translates an expression evaluated for its effects and, when `needValue`, its value:
   * awaited calls become statements appended to `out`; the returned expression reads the result.
   */
  effects(e: ts.Expression, out: Stmt[], needValue: boolean): Expr;
  /**
   * Translates the awaiting of `e` (an `await e`, a returned promise, a `Promise.all` element):
   * statements appended to `out`; `result` receives the value when given and tracked.
   * Returns the value expression (unknown when untracked).
   */
  awaited(e: ts.Expression, out: Stmt[], result: string | undefined): Expr;
  /** Translates a function's body in a new frame (helpers, handlers, closures). */
  functionBody(fn: ts.FunctionLikeDeclaration | ts.ArrowFunction | ts.FunctionExpression, kind: Frame['kind'], resultVar?: string): Stmt[];
}

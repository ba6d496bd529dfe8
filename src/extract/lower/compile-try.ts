/**
 * `try`/`catch`/`finally` with JavaScript semantics, by duplication: the finally block is
 * compiled once per continuation that passes through it (normal completion, each failure kind
 * rethrown after it, `return`, `break`, `continue`), each copy ending where that continuation
 * goes. Copies are built lazily, only for continuations the protected code can take. The catch
 * block is compiled once per failure kind it can receive, so a bare rethrow keeps the kind (a
 * rethrown cancellation still cancels the workflow).
 */
import type { Stmt } from '../ir.js';
import type { CompileEnv, Ctx, Lazy } from './context.js';
import { lazy, perKind } from './context.js';
import type { FailKind, Target } from './graph.js';

type TryStmt = Extract<Stmt, { kind: 'try' }>;

export function compileTry(cx: CompileEnv, s: TryStmt, ctx: Ctx, next: Target): Target {
  const fin = s.finally;
  const through = (t: Lazy<Target>): Lazy<Target> => (fin === null ? t : lazy(() => cx.seq(fin, ctx, t())));
  const afterNormal = through(() => next);
  const failThrough = perKind((k) => through(ctx.onFail[k]));
  const exits = {
    onReturn: through(ctx.onReturn),
    onBreak: ctx.onBreak === null ? null : through(ctx.onBreak),
    onContinue: ctx.onContinue === null ? null : through(ctx.onContinue),
  };
  const handlerCtx = (caught: FailKind): Ctx => ({ ...ctx, ...exits, onFail: failThrough, caught });
  const catchBlock = s.catch;
  const onFail: Record<FailKind, Lazy<Target>> =
    catchBlock === null
      ? failThrough
      : perKind((k) => lazy(() => cx.seq(catchBlock, handlerCtx(k), afterNormal())));
  return cx.seq(s.body, { ...ctx, ...exits, onFail, catches: ctx.catches || catchBlock !== null }, afterNormal());
}


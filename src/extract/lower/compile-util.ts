/**
 * Small helpers of the statement compilers: locations and edges of a statement (span, id and a
 * label ending in `@ file:line`), and assignments with their abstraction decision.
 */
import type { Expr, SourceSpan, Stmt } from '../ir.js';
import type { CompileEnv, Ctx, EdgeSpec } from './context.js';
import { where } from './diagnostics.js';
import { containsUnknown, possibleValues } from './expr.js';
import type { Write } from './graph.js';

/** A new location of `stmt` in the context's slot. */
export function stmtLocation(cx: CompileEnv, ctx: Ctx, stmt: Stmt, what: string): number {
  return cx.b.addLocation(ctx.slot, 'stmt', stmt.span, stmt.id, what);
}

/** Adds a thread edge taken by `stmt`; the label gets ` @ file:line`. */
export function stmtEdge(cx: CompileEnv, ctx: Ctx, stmt: Stmt, e: EdgeSpec): number {
  return cx.b.addEdge({
    kind: 'thread',
    slot: ctx.slot,
    from: e.from,
    label: `${e.label} @ ${where(stmt.span)}`,
    event: e.event,
    span: stmt.span,
    stmt: stmt.id,
    guards: e.guards ?? [],
    writes: e.writes ?? [],
    effects: e.effects ?? [],
    to: e.to,
    local: e.local,
  });
}

/**
 * The write `target := value` of statement `stmt`, or null when the variable is unknown (then a
 * diagnostic says so). A value that mentions `unknown` is split (one action per value of the
 * variable); so is one that may fall outside the variable's domain (computed over the domains
 * of the variables it reads): a write that does fall outside yields every value of the domain,
 * and the system reports it (WFV3201, once per statement) when exploration meets it — a static
 * warning would fire on every counted loop whose counter ends one past its last value.
 */
export function makeWrite(cx: CompileEnv, stmt: Stmt, target: string, value: Expr): Write | null {
  const index = cx.varIndex.get(target);
  const codec = cx.codecs.get(target);
  if (index === undefined || codec === undefined) {
    cx.b.diagnostics.report('WFV3201', 'error', stmt.span, `statement ${stmt.id} writes the unknown variable '${target}'; the write is ignored`, `write:${stmt.id}:${target}`);
    return null;
  }
  cx.checkExpr(value, stmt.span);
  if (containsUnknown(value, cx.varIndex)) return { var: index, value, split: true };
  const values = possibleValues(value, cx.codecs);
  const exact = values !== 'wide' && values.every((v) => codec.encode(v) >= 0);
  return { var: index, value, split: !exact };
}

/** A write of a result the environment chooses (activity results, handler parameters). */
export function unknownWrite(cx: CompileEnv, stmt: Stmt, target: string): Write | null {
  return makeWrite(cx, stmt, target, { kind: 'unknown' });
}

/**
 * WFV3107 where an error that is no Temporal failure escapes workflow code uncaught: on Temporal
 * it fails the workflow task, not the workflow.
 */
export function reportTaskFailure(cx: CompileEnv, span: SourceSpan, what: string, key: string): void {
  cx.b.diagnostics.report('WFV3107', 'warning', span,
    `${what}: uncaught, on Temporal it fails the workflow task, which is retried while the run stays open and never moves on (the model's status taskFailed); throw an ApplicationFailure, or list the class in the workflow's failureExceptionTypes, to fail the workflow`, `taskFailed:${key}`);
}

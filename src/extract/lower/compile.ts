/**
 * Compiles a {@link WorkflowIR} into its {@link ProcessGraph}: the main body in slot 0, one slot
 * per parallel branch, one per registered signal/update handler, the workflow's end locations
 * (completed, failed, cancelled) and the environment's cancellation request.
 *
 * Uncaught failures of the main body end the workflow failed (cancellations: cancelled); so do
 * those of a signal handler. A failing update handler fails only that update: its thread ends.
 * `return` ends the main body (completed, after the enclosing finally blocks), a branch (ok) or
 * a handler invocation.
 */
import { InternalError } from '../../core/index.js';
import type { Expr, SourceSpan, Stmt, WorkflowIR } from '../ir.js';
import { GraphBuilder } from './builder.js';
import { scanCompensations } from './compile-saga.js';
import { compileSeq } from './compile-stmt.js';
import { unknownWrite } from './compile-util.js';
import type { CompileEnv, Ctx } from './context.js';
import { at, lazy } from './context.js';
import { where } from './diagnostics.js';
import { VarCodec } from './domains.js';
import { varsOf } from './expr.js';
import type { HandlerInfo, ProcessGraph, Target, Write } from './graph.js';
import type { WorkflowStatus } from './types.js';

export interface CompiledWorkflow {
  readonly graph: ProcessGraph;
  readonly builder: GraphBuilder;
}

const FINISH: Target = { loc: null, resets: [] };

type EndStatus = Exclude<WorkflowStatus, 'running' | 'continuedAsNew'>;
const END_EVENT = { completed: 'workflowCompleted', failed: 'workflowFailed', cancelled: 'workflowCancelled', taskFailed: 'workflowTaskFailed' } as const;

export function compileWorkflow(ir: WorkflowIR, maxCompensations: number): CompiledWorkflow {
  const b = new GraphBuilder();
  const varIndex = new Map(ir.vars.map((v, i) => [v.id, i]));
  const codecs = new Map(ir.vars.map((v) => [v.id, new VarCodec(v)]));
  const varDecls = new Map(ir.vars.map((v) => [v.id, v]));
  const pushSites = scanCompensations(ir, b, maxCompensations);
  const handlerOf = new Map<number, number>();
  const pending: number[] = [];

  /** The location from which slot `slot` ends the workflow with `status` (created on first use). */
  const ends = new Map<string, number>();
  const end = (slot: number, status: EndStatus, span: SourceSpan): number => {
    const key = `${slot}:${status}`;
    const known = ends.get(key);
    if (known !== undefined) return known;
    const loc = b.addLocation(slot, 'end', null, 'workflow', status === 'taskFailed' ? 'failing the workflow task (the run stays open, never moving on)' : `ending the workflow (${status})`);
    ends.set(key, loc);
    const kind = END_EVENT[status];
    b.addEdge({
      kind: 'thread', slot, from: loc, label: `${kind} @ ${where(span)}`, event: { kind }, span, stmt: 'workflow',
      guards: [], writes: [], effects: [{ kind: 'terminate', status }], to: FINISH, local: false,
    });
    return loc;
  };

  const cx: CompileEnv = {
    ir, b, varIndex, codecs, varDecls,
    cancellation: ir.cancellable,
    pushSites,
    seq: (stmts: readonly Stmt[], ctx: Ctx, next: Target) => compileSeq(cx, stmts, ctx, next),
    handler(decl: number): number {
      const known = handlerOf.get(decl);
      if (known !== undefined) return known;
      const d = ir.handlers[decl];
      const slot = b.addSlot('handler', null, `${d.kind} ${d.name}`, d.span);
      const index = b.handlers.length;
      const kind = d.kind === 'update' ? 'update' : 'signal';
      b.handlers.push({ decl, kind, name: d.name, slot, entry: FINISH, deliver: -1 });
      handlerOf.set(decl, index);
      pending.push(index);
      return index;
    },
    checkExpr(e: Expr, span: SourceSpan): void {
      for (const id of varsOf(e)) {
        if (!varIndex.has(id)) b.diagnostics.report('WFV3201', 'error', span, `an expression reads the unknown variable '${id}'; it is read as any value`, `read:${id}`);
      }
    },
  };
  const main = b.addSlot('main', null, 'main', ir.span);
  const mainCtx: Ctx = {
    slot: main,
    onFail: {
      failure: lazy(() => at(end(main, 'failed', ir.span))), cancel: lazy(() => at(end(main, 'cancelled', ir.span))),
      fatal: lazy(() => at(end(main, 'failed', ir.span))), error: lazy(() => at(end(main, 'taskFailed', ir.span))),
    },
    onReturn: lazy(() => at(end(main, 'completed', ir.span))),
    onBreak: null,
    onContinue: null,
    cancellable: ir.cancellable,
    caught: null,
    catches: false,
    repeatable: false,
    compensating: [],
  };
  const entry = compileSeq(cx, ir.body, mainCtx, mainCtx.onReturn());
  if (entry.loc === null) throw new InternalError('the main body of a workflow must start at a location');

  for (let k = 0; k < pending.length; k++) compileHandler(cx, pending[k], end);

  if (ir.cancellable) {
    b.addEdge({
      kind: 'environment', slot: main, from: null, label: `cancelRequested @ ${where(ir.span)}`, event: { kind: 'cancelRequested' },
      span: ir.span, stmt: 'workflow', guards: [{ kind: 'cancelRequested', value: false }], writes: [],
      effects: [{ kind: 'requestCancel' }], to: null, local: false,
    });
  }
  return { graph: b.finish(entry.loc, ir.cancellable), builder: b };
}

function compileHandler(cx: CompileEnv, index: number, end: (slot: number, status: EndStatus, span: SourceSpan) => number): void {
  const b = cx.b;
  const h = b.handlers[index];
  const d = cx.ir.handlers[h.decl];
  const slot = h.slot;
  // a Temporal failure escaping an update handler fails only the update; any other error acts as from a signal handler
  const fatal = lazy(() => at(end(slot, 'failed', d.span)));
  const error = lazy(() => at(end(slot, 'taskFailed', d.span)));
  const failing: Ctx['onFail'] =
    h.kind === 'signal'
      ? { failure: fatal, cancel: lazy(() => at(end(slot, 'cancelled', d.span))), fatal, error }
      : { failure: () => FINISH, cancel: () => FINISH, fatal, error };
  const ctx: Ctx = {
    slot, onFail: failing, onReturn: () => FINISH, onBreak: null, onContinue: null,
    cancellable: cx.cancellation, caught: null, catches: false, repeatable: true, compensating: [],
  };
  const entry = compileSeq(cx, d.body, ctx, FINISH);
  const pseudo: Stmt = { kind: 'return', id: `${h.kind}:${h.name}`, span: d.span };
  const writes = d.params.map((p) => unknownWrite(cx, pseudo, p)).filter((w): w is Write => w !== null);
  const deliver = b.addEdge({
    kind: 'deliver', slot, from: null, label: `${h.kind}(${h.name}) @ ${where(d.span)}`, event: { kind: h.kind, name: h.name },
    span: d.span, stmt: 'workflow', guards: [{ kind: 'registered', handler: index }, { kind: 'inactive', slot }],
    writes, effects: [], to: entry, local: false,
  });
  const info: HandlerInfo = { ...h, entry, deliver };
  b.handlers[index] = info;
}

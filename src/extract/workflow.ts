/**
 * One workflow function → {@link WorkflowIR}. Parameters of finite type become variables whose
 * initial value the environment chooses; the body is translated in the workflow frame; promises
 * started but never awaited are reported.
 */
import { DiagnosticSink, ExtractionContext } from './context.js';
import { finiteTypeOf } from './domains.js';
import { IR_FORMAT_VERSION, type Stmt, type WorkflowIR } from './ir.js';
import { pruneTemporaries } from './prune.js';
import { failureExceptionTypesOf } from './thrown.js';
import { Translator } from './translator.js';
import { ts } from './ts.js';

export type WorkflowFunction = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

export function extractWorkflow(
  checker: ts.TypeChecker,
  name: string,
  fn: WorkflowFunction,
  file: string,
  api: WorkflowIR['api'],
): WorkflowIR {
  const sink = new DiagnosticSink();
  const ctx = new ExtractionContext(checker, file, sink);
  const tx = new Translator(ctx);
  ctx.failureTypes = failureExceptionTypesOf(checker, fn);
  for (const p of fn.parameters) {
    if (!ts.isIdentifier(p.name)) continue;
    const sym = checker.getSymbolAtLocation(p.name);
    const finite = finiteTypeOf(checker, checker.getTypeAtLocation(p.name));
    if (sym && finite) ctx.declareVar(p.name.text, finite.domain, finite.nullable || p.questionToken !== undefined, { kind: 'unknown', symbolic: `input ${p.name.text}` }, p.name, sym);
  }
  let body: Stmt[];
  try {
    body = fn.body && ts.isBlock(fn.body) ? tx.block(fn.body) : fn.body ? tx.functionBody(fn, 'workflow') : [];
  } catch (e) {
    // A defect of the extractor must not lose the user's run: report it at the workflow.
    sink.add('error', 'WFV7000', `internal error while extracting ${name}: ${(e as Error).message} (please report)`, ctx.span(fn));
    body = [];
  }
  for (const [sym, call] of ctx.pendingPromise) {
    ctx.warn('WFV3106', `promise ${sym.name} is started but never awaited: its effects are not modelled`, call);
  }
  const pruned = pruneTemporaries(ctx.vars, ctx.temporaries, ctx.handlers, body);
  return {
    formatVersion: IR_FORMAT_VERSION,
    name,
    span: ctx.span(fn.parent && ts.isVariableDeclaration(fn.parent) ? fn.parent : fn),
    api,
    vars: pruned.vars,
    compensationLists: ctx.compensationLists,
    handlers: pruned.handlers,
    activities: ctx.activities,
    body: pruned.body,
    cancellable: ctx.cancellable,
    diagnostics: sink.list,
  };
}

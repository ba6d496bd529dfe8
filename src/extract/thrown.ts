/**
 * What a thrown value does in Temporal's TypeScript SDK, decided from the code (never by running
 * it). An error that escapes workflow code (the workflow function, or a signal or update handler)
 * either
 * - fails the workflow: a Temporal failure (`ApplicationFailure` and the SDK's other
 *   `TemporalFailure` classes, subclasses included) — kind `failure`; from an update handler it
 *   fails only the update;
 * - fails the workflow, even from an update handler: an error of a class the workflow lists in its
 *   definition options' `failureExceptionTypes` (`setWorkflowOptions` / `defineWorkflowOptions`;
 *   `Error` in the list matches anything) — kind `fatal`;
 * - or fails the workflow *task*: anything else (`new Error(…)`, a `TypeError`, a string). Temporal
 *   retries the task and the run stays open, never moving on — kind `error`.
 * A value whose class the types do not pin down gets every kind it may have; the model then
 * chooses among them.
 */
import { apiCallee, apiExportName } from './api.js';
import type { ExtractionContext } from './context.js';
import { skipOuter } from './expressions.js';
import type { Raised } from './ir.js';
import { ts, fileOf, isWorkflowApiFile } from './ts.js';
import type { WorkflowFunction } from './workflow.js';

/** The SDK's failure classes: everything that extends `TemporalFailure`. */
const TEMPORAL_FAILURES = new Set([
  'TemporalFailure', 'ApplicationFailure', 'CancelledFailure', 'TimeoutFailure', 'ServerFailure', 'TerminatedFailure',
  'ActivityFailure', 'ChildWorkflowFailure', 'NexusOperationFailure',
]);

/** Calls of the API that return a Temporal failure. */
const FAILURE_FACTORIES = new Set(['ApplicationFailure.create', 'ApplicationFailure.fromError', 'ApplicationFailure.nonRetryable', 'ApplicationFailure.retryable']);

/**
 * The workflow's `failureExceptionTypes`: `none` when it sets none, `known` with the listed
 * classes, `unknown` when the code gives them in a way the extractor cannot read (a getter with
 * a conditional, a list built at run time, several definitions).
 */
export type FailureExceptionTypes =
  | { readonly kind: 'none' }
  | { readonly kind: 'known'; readonly classes: readonly ts.Symbol[] }
  | { readonly kind: 'unknown' };

/** A thrown value: a bare rethrow of the enclosing catch's error, or the kinds it may have. */
export type ThrowOutcome = 'rethrow' | readonly Raised[];

function resolve(checker: ts.TypeChecker, s: ts.Symbol): ts.Symbol {
  if (!(s.flags & ts.SymbolFlags.Alias)) return s;
  try {
    return checker.getAliasedSymbol(s);
  } catch {
    return s;
  }
}

function symbolOfExpr(checker: ts.TypeChecker, e: ts.Expression): ts.Symbol | undefined {
  const x = skipOuter(e);
  const node = ts.isPropertyAccessExpression(x) ? x.name : x;
  const s = checker.getSymbolAtLocation(node);
  return s ? resolve(checker, s) : undefined;
}

/**
 * Reads the definition options of workflow `fn` in its file: top-level `setWorkflowOptions(options, fn)`
 * and `defineWorkflowOptions(fn, { workflowDefinitionOptions })` calls naming it.
 */
export function failureExceptionTypesOf(checker: ts.TypeChecker, fn: WorkflowFunction): FailureExceptionTypes {
  const nameNode = ts.isFunctionDeclaration(fn) ? fn.name : fn.parent && ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
  const own = nameNode ? checker.getSymbolAtLocation(nameNode) : undefined;
  if (!own) return { kind: 'none' };
  const found: FailureExceptionTypes[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const api = apiCallee(checker, n.expression);
      if (api === 'setWorkflowOptions' || api === 'defineWorkflowOptions') {
        const [first, second] = n.arguments;
        const target = api === 'setWorkflowOptions' ? second : first;
        const given = api === 'setWorkflowOptions' ? first : second;
        if (target && symbolOfExpr(checker, target) === own) {
          found.push(given === undefined ? { kind: 'none' } : api === 'setWorkflowOptions' ? readOptions(checker, given) : readConfig(checker, given));
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn.getSourceFile());
  if (found.length === 0) return { kind: 'none' };
  return found.length === 1 ? found[0] : { kind: 'unknown' };
}

/** `{ workflowDefinitionOptions: options, staticOptions }` of `defineWorkflowOptions`. */
function readConfig(checker: ts.TypeChecker, e: ts.Expression): FailureExceptionTypes {
  const x = skipOuter(e);
  if (!ts.isObjectLiteralExpression(x)) return { kind: 'unknown' };
  for (const p of x.properties) {
    if (ts.isSpreadAssignment(p)) return { kind: 'unknown' };
    if (p.name && ts.isIdentifier(p.name) && p.name.text === 'workflowDefinitionOptions') {
      return ts.isPropertyAssignment(p) ? readOptions(checker, p.initializer) : { kind: 'unknown' };
    }
  }
  return { kind: 'none' };
}

/** `WorkflowDefinitionOptions`, or a getter returning them (read when its body is one object literal). */
function readOptions(checker: ts.TypeChecker, e: ts.Expression): FailureExceptionTypes {
  let x = skipOuter(e);
  if (ts.isArrowFunction(x) || ts.isFunctionExpression(x)) {
    const body = x.body;
    if (ts.isBlock(body)) {
      const only = body.statements.length === 1 ? body.statements[0] : undefined;
      if (!only || !ts.isReturnStatement(only) || !only.expression) return { kind: 'unknown' };
      x = skipOuter(only.expression);
    } else x = skipOuter(body);
  }
  if (!ts.isObjectLiteralExpression(x)) return { kind: 'unknown' };
  for (const p of x.properties) {
    if (ts.isSpreadAssignment(p)) return { kind: 'unknown' };
    if (!p.name || !ts.isIdentifier(p.name) || p.name.text !== 'failureExceptionTypes') continue;
    if (!ts.isPropertyAssignment(p)) return { kind: 'unknown' };
    const list = skipOuter(p.initializer);
    if (!ts.isArrayLiteralExpression(list)) return { kind: 'unknown' };
    const classes: ts.Symbol[] = [];
    for (const el of list.elements) {
      const s = ts.isSpreadElement(el) ? undefined : symbolOfExpr(checker, el);
      if (!s) return { kind: 'unknown' };
      classes.push(s);
    }
    return { kind: 'known', classes };
  }
  return { kind: 'none' };
}

/** A class (or lib interface) and its ancestors, through `extends` clauses; null when some base cannot be resolved. */
function lineage(checker: ts.TypeChecker, s: ts.Symbol): ts.Symbol[] | null {
  const out: ts.Symbol[] = [];
  const seen = new Set<ts.Symbol>();
  let ok = true;
  const walk = (c: ts.Symbol): void => {
    if (seen.has(c)) return;
    seen.add(c);
    out.push(c);
    for (const d of c.declarations ?? []) {
      if (!ts.isClassLike(d) && !ts.isInterfaceDeclaration(d)) continue;
      for (const h of d.heritageClauses ?? []) {
        if (h.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        for (const t of h.types) {
          const b = symbolOfExpr(checker, t.expression);
          if (b) walk(b);
          else ok = false;
        }
      }
    }
  };
  walk(s);
  return ok ? out : null;
}

function isTemporalFailureSymbol(s: ts.Symbol): boolean {
  if (!TEMPORAL_FAILURES.has(s.name)) return false;
  return (s.declarations ?? []).some((d) => {
    const f = fileOf(d);
    return f.includes('/@temporalio/') || isWorkflowApiFile(f);
  });
}

/** Is `s` the global `Error` of the standard library (an ancestor of every failure class)? */
function isGlobalError(s: ts.Symbol): boolean {
  return s.name === 'Error' && isLibSymbol(s);
}

/**
 * The kinds an error of class `cls` has, given the workflow's configuration. `exact` is false
 * when the value may be of a subclass (so a value typed `Error` may be a failure).
 */
function kindsOfClass(checker: ts.TypeChecker, cls: ts.Symbol, exact: boolean, config: FailureExceptionTypes): Raised[] {
  const line = lineage(checker, cls);
  if (line === null) return withConfig(['failure', 'error'], config, null);
  if (line.some(isTemporalFailureSymbol)) return ['failure'];
  if (!exact && isGlobalError(cls)) return withConfig(['failure', 'error'], config, line);
  return withConfig(['error'], config, line);
}

/** Applies `failureExceptionTypes` to the `error` kind: configured classes fail the workflow. */
function withConfig(kinds: Raised[], config: FailureExceptionTypes, line: readonly ts.Symbol[] | null): Raised[] {
  if (!kinds.includes('error') || config.kind === 'none') return kinds;
  const rest = kinds.filter((k) => k !== 'error');
  if (config.kind === 'unknown') return [...rest, 'fatal', 'error'];
  if (config.classes.some(isGlobalError)) return [...rest, 'fatal'];
  if (line === null) return [...rest, 'fatal', 'error'];
  return config.classes.some((c) => line.includes(c)) ? [...rest, 'fatal'] : kinds;
}

/** The kinds of a value of type `t` (of that class or a subclass). */
function kindsOfType(checker: ts.TypeChecker, t: ts.Type, config: FailureExceptionTypes): Raised[] {
  if (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return withConfig(['failure', 'error'], config, null);
  if (t.isUnion()) {
    const all = new Set<Raised>();
    for (const m of t.types) for (const k of kindsOfType(checker, m, config)) all.add(k);
    return (['failure', 'fatal', 'error'] as const).filter((k) => all.has(k));
  }
  const s = t.getSymbol();
  // a value that is no object (a string, a number) has no class: only `Error` in the list matches it
  if (!s || !(t.flags & ts.TypeFlags.Object)) return withConfig(['error'], config, []);
  return kindsOfClass(checker, resolve(checker, s), false, config);
}

/** The catch clause whose block most closely encloses `n` within the same function, if any. */
function enclosingCatch(n: ts.Node): ts.CatchClause | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (ts.isCatchClause(p)) return p;
    if (ts.isFunctionLike(p)) return undefined;
  }
  return undefined;
}

/** What `throw e` raises (`e` undefined: `throw;` is not JavaScript, treated as unknown). */
export function thrownOutcome(ctx: ExtractionContext, stmt: ts.ThrowStatement, config: FailureExceptionTypes): ThrowOutcome {
  const checker = ctx.checker;
  const e = stmt.expression;
  const x = skipOuter(e);
  if (ts.isIdentifier(x)) {
    const decl = checker.getSymbolAtLocation(x)?.declarations?.[0];
    const c = enclosingCatch(stmt);
    if (decl && c && c.variableDeclaration === decl) return 'rethrow';
  }
  if (ts.isCallExpression(x) && FAILURE_FACTORIES.has(apiCallee(checker, x.expression) ?? '')) return ['failure'];
  if (ts.isNewExpression(x)) {
    if (apiExportName(checker, x.expression) === 'ApplicationFailure') return ['failure'];
    const s = symbolOfExpr(checker, x.expression);
    if (s) return kindsOfClass(checker, s, true, config);
  }
  return kindsOfType(checker, checker.getTypeAtLocation(x), config);
}

/** What `Promise.any` raises when every branch failed: an `AggregateError`. */
export function aggregateOutcome(config: FailureExceptionTypes): readonly Raised[] {
  if (config.kind === 'unknown') return ['fatal', 'error'];
  if (config.kind === 'none') return ['error'];
  const matches = config.classes.some((c) => isLibSymbol(c) && (c.name === 'Error' || c.name === 'AggregateError'));
  return matches ? ['fatal'] : ['error'];
}

function isLibSymbol(s: ts.Symbol): boolean {
  return (s.declarations ?? []).some((d) => d.getSourceFile().hasNoDefaultLib);
}

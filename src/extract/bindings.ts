/**
 * Resolving what a name in workflow code stands for, through the checker's symbols (also
 * across the user's modules): an activity of a `proxyActivities` proxy, a message definition
 * (`defineSignal('approve')`), a child workflow type, or a helper function to inline.
 */
import { apiCallee } from './api.js';
import type { ActivityBinding, ExtractionContext, MessageDefinition } from './context.js';
import { literalValue, skipOuter } from './expressions.js';
import { readActivityOptions } from './options.js';
import { ts, isWorkflowApiFile } from './ts.js';

/** The declaration a name refers to, following import aliases. */
export function declarationOf(ctx: ExtractionContext, node: ts.Node): ts.Declaration | undefined {
  let sym = ctx.checker.getSymbolAtLocation(node);
  if (!sym) return undefined;
  if (sym.flags & ts.SymbolFlags.Alias) {
    try {
      sym = ctx.checker.getAliasedSymbol(sym);
    } catch {
      return undefined;
    }
  }
  return sym.valueDeclaration ?? sym.declarations?.[0];
}

/** The proxy a `proxyActivities(...)`/`proxyLocalActivities(...)` call stands for, with its options. */
function proxyOf(ctx: ExtractionContext, decl: ts.VariableDeclaration): ActivityBinding | null {
  const cached = ctx.proxyCache.get(decl);
  if (cached !== undefined) return cached;
  let result: ActivityBinding | null = null;
  const init = decl.initializer ? skipOuter(decl.initializer) : undefined;
  if (init && ts.isCallExpression(init)) {
    const api = apiCallee(ctx.checker, init.expression);
    if (api === 'proxyActivities' || api === 'proxyLocalActivities') {
      result = { options: readActivityOptions(ctx, init.arguments[0], api === 'proxyLocalActivities') };
    }
  }
  ctx.proxyCache.set(decl, result);
  return result;
}

/** The activity a callee denotes (`charge` from a destructured proxy, or `acts.charge`). */
export function activityOf(ctx: ExtractionContext, callee: ts.Expression): ActivityBinding | undefined {
  const c = skipOuter(callee);
  if (ts.isIdentifier(c)) {
    const decl = declarationOf(ctx, c);
    if (decl && ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent)) {
      const proxy = proxyOf(ctx, decl.parent.parent);
      if (!proxy) return undefined;
      const prop = decl.propertyName ?? decl.name;
      if (!ts.isIdentifier(prop) && !ts.isStringLiteral(prop)) return undefined;
      return { activity: prop.text, options: proxy.options };
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(c) || ts.isElementAccessExpression(c)) {
    const decl = declarationOf(ctx, c.expression);
    if (decl && ts.isVariableDeclaration(decl)) {
      const proxy = proxyOf(ctx, decl);
      if (!proxy) return undefined;
      const name = ts.isPropertyAccessExpression(c) ? c.name.text : literalValue(ctx, c.argumentExpression);
      return typeof name === 'string' ? { activity: name, options: proxy.options } : undefined;
    }
  }
  return undefined;
}

/** The message definition an expression denotes (`approveSignal` or `defineSignal('approve')`). */
export function messageOf(ctx: ExtractionContext, e: ts.Expression): MessageDefinition | undefined {
  const x = skipOuter(e);
  if (ts.isCallExpression(x)) {
    const api = apiCallee(ctx.checker, x.expression);
    const kind = api === 'defineSignal' ? 'signal' : api === 'defineUpdate' ? 'update' : api === 'defineQuery' ? 'query' : undefined;
    if (!kind) return undefined;
    const name = x.arguments[0] ? literalValue(ctx, x.arguments[0]) : undefined;
    return typeof name === 'string' ? { kind, name } : undefined;
  }
  if (ts.isStringLiteral(x)) return undefined;
  const decl = declarationOf(ctx, ts.isPropertyAccessExpression(x) ? x.name : x);
  if (decl && ts.isVariableDeclaration(decl) && decl.initializer) return messageOf(ctx, decl.initializer);
  return undefined;
}

/** A user function with a body that a call may inline (not the workflow API, not a library). */
export function helperOf(ctx: ExtractionContext, callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const c = skipOuter(callee);
  if (!ts.isIdentifier(c)) return undefined;
  const decl = declarationOf(ctx, c);
  if (!decl) return undefined;
  const file = decl.getSourceFile();
  if (file.isDeclarationFile || isWorkflowApiFile(file.fileName) || file.fileName.includes('/node_modules/')) return undefined;
  if (ts.isFunctionDeclaration(decl) && decl.body) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = skipOuter(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}

/** The workflow type a child-workflow reference names (`executeChild(childFn, …)` or `'childName'`). */
export function childWorkflowName(ctx: ExtractionContext, e: ts.Expression | undefined): string {
  if (!e) return '?';
  const lit = literalValue(ctx, e);
  if (typeof lit === 'string') return lit;
  const x = skipOuter(e);
  if (ts.isIdentifier(x)) return x.text;
  if (ts.isPropertyAccessExpression(x)) return x.name.text;
  return '?';
}

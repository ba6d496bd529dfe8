/**
 * Recognising the workflow API in user code: which exported function of `@temporalio/workflow`
 * or `wfverify/workflow` an expression refers to, through imports, re-exports, aliases and
 * namespace imports (`import * as wf`). Resolution uses the type checker's symbols, never names
 * alone, so a user's own function called `sleep` is not mistaken for the API's.
 */
import { ts, fileOf, isWorkflowApiFile } from './ts.js';

const API_MODULES = new Set(['@temporalio/workflow', 'wfverify/workflow', 'wfverify']);

/** The module specifier an import-bound symbol came from, when it is an import. */
function importModuleOf(decl: ts.Declaration): string | undefined {
  let n: ts.Node | undefined = decl;
  while (n && !ts.isImportDeclaration(n)) n = n.parent;
  if (n && ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) return n.moduleSpecifier.text;
  return undefined;
}

/**
 * The API export `expr` names (`'sleep'`, `'proxyActivities'`, `'CancellationScope'`), or
 * undefined. Accepts identifiers and `ns.name` property accesses.
 */
export function apiExportName(checker: ts.TypeChecker, expr: ts.Expression): string | undefined {
  const nameNode = ts.isPropertyAccessExpression(expr) ? expr.name : ts.isIdentifier(expr) ? expr : undefined;
  if (!nameNode) return undefined;
  const symbol = checker.getSymbolAtLocation(nameNode);
  if (!symbol) return undefined;
  let target = symbol;
  if (symbol.flags & ts.SymbolFlags.Alias) {
    try {
      target = checker.getAliasedSymbol(symbol);
    } catch {
      target = symbol;
    }
  }
  const decl = target.declarations?.[0];
  if (decl && isWorkflowApiFile(fileOf(decl))) return target.name;
  // Unresolved module: fall back to the import's module specifier.
  const own = symbol.declarations?.[0];
  if (own) {
    const from = importModuleOf(own);
    if (from && API_MODULES.has(from)) {
      if (ts.isImportSpecifier(own)) return (own.propertyName ?? own.name).text;
    }
    if (ts.isPropertyAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
      const ns = checker.getSymbolAtLocation(expr.expression)?.declarations?.[0];
      if (ns && ts.isNamespaceImport(ns)) {
        const m = importModuleOf(ns);
        if (m && API_MODULES.has(m)) return expr.name.text;
      }
    }
  }
  return undefined;
}

/**
 * The API member a call's callee names: `'sleep'` for `sleep(…)`/`wf.sleep(…)`,
 * `'CancellationScope.run'` for `CancellationScope.run(…)`, `'ApplicationFailure.nonRetryable'` …
 */
export function apiCallee(checker: ts.TypeChecker, callee: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(callee) && !isNamespace(checker, callee.expression)) {
    const owner = apiExportName(checker, callee.expression);
    if (owner) return `${owner}.${callee.name.text}`;
  }
  return apiExportName(checker, callee);
}

/** Is `e` a namespace import (`import * as wf`), whose members are the API's exports? */
function isNamespace(checker: ts.TypeChecker, e: ts.Expression): boolean {
  if (!ts.isIdentifier(e)) return false;
  const decl = checker.getSymbolAtLocation(e)?.declarations?.[0];
  return decl !== undefined && ts.isNamespaceImport(decl);
}

/** Which API module a source file imports (the first found), if any. */
export function importedApi(sf: ts.SourceFile): '@temporalio/workflow' | 'wfverify/workflow' | undefined {
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const m = st.moduleSpecifier.text;
      if (m === '@temporalio/workflow') return m;
      if (m === 'wfverify/workflow' || m === 'wfverify') return 'wfverify/workflow';
    }
  }
  return undefined;
}

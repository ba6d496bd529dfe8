/**
 * The verifier's one gateway to the TypeScript compiler: the only module of `src/extract` (and
 * of the verifier) that imports `typescript`. Other extractor modules take the compiler API from
 * here, so a change of compiler version or loading strategy happens in one place.
 *
 * {@link createWorkflowProgram} builds a type-checked `Program` over the user's workflow files
 * without emitting or running anything. Module resolution first follows the user's project
 * (their `node_modules`); when that fails for the workflow API packages (`@temporalio/*`,
 * `wfverify/workflow`), it falls back to the copies installed with wfverify, so a workflow
 * checked outside its project (or in a project without installed dependencies) still resolves
 * its API and gets exact types.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export { ts };

/** The wfverify package root (this file is `src/extract/ts.ts` or `dist/extract/ts.js`). */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Compiler options for reading workflows: strict null checks (nullable data is tracked), no emit. */
export const WORKFLOW_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  strict: false,
  strictNullChecks: true,
  noImplicitAny: false,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  resolveJsonModule: true,
  types: [],
};

/** Where `wfverify/workflow` resolves when the user's project does not provide it. */
function ownWorkflowModule(): string | undefined {
  for (const candidate of [
    path.join(PACKAGE_ROOT, 'dist', 'engine', 'workflow', 'index.d.ts'),
    path.join(PACKAGE_ROOT, 'src', 'engine', 'workflow', 'index.ts'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function isApiPackage(name: string): boolean {
  return name.startsWith('@temporalio/') || name === 'wfverify/workflow' || name === 'wfverify';
}

/**
 * A `Program` over `rootFiles` (absolute paths) with the fallback resolution described above.
 * Reads files through the normal compiler host; nothing is emitted or executed.
 */
export function createWorkflowProgram(rootFiles: readonly string[], options: ts.CompilerOptions = WORKFLOW_COMPILER_OPTIONS): ts.Program {
  const host = ts.createCompilerHost(options, true);
  const fallbackFrom = path.join(PACKAGE_ROOT, 'package.json');
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts) =>
    literals.map((literal) => {
      const name = literal.text;
      const own = ts.resolveModuleName(name, containingFile, opts, host, undefined, redirected);
      if (own.resolvedModule || !isApiPackage(name)) return own;
      if (name === 'wfverify/workflow' || name === 'wfverify') {
        const file = ownWorkflowModule();
        if (file) {
          return { resolvedModule: { resolvedFileName: file, extension: file.endsWith('.d.ts') ? ts.Extension.Dts : ts.Extension.Ts, isExternalLibraryImport: true } };
        }
        return own;
      }
      const fallback = ts.resolveModuleName(name, fallbackFrom, opts, host);
      return fallback.resolvedModule ? fallback : own;
    });
  return ts.createProgram({ rootNames: [...rootFiles], options, host });
}

/** Absolute path of a declaration's file, with forward slashes. */
export function fileOf(node: ts.Node): string {
  return node.getSourceFile().fileName.replace(/\\/g, '/');
}

/** Is `file` the declaration of the workflow API (Temporal's or wfverify's)? */
export function isWorkflowApiFile(file: string): boolean {
  const f = file.replace(/\\/g, '/');
  if (f.includes('/@temporalio/workflow/')) return true;
  const own = path.join(PACKAGE_ROOT, 'src', 'engine', 'workflow').replace(/\\/g, '/');
  const ownDist = path.join(PACKAGE_ROOT, 'dist', 'engine', 'workflow').replace(/\\/g, '/');
  return f.startsWith(`${own}/`) || f.startsWith(`${ownDist}/`) || /\/wfverify\/dist\/engine\/workflow\//.test(f);
}

/**
 * Extraction of every workflow in a set of files: one type-checked `Program` over all of them
 * (nothing is run), syntax and type errors reported as located diagnostics, then each exported
 * async function of a file that imports the workflow API translated to {@link WorkflowIR}.
 */
import path from 'node:path';
import { importedApi } from './api.js';
import type { Diagnostic, ExtractedFile, SourceSpan, WorkflowIR } from './ir.js';
import { ts, createWorkflowProgram } from './ts.js';
import { type WorkflowFunction, extractWorkflow } from './workflow.js';

export interface ExtractOptions {
  /** Paths are shown relative to this directory when inside it (default: the process's cwd). */
  readonly baseDir?: string;
  /** Only this workflow (by name). */
  readonly workflow?: string;
}

export interface ExtractionResult {
  readonly files: readonly ExtractedFile[];
  /** Syntax and type errors of the given files: the run cannot be trusted, exit 2. */
  readonly errors: readonly Diagnostic[];
  readonly ms: number;
}

/** The path shown to users for an absolute file. */
export function displayPath(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function diagnosticOf(d: ts.Diagnostic, code: string, baseDir: string): Diagnostic {
  const message = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  if (d.file && d.start !== undefined) {
    const s = d.file.getLineAndCharacterOfPosition(d.start);
    const e = d.file.getLineAndCharacterOfPosition(d.start + (d.length ?? 0));
    const span: SourceSpan = { file: displayPath(d.file.fileName, baseDir), line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
    return { severity: 'error', code, message, span };
  }
  return { severity: 'error', code, message, span: { file: '<compiler>', line: 1, column: 1, endLine: 1, endColumn: 1 } };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

/** The exported workflow functions of a file: `export async function f` and `export const f = async () => …`. */
export function workflowFunctions(sf: ts.SourceFile): { name: string; fn: WorkflowFunction }[] {
  const found: { name: string; fn: WorkflowFunction }[] = [];
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body && hasModifier(st, ts.SyntaxKind.ExportKeyword) && hasModifier(st, ts.SyntaxKind.AsyncKeyword)) {
      found.push({ name: st.name.text, fn: st });
    } else if (ts.isVariableStatement(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && hasModifier(init, ts.SyntaxKind.AsyncKeyword)) {
          found.push({ name: d.name.text, fn: init });
        }
      }
    }
  }
  return found;
}

/** Extracts the workflows of `files` (absolute or relative paths). */
export function extractWorkflows(files: readonly string[], options: ExtractOptions = {}): ExtractionResult {
  const t0 = performance.now();
  const baseDir = options.baseDir ?? process.cwd();
  const roots = files.map((f) => path.resolve(f));
  const program = createWorkflowProgram(roots);
  const checker = program.getTypeChecker();
  const errors: Diagnostic[] = [];
  const out: ExtractedFile[] = [];
  for (const root of roots) {
    const sf = program.getSourceFile(root);
    const shown = displayPath(root, baseDir);
    if (!sf) {
      errors.push({ severity: 'error', code: 'WFV1001', message: 'file cannot be read', span: { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 } });
      continue;
    }
    const syntax = program.getSyntacticDiagnostics(sf);
    if (syntax.length > 0) {
      errors.push(...syntax.map((d) => diagnosticOf(d, 'WFV3001', baseDir)));
      continue;
    }
    const types = program.getSemanticDiagnostics(sf).filter((d) => d.category === ts.DiagnosticCategory.Error);
    errors.push(...types.map((d) => diagnosticOf(d, 'WFV3002', baseDir)));
    const api = importedApi(sf);
    const fileDiagnostics: Diagnostic[] = [];
    const workflows: WorkflowIR[] = [];
    const here: SourceSpan = { file: shown, line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (!api) {
      fileDiagnostics.push({ severity: 'error', code: 'WFV3003', message: 'not a workflow file: it imports neither @temporalio/workflow nor wfverify/workflow', span: here });
    } else {
      const fns = workflowFunctions(sf).filter((w) => options.workflow === undefined || w.name === options.workflow);
      if (fns.length === 0) {
        fileDiagnostics.push({ severity: 'error', code: options.workflow ? 'WFV3004' : 'WFV3003', message: options.workflow ? `no exported async workflow function named ${options.workflow}` : 'no workflow found: the file exports no async function', span: here });
      }
      for (const { name, fn } of fns) workflows.push(extractWorkflow(checker, name, fn, shown, api));
    }
    out.push({ file: shown, workflows, diagnostics: fileDiagnostics });
  }
  return { files: out, errors, ms: performance.now() - t0 };
}

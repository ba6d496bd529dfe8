/**
 * The extractor's reading of thrown values (src/extract/thrown.ts): each `throw` of the fixtures
 * gets the kinds Temporal's SDK gives it — a Temporal failure, an error of the workflow's
 * failureExceptionTypes, or an error that fails the workflow task — from the types alone.
 * The engine cross-checks the determined cases in test/integration/throw-semantics.test.ts.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { extractWorkflows, type Stmt, type WorkflowIR } from '../../../src/extract/index.js';

const dir = path.resolve(__dirname, '../../fixtures/workflows');
const result = extractWorkflows([path.join(dir, 'throws.ts'), path.join(dir, 'throws-open.ts')], { baseDir: dir });
const byName = new Map(result.files.flatMap((f) => f.workflows).map((w) => [w.name, w]));

/** What the throws of a workflow raise (handlers included), in source order. */
function raises(name: string): string[] {
  const w = byName.get(name) as WorkflowIR;
  const out: string[] = [];
  const visit = (stmts: readonly Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'throw') out.push(s.raises === 'rethrow' ? 'rethrow' : s.raises.join('|'));
      if (s.kind === 'parallel' && s.allFailed) out.push(`any:${s.allFailed.join('|')}`);
      for (const k of ['body', 'then', 'else', 'catch', 'finally', 'update'] as const) {
        const sub = (s as unknown as Record<string, unknown>)[k];
        if (Array.isArray(sub)) visit(sub as Stmt[]);
      }
      if (s.kind === 'parallel') s.branches.forEach(visit);
    }
  };
  visit(w.body);
  for (const h of w.handlers) visit(h.body);
  return out;
}

describe('what a throw raises', () => {
  test('extraction succeeds', () => {
    expect(result.errors).toEqual([]);
  });

  test.each([
    ['plainError', ['error']],
    ['applicationFailure', ['failure']],
    ['failureSubclass', ['failure']],
    ['ownError', ['error']],
    ['configuredError', ['fatal']],
    ['configuredBase', ['fatal']],
    ['thrownString', ['error']],
    ['thrownStringErrorListed', ['fatal']],
    ['wrapped', ['error', 'failure']],
    ['rethrown', ['error', 'rethrow']],
    ['swallowed', ['error']],
    ['branchError', ['error']],
    ['anyAllFailed', ['any:error', 'failure', 'failure']],
    ['signalError', ['error']],
    ['signalFailure', ['failure']],
    ['updateFailure', ['failure']],
    ['updateError', ['error']],
    // the types leave the class open: several kinds, the model chooses
    ['typedError', ['failure|error']],
    ['optionsFromGetter', ['fatal|error']],
    ['unknownValue', ['failure|error']],
    ['narrowed', ['failure']],
  ])('%s', (name, want) => {
    expect(raises(name)).toEqual(want);
  });

  test('open cases are reported (WFV3106) with the kinds the model chooses among', () => {
    const open = result.files.find((f) => f.file.endsWith('throws-open.ts'))!;
    const notes = open.workflows.flatMap((w) => w.diagnostics).filter((d) => d.code === 'WFV3106' && d.message.includes('cannot be decided statically'));
    expect(notes.map((d) => d.span.line).sort((a, b) => a - b)).toEqual([14, 20, 27]);
  });
});

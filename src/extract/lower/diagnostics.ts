/**
 * Diagnostics of the lowering: IR {@link Diagnostic} values with the codes reserved for it,
 * WFV3201 (a model bound or abstraction introduced by lowering), WFV3202 (branches abandoned)
 * and WFV3107 (an uncaught error fails the workflow task), collected once per (code, subject) so statements compiled several times (finally
 * copies, compensation bodies) report once.
 */
import type { Diagnostic, SourceSpan } from '../ir.js';

export type LowerCode = 'WFV3201' | 'WFV3202' | 'WFV3107';

export class DiagnosticSink {
  private readonly seen = new Set<string>();
  readonly list: Diagnostic[] = [];

  /** Adds a diagnostic unless one with the same code and `key` was added already. */
  report(code: LowerCode, severity: Diagnostic['severity'], span: SourceSpan, message: string, key = message): void {
    const k = `${code}\u0000${key}`;
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.list.push({ severity, code, message, span });
  }

  /** The diagnostics in source order (file, line, column; reporting order among equals). */
  sorted(): Diagnostic[] {
    return this.list
      .map((d, k) => ({ d, k }))
      .sort((a, b) => a.d.span.file.localeCompare(b.d.span.file) || a.d.span.line - b.d.span.line || a.d.span.column - b.d.span.column || a.k - b.k)
      .map((x) => x.d);
  }
}

/** `workflow.ts:14` (base name of the file and the line). */
export function where(span: SourceSpan): string {
  const slash = Math.max(span.file.lastIndexOf('/'), span.file.lastIndexOf('\\'));
  return `${span.file.slice(slash + 1)}:${span.line}`;
}

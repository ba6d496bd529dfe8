/**
 * Code frames: the source lines of a span with line numbers and a caret underline, as printed
 * under each counterexample step.
 *
 * ```
 * 14 |     await lockFunds(amount);
 *    |     ^^^^^^^^^^^^^^^^^^^^^^^
 * ```
 *
 * Contracts: pure (the file's text is passed in); at most `maxLines` source lines (default 3),
 * then a `…` line; the underline covers the span's columns on its first line (to the end of that
 * line when the span goes on), at least one caret, and copies the tabs of the source before it so
 * it stays aligned; no trailing newline.
 */

/** The part of a source span a frame needs: 1-based, end exclusive, UTF-16 columns. */
export interface FrameSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface CodeFrameOptions {
  /** Source lines shown at most (default 3). */
  readonly maxLines?: number;
  /** Prefix of every frame line (default none). */
  readonly indent?: string;
}

/** Renders the frame of `span` in `source`; undefined when the span's first line is not in the text (the file changed). */
export function codeFrame(source: string, span: FrameSpan, options: CodeFrameOptions = {}): string | undefined {
  const lines = source.split('\n').map((l) => l.replace(/\r$/, ''));
  if (span.line < 1 || span.line > lines.length) return undefined;
  const indent = options.indent ?? '';
  const maxLines = Math.max(1, options.maxLines ?? 3);
  const last = Math.min(Math.max(span.endLine, span.line), lines.length);
  const shown = Math.min(last, span.line + maxLines - 1);
  const width = String(shown).length;
  const gutter = (n?: number) => `${indent}${(n === undefined ? '' : String(n)).padStart(width)} |`;
  const withText = (n: number, text: string) => (text === '' ? gutter(n) : `${gutter(n)} ${text}`);

  const first = lines[span.line - 1];
  const start = Math.min(Math.max(span.column, 1), first.length + 1) - 1;
  const end = span.endLine > span.line ? first.trimEnd().length : Math.min(span.endColumn - 1, first.length);
  const lead = first.slice(0, start).replace(/[^\t]/g, ' ');
  const out = [withText(span.line, first), `${gutter()} ${lead}${'^'.repeat(Math.max(1, end - start))}`];
  for (let n = span.line + 1; n <= shown; n++) out.push(withText(n, lines[n - 1]));
  if (shown < last) out.push(`${gutter()} …`);
  return out.join('\n');
}

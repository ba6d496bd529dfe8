/** Source spans of compiler nodes, in the IR's 1-based form. */
import type { SourceSpan } from './ir.js';
import { ts } from './ts.js';

/** The span of `node` (leading trivia excluded); `file` is the path shown to users. */
export function spanOf(node: ts.Node, file: string): SourceSpan {
  const sf = node.getSourceFile();
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf));
  const end = sf.getLineAndCharacterOfPosition(node.getEnd());
  return { file, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

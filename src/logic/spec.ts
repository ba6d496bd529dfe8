/**
 * Spec files (`*.wfspec`, docs/specs.md): which workflow, and which properties it must have.
 *
 * ```
 * workflow transfer in "./workflow.ts"     # or `workflow transfer` (the caller resolves the file)
 * property fundsSettle: AG (completed(lockFunds) -> AF completed(release))
 * property neverBoth:
 *     !(F completed(release) & F completed(unlock))    # indented lines continue the formula
 * ```
 *
 * Contracts:
 * - Line-based. `#` (and `//`, as in formulas) outside a double-quoted string starts a comment
 *   to the end of the line; blank and comment-only lines are ignored everywhere, also between
 *   the lines of one formula.
 * - A line whose first word is `workflow` or `property` is a declaration, at any indentation.
 *   Any other non-blank line must be indented and continues the formula of the property above.
 * - Every `property` belongs to the nearest `workflow` line above it. Property names match
 *   `[A-Za-z_][A-Za-z0-9_-]*`, are unique among the blocks of one spec file that name the same
 *   workflow (and file), and may not be a built-in check's name ({@link BUILTIN_PROPERTY_NAMES}).
 * - Errors are `InputError`s located in the spec file (1-based line and column): WFV2101 for the
 *   spec's own syntax, WFV2103 for a duplicate or reserved property name, and, for a syntax
 *   error inside a formula, the formula parser's own WFV2001 with its message unchanged and its
 *   location translated from the formula text to the spec file. Parsing stops at the first error.
 * - Spans are 1-based, end exclusive, in UTF-16 units (a leading byte-order mark is skipped). The
 *   spans inside each parsed formula are translated too: they point into the spec file, and
 *   their `offset` is the offset in `text` (without the byte-order mark).
 * - Names only are checked here: whether the workflow exists and what the atoms mean is decided
 *   by the caller (WFV2102, WFV2104), and so is which logic a formula is in (`classify`).
 */
import { InputError, type ErrorCode } from '../core/index.js';
import type { Formula, Pos } from './ast.js';
import { parseFormula } from './parse.js';

/** A range in a spec file: 1-based line and column of the first and last+1 character (same shape as the extractor's `SourceSpan`). */
export interface SpecSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface SpecProperty {
  readonly name: string;
  readonly formula: Formula;
  /** The formula as written, without comments, its lines trimmed and joined by one space. */
  readonly text: string;
  /** From the `property` keyword to the formula's last character. */
  readonly span: SpecSpan;
}

export interface SpecBlock {
  /** The workflow's name (the exported workflow function). */
  readonly workflow: string;
  /** The file of `workflow NAME in "FILE"`, as written (unresolved); null when not given. */
  readonly workflowFile: string | null;
  /** The `workflow …` declaration line, from the keyword to its last character. */
  readonly span: SpecSpan;
  readonly properties: readonly SpecProperty[];
}

export interface Spec {
  readonly file: string;
  readonly blocks: readonly SpecBlock[];
}

/** Names of the checks that run without a spec; spec properties may not reuse them. */
export const BUILTIN_PROPERTY_NAMES: readonly string[] = ['deadlock-freedom', 'option-to-complete', 'proper-completion', 'no-dead-activity'];

const KEYWORD = /^(workflow|property)(?![A-Za-z0-9_$-])/;
const WORKFLOW_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** One physical line: its number and the offsets of its content (line break excluded). */
interface Line {
  readonly no: number;
  readonly start: number;
  readonly end: number;
}

/** A property whose formula may still continue on the following indented lines. */
interface OpenProperty {
  readonly name: string;
  readonly start: Line;
  readonly keywordColumn: number;
  /** Column just after the ':' (the formula's origin). */
  readonly formulaColumn: number;
  last: Line;
}

interface MutableBlock {
  readonly workflow: string;
  readonly workflowFile: string | null;
  readonly span: SpecSpan;
  readonly properties: SpecProperty[];
}

/** Parses a spec file. `file` is used in spans and error locations. Throws `InputError` (see the module contract). */
export function parseSpec(text: string, file: string): Spec {
  return new SpecParser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file).parse();
}

class SpecParser {
  /** The text with comments replaced by spaces (offsets unchanged). */
  private readonly clean: string;
  private readonly lines: Line[];
  private readonly blocks: MutableBlock[] = [];
  /** Where each property name was declared, by workflow key. */
  private readonly declared = new Map<string, Map<string, number>>();
  private open: OpenProperty | null = null;

  constructor(text: string, private readonly file: string) {
    this.clean = blankComments(text);
    this.lines = splitLines(this.clean);
  }

  parse(): Spec {
    for (const line of this.lines) {
      const code = this.code(line);
      const indent = code.search(/\S/);
      if (indent < 0) continue;
      const keyword = KEYWORD.exec(code.slice(indent))?.[1];
      if (keyword !== undefined) {
        this.close();
        if (keyword === 'workflow') this.workflow(line, code, indent);
        else this.property(line, code, indent);
      } else if (indent > 0 && this.open) {
        this.open.last = line;
      } else {
        const where = indent > 0
          ? 'an indented line (only the formula of a property continues on indented lines)'
          : `${found(code, indent)} (a formula continues only on indented lines)`;
        this.fail('WFV2101', line.no, indent + 1, `expected 'workflow' or 'property' but found ${where}`);
      }
    }
    this.close();
    return { file: this.file, blocks: this.blocks.map((b) => ({ ...b, properties: [...b.properties] })) };
  }

  /** The content of `line` (comments blanked, a trailing `\r` dropped). */
  private code(line: Line): string {
    return this.clean.slice(line.start, line.end).replace(/\r$/, '');
  }

  /** `workflow NAME` or `workflow NAME in "FILE"`. */
  private workflow(line: Line, code: string, indent: number): void {
    let i = skipSpaces(code, indent + 'workflow'.length);
    const name = WORKFLOW_NAME.exec(code.slice(i))?.[0];
    if (name === undefined) this.fail('WFV2101', line.no, i + 1, `expected a workflow name after 'workflow' but found ${found(code, i)}`);
    i += name.length;
    const j = skipSpaces(code, i);
    let workflowFile: string | null = null;
    if (j < code.length) {
      if (j === i || !/^in(?![A-Za-z0-9_$-])/.test(code.slice(j))) {
        this.fail('WFV2101', line.no, j + 1, `expected 'in "FILE"' or end of line after the workflow name but found ${found(code, j)}`);
      }
      const q = skipSpaces(code, j + 2);
      if (code[q] !== '"') this.fail('WFV2101', line.no, q + 1, `expected a quoted file name after 'in' but found ${found(code, q)}`);
      const [path, after] = this.quoted(line, code, q);
      const rest = skipSpaces(code, after);
      if (rest < code.length) this.fail('WFV2101', line.no, rest + 1, `expected end of line after the file name but found ${found(code, rest)}`);
      workflowFile = path;
    }
    const span = this.span(line, indent + 1, line, code.trimEnd().length + 1);
    this.blocks.push({ workflow: name, workflowFile, span, properties: [] });
  }

  /** A double-quoted file name at `code[q]` with escapes `\"` and `\\`: the name and the index after the closing quote. */
  private quoted(line: Line, code: string, q: number): [string, number] {
    let value = '';
    let k = q + 1;
    while (true) {
      if (k >= code.length) this.fail('WFV2101', line.no, q + 1, `expected '"' to close the file name but found end of line`);
      const c = code[k];
      if (c === '"') break;
      if (c === '\\') {
        const e = code[k + 1];
        if (e !== '"' && e !== '\\') {
          this.fail('WFV2101', line.no, k + 1, `expected \\" or \\\\ after '\\' in the file name but found ${e === undefined ? 'end of line' : `'${e}'`} (write paths with '/')`);
        }
        value += e;
        k += 2;
      } else {
        value += c;
        k++;
      }
    }
    if (value === '') this.fail('WFV2101', line.no, q + 1, 'expected a file name but found an empty string');
    return [value, k + 1];
  }

  /** `property NAME:` followed by the start of the formula (completed by {@link close}). */
  private property(line: Line, code: string, indent: number): void {
    const block = this.blocks[this.blocks.length - 1];
    if (block === undefined) {
      this.fail('WFV2101', line.no, indent + 1, "expected a 'workflow' line before the first property but found 'property'");
    }
    let i = skipSpaces(code, indent + 'property'.length);
    const name = PROPERTY_NAME.exec(code.slice(i))?.[0];
    if (name === undefined) this.fail('WFV2101', line.no, i + 1, `expected a property name after 'property' but found ${found(code, i)}`);
    const nameColumn = i + 1;
    i = skipSpaces(code, i + name.length);
    if (code[i] !== ':') this.fail('WFV2101', line.no, i + 1, `expected ':' after the property name '${name}' but found ${found(code, i)}`);
    if (BUILTIN_PROPERTY_NAMES.includes(name)) {
      this.fail('WFV2103', line.no, nameColumn, `expected a property name other than '${name}', which is the name of a built-in check`);
    }
    const key = `${block.workflow}\0${block.workflowFile ?? ''}`;
    const names = this.declared.get(key) ?? new Map<string, number>();
    this.declared.set(key, names);
    const first = names.get(name);
    if (first !== undefined) {
      this.fail('WFV2103', line.no, nameColumn, `expected a new property name but found '${name}', already declared for workflow '${block.workflow}' on line ${first}`);
    }
    names.set(name, line.no);
    this.open = { name, start: line, keywordColumn: indent + 1, formulaColumn: i + 2, last: line };
  }

  /** Parses the formula of the open property, if any, and adds the property to the current block. */
  private close(): void {
    const p = this.open;
    if (p === null) return;
    this.open = null;
    const from = p.start.start + p.formulaColumn - 1;
    const lastCode = this.code(p.last);
    const endColumn = lastCode.trimEnd().length + 1;
    const source = this.clean.slice(from, p.last.start + endColumn - 1);
    if (source.trim() === '') {
      this.fail('WFV2101', p.start.no, p.formulaColumn, `expected a formula after 'property ${p.name}:' but found end of line`);
    }
    const origin: Pos = { line: p.start.no, column: p.formulaColumn, offset: from };
    const formula = this.formula(source, origin);
    const text = source.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
    const span = this.span(p.start, p.keywordColumn, p.last, endColumn);
    this.blocks[this.blocks.length - 1].properties.push({ name: p.name, formula, text, span });
  }

  /** Parses `source` (which starts at `origin` in the spec file) and moves every position into the spec file. */
  private formula(source: string, origin: Pos): Formula {
    const move = (line: number, column: number): { line: number; column: number } =>
      line === 1 ? { line: origin.line, column: origin.column + column - 1 } : { line: origin.line + line - 1, column };
    let f: Formula;
    try {
      f = parseFormula(source, { file: this.file });
    } catch (e) {
      if (!(e instanceof InputError) || e.location?.line === undefined) throw e;
      const at = move(e.location.line, e.location.column ?? 1);
      throw new InputError(e.code, e.message, { location: { file: this.file, ...at }, hint: e.hint, cause: e });
    }
    return relocate(f, (p) => ({ ...move(p.line, p.column), offset: origin.offset + p.offset }));
  }

  private span(start: Line, column: number, end: Line, endColumn: number): SpecSpan {
    return { file: this.file, line: start.no, column, endLine: end.no, endColumn };
  }

  private fail(code: ErrorCode, line: number, column: number, message: string): never {
    throw new InputError(code, message, { location: { file: this.file, line, column } });
  }
}

/** `text` with every comment (`#` or `//` outside double quotes, to the end of the line) replaced by spaces. */
function blankComments(text: string): string {
  let out = '';
  let inQuote = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') inQuote = false;
    else if (inQuote && c === '\\' && i + 1 < text.length && text[i + 1] !== '\n') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    } else if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === '#' || (c === '/' && text[i + 1] === '/'))) {
      let j = i;
      while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
      out += ' '.repeat(j - i);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let no = 1; ; no++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ no, start, end });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

function skipSpaces(code: string, i: number): number {
  while (i < code.length && /\s/.test(code[i])) i++;
  return i;
}

/** How the text at `code[i]` is named in "expected … but found …" messages. */
function found(code: string, i: number): string {
  if (i >= code.length) return 'end of line';
  const word = /^[A-Za-z0-9_$-]+/.exec(code.slice(i))?.[0];
  return `'${word ?? String.fromCodePoint(code.codePointAt(i)!)}'`;
}

/** A deep copy of a formula tree with every `span` moved by `move`. */
function relocate<T>(node: T, move: (p: Pos) => Pos): T {
  if (Array.isArray(node)) return node.map((n: unknown) => relocate(n, move)) as T;
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'span' && v !== undefined) {
      const s = v as { start: Pos; end: Pos };
      out[k] = { start: move(s.start), end: move(s.end) };
    } else {
      out[k] = relocate(v, move);
    }
  }
  return out as T;
}

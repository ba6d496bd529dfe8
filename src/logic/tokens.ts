/**
 * Tokenizer of the formula language (docs/formulas.md, "Lexical rules").
 *
 * Every spelling is mapped to one canonical ASCII symbol so the parser sees a small alphabet:
 * `¬`/`not` → `!`, `&&`/`∧`/`and` → `&`, `||`/`∨`/`or` → `|`, `→`/`⇒` → `->`, `↔`/`⇔` → `<->`,
 * `○` → `X`, `◇` → `F`, `□` → `G`, `⟨⟨`/`⟪` → `<<`, `⟩⟩`/`⟫` → `>>`, `⟦` → `[[`, `⟧` → `]]`,
 * `⊤` → `true`, `⊥` → `false`, `≤` → `<=`, `≥` → `>=`, `≠` → `!=`, `=` → `==`.
 *
 * Words (`[letter_][letter digit _ .]*`) are keywords only when the whole word is reserved
 * ({@link KEYWORDS}); `Fork`, `Go` or `AGx` are ordinary names. Quoted names `"any text"` are never
 * keywords (escapes: `\"`, `\\`, `\n`). `//` starts a comment to the end of the line.
 * Errors are `InputError` WFV2001 with 1-based line/column.
 */
import { assertNever, InputError } from '../core/index.js';
import type { Pos } from './ast.js';

export type TokenType = 'name' | 'quoted' | 'int' | 'sym' | 'eof';

export interface Token {
  readonly type: TokenType;
  /** name/quoted: the name; int: the digits; sym: the canonical symbol or keyword; eof: ''. */
  readonly value: string;
  /** The text as written in the source. */
  readonly raw: string;
  readonly start: Pos;
  readonly end: Pos;
}

/** Reserved words and their canonical symbol. */
export const KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['X', 'X'], ['F', 'F'], ['G', 'G'], ['U', 'U'], ['R', 'R'], ['W', 'W'], ['A', 'A'], ['E', 'E'],
  ['AX', 'AX'], ['AF', 'AF'], ['AG', 'AG'], ['EX', 'EX'], ['EF', 'EF'], ['EG', 'EG'],
  ['true', 'true'], ['false', 'false'], ['and', '&'], ['or', '|'], ['not', '!'],
  ['deadlock', 'deadlock'], ['tokens', 'tokens'], ['fireable', 'fireable'], ['invariant', 'invariant'],
]);

/** Symbol spellings, longest first so that matching is maximal munch. */
const SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['<->', '<->'], ['->', '->'], ['<<', '<<'], ['>>', '>>'], ['<=', '<='], ['>=', '>='], ['==', '=='], ['!=', '!='],
  ['&&', '&'], ['||', '|'], ['<', '<'], ['>', '>'], ['=', '=='], ['!', '!'], ['&', '&'], ['|', '|'],
  ['(', '('], [')', ')'], ['[', '['], [']', ']'], [',', ','], ['+', '+'], ['-', '-'], ['*', '*'],
  ['¬', '!'], ['∧', '&'], ['∨', '|'], ['→', '->'], ['⇒', '->'], ['↔', '<->'], ['⇔', '<->'],
  ['○', 'X'], ['◇', 'F'], ['□', 'G'], ['⟨⟨', '<<'], ['⟩⟩', '>>'], ['⟪', '<<'], ['⟫', '>>'], ['⟦', '[['], ['⟧', ']]'],
  ['⊤', 'true'], ['⊥', 'false'], ['≤', '<='], ['≥', '>='], ['≠', '!='],
];

/** Symbol spellings grouped by their first UTF-16 unit. */
const SYMBOLS_BY_FIRST = new Map<string, Array<readonly [string, string]>>();
for (const s of SYMBOLS) {
  const list = SYMBOLS_BY_FIRST.get(s[0][0]) ?? [];
  list.push(s);
  SYMBOLS_BY_FIRST.set(s[0][0], list);
}

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_.]/u;
/** Names the printer may write without quotes (before checking for keywords). */
export const PLAIN_NAME = /^[\p{L}_][\p{L}\p{N}_.]*$/u;

/** Splits `text` into tokens, ending with one `eof` token. `file` is used in error locations. */
export function tokenize(text: string, file = '<formula>'): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Pos => ({ line, column: i - lineStart + 1, offset: i });
  const fail = (at: Pos, message: string): never => {
    throw new InputError('WFV2001', message, { location: { file, line: at.line, column: at.column } });
  };
  while (true) {
    // whitespace and comments
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') { i++; line++; lineStart = i; }
      else if (/\s/u.test(c)) i++;
      else if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; }
      else break;
    }
    const start = pos();
    if (i >= text.length) {
      out.push({ type: 'eof', value: '', raw: '', start, end: start });
      return out;
    }
    const c = text[i];
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
      if (j < text.length && WORD_PART.test(String.fromCodePoint(text.codePointAt(j)!))) {
        fail(start, `expected an operator or ')' after the number but found '${text[j]}' (quote names that start with a digit: "${text.slice(i, j)}…")`);
      }
      const raw = text.slice(i, j);
      i = j;
      out.push({ type: 'int', value: raw, raw, start, end: pos() });
    } else if (WORD_START.test(cp)) {
      let j = i + cp.length;
      while (j < text.length) {
        const d = String.fromCodePoint(text.codePointAt(j)!);
        if (!WORD_PART.test(d)) break;
        j += d.length;
      }
      const raw = text.slice(i, j);
      i = j;
      const kw = KEYWORDS.get(raw);
      out.push({ type: kw === undefined ? 'name' : 'sym', value: kw ?? raw, raw, start, end: pos() });
    } else if (c === '"') {
      let value = '';
      let j = i + 1;
      while (true) {
        if (j >= text.length || text[j] === '\n') fail(start, `expected '"' to close the quoted name but found ${j >= text.length ? 'end of input' : 'end of line'}`);
        const d = text[j];
        if (d === '"') { j++; break; }
        if (d === '\\') {
          const e = text[j + 1];
          if (e === '"' || e === '\\') value += e;
          else if (e === 'n') value += '\n';
          else {
            i = j;
            fail(pos(), `expected one of \\" \\\\ \\n after '\\' in a quoted name but found ${e === undefined ? 'end of input' : `'${e}'`}`);
          }
          j += 2;
        } else { value += d; j++; }
      }
      const raw = text.slice(i, j);
      i = j;
      out.push({ type: 'quoted', value, raw, start, end: pos() });
    } else {
      const sym = SYMBOLS_BY_FIRST.get(c)?.find(([s]) => text.startsWith(s, i));
      if (!sym) fail(start, `expected an operator, a name or a number but found '${cp}'`);
      i += sym![0].length;
      out.push({ type: 'sym', value: sym![1], raw: sym![0], start, end: pos() });
    }
  }
}

/** How a token is shown in "expected … but found …" messages. */
export function describeToken(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'end of input';
    case 'name':
      return `name '${t.raw}'`;
    case 'quoted':
      return `name ${t.raw}`;
    case 'int':
      return `number ${t.raw}`;
    case 'sym':
      return `'${t.raw}'`;
    default:
      return assertNever(t.type, 'token type');
  }
}

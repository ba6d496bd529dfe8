/**
 * The token cursor under the formula parser: look-ahead, consumption, spans, sort checks and
 * `expected … but found …` errors (`InputError` WFV2001 at the token's 1-based line/column).
 */
import { InputError } from '../core/index.js';
import { isFormula, isIntExpr, type Expr, type Formula, type IntExpr, type Pos, type Span } from './ast.js';
import { describeToken, type Token } from './tokens.js';

const WORD = /^[\p{L}_]/u;

function describeNode(e: Expr): string {
  return isIntExpr(e) ? 'an integer expression' : `a formula (${e.kind === 'compare' ? 'comparison' : e.kind})`;
}

/** Walks a token array (ending with `eof`); the parser extends it. */
export class TokenCursor {
  protected i = 0;
  protected prevEnd: Pos;

  constructor(protected readonly toks: Token[], protected readonly file: string) {
    this.prevEnd = toks[0].start;
  }

  peek(k = 0): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }

  protected next(): Token {
    const t = this.toks[this.i];
    if (this.i < this.toks.length - 1) this.i++;
    this.prevEnd = t.end;
    return t;
  }

  protected isSym(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'sym' && t.value === v;
  }

  protected fail(at: Pos, message: string): never {
    throw new InputError('WFV2001', message, { location: { file: this.file, line: at.line, column: at.column } });
  }

  protected expected(what: string, t: Token = this.peek()): never {
    return this.fail(t.start, `expected ${what} but found ${describeToken(t)}`);
  }

  protected expectSym(v: string, what = `'${v}'`): Token {
    if (!this.isSym(v)) this.expected(what);
    return this.next();
  }

  expectEnd(): void {
    if (this.peek().type !== 'eof') this.expected('an operator or end of input');
  }

  protected span(start: Token): Span {
    return { start: start.start, end: this.prevEnd };
  }

  asFormula(e: Expr, start: Token): Formula {
    if (isFormula(e)) return e;
    return this.fail((e.span?.start ?? start.start), `expected a formula but found ${describeNode(e)}`);
  }

  asInt(e: Expr, start: Token): IntExpr {
    if (isIntExpr(e)) return e;
    return this.fail((e.span?.start ?? start.start), `expected an integer expression but found ${describeNode(e)}`);
  }

  protected integer(t: Token): number {
    const n = Number(t.value);
    if (!Number.isSafeInteger(n)) this.fail(t.start, `expected an integer of at most 2^53-1 but found number ${t.raw}`);
    return n;
  }

  /** One or more names separated by commas; keywords and integers count as names here. */
  protected names(what: string): string[] {
    const out: string[] = [];
    while (true) {
      const t = this.peek();
      if (t.type === 'name' || t.type === 'quoted' || t.type === 'int') out.push(t.value);
      else if (t.type === 'sym' && WORD.test(t.raw)) out.push(t.raw);
      else this.expected(what);
      this.next();
      if (!this.isSym(',')) return out;
      this.next();
    }
  }
}

/**
 * Recursive-descent (precedence-climbing) parser of the formula language (grammar and precedence: docs/formulas.md).
 *
 * Loosest to tightest: `<->` (right) · `->` (right) · `|` (n-ary) · `&` (n-ary) · `U R W` (right) ·
 * prefix operators `! X F G AX AF AG EX EF EG A E <<a>> [[a]]` · comparisons (non-chaining) ·
 * `+ -` (left) · `*` (left) · atoms. `invariant φ` takes the whole rest of its (parenthesised)
 * formula. Comparisons and arithmetic bind tighter than every formula operator because their
 * operands are integers: `AG tokens(p) <= 3` is `AG (tokens(p) <= 3)`.
 *
 * Runs of one n-ary operator without parentheses become one node (`a & b & c` is one `and` with
 * three operands; `(a & b) & c` nests). Operand sorts are checked while parsing: formula operators
 * need formulas, arithmetic and comparisons need integer expressions; names (`Atom`) fit both.
 *
 * Every error is `InputError` WFV2001 located at the offending token (1-based line and column) with a
 * message `expected … but found …`.
 */
import { InputError } from '../core/index.js';
import type { ArithOp, CompareOp, Expr, Formula, IntExpr, PathQuantifier, TemporalOp, UntilOp } from './ast.js';
import { TokenCursor } from './parse-cursor.js';
import { tokenize } from './tokens.js';

export interface ParseOptions {
  /** The file name used in error locations (default `<formula>`). */
  readonly file?: string;
}

/** Parses one formula; the whole text must be consumed. Throws `InputError` WFV2001. */
export function parseFormula(text: string, options: ParseOptions = {}): Formula {
  return guarded(options.file, () => {
    const p = new Parser(tokenize(text, options.file), options.file ?? '<formula>');
    const start = p.peek();
    const e = p.formula('a formula');
    p.expectEnd();
    return p.asFormula(e, start);
  });
}

/** Parses one integer expression (e.g. a data term `locked + released`); the whole text must be consumed. */
export function parseIntExpr(text: string, options: ParseOptions = {}): IntExpr {
  return guarded(options.file, () => {
    const p = new Parser(tokenize(text, options.file), options.file ?? '<formula>');
    const start = p.peek();
    const e = p.formula('an integer expression');
    p.expectEnd();
    return p.asInt(e, start);
  });
}

/** Turns a stack overflow (only possible when called with little stack left) into an input error. */
function guarded<T>(file: string | undefined, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new InputError('WFV2001', 'expected a less deeply nested formula but the parser ran out of stack', {
      location: { file: file ?? '<formula>' },
      cause: e,
    });
  }
}

const COMPARE: ReadonlySet<string> = new Set(['<', '<=', '==', '!=', '>=', '>']);
/** Binary formula operators and their binding strength (higher binds tighter). */
const BINARY: ReadonlyMap<string, number> = new Map([['<->', 1], ['->', 2], ['|', 3], ['&', 4], ['U', 5], ['R', 5], ['W', 5]]);
const TEMPORAL: ReadonlySet<string> = new Set(['X', 'F', 'G']);
const QUANTIFIED: ReadonlySet<string> = new Set(['AX', 'AF', 'AG', 'EX', 'EF', 'EG']);
/** Deepest nesting of prefix operators and parentheses accepted (keeps the recursion off the stack limit). */
const MAX_NESTING = 256;

class Parser extends TokenCursor {
  private depth = 0;

  /** A whole formula or integer expression. `what` names the expected operand in errors. */
  formula(what: string): Expr {
    return this.binary(0, what);
  }

  /**
   * Precedence climbing over the binary formula operators of strength ≥ `min` (see {@link BINARY}):
   * `&`/`|` collect n-ary runs, the others are right-associative.
   */
  private binary(min: number, what: string): Expr {
    const start = this.peek();
    let left = this.unary(what);
    while (true) {
      const t = this.peek();
      const prec = t.type === 'sym' ? BINARY.get(t.value) : undefined;
      if (prec === undefined || prec < min) return left;
      if (t.value === '&' || t.value === '|') {
        const args: Formula[] = [this.asFormula(left, start)];
        while (this.isSym(t.value)) {
          this.next();
          const s = this.peek();
          args.push(this.asFormula(this.binary(prec + 1, 'a formula'), s));
        }
        left = { kind: t.value === '&' ? 'and' : 'or', args, span: this.span(start) };
        continue;
      }
      this.next();
      const s = this.peek();
      const l = this.asFormula(left, start);
      const r = this.asFormula(this.binary(prec, 'a formula'), s);
      const span = this.span(start);
      left = t.value === '<->' ? { kind: 'iff', left: l, right: r, span }
        : t.value === '->' ? { kind: 'implies', left: l, right: r, span }
        : { kind: 'until', op: t.value as UntilOp, left: l, right: r, span };
    }
  }

  private unary(what: string): Expr {
    if (++this.depth > MAX_NESTING) this.fail(this.peek().start, `expected at most ${MAX_NESTING} nested operators or parentheses but found deeper nesting`);
    try {
      return this.unaryInner(what);
    } finally {
      this.depth--;
    }
  }

  private unaryInner(what: string): Expr {
    const start = this.peek();
    const v = start.type === 'sym' ? start.value : '';
    const operand = (): Formula => {
      const s = this.peek();
      return this.asFormula(this.unary('a formula'), s);
    };
    if (v === '!') {
      this.next();
      return { kind: 'not', arg: operand(), span: this.span(start) };
    }
    if (TEMPORAL.has(v)) {
      this.next();
      return { kind: 'temporal', op: v as TemporalOp, arg: operand(), span: this.span(start) };
    }
    if (QUANTIFIED.has(v)) {
      this.next();
      const arg = operand();
      const span = this.span(start);
      return { kind: 'path', quantifier: v[0] as PathQuantifier, body: { kind: 'temporal', op: v[1] as TemporalOp, arg, span }, span };
    }
    if (v === 'A' || v === 'E') {
      this.next();
      let body: Formula;
      if (this.isSym('[')) {
        this.next();
        const s = this.peek();
        body = this.asFormula(this.formula('a path formula'), s);
        this.expectSym(']', `']' to close '${v}['`);
      } else {
        body = operand();
      }
      return { kind: 'path', quantifier: v as PathQuantifier, body, span: this.span(start) };
    }
    if (v === '<<') {
      this.next();
      const agents = this.isSym('>>') ? [] : this.names('an agent name');
      this.expectSym('>>', "',' or '>>' to close the coalition");
      return { kind: 'coalition', dual: false, agents, body: operand(), span: this.span(start) };
    }
    if (v === '[[' || (v === '[' && this.isSym('[', 1))) {
      this.next();
      if (v === '[') this.next();
      const agents = this.isSym(']]') || this.isSym(']') ? [] : this.names('an agent name');
      if (this.isSym(']]')) this.next();
      else if (this.isSym(']') && this.isSym(']', 1)) { this.next(); this.next(); }
      else this.expected("',' or ']]' to close the coalition");
      return { kind: 'coalition', dual: true, agents, body: operand(), span: this.span(start) };
    }
    if (v === 'invariant') {
      this.next();
      const s = this.peek();
      const body = this.asFormula(this.formula('a formula'), s);
      return { kind: 'invariant', body, span: this.span(start) };
    }
    return this.comparison(what);
  }

  private comparison(what: string): Expr {
    const start = this.peek();
    const left = this.arith('+', what);
    const t = this.peek();
    if (t.type !== 'sym' || !COMPARE.has(t.value)) return left;
    this.next();
    const rightStart = this.peek();
    const right = this.arith('+', 'an integer expression');
    if (this.peek().type === 'sym' && COMPARE.has(this.peek().value)) {
      this.expected("an operator other than a comparison (comparisons do not chain; add parentheses)");
    }
    return {
      kind: 'compare', op: t.value as CompareOp,
      left: this.asInt(left, start), right: this.asInt(right, rightStart), span: this.span(start),
    };
  }

  /** Sums (`+`/`-`, level '+') over products (`*`, level '*'), left-associative; runs of one operator are n-ary. */
  private arith(level: '+' | '*', what: string): Expr {
    const ops = level === '+' ? ['+', '-'] : ['*'];
    const operand = (w: string) => (level === '+' ? this.arith('*', w) : this.negative(w));
    const start = this.peek();
    let left = operand(what);
    while (this.peek().type === 'sym' && ops.includes(this.peek().value)) {
      const op = this.peek().value as ArithOp;
      const args: IntExpr[] = [this.asInt(left, start)];
      while (this.isSym(op)) {
        this.next();
        const s = this.peek();
        args.push(this.asInt(operand('an integer expression'), s));
      }
      left = { kind: 'arith', op, args, span: this.span(start) };
    }
    return left;
  }

  /** A negative integer literal `-n`, or a primary. */
  private negative(what: string): Expr {
    const start = this.peek();
    if (!this.isSym('-')) return this.primary(what);
    this.next();
    if (this.peek().type !== 'int') this.expected("a number after unary '-'");
    const n = this.integer(this.next());
    return { kind: 'int', value: n === 0 ? 0 : -n, span: this.span(start) };
  }

  private primary(what: string): Expr {
    const t = this.peek();
    if (t.type === 'int') {
      this.next();
      return { kind: 'int', value: this.integer(t), span: this.span(t) };
    }
    if (t.type === 'name' || t.type === 'quoted') {
      this.next();
      let args: string[] = [];
      if (this.isSym('(')) {
        this.next();
        args = this.names('an argument name');
        this.expectSym(')', "',' or ')' to close the argument list");
      }
      return { kind: 'atom', name: t.value, args, span: this.span(t) };
    }
    if (t.type === 'sym') {
      switch (t.value) {
        case 'true':
        case 'false':
          this.next();
          return { kind: 'bool', value: t.value === 'true', span: this.span(t) };
        case 'deadlock':
          this.next();
          return { kind: 'deadlock', span: this.span(t) };
        case 'tokens':
        case 'fireable': {
          this.next();
          this.expectSym('(', `'(' after '${t.raw}'`);
          const names = this.names(t.value === 'tokens' ? 'a place name' : 'a transition name');
          this.expectSym(')', "',' or ')' to close the argument list");
          return t.value === 'tokens'
            ? { kind: 'tokens', places: names, span: this.span(t) }
            : { kind: 'fireable', transitions: names, span: this.span(t) };
        }
        case '(': {
          this.next();
          const e = this.formula(what);
          this.expectSym(')', "an operator or ')'");
          return e;
        }
        default:
          break;
      }
    }
    return this.expected(what, t);
  }
}

/**
 * Printer of the formula language with minimal parentheses.
 *
 * Contract: for every well-formed AST `f` (n-ary nodes with ≥ 2 operands, safe integers),
 * `parseFormula(print(f))` is structurally equal to `f` ignoring spans, in ASCII and in Unicode
 * mode. Parentheses appear only where the precedence table (docs/formulas.md) needs them, plus
 * around a nested node of the same n-ary kind (which the parser would otherwise flatten) and
 * around `invariant` below the top. Names that are not plain words, or that are keywords in a
 * position where keywords are operators, are written quoted.
 */
import { assertNever } from '../core/index.js';
import type { Expr } from './ast.js';
import { KEYWORDS, PLAIN_NAME } from './tokens.js';

export interface PrintOptions {
  /** Write `¬ ∧ ∨ → ↔ ○ ◇ □ ⟨⟨⟩⟩ ⟦⟧ ⊤ ⊥ ≤ ≥ ≠` instead of ASCII (default false). */
  readonly unicode?: boolean;
}

/** Binding strength of each construct: a child printed where a higher level is needed gets parentheses. */
const Level = {
  Invariant: 0,
  Iff: 1,
  Implies: 2,
  Or: 3,
  And: 4,
  Until: 5,
  Unary: 6,
  Compare: 7,
  Sum: 8,
  Product: 9,
  Atom: 10,
} as const;
type Level = (typeof Level)[keyof typeof Level];

function level(e: Expr): Level {
  switch (e.kind) {
    case 'bool':
    case 'deadlock':
    case 'fireable':
    case 'atom':
    case 'int':
    case 'tokens':
      return Level.Atom;
    case 'arith':
      return e.op === '*' ? Level.Product : Level.Sum;
    case 'compare':
      return Level.Compare;
    case 'not':
    case 'temporal':
    case 'path':
    case 'coalition':
      return Level.Unary;
    case 'until':
      return Level.Until;
    case 'and':
      return Level.And;
    case 'or':
      return Level.Or;
    case 'implies':
      return Level.Implies;
    case 'iff':
      return Level.Iff;
    case 'invariant':
      return Level.Invariant;
    default:
      return assertNever(e, 'formula node');
  }
}

const ASCII = {
  not: '!', and: ' & ', or: ' | ', implies: ' -> ', iff: ' <-> ', true: 'true', false: 'false',
  X: 'X ', F: 'F ', G: 'G ', open: '<<', close: '>>', dualOpen: '[[', dualClose: ']]',
  '<': '<', '<=': '<=', '==': '==', '!=': '!=', '>=': '>=', '>': '>',
} as const;
const UNICODE: Record<keyof typeof ASCII, string> = {
  not: '¬', and: ' ∧ ', or: ' ∨ ', implies: ' → ', iff: ' ↔ ', true: '⊤', false: '⊥',
  X: '○', F: '◇', G: '□', open: '⟨⟨', close: '⟩⟩', dualOpen: '⟦', dualClose: '⟧',
  '<': '<', '<=': '≤', '==': '=', '!=': '≠', '>=': '≥', '>': '>',
};

/** Quotes a name unless it is a plain word (and, for `head` names, not a keyword). */
export function printName(name: string, position: 'head' | 'arg' = 'head'): string {
  if (PLAIN_NAME.test(name) && (position === 'arg' || !KEYWORDS.has(name))) return name;
  if (position === 'arg' && /^[0-9]+$/.test(name)) return name;
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const list = (names: readonly string[]) => names.map((n) => printName(n, 'arg')).join(', ');

/** Prints a formula or integer expression (see the module contract). */
export function print(e: Expr, options: PrintOptions = {}): string {
  const s = options.unicode ? UNICODE : ASCII;
  /**
   * `x` where binding strength `min` is needed. `tail`: nothing follows `x` up to the end of the
   * enclosing parentheses, brackets or text, so an `invariant` (which extends as far right as it
   * can) needs no parentheses there.
   */
  const at = (x: Expr, min: Level, tail: boolean): string =>
    level(x) < min && !(x.kind === 'invariant' && tail) ? `(${raw(x, true)})` : raw(x, tail);
  const raw = (x: Expr, tail: boolean): string => {
    switch (x.kind) {
      case 'bool':
        return x.value ? s.true : s.false;
      case 'deadlock':
        return 'deadlock';
      case 'fireable':
        return `fireable(${list(x.transitions)})`;
      case 'tokens':
        return `tokens(${list(x.places)})`;
      case 'atom':
        return x.args.length === 0 ? printName(x.name) : `${printName(x.name)}(${list(x.args)})`;
      case 'int':
        return String(x.value);
      case 'arith': {
        const lv = level(x);
        const first = (a: Expr) => (a.kind === 'arith' && a.op === x.op ? `(${raw(a, true)})` : at(a, lv, false));
        return x.args.map((a, i) => (i === 0 ? first(a) : at(a, (lv + 1) as Level, false))).join(` ${x.op} `);
      }
      case 'compare':
        return `${at(x.left, Level.Sum, false)} ${s[x.op]} ${at(x.right, Level.Sum, false)}`;
      case 'not':
        return `${s.not}${at(x.arg, Level.Unary, tail)}`;
      case 'temporal':
        return `${s[x.op]}${at(x.arg, Level.Unary, tail)}`;
      case 'until':
        return `${at(x.left, Level.Unary, false)} ${x.op} ${at(x.right, Level.Until, tail)}`;
      case 'and':
      case 'or': {
        const min = x.kind === 'and' ? Level.Until : Level.And;
        const last = x.args.length - 1;
        return x.args.map((a, i) => at(a, min, tail && i === last)).join(x.kind === 'and' ? s.and : s.or);
      }
      case 'implies':
        return `${at(x.left, Level.Or, false)}${s.implies}${at(x.right, Level.Implies, tail)}`;
      case 'iff':
        return `${at(x.left, Level.Implies, false)}${s.iff}${at(x.right, Level.Iff, tail)}`;
      case 'path': {
        const b = x.body;
        if (b.kind === 'temporal') {
          const op = options.unicode ? s[b.op] : `${b.op} `;
          return `${x.quantifier}${op}${at(b.arg, Level.Unary, tail)}`;
        }
        if (b.kind === 'until') return `${x.quantifier}[${raw(b, true)}]`;
        const body = at(b, Level.Unary, tail);
        // `A [` would open `A[…]`: a body starting with `[[` gets parentheses.
        return body.startsWith('[') ? `${x.quantifier} (${raw(b, true)})` : `${x.quantifier} ${body}`;
      }
      case 'coalition': {
        const [open, close] = x.dual ? [s.dualOpen, s.dualClose] : [s.open, s.close];
        return `${open}${list(x.agents)}${close} ${at(x.body, Level.Unary, tail)}`;
      }
      case 'invariant':
        return `invariant ${raw(x.body, true)}`;
      default:
        return assertNever(x, 'formula node');
    }
  };
  return raw(e, true);
}

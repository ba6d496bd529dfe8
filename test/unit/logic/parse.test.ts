import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import {
  classify, parseFormula, parseIntExpr, print, requireSupported, stripSpans,
  type Formula, type IntExpr,
} from '../../../src/logic/index.js';

const P = (text: string) => stripSpans(parseFormula(text));
const a = (name: string, ...args: string[]): Formula & IntExpr => ({ kind: 'atom', name, args });
const n = (value: number): IntExpr => ({ kind: 'int', value });
const not = (arg: Formula): Formula => ({ kind: 'not', arg });
const and = (...args: Formula[]): Formula => ({ kind: 'and', args });
const or = (...args: Formula[]): Formula => ({ kind: 'or', args });
const imp = (left: Formula, right: Formula): Formula => ({ kind: 'implies', left, right });
const iff = (left: Formula, right: Formula): Formula => ({ kind: 'iff', left, right });
const T = (op: 'X' | 'F' | 'G', arg: Formula): Formula => ({ kind: 'temporal', op, arg });
const U = (left: Formula, right: Formula, op: 'U' | 'W' | 'R' = 'U'): Formula => ({ kind: 'until', op, left, right });
const Q = (quantifier: 'A' | 'E', body: Formula): Formula => ({ kind: 'path', quantifier, body });
const cmp = (op: '<' | '<=' | '==' | '!=' | '>=' | '>', left: IntExpr, right: IntExpr): Formula => ({ kind: 'compare', op, left, right });
const ar = (op: '+' | '-' | '*', ...args: IntExpr[]): IntExpr => ({ kind: 'arith', op, args });
const [p, q, r, s] = ['p', 'q', 'r', 's'].map((x) => a(x));

function error(text: string): InputError {
  try {
    parseFormula(text, { file: 'spec.wfv' });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`expected a syntax error for ${text}`);
}

describe('precedence and associativity', () => {
  it.each([
    ['p | q & r', or(p, and(q, r))],
    ['p & q | r & s', or(and(p, q), and(r, s))],
    ['p -> q -> r', imp(p, imp(q, r))],
    ['p <-> q <-> r', iff(p, iff(q, r))],
    ['p <-> q -> r | s', iff(p, imp(q, or(r, s)))],
    ['!p & q', and(not(p), q)],
    ['!!p', not(not(p))],
    ['F p U q', U(T('F', p), q)],
    ['p U q U r', U(p, U(q, r))],
    ['p U q R r W s', U(p, U(q, U(r, s, 'W'), 'R'))],
    ['p U q & r', and(U(p, q), r)],
    ['X F G p', T('X', T('F', T('G', p)))],
    ['p & q & r', and(p, q, r)],
    ['(p & q) & r', and(and(p, q), r)],
    ['p & (q & r)', and(p, and(q, r))],
    ['AG x <= 3', Q('A', T('G', cmp('<=', a('x'), n(3))))],
    ['!x == 1 & y > -2', and(not(cmp('==', a('x'), n(1))), cmp('>', a('y'), n(-2)))],
    ['x + y * 2 >= z - 1 - w', cmp('>=', ar('+', a('x'), ar('*', a('y'), n(2))), ar('-', a('z'), n(1), a('w')))],
    ['1 + 2 - 3 + 4 == 0', cmp('==', ar('+', ar('-', ar('+', n(1), n(2)), n(3)), n(4)), n(0))],
    ['(x + y) * 2 != 0', cmp('!=', ar('*', ar('+', a('x'), a('y')), n(2)), n(0))],
    ['x - -1 < 0', cmp('<', ar('-', a('x'), n(-1)), n(0))],
    ['A[p U q] | E[p W q]', or(Q('A', U(p, q)), Q('E', U(p, q, 'W')))],
    ['A (G p & F q)', Q('A', and(T('G', p), T('F', q)))],
    ['A G p', Q('A', T('G', p))],
    ['E X p', Q('E', T('X', p))],
    ['EF AG p', Q('E', T('F', Q('A', T('G', p))))],
  ] as const)('%s', (text, expected) => {
    expect(P(text)).toEqual(expected);
  });
});

describe('atoms, names and keywords', () => {
  it('reads the MCC atoms and workflow atoms', () => {
    expect(P('fireable(t1, "t-2") & tokens(p1) >= 2 & deadlock & true & !false')).toEqual(and(
      { kind: 'fireable', transitions: ['t1', 't-2'] },
      cmp('>=', { kind: 'tokens', places: ['p1'] }, n(2)),
      { kind: 'deadlock' }, { kind: 'bool', value: true }, not({ kind: 'bool', value: false }),
    ));
    expect(P('completed(lockFunds) -> F (done | failed(a, 3))')).toEqual(
      imp(a('completed', 'lockFunds'), T('F', or(a('done'), a('failed', 'a', '3')))));
    expect(P('locked + released + refunded == amount')).toEqual(
      cmp('==', ar('+', a('locked'), a('released'), a('refunded')), a('amount')));
  });

  it('treats operator letters as keywords only when they are the whole word', () => {
    expect(P('Fork & Go & AGx & E1 & X_ & Fx.y')).toEqual(and(a('Fork'), a('Go'), a('AGx'), a('E1'), a('X_'), a('Fx.y')));
    expect(P('F(p)')).toEqual(T('F', p));
    expect(P('"F" & "tokens"(x) & "odd \\"name\\""')).toEqual(and(a('F'), a('tokens', 'x'), a('odd "name"')));
    expect(P('signaled(X) & tokens(A, G) > 0')).toEqual(and(a('signaled', 'X'), cmp('>', { kind: 'tokens', places: ['A', 'G'] }, n(0))));
    expect(print(a('F'))).toBe('"F"');
    expect(print(a('signaled', 'X'))).toBe('signaled(X)');
  });

  it('reads ATL coalitions and invariants', () => {
    expect(P('<<a, b>> X p')).toEqual({ kind: 'coalition', dual: false, agents: ['a', 'b'], body: T('X', p) });
    expect(P('<<>> F p')).toEqual({ kind: 'coalition', dual: false, agents: [], body: T('F', p) });
    expect(P('[[a]] (p U q)')).toEqual({ kind: 'coalition', dual: true, agents: ['a'], body: U(p, q) });
    expect(P('⟦a⟧ □p')).toEqual(P('[[a]] G p'));
    expect(P('⟪a⟫ ◇p')).toEqual(P('<<a>> F p'));
    expect(P('invariant x + y <= 3 & p')).toEqual({ kind: 'invariant', body: and(cmp('<=', ar('+', a('x'), a('y')), n(3)), p) });
  });
});

describe('Unicode spellings', () => {
  it.each([
    ['¬p ∧ q ∨ r → s ↔ p', '!p & q | r -> s <-> p'],
    ['p && q || not r and s or p', 'p & q | !r & s | p'],
    ['○p ∧ ◇q ∧ □r', 'X p & F q & G r'],
    ['⟨⟨a⟩⟩ □ ⊤ ∧ ⊥ ⇒ p ⇔ q', '<<a>> G true & false -> p <-> q'],
    ['x ≤ 1 ∧ x ≥ 1 ∧ x ≠ 1 ∧ x = 1', 'x <= 1 & x >= 1 & x != 1 & x == 1'],
  ])('%s', (uni, ascii) => {
    expect(P(uni)).toEqual(P(ascii));
  });

  it('prints ASCII by default and Unicode on request', () => {
    const f = parseFormula('AG (!p & x <= 1) -> <<a>> F q | E[p U q]');
    expect(print(f)).toBe('AG (!p & x <= 1) -> <<a>> F q | E[p U q]');
    expect(print(f, { unicode: true })).toBe('A□(¬p ∧ x ≤ 1) → ⟨⟨a⟩⟩ ◇q ∨ E[p U q]');
  });
});

describe('spans', () => {
  it('records 1-based line/column and offsets of every node', () => {
    const text = 'p &\n  F (q | r)';
    const f = parseFormula(text);
    expect(f.span).toEqual({ start: { line: 1, column: 1, offset: 0 }, end: { line: 2, column: 12, offset: 15 } });
    const g = (f as Extract<Formula, { kind: 'and' }>).args[1];
    expect(g.span?.start).toEqual({ line: 2, column: 3, offset: 6 });
    expect(text.slice(g.span!.start.offset, g.span!.end.offset)).toBe('F (q | r)');
  });
});

describe('syntax errors', () => {
  it.each([
    ['p &', 1, 4, 'expected a formula but found end of input'],
    ['p q', 1, 3, "expected an operator or end of input but found name 'q'"],
    ['(p & q', 1, 7, "expected an operator or ')' but found end of input"],
    ['p &\n  & q', 2, 3, "expected a formula but found '&'"],
    ['x + y', 1, 1, 'expected a formula but found an integer expression'],
    ['x + (p & q) > 1', 1, 6, 'expected an integer expression but found a formula (and)'],
    ['a < b < c', 1, 7, 'comparisons do not chain'],
    ['A[p U q', 1, 8, "expected ']' to close 'A[' but found end of input"],
    ['<<a p>> X q', 1, 5, "expected ',' or '>>' to close the coalition but found name 'p'"],
    ['tokens() > 1', 1, 8, "expected a place name but found ')'"],
    ['tokens p', 1, 8, "expected '(' after 'tokens' but found name 'p'"],
    ['p # q', 1, 3, "expected an operator, a name or a number but found '#'"],
    ['"abc', 1, 1, 'expected \'"\' to close the quoted name but found end of input'],
    ['X', 1, 2, 'expected a formula but found end of input'],
    ['3x > 1', 1, 1, 'expected an operator'],
    ['x > - y', 1, 7, "expected a number after unary '-' but found name 'y'"],
    ['x > 99999999999999999999', 1, 5, 'expected an integer of at most 2^53-1'],
    ['p U', 1, 4, 'expected a formula but found end of input'],
  ] as const)('%s', (text, line, column, message) => {
    const e = error(text);
    expect(e.code).toBe('WFV2001');
    expect(e.location).toEqual({ file: 'spec.wfv', line, column });
    expect(e.message).toContain(message);
    expect(e.describe()).toContain(`spec.wfv:${line}:${column}: error WFV2001`);
  });

  it('parses integer expressions on their own', () => {
    expect(stripSpans(parseIntExpr('a + 2 * tokens(p)'))).toEqual(ar('+', a('a'), ar('*', n(2), { kind: 'tokens', places: ['p'] })));
    expect(() => parseIntExpr('p & q')).toThrow(/expected an integer expression/);
  });
});

describe('classify', () => {
  it.each([
    ['p & x < 3', 'state'],
    ['invariant x <= 3', 'invariant'],
    ['AG EF p', 'ctl'],
    ['A[p U AX q] -> E[p W q]', 'ctl'],
    ['G F p -> F q', 'ltl'],
    ['A (G p | F q)', 'ltl'],
    ['E (p U X q)', 'ltl'],
    ['<<a>> G p & <<a,b>> (p U q) & AG p', 'atl'],
    ['F G p & AG q', 'ctl*'],
    ['A F G p | E G p', 'ctl*'],
    ['invariant F p', 'ctl*'],
    ['p & (invariant q)', 'ctl*'],
  ] as const)('%s is %s', (text, logic) => {
    expect(classify(parseFormula(text)).logic).toBe(logic);
  });

  it('flags fragments and the LTL quantifier', () => {
    expect(classify(parseFormula('AG p'))).toMatchObject({ logic: 'ctl', ctl: true, ltl: true, ltlQuantifier: 'A' });
    expect(classify(parseFormula('E F p'))).toMatchObject({ logic: 'ctl', ltl: true, ltlQuantifier: 'E' });
    expect(classify(parseFormula('G p'))).toMatchObject({ logic: 'ltl', ctl: false, ltlQuantifier: 'A' });
  });

  it('rejects CTL* with WFV2004 at the offending operator', () => {
    expect(() => requireSupported(parseFormula('F p & AG q'), 'x.wfv')).toThrow(/unsupported formula/);
    let caught: unknown;
    try {
      requireSupported(parseFormula('AG EF p & F q'), 'x.wfv');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).code).toBe('WFV2004');
    expect((caught as InputError).location).toEqual({ file: 'x.wfv', line: 1, column: 11 });
    expect(requireSupported(parseFormula('AG p')).logic).toBe('ctl');
  });
});

describe('limits', () => {
  it('parses 256 levels of nesting and rejects deeper input with WFV2001, not a stack overflow', () => {
    expect(P(`${'('.repeat(255)}p${')'.repeat(255)}`)).toEqual(p);
    expect(P(`${'p & ('.repeat(255)}p${')'.repeat(255)}`).kind).toBe('and');
    expect(P(`${'!'.repeat(255)}p`).kind).toBe('not');
    for (const deep of [`${'X '.repeat(5000)}p`, `${'('.repeat(300)}p${')'.repeat(300)}`]) {
      const e = error(deep);
      expect(e.message).toContain('expected at most 256 nested operators or parentheses');
      expect(e.location?.line).toBe(1);
    }
  });
});

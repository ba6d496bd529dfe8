/**
 * The property language of wfverify: one AST for state formulas, CTL, LTL, ATL and invariants,
 * a text parser with positions, a printer whose output re-parses to the same AST, a classifier
 * that picks the logic, and a reader for MCC property XML. Imports only `core`.
 * Syntax and precedence: docs/formulas.md.
 */
export {
  isFormula, isIntExpr,
  type And, type Arith, type ArithOp, type Atom, type BoolConst, type BoundQuery, type Coalition, type Compare,
  type CompareOp, type Deadlock, type Expr, type Fireable, type Formula, type Iff, type Implies, type IntConst,
  type IntExpr, type Invariant, type Not, type Or, type Path, type PathQuantifier, type Pos, type Span,
  type Temporal, type TemporalOp, type Tokens, type Until, type UntilOp,
} from './ast.js';
export { classify, isStateFormula, requireSupported, type Classification, type Logic } from './classify.js';
export { children, formulaEquals, stripSpans } from './equal.js';
export { MCC_ELEMENTS, parseMccXml, type MccProperty } from './mcc-xml.js';
export { parseFormula, parseIntExpr, type ParseOptions } from './parse.js';
export { print, printName, type PrintOptions } from './print.js';
export { KEYWORDS, tokenize, type Token, type TokenType } from './tokens.js';
export {
  compileStateInteger, compileStatePredicate,
  type AtomBinding, type StateInteger, type StatePredicate,
} from './state-predicate.js';
export { BUILTIN_PROPERTY_NAMES, parseSpec, type Spec, type SpecBlock, type SpecProperty, type SpecSpan } from './spec.js';

/**
 * The abstract syntax of wfverify's one property language: state formulas, CTL, LTL, ATL and
 * invariants share a single discriminated union so every frontend (text parser, MCC XML reader,
 * later the spec files of workflows) produces the same trees and every checker consumes them.
 *
 * Contracts:
 * - Nodes are immutable plain data; `span` is optional (absent on trees built by code) and is never
 *   part of a node's meaning ({@link stripSpans}/{@link formulaEquals} ignore it).
 * - Names (places, transitions, agents, atom names and arguments) are opaque strings, never parsed.
 * - `and`, `or` and `arith` are n-ary with at least two operands; a nested node of the same kind
 *   stands for explicit grouping (`(a & b) & c` is not `a & b & c`), so structure is kept exactly.
 * - Temporal operators are separate from path quantifiers: CTL `AG p` is
 *   `{kind:'path', quantifier:'A', body:{kind:'temporal', op:'G', arg:p}}`, exactly like MCC's
 *   `<all-paths><globally>`; `A (G p & F q)` is LTL under a top quantifier.
 * - An {@link Atom} (`done`, `completed(lockFunds)`, a data variable) may stand where a formula or
 *   an integer expression is expected; a later binding phase decides what the name means.
 */

/** A position in formula text: 1-based line and column (UTF-16 units), 0-based string offset. */
export interface Pos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The source range of a node; `end` is just after its last character. */
export interface Span {
  readonly start: Pos;
  readonly end: Pos;
}

interface NodeBase {
  readonly span?: Span;
}

/** `true` / `false` (`⊤` / `⊥`). */
export interface BoolConst extends NodeBase {
  readonly kind: 'bool';
  readonly value: boolean;
}

/** No transition / action is enabled (MCC `<deadlock/>`). */
export interface Deadlock extends NodeBase {
  readonly kind: 'deadlock';
}

/** Some of the named transitions is enabled (MCC `<is-fireable>`). At least one name. */
export interface Fireable extends NodeBase {
  readonly kind: 'fireable';
  readonly transitions: readonly string[];
}

/**
 * A named atom `name` or `name(arg, …)`: workflow events (`completed(lockFunds)`), control
 * locations, boolean or integer data variables. `args` is empty for a bare identifier; integer
 * arguments are kept as their decimal text.
 */
export interface Atom extends NodeBase {
  readonly kind: 'atom';
  readonly name: string;
  readonly args: readonly string[];
}

export type CompareOp = '<' | '<=' | '==' | '!=' | '>=' | '>';

/** A comparison of two integer expressions (MCC `integer-le` and friends). */
export interface Compare extends NodeBase {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: IntExpr;
  readonly right: IntExpr;
}

export interface Not extends NodeBase {
  readonly kind: 'not';
  readonly arg: Formula;
}

/** Conjunction of two or more formulas. */
export interface And extends NodeBase {
  readonly kind: 'and';
  readonly args: readonly Formula[];
}

/** Disjunction of two or more formulas. */
export interface Or extends NodeBase {
  readonly kind: 'or';
  readonly args: readonly Formula[];
}

export interface Implies extends NodeBase {
  readonly kind: 'implies';
  readonly left: Formula;
  readonly right: Formula;
}

export interface Iff extends NodeBase {
  readonly kind: 'iff';
  readonly left: Formula;
  readonly right: Formula;
}

/** Unary temporal operators: next, finally (eventually), globally (always). */
export type TemporalOp = 'X' | 'F' | 'G';

export interface Temporal extends NodeBase {
  readonly kind: 'temporal';
  readonly op: TemporalOp;
  readonly arg: Formula;
}

/** Binary temporal operators: strong until, weak until, release. */
export type UntilOp = 'U' | 'W' | 'R';

export interface Until extends NodeBase {
  readonly kind: 'until';
  readonly op: UntilOp;
  readonly left: Formula;
  readonly right: Formula;
}

export type PathQuantifier = 'A' | 'E';

/** `A body` / `E body`: a path quantifier over a path formula (MCC `all-paths`/`exists-path`). */
export interface Path extends NodeBase {
  readonly kind: 'path';
  readonly quantifier: PathQuantifier;
  readonly body: Formula;
}

/**
 * ATL coalition operator: `<<a, b>> body` (the agents can enforce `body`) or, when `dual`,
 * `[[a, b]] body` (the agents cannot avoid `body`). `agents` may be empty.
 */
export interface Coalition extends NodeBase {
  readonly kind: 'coalition';
  readonly dual: boolean;
  readonly agents: readonly string[];
  readonly body: Formula;
}

/**
 * `invariant φ`: φ holds in every reachable state (the same as `AG φ` for a state formula φ).
 * Only meaningful at the top of a property; see {@link classify}. A property that is a bare state
 * formula is also checked as an invariant by wfverify's commands (docs/formulas.md).
 */
export interface Invariant extends NodeBase {
  readonly kind: 'invariant';
  readonly body: Formula;
}

/** Integer literal (a safe integer; may be negative). */
export interface IntConst extends NodeBase {
  readonly kind: 'int';
  readonly value: number;
}

/** Sum of the token counts of the named places (MCC `tokens-count`). At least one name. */
export interface Tokens extends NodeBase {
  readonly kind: 'tokens';
  readonly places: readonly string[];
}

export type ArithOp = '+' | '-' | '*';

/** `args[0] op args[1] op …`, left to right; at least two operands. */
export interface Arith extends NodeBase {
  readonly kind: 'arith';
  readonly op: ArithOp;
  readonly args: readonly IntExpr[];
}

/** Integer-valued expressions. */
export type IntExpr = IntConst | Tokens | Arith | Atom;

/** Boolean-valued formulas: state, path, CTL, LTL, ATL and invariants. */
export type Formula =
  | BoolConst
  | Deadlock
  | Fireable
  | Atom
  | Compare
  | Not
  | And
  | Or
  | Implies
  | Iff
  | Temporal
  | Until
  | Path
  | Coalition
  | Invariant;

/** Any node of the language. */
export type Expr = Formula | IntExpr;

/** MCC UpperBounds query: the maximum over reachable markings of the summed tokens of `places`. */
export interface BoundQuery extends NodeBase {
  readonly kind: 'bound';
  readonly places: readonly string[];
}

/** True when `e` is an integer expression (atoms count as both sorts). */
export function isIntExpr(e: Expr): e is IntExpr {
  return e.kind === 'int' || e.kind === 'tokens' || e.kind === 'arith' || e.kind === 'atom';
}

/** True when `e` is a formula (atoms count as both sorts). */
export function isFormula(e: Expr): e is Formula {
  return e.kind === 'atom' || !isIntExpr(e);
}

/**
 * The value semantics of IR expressions, as the lowering defines them (src/extract/lower/values.ts
 * and expr.ts, which are internal to `extract`): JavaScript's, on booleans, strings, numbers and
 * `null` (for `undefined`), extended with {@link ANY} for `unknown`. Plus the codes of tracked
 * variables (bool 0/1, enum index, int `v − min`, `null` after the domain when nullable).
 *
 * The writer evaluates expressions on concrete codes only (every combination of the variables an
 * action reads), so it needs exactly the reference semantics, not a translation of them.
 */
import type { BinaryOp, Expr, ModelEvent, Value, VarDecl } from '../../extract/index.js';

/** The unknown value (nondeterminism). */
export const ANY: unique symbol = Symbol('any');
export type AbstractValue = Value | typeof ANY;

export function truthy(v: Value): boolean {
  return v !== false && v !== null && v !== 0 && v !== '' && !Number.isNaN(v);
}

export function truth(v: AbstractValue): boolean | typeof ANY {
  return v === ANY ? ANY : truthy(v);
}

const num = (v: Value): number => (v === null ? 0 : Number(v));

function looseEquals(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === typeof b) return a === b;
  return num(a) === num(b);
}

function relational(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
  const both = typeof a === 'string' && typeof b === 'string';
  const x = both ? a : num(a);
  const y = both ? b : num(b);
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
  }
}

function applyBinary(op: BinaryOp, a: Value, b: Value): Value {
  switch (op) {
    case '==': return looseEquals(a, b);
    case '!=': return !looseEquals(a, b);
    case '<': case '<=': case '>': case '>=': return relational(op, a, b);
    case '&&': return truthy(a) ? b : a;
    case '||': return truthy(a) ? a : b;
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return `${a === null ? 'undefined' : String(a)}${b === null ? 'undefined' : String(b)}`;
      return num(a) + num(b);
    case '-': return num(a) - num(b);
    case '*': return num(a) * num(b);
  }
}

/** Evaluates `e`; `read` gives a variable's value by id (ANY for ids the IR does not declare). */
export function evaluate(e: Expr, read: (id: string) => AbstractValue): AbstractValue {
  switch (e.kind) {
    case 'const': return e.value;
    case 'unknown': return ANY;
    case 'var': return read(e.id);
    case 'not': {
      const t = truth(evaluate(e.arg, read));
      return t === ANY ? ANY : !t;
    }
    case 'binary': {
      const a = evaluate(e.left, read);
      if (e.op === '&&' || e.op === '||') {
        const t = truth(a);
        if (t !== ANY) return (e.op === '&&') === t ? evaluate(e.right, read) : a;
        const b = evaluate(e.right, read);
        if (b === ANY) return ANY;
        return (e.op === '&&') === truthy(b) ? ANY : b;
      }
      const b = evaluate(e.right, read);
      return a === ANY || b === ANY ? ANY : applyBinary(e.op, a, b);
    }
    case 'cond': {
      const c = truth(evaluate(e.test, read));
      if (c !== ANY) return c ? evaluate(e.then, read) : evaluate(e.else, read);
      const x = evaluate(e.then, read);
      const y = evaluate(e.else, read);
      return x === y ? x : ANY;
    }
  }
}

/** Variable ids `e` reads. */
export function varsOf(e: Expr, out: Set<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'var': out.add(e.id); break;
    case 'not': varsOf(e.arg, out); break;
    case 'binary': varsOf(e.left, out); varsOf(e.right, out); break;
    case 'cond': varsOf(e.test, out); varsOf(e.then, out); varsOf(e.else, out); break;
    default: break;
  }
  return out;
}

/** Codes of one variable, as in the lowering's `VarCodec`. */
export class Codec {
  readonly size: number;
  private readonly domainSize: number;

  constructor(readonly decl: VarDecl) {
    const d = decl.domain;
    this.domainSize = d.kind === 'bool' ? 2 : d.kind === 'enum' ? d.values.length : Math.max(0, d.max - d.min + 1);
    this.size = this.domainSize + (decl.nullable ? 1 : 0);
  }

  /** The code of `v`, or -1 when `v` is not a value of the variable. */
  encode(v: Value): number {
    if (v === null) return this.decl.nullable ? this.domainSize : -1;
    const d = this.decl.domain;
    switch (d.kind) {
      case 'bool': return typeof v === 'boolean' ? (v ? 1 : 0) : -1;
      case 'enum': return typeof v === 'string' ? d.values.indexOf(v) : -1;
      case 'int': return typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max ? v - d.min : -1;
    }
  }

  decode(c: number): Value {
    if (c >= this.domainSize) return null;
    const d = this.decl.domain;
    switch (d.kind) {
      case 'bool': return c === 1;
      case 'enum': return d.values[c];
      case 'int': return d.min + c;
    }
  }

  /** The value as source text: `true`, `'gold'`, `3`, `undefined`. */
  format(c: number): string {
    const v = this.decode(c);
    return v === null ? 'undefined' : typeof v === 'string' ? `'${v}'` : String(v);
  }
}

/** The canonical key of an event, as the lowering's event table keys them: `activityCompleted(lockFunds)`, `timerFired`. */
export function eventKey(e: ModelEvent): string {
  switch (e.kind) {
    case 'activityScheduled': case 'activityCompleted': case 'activityFailed': return `${e.kind}(${e.activity})`;
    case 'signal': case 'update': return `${e.kind}(${e.name})`;
    case 'childStarted': case 'childCompleted': case 'childFailed': return `${e.kind}(${e.workflow})`;
    default: return e.kind;
  }
}

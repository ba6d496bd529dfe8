/**
 * The value semantics of IR expressions: JavaScript's, on the IR's values (booleans, strings,
 * numbers, `null` for `undefined`), extended with {@link ANY} — "any value of the expected sort",
 * what `unknown` evaluates to. Operations on ANY give ANY except where JavaScript's
 * short-circuiting decides the result anyway (`false && ANY` is `false`).
 */
import type { BinaryOp, Value } from '../ir.js';

/** The unknown value (nondeterminism). */
export const ANY: unique symbol = Symbol('any');
export type AbstractValue = Value | typeof ANY;

/** JavaScript truthiness. */
export function truthy(v: Value): boolean {
  return v !== false && v !== null && v !== 0 && v !== '' && !Number.isNaN(v);
}

/** Three-valued truthiness: true, false, or ANY. */
export function truth(v: AbstractValue): boolean | typeof ANY {
  return v === ANY ? ANY : truthy(v);
}

function toNumber(v: Value): number {
  return v === null ? 0 : Number(v);
}

/** JavaScript `==` on IR values (no `undefined` other than `null`, no objects). */
export function looseEquals(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === typeof b) return a === b;
  return toNumber(a) === toNumber(b);
}

function relational(op: '<' | '<=' | '>' | '>=', a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    switch (op) {
      case '<': return a < b;
      case '<=': return a <= b;
      case '>': return a > b;
      case '>=': return a >= b;
    }
  }
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
  }
}

/** A binary operator on known operands (JavaScript semantics; `&&`/`||` return an operand). */
export function applyBinary(op: BinaryOp, a: Value, b: Value): Value {
  switch (op) {
    case '==': return looseEquals(a, b);
    case '!=': return !looseEquals(a, b);
    case '<': case '<=': case '>': case '>=': return relational(op, a, b);
    case '&&': return truthy(a) ? b : a;
    case '||': return truthy(a) ? a : b;
    case '+':
      if (typeof a === 'string' || typeof b === 'string') return `${a === null ? 'undefined' : String(a)}${b === null ? 'undefined' : String(b)}`;
      return toNumber(a) + toNumber(b);
    case '-': return toNumber(a) - toNumber(b);
    case '*': return toNumber(a) * toNumber(b);
  }
}

/** A binary operator on possibly-unknown operands; `right` is only evaluated when needed. */
export function applyAbstractBinary(op: BinaryOp, a: AbstractValue, right: () => AbstractValue): AbstractValue {
  if (op === '&&' || op === '||') {
    const t = truth(a);
    if (t !== ANY) return (op === '&&') === t ? right() : a;
    // Unknown left operand: the result is the left operand (of the same sort as the right one)
    // or the right operand. Only when the right operand decides the truth value is it known.
    const b = right();
    if (b === ANY) return ANY;
    return (op === '&&') === truthy(b) ? ANY : b;
  }
  const b = right();
  if (a === ANY || b === ANY) return ANY;
  return applyBinary(op, a, b);
}

/** Renders a value as in source: `true`, `'gold'`, `3`, `undefined`. */
export function formatValue(v: Value): string {
  if (v === null) return 'undefined';
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}

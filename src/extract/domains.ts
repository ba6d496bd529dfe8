/**
 * Which TypeScript types the extractor tracks exactly: booleans, unions of string literals
 * (and string enums), unions of small integer literals, each optionally with `undefined`/`null`
 * (kept as one extra value, `null` in the IR). Everything else is abstracted.
 */
import type { Domain, Value } from './ir.js';
import { ts } from './ts.js';

export interface FiniteType {
  readonly domain: Domain;
  readonly nullable: boolean;
}

/** The largest integer-literal union tracked (more values are abstracted). */
const MAX_INT_VALUES = 64;

/** The finite domain of `type`, or undefined when the type is not tracked. */
export function finiteTypeOf(checker: ts.TypeChecker, type: ts.Type): FiniteType | undefined {
  const parts = type.isUnion() ? type.types : [type];
  let nullable = false;
  let bool = false;
  const strings: string[] = [];
  const ints: number[] = [];
  for (const t of parts) {
    const f = t.flags;
    if (f & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)) nullable = true;
    else if (f & ts.TypeFlags.BooleanLike) bool = true;
    else if (t.isStringLiteral()) strings.push(t.value);
    else if (t.isNumberLiteral() && Number.isInteger(t.value)) ints.push(t.value);
    else return undefined;
  }
  void checker;
  const kinds = (bool ? 1 : 0) + (strings.length > 0 ? 1 : 0) + (ints.length > 0 ? 1 : 0);
  if (kinds !== 1) return undefined;
  if (bool) return { domain: { kind: 'bool' }, nullable };
  if (strings.length > 0) return { domain: { kind: 'enum', values: [...new Set(strings)] }, nullable };
  const min = Math.min(...ints);
  const max = Math.max(...ints);
  if (max - min + 1 > MAX_INT_VALUES) return undefined;
  return { domain: { kind: 'int', min, max }, nullable };
}

/** Is `type` the plain `number` type (maybe with undefined)? Such variables may get an inferred range. */
export function isNumberType(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  return parts.some((t) => t.flags & ts.TypeFlags.NumberLike) && parts.every((t) => t.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.Undefined | ts.TypeFlags.Null));
}

/** The value a variable of the domain holds before anything is assigned (`null` when nullable). */
export function firstValue(domain: Domain, nullable: boolean): Value {
  if (nullable) return null;
  switch (domain.kind) {
    case 'bool':
      return false;
    case 'enum':
      return domain.values[0] ?? null;
    case 'int':
      return domain.min;
  }
}

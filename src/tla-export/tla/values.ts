/**
 * Workflow variables as TLA+ values: booleans `TRUE`/`FALSE`, enum members as strings, integers
 * as integers, and `undefined` (the IR's `null`, for nullable variables) as the model value
 * `Undefined` (a CONSTANT the .cfg assigns to itself; TLC compares model values with any value
 * without error). The values of a variable are listed in wfverify's code order: the domain's
 * values, then `undefined` when nullable.
 */
import { InternalError } from '../../core/index.js';
import type { Value, VarDecl } from '../../extract/index.js';
import { tlaString } from './names.js';

/** The model value standing for `undefined`. */
export const UNDEFINED = 'Undefined';

/** Every value of the variable, in code order. */
export function varValues(decl: VarDecl): Value[] {
  const d = decl.domain;
  const base: Value[] = d.kind === 'bool' ? [false, true] : d.kind === 'enum' ? [...d.values]
    : Array.from({ length: Math.max(0, d.max - d.min + 1) }, (_, i) => d.min + i);
  return decl.nullable ? [...base, null] : base;
}

/** The value as a TLA+ expression. */
export function tlaValue(v: Value): string {
  if (v === null) return UNDEFINED;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return tlaString(v);
  if (!Number.isSafeInteger(v)) throw new InternalError(`the value ${v} is not an integer; TLA+ exports hold integers only`);
  return v < 0 ? `(${v})` : String(v);
}

/** The set of the variable's values as a TLA+ expression. */
export function tlaDomain(decl: VarDecl): string {
  const d = decl.domain;
  const base = d.kind === 'bool' ? 'BOOLEAN' : d.kind === 'enum' ? `{${d.values.map(tlaString).join(', ')}}`
    : d.max < d.min ? '{}' : `${tlaValue(d.min)}..${tlaValue(d.max)}`;
  return decl.nullable ? `(${base} \\cup {${UNDEFINED}})` : base;
}

/** The Apalache type of the variable (nullable variables have none: see docs/export-tla.md). */
export function apalacheType(decl: VarDecl): string {
  return decl.domain.kind === 'bool' ? 'Bool' : decl.domain.kind === 'enum' ? 'Str' : 'Int';
}

/** `x = v`, shortened for booleans (`x`, `~x`) when `x` cannot be undefined. */
export function equalsValue(x: string, v: Value, nullable: boolean): string {
  if (typeof v === 'boolean' && !nullable) return v ? x : `~${x}`;
  return `${x} = ${tlaValue(v)}`;
}

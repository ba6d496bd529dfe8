/**
 * Workflow variables as TLA+ values of one Apalache type per variable: booleans `TRUE`/`FALSE`
 * (`Bool`), enum members as strings (`Str`), integers (`Int`). `undefined` (the IR's `null`, for
 * nullable variables) is a *sentinel of the variable's own type*, so every variable stays typable
 * and TLC never compares values of different kinds:
 *
 * - nullable enum: the string `"undefined"` (or `"undefined_2"`, … if a member is spelled so);
 * - nullable integer in `min..max`: the integer `min - 1`;
 * - nullable boolean: the variable becomes a `Str` with `"true"`, `"false"` and `"undefined"`.
 *
 * Every guard and write is tabulated per variable (tabulate.ts), so the encoding only has to be
 * a bijection per variable: the states and steps are wfverify's. The values of a variable are
 * listed in wfverify's code order: the domain's values, then `undefined` when nullable.
 */
import { InternalError } from '../../core/index.js';
import type { Value, VarDecl } from '../../extract/index.js';
import { tlaString } from './names.js';

/** Every value of the variable, in code order. */
export function varValues(decl: VarDecl): Value[] {
  const d = decl.domain;
  const base: Value[] = d.kind === 'bool' ? [false, true] : d.kind === 'enum' ? [...d.values]
    : Array.from({ length: Math.max(0, d.max - d.min + 1) }, (_, i) => d.min + i);
  return decl.nullable ? [...base, null] : base;
}

function integer(v: number): string {
  if (!Number.isSafeInteger(v)) throw new InternalError(`the value ${v} is not an integer; TLA+ exports hold integers only`);
  return v < 0 ? `(${v})` : String(v);
}

/** The string standing for `undefined` in a nullable enum: not one of its members. */
function enumSentinel(values: readonly string[]): string {
  let s = 'undefined';
  for (let k = 2; values.includes(s); k++) s = `undefined_${k}`;
  return s;
}

/** The TLA+ expression of `undefined` for the nullable variable `decl`. */
export function tlaUndefined(decl: VarDecl): string {
  const d = decl.domain;
  if (d.kind === 'enum') return tlaString(enumSentinel(d.values));
  if (d.kind === 'int') return integer(d.min - 1);
  return tlaString('undefined');
}

/** Value `v` of variable `decl` as a TLA+ expression. */
export function tlaValue(v: Value, decl: VarDecl): string {
  if (v === null) {
    if (!decl.nullable) throw new InternalError(`undefined in the non-nullable variable ${decl.name}`);
    return tlaUndefined(decl);
  }
  if (typeof v === 'boolean') return decl.nullable ? tlaString(String(v)) : v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return tlaString(v);
  return integer(v);
}

/** The set of the variable's values as a TLA+ expression. */
export function tlaDomain(decl: VarDecl): string {
  const d = decl.domain;
  if (d.kind === 'bool' && decl.nullable) return `{${varValues(decl).map((v) => tlaValue(v, decl)).join(', ')}}`;
  const base = d.kind === 'bool' ? 'BOOLEAN' : d.kind === 'enum' ? `{${d.values.map(tlaString).join(', ')}}`
    : d.max < d.min ? '{}' : `${integer(d.min)}..${integer(d.max)}`;
  return decl.nullable ? `(${base} \\cup {${tlaUndefined(decl)}})` : base;
}

/** The Apalache type of the variable. */
export function apalacheType(decl: VarDecl): string {
  return decl.domain.kind === 'bool' ? (decl.nullable ? 'Str' : 'Bool') : decl.domain.kind === 'enum' ? 'Str' : 'Int';
}

/** `x = v` for a variable or bound name `x` of `decl`'s type, shortened for plain booleans (`x`, `~x`). */
export function equalsValue(x: string, v: Value, decl: VarDecl): string {
  if (typeof v === 'boolean' && !decl.nullable) return v ? x : `~${x}`;
  return `${x} = ${tlaValue(v, decl)}`;
}

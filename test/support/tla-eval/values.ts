/**
 * Values of the TLA+ subset that wfverify's exports use, with TLC's equality: integers, booleans,
 * strings, model values (equal only to themselves, comparable with anything), finite sets and
 * tuples/sequences. Comparing an integer with a string (or any two values of different kinds,
 * model values aside) is an error, as in TLC.
 */
export class ModelValue {
  constructor(readonly name: string) {}
}

export class FiniteSet {
  readonly elems: readonly Value[];
  constructor(elems: readonly Value[]) {
    const seen = new Map<string, Value>();
    for (const e of elems) seen.set(valueKey(e), e);
    this.elems = [...seen.values()];
  }
  has(v: Value): boolean {
    return this.elems.some((e) => valuesEqual(e, v));
  }
}

export type Value = number | boolean | string | ModelValue | FiniteSet | readonly Value[];

/** A canonical string per value: equal values have equal keys. */
export function valueKey(v: Value): string {
  if (typeof v === 'number') return `${v}`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ModelValue) return `@${v.name}`;
  if (v instanceof FiniteSet) return `{${v.elems.map(valueKey).sort().join(',')}}`;
  return `<<${v.map(valueKey).join(',')}>>`;
}

function kind(v: Value): string {
  if (v instanceof ModelValue) return 'model value';
  if (v instanceof FiniteSet) return 'set';
  if (Array.isArray(v)) return 'sequence';
  return typeof v;
}

/** TLC's `=`: throws when the two values cannot be compared. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a instanceof ModelValue || b instanceof ModelValue) return a instanceof ModelValue && b instanceof ModelValue && a.name === b.name;
  if (kind(a) !== kind(b)) throw new Error(`TLC error: attempted to compare ${kind(a)} ${valueKey(a)} with ${kind(b)} ${valueKey(b)}`);
  return valueKey(a) === valueKey(b);
}

export function asInt(v: Value, what: string): number {
  if (typeof v !== 'number') throw new Error(`TLC error: ${what} expects an integer, got ${valueKey(v)}`);
  return v;
}

export function asBool(v: Value, what: string): boolean {
  if (typeof v !== 'boolean') throw new Error(`TLC error: ${what} expects a boolean, got ${valueKey(v)}`);
  return v;
}

export function asSeq(v: Value, what: string): readonly Value[] {
  if (!Array.isArray(v)) throw new Error(`TLC error: ${what} expects a sequence, got ${valueKey(v as Value)}`);
  return v;
}

/** The elements of an enumerable set (`Nat` is not enumerable and is handled by membership only). */
export function asSet(v: Value, what: string): FiniteSet {
  if (!(v instanceof FiniteSet)) throw new Error(`TLC error: ${what} expects a finite set, got ${valueKey(v)}`);
  return v;
}

/**
 * Encoding of tracked variables as small non-negative integers ("codes") for packed states:
 * bool false/true → 0/1, enum member → its index, int v → v − min; `null` (undefined), when the
 * variable is nullable, gets the code after the domain's last value.
 */
import type { Domain, Value, VarDecl } from '../ir.js';
import { formatValue } from './values.js';

/** Encodes and decodes the values of one variable. */
export class VarCodec {
  readonly decl: VarDecl;
  /** Number of codes (domain values, plus one for `null` when nullable). */
  readonly size: number;
  private readonly domainSize: number;

  constructor(decl: VarDecl) {
    this.decl = decl;
    this.domainSize = domainSize(decl.domain);
    this.size = this.domainSize + (decl.nullable ? 1 : 0);
  }

  /** The code of `v`, or -1 when `v` is not a value of this variable. */
  encode(v: Value): number {
    if (v === null) return this.decl.nullable ? this.domainSize : -1;
    const d = this.decl.domain;
    switch (d.kind) {
      case 'bool':
        return typeof v === 'boolean' ? (v ? 1 : 0) : -1;
      case 'enum':
        return typeof v === 'string' ? d.values.indexOf(v) : -1;
      case 'int':
        return typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max ? v - d.min : -1;
    }
  }

  /** The value with code `c` (0 ≤ c < size). */
  decode(c: number): Value {
    if (c >= this.domainSize) return null;
    const d = this.decl.domain;
    switch (d.kind) {
      case 'bool': return c === 1;
      case 'enum': return d.values[c];
      case 'int': return d.min + c;
    }
  }

  /** Every value, in code order. */
  values(): Value[] {
    return Array.from({ length: this.size }, (_, c) => this.decode(c));
  }

  format(c: number): string {
    return formatValue(this.decode(c));
  }
}

export function domainSize(d: Domain): number {
  switch (d.kind) {
    case 'bool': return 2;
    case 'enum': return d.values.length;
    case 'int': return Math.max(0, d.max - d.min + 1);
  }
}

/** Bits needed to store the numbers 0 … n-1 (at least 1). */
export function bitsFor(n: number): number {
  let b = 1;
  while (2 ** b < n) b++;
  return b;
}

/**
 * Tracked variables and IR expressions in UPPAAL's language.
 *
 * Encoding of a variable (docs/export-uppaal.md, "Data"): a non-nullable boolean is a `bool`; an
 * integer of domain `min..max` is an `int[min,max]` holding its value; an enum is an int code,
 * the index of the member (a comment in the declarations lists the table); a nullable variable
 * gets one more code for `undefined` after the domain's last value (`max + 1` for integers, 2 for
 * booleans, which then are `int[0,2]` codes).
 *
 * Contract: {@link Translator.value} and {@link Translator.truth} return UPPAAL text equal to the
 * IR's JavaScript semantics, or `null` when the expression is unknown or outside the translated
 * subset (strings other than enum members, arithmetic on `undefined`, …). Callers then
 * over-approximate: a guard is dropped (both branches enabled), a write becomes a `select` over
 * the variable's domain. Never a wrong exact value.
 */
import type { Domain, Expr, Value, VarDecl } from '../../extract/index.js';

export interface VarEnc {
  readonly decl: VarDecl;
  readonly name: string;
  /** The declared type: `bool` or `int[lo,hi]`. */
  readonly type: string;
  readonly lo: number;
  readonly hi: number;
  /** The code of `undefined`, when nullable. */
  readonly nullCode: number | null;
}

export function encodeVar(decl: VarDecl, name: string): VarEnc {
  const d = decl.domain;
  const [lo, hiValue] = d.kind === 'int' ? [d.min, d.max] : d.kind === 'bool' ? [0, 1] : [0, d.values.length - 1];
  const nullCode = decl.nullable ? hiValue + 1 : null;
  const hi = nullCode ?? hiValue;
  const type = d.kind === 'bool' && !decl.nullable ? 'bool' : `int[${lo},${hi}]`;
  return { decl, name, type, lo, hi, nullCode };
}

/** The UPPAAL literal of `v` in `enc`, or null when `v` is not a value of the variable. */
export function literal(enc: VarEnc, v: Value): string | null {
  const d = enc.decl.domain;
  if (v === null) return enc.nullCode === null ? null : String(enc.nullCode);
  switch (d.kind) {
    case 'bool':
      if (typeof v !== 'boolean') return null;
      return enc.type === 'bool' ? String(v) : v ? '1' : '0';
    case 'enum': {
      const i = typeof v === 'string' ? d.values.indexOf(v) : -1;
      return i < 0 ? null : String(i);
    }
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max ? num(v) : null;
  }
}

const num = (n: number): string => (n < 0 ? `(${n})` : String(n));

/** A translated value and its sort. */
type T =
  | { readonly s: 'bool' | 'int'; readonly text: string }
  | { readonly s: 'enum'; readonly text: string; readonly values: readonly string[] }
  | { readonly s: 'null' }
  | { readonly s: 'str'; readonly value: string }
  | { readonly s: 'nullable'; readonly text: string; readonly enc: VarEnc };

const sameDomain = (a: Domain, b: Domain): boolean => JSON.stringify(a) === JSON.stringify(b);
const asInt = (t: T): string | null => (t.s === 'int' ? t.text : t.s === 'bool' ? `(${t.text} ? 1 : 0)` : null);

export class Translator {
  constructor(private readonly vars: ReadonlyMap<string, VarEnc>) {}

  /** The value of `e` (see the module contract). */
  private value(e: Expr): T | null {
    switch (e.kind) {
      case 'const': {
        const v = e.value;
        if (v === null) return { s: 'null' };
        if (typeof v === 'boolean') return { s: 'bool', text: String(v) };
        if (typeof v === 'string') return { s: 'str', value: v };
        return Number.isInteger(v) && Math.abs(v) <= 2147483647 ? { s: 'int', text: num(v) } : null;
      }
      case 'var': {
        const enc = this.vars.get(e.id);
        if (enc === undefined) return null;
        const d = enc.decl.domain;
        if (enc.nullCode !== null) return { s: 'nullable', text: enc.name, enc };
        return d.kind === 'enum' ? { s: 'enum', text: enc.name, values: d.values } : { s: d.kind, text: enc.name };
      }
      case 'not': {
        const t = this.truth(e.arg);
        return t === null ? null : { s: 'bool', text: `!${t}` };
      }
      case 'cond': {
        const [t, a, b] = [this.truth(e.test), this.value(e.then), this.value(e.else)];
        if (t === null || a === null || b === null) return null;
        if ((a.s === 'bool' || a.s === 'int') && a.s === b.s) return { s: a.s, text: `(${t} ? ${a.text} : ${b.text})` };
        return null;
      }
      case 'unknown':
        return null;
      case 'binary': {
        const [a, b] = [this.value(e.left), this.value(e.right)];
        if (a === null || b === null) return null;
        switch (e.op) {
          case '&&':
          case '||':
            return a.s === 'bool' && b.s === 'bool' ? { s: 'bool', text: `(${a.text} ${e.op} ${b.text})` } : null;
          case '==':
          case '!=': {
            const eq = this.equals(a, b);
            return eq === null ? null : { s: 'bool', text: e.op === '==' ? eq : `!${eq}` };
          }
          case '<':
          case '<=':
          case '>':
          case '>=':
          case '+':
          case '-':
          case '*': {
            const [x, y] = [asInt(a), asInt(b)];
            if (x === null || y === null) return null;
            const arith = e.op === '+' || e.op === '-' || e.op === '*';
            return { s: arith ? 'int' : 'bool', text: `(${x} ${e.op} ${y})` };
          }
        }
      }
    }
  }

  /** JavaScript `==` (loose; `undefined` equals only `undefined`) as UPPAAL text, or null. */
  private equals(a: T, b: T): string | null {
    if (a.s === 'null' || b.s === 'null') {
      const o = a.s === 'null' ? b : a;
      if (o.s === 'null') return 'true';
      return o.s === 'nullable' ? `(${o.text} == ${o.enc.nullCode})` : 'false';
    }
    if (a.s === 'nullable' || b.s === 'nullable') {
      const [n, o] = a.s === 'nullable' ? [a, b] : [b as typeof a & { s: 'nullable' }, a];
      if (o.s === 'nullable') return sameDomain(n.enc.decl.domain, o.enc.decl.domain) ? `(${n.text} == ${o.text})` : null;
      const kind = n.enc.decl.domain.kind;
      if (o.s === 'str' && kind === 'enum') return code(literal(n.enc, o.value), n.text);
      if (o.s === 'enum' && kind === 'enum' && sameDomain(n.enc.decl.domain, { kind: 'enum', values: o.values })) return `(${n.text} == ${o.text})`;
      if (o.s === 'bool' && kind === 'bool') return `(${n.text} == (${o.text} ? 1 : 0))`;
      return null;
    }
    if (a.s === 'str' || b.s === 'str') {
      const [s, o] = a.s === 'str' ? [a, b] : [b as typeof a & { s: 'str' }, a];
      if (o.s === 'str') return String(s.value === o.value);
      if (o.s === 'enum') {
        const i = o.values.indexOf(s.value);
        return i < 0 ? 'false' : `(${o.text} == ${i})`;
      }
      return null;
    }
    if (a.s === 'enum' || b.s === 'enum') {
      return a.s === 'enum' && b.s === 'enum' && sameDomain({ kind: 'enum', values: a.values }, { kind: 'enum', values: b.values }) ? `(${a.text} == ${b.text})` : null;
    }
    if (a.s === b.s) return `(${a.text} == ${b.text})`;
    const [x, y] = [asInt(a), asInt(b)];
    return x === null || y === null ? null : `(${x} == ${y})`;
  }

  /** JavaScript truthiness of `e` as a UPPAAL boolean, or null when unknown. */
  truth(e: Expr): string | null {
    if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
      const [a, b] = [this.truth(e.left), this.truth(e.right)];
      return a === null || b === null ? null : `(${a} ${e.op} ${b})`;
    }
    if (e.kind === 'not') {
      const a = this.truth(e.arg);
      return a === null ? null : `!${a}`;
    }
    const t = this.value(e);
    if (t === null) return null;
    switch (t.s) {
      case 'bool': return t.text;
      case 'int': return `(${t.text} != 0)`;
      case 'null': return 'false';
      case 'str': return String(t.value !== '');
      case 'enum': {
        const i = t.values.indexOf('');
        return i < 0 ? 'true' : `(${t.text} != ${i})`;
      }
      case 'nullable': {
        const d = t.enc.decl.domain;
        const falsy = d.kind === 'bool' ? false : d.kind === 'int' ? 0 : '';
        const codes = [String(t.enc.nullCode), literal(t.enc, falsy)].filter((c): c is string => c !== null);
        return `(${codes.map((c) => `${t.text} != ${c}`).join(' && ')})`;
      }
    }
  }

  /** The text to assign `e` to `enc`, or null (unknown: the caller selects any value). */
  assign(enc: VarEnc, e: Expr): string | null {
    const t = this.value(e);
    if (t === null) return null;
    const d = enc.decl.domain;
    switch (t.s) {
      case 'null': return enc.nullCode === null ? null : String(enc.nullCode);
      case 'str': return literal(enc, t.value);
      case 'nullable': return sameDomain(t.enc.decl.domain, d) && enc.nullCode !== null ? t.text : null;
      case 'enum': return d.kind === 'enum' && sameDomain(d, { kind: 'enum', values: t.values }) ? t.text : null;
      case 'bool':
        if (d.kind !== 'bool') return null;
        return enc.type === 'bool' ? t.text : `(${t.text} ? 1 : 0)`;
      case 'int': return d.kind === 'int' ? t.text : null;
    }
  }
}

function code(c: string | null, text: string): string {
  return c === null ? 'false' : `(${text} == ${c})`;
}

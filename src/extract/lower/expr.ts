/**
 * IR expressions: compiled to closures over packed states (three-valued: {@link ANY} where
 * `unknown` is involved), and analysed statically for the values they can take.
 */
import type { Expr, Value } from '../ir.js';
import type { VarCodec } from './domains.js';
import { ANY, type AbstractValue, applyAbstractBinary, applyBinary, truth, truthy } from './values.js';

/** Reads the value of variable `index` from a packed state. */
export type VarReader = (index: number, state: Uint32Array) => Value;
/** A compiled expression. */
export type CompiledExpr = (state: Uint32Array) => AbstractValue;

/** Compiles `e`; `varIndex` maps var ids to indices (unknown ids read as ANY). */
export function compileExpr(e: Expr, varIndex: ReadonlyMap<string, number>, read: VarReader): CompiledExpr {
  switch (e.kind) {
    case 'const': {
      const v = e.value;
      return () => v;
    }
    case 'unknown':
      return () => ANY;
    case 'var': {
      const i = varIndex.get(e.id);
      if (i === undefined) return () => ANY;
      return (s) => read(i, s);
    }
    case 'not': {
      const a = compileExpr(e.arg, varIndex, read);
      return (s) => {
        const t = truth(a(s));
        return t === ANY ? ANY : !t;
      };
    }
    case 'binary': {
      const l = compileExpr(e.left, varIndex, read);
      const r = compileExpr(e.right, varIndex, read);
      const op = e.op;
      return (s) => applyAbstractBinary(op, l(s), () => r(s));
    }
    case 'cond': {
      const t = compileExpr(e.test, varIndex, read);
      const a = compileExpr(e.then, varIndex, read);
      const b = compileExpr(e.else, varIndex, read);
      return (s) => {
        const c = truth(t(s));
        if (c !== ANY) return c ? a(s) : b(s);
        const x = a(s);
        const y = b(s);
        return x === y ? x : ANY;
      };
    }
  }
}

/**
 * Evaluates `e` with the same rules as {@link compileExpr}, reading variables by id through
 * `read` (for writers that tabulate expressions over concrete values).
 */
export function evaluateExpr(e: Expr, read: (id: string) => AbstractValue): AbstractValue {
  switch (e.kind) {
    case 'const':
      return e.value;
    case 'unknown':
      return ANY;
    case 'var':
      return read(e.id);
    case 'not': {
      const t = truth(evaluateExpr(e.arg, read));
      return t === ANY ? ANY : !t;
    }
    case 'binary':
      return applyAbstractBinary(e.op, evaluateExpr(e.left, read), () => evaluateExpr(e.right, read));
    case 'cond': {
      const c = truth(evaluateExpr(e.test, read));
      if (c !== ANY) return c ? evaluateExpr(e.then, read) : evaluateExpr(e.else, read);
      const x = evaluateExpr(e.then, read);
      const y = evaluateExpr(e.else, read);
      return x === y ? x : ANY;
    }
  }
}

/** Does `e` mention `unknown` (or a variable that does not exist)? */
export function containsUnknown(e: Expr, varIndex: ReadonlyMap<string, number>): boolean {
  switch (e.kind) {
    case 'const': return false;
    case 'unknown': return true;
    case 'var': return !varIndex.has(e.id);
    case 'not': return containsUnknown(e.arg, varIndex);
    case 'binary': return containsUnknown(e.left, varIndex) || containsUnknown(e.right, varIndex);
    case 'cond': return containsUnknown(e.test, varIndex) || containsUnknown(e.then, varIndex) || containsUnknown(e.else, varIndex);
  }
}

/** Var ids `e` reads. */
export function varsOf(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'var': out.push(e.id); break;
    case 'not': varsOf(e.arg, out); break;
    case 'binary': varsOf(e.left, out); varsOf(e.right, out); break;
    case 'cond': varsOf(e.test, out); varsOf(e.then, out); varsOf(e.else, out); break;
    default: break;
  }
  return out;
}

/**
 * Every value an expression without `unknown` can take when its variables range over their
 * domains (an over-approximation: variables are treated as independent), or `'wide'` when the
 * set would exceed `cap` values.
 */
export function possibleValues(e: Expr, codecs: ReadonlyMap<string, VarCodec>, cap = 4096): Value[] | 'wide' {
  const go = (x: Expr): Value[] | 'wide' => {
    switch (x.kind) {
      case 'const': return [x.value];
      case 'unknown': return 'wide';
      case 'var': {
        const c = codecs.get(x.id);
        return c ? c.values() : 'wide';
      }
      case 'not': {
        const a = go(x.arg);
        return a === 'wide' ? [true, false] : dedupe(a.map((v) => !truthy(v)));
      }
      case 'binary': {
        const a = go(x.left);
        const b = go(x.right);
        if (a === 'wide' || b === 'wide') return 'wide';
        if (a.length * b.length > cap * 4) return 'wide';
        const out = dedupe(a.flatMap((u) => b.map((v) => applyBinary(x.op, u, v))));
        return out.length > cap ? 'wide' : out;
      }
      case 'cond': {
        const t = go(x.test);
        const a = go(x.then);
        const b = go(x.else);
        if (a === 'wide' || b === 'wide') return 'wide';
        const canTrue = t === 'wide' || t.some(truthy);
        const canFalse = t === 'wide' || t.some((v) => !truthy(v));
        return dedupe([...(canTrue ? a : []), ...(canFalse ? b : [])]);
      }
    }
  };
  return go(e);
}

function dedupe(vs: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of vs) if (!out.some((w) => Object.is(w, v))) out.push(v);
  return out;
}

/** Renders an expression for labels: variables by name, `?` for unknown. */
export function formatExpr(e: Expr, name: (id: string) => string): string {
  switch (e.kind) {
    case 'const': return e.value === null ? 'undefined' : typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'unknown': return '?';
    case 'var': return name(e.id);
    case 'not': return `!${wrap(e.arg, name)}`;
    case 'binary': return `${wrap(e.left, name)} ${e.op} ${wrap(e.right, name)}`;
    case 'cond': return `${wrap(e.test, name)} ? ${wrap(e.then, name)} : ${wrap(e.else, name)}`;
  }
}

function wrap(e: Expr, name: (id: string) => string): string {
  const s = formatExpr(e, name);
  return e.kind === 'binary' || e.kind === 'cond' ? `(${s})` : s;
}

/**
 * Evaluation of IR expressions for the exporter, on the value rules the lowering uses
 * (src/extract/lower/values.ts, through the extract index), with {@link ANY} for `unknown`;
 * the exporter tabulates every guard and write with it over the finite domains of the variables
 * the expression reads, so the exported module behaves exactly like wfverify's model.
 *
 * Contract: `evaluate(e, env)` is the value of `e` when every variable `v` of the IR has the value
 * `env.get(v)`; a variable missing from `env` (not declared) reads as ANY.
 */
import { ANY, type AbstractValue, type Expr, type Value, applyBinary, truth, truthy } from '../../extract/index.js';

export { ANY, truth, truthy };
export type { AbstractValue };

/** Evaluates `e` in `env` (var id → value). */
export function evaluate(e: Expr, env: ReadonlyMap<string, Value>): AbstractValue {
  switch (e.kind) {
    case 'const': return e.value;
    case 'unknown': return ANY;
    case 'var': return env.has(e.id) ? (env.get(e.id) as Value) : ANY;
    case 'not': {
      const t = truth(evaluate(e.arg, env));
      return t === ANY ? ANY : !t;
    }
    case 'binary': {
      const a = evaluate(e.left, env);
      if (e.op === '&&' || e.op === '||') {
        const t = truth(a);
        if (t !== ANY) return (e.op === '&&') === t ? evaluate(e.right, env) : a;
        const b = evaluate(e.right, env);
        if (b === ANY) return ANY;
        return (e.op === '&&') === truthy(b) ? ANY : b;
      }
      const b = evaluate(e.right, env);
      if (a === ANY || b === ANY) return ANY;
      return applyBinary(e.op, a, b);
    }
    case 'cond': {
      const c = truth(evaluate(e.test, env));
      if (c !== ANY) return c ? evaluate(e.then, env) : evaluate(e.else, env);
      const x = evaluate(e.then, env);
      const y = evaluate(e.else, env);
      return x === y ? x : ANY;
    }
  }
}

/** Var ids `e` reads, each once, in first-occurrence order. */
export function readsOf(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'var': if (!out.includes(e.id)) out.push(e.id); break;
    case 'not': readsOf(e.arg, out); break;
    case 'binary': readsOf(e.left, out); readsOf(e.right, out); break;
    case 'cond': readsOf(e.test, out); readsOf(e.then, out); readsOf(e.else, out); break;
    default: break;
  }
  return out;
}

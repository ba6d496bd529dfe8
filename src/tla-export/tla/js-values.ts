/**
 * Evaluation of IR expressions for the exporter, on the value rules the lowering uses
 * (src/extract/lower/values.ts, through the extract index), with {@link ANY} for `unknown`;
 * the exporter tabulates every guard and write with it over the finite domains of the variables
 * the expression reads, so the exported module behaves exactly like wfverify's model.
 *
 * Contract: `evaluate(e, env)` is the value of `e` when every variable `v` of the IR has the value
 * `env.get(v)`; a variable missing from `env` (not declared) reads as ANY.
 */
import { ANY, type AbstractValue, type Expr, type Value, evaluateExpr, truth, truthy } from '../../extract/index.js';

export { ANY, truth, truthy };
export type { AbstractValue };

/** Evaluates `e` in `env` (var id → value; an id missing from `env` reads as ANY), by the lowering's rules. */
export function evaluate(e: Expr, env: ReadonlyMap<string, Value>): AbstractValue {
  return evaluateExpr(e, (id) => (env.has(id) ? (env.get(id) as Value) : ANY));
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

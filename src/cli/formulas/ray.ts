/**
 * State formulas of a P/T net along a *ray* of markings M + k·Δ (k = 0, 1, 2, …, Δ ≥ 0), the
 * markings a pumped run visits (src/petri/analysis/pumping.ts).
 *
 * Every elementary condition of a state formula is linear in the marking: a comparison of token
 * sums, an input, inhibitor or capacity condition of the firing rule. Along a ray it becomes
 * `a + b·k op 0`, whose truth is decided for all k at once: a strict or non-strict inequality is
 * monotone in k, so it is constant iff it has the same value at k = 0 and in the limit; `a + b·k = 0`
 * with b ≠ 0 holds for at most one k, found exactly. A formula is *constant on the ray* when the
 * connectives of constant conditions make it so (a false conjunct, a true disjunct, or all parts
 * constant).
 *
 * Contract: {@link valueOnRay} returns v only if the formula has value v at M + k·Δ for every
 * k ≥ 0; undefined when some part changes along the ray or cannot be analysed (a product of
 * two growing sums, a named atom that is not a place).
 */
import type { CompareOp, Formula, IntExpr } from '../../logic/index.js';
import type { PetriNet } from '../../petri/index.js';
import type { NetNames } from '../../smt/index.js';

/** `a + b·k`. */
interface Linear {
  readonly a: number;
  readonly b: number;
}

/** The constant value of `f` on M + k·Δ for all k ≥ 0, if it has one. */
export function valueOnRay(f: Formula, m: readonly number[], delta: readonly number[], net: PetriNet, names: NetNames): boolean | undefined {
  const rec = (g: Formula) => valueOnRay(g, m, delta, net, names);
  switch (f.kind) {
    case 'bool':
      return f.value;
    case 'compare': {
      const l = linear(f.left, m, delta, names);
      const r = linear(f.right, m, delta, names);
      return l && r ? compareOnRay({ a: l.a - r.a, b: l.b - r.b }, f.op) : undefined;
    }
    case 'fireable':
      return anyOf(f.transitions.map((name) => () => enabledOnRay(net, names.transition(name), m, delta)));
    case 'deadlock':
      return allOf(net.transitions.map((_, t) => () => negate(enabledOnRay(net, t, m, delta))));
    case 'not':
      return negate(rec(f.arg));
    case 'and':
      return allOf(f.args.map((g) => () => rec(g)));
    case 'or':
      return anyOf(f.args.map((g) => () => rec(g)));
    case 'implies':
      return anyOf([() => negate(rec(f.left)), () => rec(f.right)]);
    case 'iff': {
      const [l, r] = [rec(f.left), rec(f.right)];
      return l === undefined || r === undefined ? undefined : l === r;
    }
    default:
      return undefined;
  }
}

/** `t` enabled at M + k·Δ, as a constant if it is one. */
function enabledOnRay(net: PetriNet, t: number, m: readonly number[], delta: readonly number[]): boolean | undefined {
  const tr = net.transitions[t];
  const at = (p: number, c: number): Linear => ({ a: m[p] - c, b: delta[p] });
  const conditions = [
    ...tr.pre.map((a) => () => compareOnRay(at(a.place, a.weight), '>=')),
    ...tr.inhibitors.map((a) => () => compareOnRay(at(a.place, a.weight), '<')),
  ];
  for (const a of tr.post) {
    const capacity = net.places[a.place].capacity;
    const d = tr.post.filter((x) => x.place === a.place).reduce((s, x) => s + x.weight, 0) - tr.pre.filter((x) => x.place === a.place).reduce((s, x) => s + x.weight, 0);
    if (capacity !== undefined && d > 0) conditions.push(() => compareOnRay(at(a.place, capacity - d), '<='));
  }
  return allOf(conditions);
}

/** `a + b·k op 0` for all k ≥ 0, if constant. */
export function compareOnRay(x: Linear, op: CompareOp): boolean | undefined {
  const at0 = test(x.a, op);
  if (x.b === 0) return at0;
  if (op === '==' || op === '!=') {
    const zeroSomewhere = x.a % x.b === 0 && -x.a / x.b >= 0;
    return zeroSomewhere ? undefined : op === '!=';
  }
  const limit = test(x.b, op);
  return at0 === limit ? at0 : undefined;
}

function test(v: number, op: CompareOp): boolean {
  switch (op) {
    case '<': return v < 0;
    case '<=': return v <= 0;
    case '==': return v === 0;
    case '!=': return v !== 0;
    case '>=': return v >= 0;
    case '>': return v > 0;
  }
}

/** The integer expression along the ray, when it is linear in k. */
function linear(e: IntExpr, m: readonly number[], delta: readonly number[], names: NetNames): Linear | undefined {
  switch (e.kind) {
    case 'int':
      return { a: e.value, b: 0 };
    case 'tokens':
      return e.places.map((name) => names.place(name)).reduce((s, p) => ({ a: s.a + m[p], b: s.b + delta[p] }), { a: 0, b: 0 });
    case 'atom': {
      if (e.args.length > 0) return undefined;
      const p = names.place(e.name);
      return { a: m[p], b: delta[p] };
    }
    case 'arith': {
      let acc: Linear | undefined;
      for (const arg of e.args) {
        const x = linear(arg, m, delta, names);
        if (x === undefined) return undefined;
        if (acc === undefined) acc = x;
        else if (e.op === '+') acc = { a: acc.a + x.a, b: acc.b + x.b };
        else if (e.op === '-') acc = { a: acc.a - x.a, b: acc.b - x.b };
        else if (acc.b !== 0 && x.b !== 0) return undefined; // quadratic in k
        else acc = { a: acc.a * x.a, b: acc.a * x.b + acc.b * x.a };
      }
      return acc;
    }
  }
}

const negate = (v: boolean | undefined): boolean | undefined => (v === undefined ? undefined : !v);

/** Conjunction of lazily computed constants: false if any part is constantly false. */
function allOf(parts: readonly (() => boolean | undefined)[]): boolean | undefined {
  let all: boolean | undefined = true;
  for (const part of parts) {
    const v = part();
    if (v === false) return false;
    if (v === undefined) all = undefined;
  }
  return all;
}

/** Disjunction of lazily computed constants: true if any part is constantly true. */
function anyOf(parts: readonly (() => boolean | undefined)[]): boolean | undefined {
  let any: boolean | undefined = false;
  for (const part of parts) {
    const v = part();
    if (v === true) return true;
    if (v === undefined) any = undefined;
  }
  return any;
}

/**
 * Evaluation of the TLA+ subset the way TLC does it: state expressions over the current state
 * (and the primed variables assigned so far), and actions by enumeration — conjuncts left to
 * right, `x' = e` and `x' \in S` assign an unassigned primed variable, disjunctions and `\E`
 * branch, `UNCHANGED` copies. In the initial predicate unprimed variables are assigned the same
 * way. Anything TLC would reject (comparing a string with an integer, a CASE with no true arm, a
 * primed variable read before it is assigned) is thrown as an error.
 */
import type { Definition, Expr, TlaModule } from './syntax.js';
import { FiniteSet, ModelValue, type Value, asBool, asInt, asSeq, asSet, valueKey, valuesEqual } from './values.js';

export type Assignment = ReadonlyMap<string, Value>;

type Binding = { readonly value: Value } | { readonly def: Definition; readonly scope: Scope };

interface Scope {
  readonly names: ReadonlyMap<string, Binding>;
  readonly parent?: Scope;
}

export interface Ctx {
  /** The current state; undefined while evaluating the initial predicate. */
  readonly cur?: Assignment;
  /** Primed variables assigned so far (in the initial predicate: the variables). */
  readonly next: Assignment;
  readonly scope?: Scope;
}

const BOOLEANS = new FiniteSet([false, true]);

function lookup(scope: Scope | undefined, name: string): Binding | undefined {
  for (let s = scope; s; s = s.parent) {
    const b = s.names.get(name);
    if (b) return b;
  }
  return undefined;
}

function withValues(scope: Scope | undefined, names: readonly string[], values: readonly Value[]): Scope {
  return { names: new Map(names.map((n, i) => [n, { value: values[i] }])), parent: scope };
}

function extend(next: Assignment, name: string, v: Value): Assignment {
  const m = new Map(next);
  m.set(name, v);
  return m;
}

export class Evaluator {
  private readonly variables: ReadonlySet<string>;
  private readonly modelValues: ReadonlyMap<string, ModelValue>;

  constructor(readonly mod: TlaModule, modelValues: readonly string[]) {
    this.variables = new Set(mod.variables);
    this.modelValues = new Map(modelValues.map((n) => [n, new ModelValue(n)]));
    for (const c of mod.constants) if (!this.modelValues.has(c)) throw new Error(`tla-eval: constant ${c} has no value in the cfg`);
  }

  definition(name: string): Definition {
    const d = this.mod.defs.get(name);
    if (!d) throw new Error(`tla-eval: ${name} is not defined`);
    return d;
  }

  /** The body of a user operator applied to arguments, with its scope; undefined for other names. */
  private callee(e: Extract<Expr, { k: 'ref' }>, ctx: Ctx): { body: Expr; scope: Scope | undefined } | undefined {
    const local = lookup(ctx.scope, e.name);
    if (local && 'value' in local) return undefined;
    const def = local ? local.def : this.mod.defs.get(e.name);
    if (!def) return undefined;
    if (def.params.length !== e.args.length) throw new Error(`tla-eval: ${e.name} takes ${def.params.length} arguments`);
    const base = local ? local.scope : undefined;
    const scope = def.params.length ? withValues(base, def.params, e.args.map((a) => this.eval(a, ctx))) : base;
    return { body: def.body, scope };
  }

  eval(e: Expr, ctx: Ctx): Value {
    switch (e.k) {
      case 'num':
      case 'str':
      case 'bool':
        return e.v;
      case 'BOOLEAN':
        return BOOLEANS;
      case 'Nat':
        throw new Error('tla-eval: Nat is not enumerable');
      case 'ref':
        return this.ref(e, ctx);
      case 'prime': {
        if (e.arg.k !== 'ref' || !this.variables.has(e.arg.name)) throw new Error('tla-eval: prime of a non-variable');
        const v = ctx.next.get(e.arg.name);
        if (v === undefined) throw new Error(`TLC error: ${e.arg.name}' is read before it is assigned`);
        return v;
      }
      case 'and':
        return e.args.every((a) => asBool(this.eval(a, ctx), '/\\'));
      case 'or':
        return e.args.some((a) => asBool(this.eval(a, ctx), '\\/'));
      case 'not':
        return !asBool(this.eval(e.arg, ctx), '~');
      case 'bin':
        return this.binary(e.op, e.l, e.r, ctx);
      case 'set':
        return new FiniteSet(e.elems.map((x) => this.eval(x, ctx)));
      case 'tuple':
        return e.elems.map((x) => this.eval(x, ctx));
      case 'apply': {
        const s = asSeq(this.eval(e.f, ctx), 'function application');
        const i = asInt(this.eval(e.arg, ctx), 'function application');
        if (i < 1 || i > s.length) throw new Error(`TLC error: index ${i} out of the domain 1..${s.length}`);
        return s[i - 1];
      }
      case 'let':
        return this.eval(e.body, { ...ctx, scope: this.letScope(e.defs, ctx.scope) });
      case 'exists':
      case 'forall': {
        const set = asSet(this.eval(e.set, ctx), e.k);
        const holds = (i: number, scope: Scope | undefined): boolean => {
          if (i === e.names.length) return asBool(this.eval(e.body, { ...ctx, scope }), e.k);
          const test = (v: Value) => holds(i + 1, withValues(scope, [e.names[i]], [v]));
          return e.k === 'exists' ? set.elems.some(test) : set.elems.every(test);
        };
        return holds(0, ctx.scope);
      }
      case 'case': {
        for (const arm of e.arms) if (asBool(this.eval(arm.guard, ctx), 'CASE')) return this.eval(arm.value, ctx);
        if (e.other) return this.eval(e.other, ctx);
        throw new Error('TLC error: no CASE arm is true');
      }
      case 'if':
        return this.eval(asBool(this.eval(e.c, ctx), 'IF') ? e.t : e.e, ctx);
      case 'unchanged':
        return this.unchangedVars(e.arg, ctx).every((x) => {
          const v = ctx.next.get(x);
          if (v === undefined) throw new Error(`TLC error: ${x}' is read before it is assigned`);
          return valuesEqual(v, this.current(x, ctx));
        });
      case 'enabled': {
        if (!ctx.cur) throw new Error('tla-eval: ENABLED in the initial predicate');
        for (const _ of this.enumerate(e.arg, { cur: ctx.cur, next: new Map(), scope: ctx.scope })) return true;
        return false;
      }
      default:
        throw new Error(`tla-eval: temporal operator ${e.k} in a state or action expression`);
    }
  }

  private letScope(defs: ReadonlyMap<string, Definition>, parent: Scope | undefined): Scope {
    const names = new Map<string, Binding>();
    const scope: Scope = { names, parent };
    for (const [n, d] of defs) names.set(n, { def: d, scope });
    return scope;
  }

  private current(name: string, ctx: Ctx): Value {
    const v = ctx.cur ? ctx.cur.get(name) : ctx.next.get(name);
    if (v === undefined) throw new Error(`TLC error: variable ${name} is read before it is assigned`);
    return v;
  }

  private ref(e: Extract<Expr, { k: 'ref' }>, ctx: Ctx): Value {
    const local = lookup(ctx.scope, e.name);
    if (local && 'value' in local) return local.value;
    const call = this.callee(e, ctx);
    if (call) return this.eval(call.body, { ...ctx, scope: call.scope });
    if (this.variables.has(e.name)) return this.current(e.name, ctx);
    const mv = this.modelValues.get(e.name);
    if (mv) return mv;
    const args = e.args.map((a) => this.eval(a, ctx));
    switch (e.name) {
      case 'Len':
        return asSeq(args[0], 'Len').length;
      case 'Append':
        return [...asSeq(args[0], 'Append'), args[1]];
      case 'Head':
        return asSeq(args[0], 'Head')[0];
      case 'Tail':
        return asSeq(args[0], 'Tail').slice(1);
      default:
        throw new Error(`tla-eval: unknown operator ${e.name}`);
    }
  }

  private binary(op: string, l: Expr, r: Expr, ctx: Ctx): Value {
    if (op === '=>') return !asBool(this.eval(l, ctx), '=>') || asBool(this.eval(r, ctx), '=>');
    if ((op === '\\in' || op === '\\notin') && r.k === 'ref' && r.name === 'Seq' && r.args.length === 1 && !this.mod.defs.has('Seq')) {
      const v = this.eval(l, ctx);
      const elems = asSet(this.eval(r.args[0], ctx), 'Seq');
      return (Array.isArray(v) && v.every((x) => elems.has(x))) === (op === '\\in');
    }
    if ((op === '\\in' || op === '\\notin') && r.k === 'Nat') {
      const v = this.eval(l, ctx);
      return (typeof v === 'number' && Number.isInteger(v) && v >= 0) === (op === '\\in');
    }
    const a = this.eval(l, ctx);
    const b = this.eval(r, ctx);
    switch (op) {
      case '=': return valuesEqual(a, b);
      case '#': return !valuesEqual(a, b);
      case '<=>': return asBool(a, op) === asBool(b, op);
      case '\\in': return asSet(b, op).has(a);
      case '\\notin': return !asSet(b, op).has(a);
      case '<': return asInt(a, op) < asInt(b, op);
      case '<=': return asInt(a, op) <= asInt(b, op);
      case '>': return asInt(a, op) > asInt(b, op);
      case '>=': return asInt(a, op) >= asInt(b, op);
      case '+': return asInt(a, op) + asInt(b, op);
      case '-': return asInt(a, op) - asInt(b, op);
      case '..': {
        const out: number[] = [];
        for (let i = asInt(a, op); i <= asInt(b, op); i++) out.push(i);
        return new FiniteSet(out);
      }
      case '\\cup': return new FiniteSet([...asSet(a, op).elems, ...asSet(b, op).elems]);
      case '\\o': return [...asSeq(a, op), ...asSeq(b, op)];
      default: throw new Error(`tla-eval: operator ${op} outside the subset`);
    }
  }

  /** The variables named by an UNCHANGED argument: a variable, a tuple of them, or a definition of one. */
  private unchangedVars(e: Expr, ctx: Ctx): string[] {
    if (e.k === 'tuple') return e.elems.flatMap((x) => this.unchangedVars(x, ctx));
    if (e.k === 'ref' && this.variables.has(e.name) && !lookup(ctx.scope, e.name)) return [e.name];
    if (e.k === 'ref') {
      const call = this.callee(e, ctx);
      if (call) return this.unchangedVars(call.body, { ...ctx, scope: call.scope });
    }
    throw new Error('tla-eval: UNCHANGED of something other than variables');
  }

  /** The variable an `=`/`\in` would assign, if its left side is one not assigned yet. */
  private assignable(l: Expr, ctx: Ctx): string | undefined {
    if (ctx.cur && l.k === 'prime' && l.arg.k === 'ref' && this.variables.has(l.arg.name)) return ctx.next.has(l.arg.name) ? undefined : l.arg.name;
    if (!ctx.cur && l.k === 'ref' && l.args.length === 0 && this.variables.has(l.name) && !lookup(ctx.scope, l.name)) return ctx.next.has(l.name) ? undefined : l.name;
    return undefined;
  }

  /** The assignments (extensions of ctx.next) under which the action or initial predicate `e` holds. */
  *enumerate(e: Expr, ctx: Ctx): Generator<Assignment> {
    switch (e.k) {
      case 'and':
        yield* this.conjuncts(e.args, 0, ctx);
        return;
      case 'or':
        for (const a of e.args) yield* this.enumerate(a, ctx);
        return;
      case 'ref': {
        const call = this.callee(e, ctx);
        if (call) {
          yield* this.enumerate(call.body, { ...ctx, scope: call.scope });
          return;
        }
        break;
      }
      case 'bin': {
        const x = (e.op === '=' || e.op === '\\in') && this.assignable(e.l, ctx);
        if (x) {
          const v = this.eval(e.r, ctx);
          if (e.op === '=') yield extend(ctx.next, x, v);
          else for (const el of asSet(v, '\\in').elems) yield extend(ctx.next, x, el);
          return;
        }
        break;
      }
      case 'unchanged': {
        if (!ctx.cur) throw new Error('tla-eval: UNCHANGED in the initial predicate');
        let next = ctx.next;
        for (const x of this.unchangedVars(e.arg, ctx)) {
          const v = ctx.cur.get(x) as Value;
          const w = next.get(x);
          if (w === undefined) next = extend(next, x, v);
          else if (!valuesEqual(v, w)) return;
        }
        yield next;
        return;
      }
      case 'exists': {
        const set = asSet(this.eval(e.set, ctx), '\\E');
        const branch = function* (this: Evaluator, i: number, scope: Scope | undefined): Generator<Assignment> {
          if (i === e.names.length) {
            yield* this.enumerate(e.body, { ...ctx, scope });
            return;
          }
          for (const v of set.elems) yield* branch.call(this, i + 1, withValues(scope, [e.names[i]], [v]));
        };
        yield* branch.call(this, 0, ctx.scope);
        return;
      }
      case 'let':
        yield* this.enumerate(e.body, { ...ctx, scope: this.letScope(e.defs, ctx.scope) });
        return;
      case 'if':
        yield* this.enumerate(asBool(this.eval(e.c, ctx), 'IF') ? e.t : e.e, ctx);
        return;
      case 'case': {
        const arm = e.arms.find((a) => asBool(this.eval(a.guard, ctx), 'CASE'));
        if (arm) yield* this.enumerate(arm.value, ctx);
        else if (e.other) yield* this.enumerate(e.other, ctx);
        else throw new Error('TLC error: no CASE arm is true');
        return;
      }
      default:
        break;
    }
    if (asBool(this.eval(e, ctx), 'an action conjunct')) yield ctx.next;
  }

  private *conjuncts(args: readonly Expr[], i: number, ctx: Ctx): Generator<Assignment> {
    if (i === args.length) {
      yield ctx.next;
      return;
    }
    for (const next of this.enumerate(args[i], ctx)) yield* this.conjuncts(args, i + 1, { ...ctx, next });
  }
}

/** The key of a complete state (every variable assigned), in declaration order. */
export function stateKey(mod: TlaModule, s: Assignment): string {
  return mod.variables
    .map((v) => {
      const x = s.get(v);
      if (x === undefined) throw new Error(`TLC error: the successor state does not assign ${v}`);
      return valueKey(x);
    })
    .join('|');
}

/**
 * SANY's scoping rules, which the tree-sitter grammar does not check: every identifier is a
 * declared variable or constant, a bound name (parameter, LET definition, quantifier variable),
 * an operator of the standard modules the module extends, or an operator defined *earlier* in the
 * module (TLA+ has no forward references). Violations are returned as messages.
 */
import type { Definition, Expr, TlaModule } from './syntax.js';

const STANDARD: Record<string, readonly string[]> = {
  Naturals: ['Nat'],
  Integers: ['Int', 'Nat'],
  Sequences: ['Seq', 'Len', 'Append', 'Head', 'Tail', 'SubSeq'],
};

function refs(e: Expr, bound: ReadonlySet<string>, out: { name: string; bound: boolean }[]): void {
  const go = (x: Expr, b: ReadonlySet<string> = bound) => refs(x, b, out);
  switch (e.k) {
    case 'ref':
      out.push({ name: e.name, bound: bound.has(e.name) });
      e.args.forEach((a) => go(a));
      return;
    case 'prime': case 'not': case 'unchanged': case 'enabled': case 'always': case 'eventually':
      return go(e.arg);
    case 'bin':
      go(e.l);
      return go(e.r);
    case 'and': case 'or':
      return e.args.forEach((a) => go(a));
    case 'set': case 'tuple':
      return e.elems.forEach((a) => go(a));
    case 'apply':
      go(e.f);
      return go(e.arg);
    case 'let': {
      const inner = new Set(bound);
      for (const [n, d] of e.defs) {
        definitionRefs(d, inner, out);
        inner.add(n);
      }
      return go(e.body, inner);
    }
    case 'exists': case 'forall':
      go(e.set);
      return go(e.body, new Set([...bound, ...e.names]));
    case 'case':
      for (const a of e.arms) (go(a.guard), go(a.value));
      if (e.other) go(e.other);
      return;
    case 'if':
      go(e.c);
      go(e.t);
      return go(e.e);
    case 'stepOrStutter':
      go(e.action);
      return go(e.vars);
    case 'fair':
      go(e.vars);
      return go(e.action);
    default:
      return;
  }
}

function definitionRefs(d: Definition, bound: ReadonlySet<string>, out: { name: string; bound: boolean }[]): void {
  refs(d.body, new Set([...bound, ...d.params]), out);
}

/** Problems with names in `mod` (empty when SANY's scoping rules hold). */
export function scopeProblems(mod: TlaModule): string[] {
  const problems: string[] = [];
  const known = new Set<string>([...mod.variables, ...mod.constants, ...mod.extends.flatMap((m) => STANDARD[m] ?? [])]);
  for (const d of mod.defs.values()) {
    const out: { name: string; bound: boolean }[] = [];
    definitionRefs(d, new Set(), out);
    for (const r of out) if (!r.bound && !known.has(r.name)) problems.push(`${d.name}: ${r.name} is not defined before its use`);
    known.add(d.name);
  }
  return problems;
}

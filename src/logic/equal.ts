/**
 * Structural helpers over the formula AST: removing source spans, structural equality that
 * ignores spans, and the direct sub-expressions of a node.
 */
import { assertNever } from '../core/index.js';
import type { BoundQuery, Expr, Formula, IntExpr } from './ast.js';

/** The direct sub-expressions of `e`, left to right. */
export function children(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case 'bool':
    case 'deadlock':
    case 'fireable':
    case 'atom':
    case 'int':
    case 'tokens':
      return [];
    case 'compare':
    case 'implies':
    case 'iff':
    case 'until':
      return [e.left, e.right];
    case 'not':
    case 'temporal':
      return [e.arg];
    case 'and':
    case 'or':
    case 'arith':
      return e.args;
    case 'path':
    case 'coalition':
    case 'invariant':
      return [e.body];
    default:
      return assertNever(e, 'formula node');
  }
}

/** A copy of `e` without any `span` fields (deeply). */
export function stripSpans(e: Formula): Formula;
export function stripSpans(e: IntExpr): IntExpr;
export function stripSpans(e: Expr): Expr;
export function stripSpans(e: Expr): Expr {
  switch (e.kind) {
    case 'bool':
      return { kind: 'bool', value: e.value };
    case 'deadlock':
      return { kind: 'deadlock' };
    case 'fireable':
      return { kind: 'fireable', transitions: [...e.transitions] };
    case 'atom':
      return { kind: 'atom', name: e.name, args: [...e.args] };
    case 'int':
      return { kind: 'int', value: e.value };
    case 'tokens':
      return { kind: 'tokens', places: [...e.places] };
    case 'compare':
      return { kind: 'compare', op: e.op, left: stripSpans(e.left), right: stripSpans(e.right) };
    case 'implies':
    case 'iff':
      return { kind: e.kind, left: stripSpans(e.left), right: stripSpans(e.right) };
    case 'until':
      return { kind: 'until', op: e.op, left: stripSpans(e.left), right: stripSpans(e.right) };
    case 'not':
      return { kind: 'not', arg: stripSpans(e.arg) };
    case 'temporal':
      return { kind: 'temporal', op: e.op, arg: stripSpans(e.arg) };
    case 'and':
    case 'or':
      return { kind: e.kind, args: e.args.map((a) => stripSpans(a)) };
    case 'arith':
      return { kind: 'arith', op: e.op, args: e.args.map((a) => stripSpans(a)) };
    case 'path':
      return { kind: 'path', quantifier: e.quantifier, body: stripSpans(e.body) };
    case 'coalition':
      return { kind: 'coalition', dual: e.dual, agents: [...e.agents], body: stripSpans(e.body) };
    case 'invariant':
      return { kind: 'invariant', body: stripSpans(e.body) };
    default:
      return assertNever(e, 'formula node');
  }
}

/** Structural equality of two nodes (formulas, integer expressions or bound queries), ignoring spans. */
export function formulaEquals(a: Expr | BoundQuery, b: Expr | BoundQuery): boolean {
  return deepEqual(a, b);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = (r: Record<string, unknown>) => Object.keys(r).filter((k) => k !== 'span' && r[k] !== undefined);
  const ka = keys(ra);
  if (ka.length !== keys(rb).length) return false;
  for (const k of ka) if (!deepEqual(ra[k], rb[k])) return false;
  return true;
}

/**
 * Decision trees over the codes of Promela variables: a function of a few small-domain variables,
 * tabulated exhaustively and written back as a compact Promela condition or `if` statement. This
 * is how data guards, writes and data atoms are translated: by evaluating the reference semantics
 * on every combination of codes, never by re-implementing JavaScript in Promela.
 *
 * Contract: `tabulate` calls `f` once per combination (at most {@link MAX_COMBINATIONS}, else it
 * throws); equal results (by `key`) are merged, and a variable on which the result does not
 * depend does not appear in the tree.
 */
import { InputError } from '../../core/index.js';

/** A Promela variable (or expression) holding a code `0 … size-1`. */
export interface Dim {
  readonly expr: string;
  readonly size: number;
}

export type Tree<T> =
  | { readonly kind: 'leaf'; readonly value: T; readonly key: string }
  | { readonly kind: 'node'; readonly dim: number; readonly groups: readonly { readonly codes: readonly number[]; readonly sub: Tree<T> }[]; readonly key: string };

export const MAX_COMBINATIONS = 1 << 20;

export function tabulate<T>(dims: readonly Dim[], f: (codes: readonly number[]) => T, key: (t: T) => string): Tree<T> {
  const total = dims.reduce((n, d) => n * d.size, 1);
  if (total > MAX_COMBINATIONS) {
    throw new InputError('WFV2004', `an expression reads ${dims.map((d) => d.expr).join(', ')}: ${total} combinations of values, more than the Promela writer tabulates (${MAX_COMBINATIONS})`);
  }
  const codes: number[] = [];
  const go = (i: number): Tree<T> => {
    if (i === dims.length) {
      const value = f(codes);
      return { kind: 'leaf', value, key: `(${key(value)})` };
    }
    const groups: { codes: number[]; sub: Tree<T> }[] = [];
    for (let c = 0; c < dims[i].size; c++) {
      codes[i] = c;
      const sub = go(i + 1);
      const g = groups.find((x) => x.sub.key === sub.key);
      if (g) g.codes.push(c);
      else groups.push({ codes: [c], sub });
    }
    codes.length = i;
    if (groups.length === 1) return groups[0].sub;
    return { kind: 'node', dim: i, groups, key: `${i}{${groups.map((g) => `${g.codes.join(',')}:${g.sub.key}`).join(';')}}` };
  };
  return go(0);
}

/** `expr ∈ codes` as a Promela condition. */
export function member(d: Dim, codes: readonly number[]): string {
  const lo = codes[0];
  const hi = codes[codes.length - 1];
  if (codes.length === 1) return `(${d.expr} == ${lo})`;
  if (hi - lo + 1 === codes.length) {
    if (lo === 0) return `(${d.expr} <= ${hi})`;
    if (hi === d.size - 1) return `(${d.expr} >= ${lo})`;
    return `(${d.expr} >= ${lo} && ${d.expr} <= ${hi})`;
  }
  return `(${codes.map((c) => `${d.expr} == ${c}`).join(' || ')})`;
}

/** A boolean tree as a Promela condition (`true` / `false` when constant). */
export function condition(dims: readonly Dim[], t: Tree<boolean>): string {
  if (t.kind === 'leaf') return t.value ? 'true' : 'false';
  const parts = t.groups
    .filter((g) => !(g.sub.kind === 'leaf' && !g.sub.value))
    .map((g) => (g.sub.kind === 'leaf' ? member(dims[t.dim], g.codes) : `(${member(dims[t.dim], g.codes)} && ${condition(dims, g.sub)})`));
  return parts.length === 1 ? parts[0] : `(${parts.join(' || ')})`;
}

/**
 * Statements choosing by the tree's leaves, for states where some non-null leaf applies (the
 * caller's guard ensures it): branches that lead only to null leaves are left out, and a test
 * with one remaining branch is dropped.
 */
export function statements<T>(dims: readonly Dim[], t: Tree<T | null>, emit: (value: T) => string[]): string[] {
  const live = (x: Tree<T | null>): boolean => (x.kind === 'leaf' ? x.value !== null : x.groups.some((g) => live(g.sub)));
  if (t.kind === 'leaf') return t.value === null ? [] : emit(t.value);
  const groups = t.groups.filter((g) => live(g.sub));
  if (groups.length === 1) return statements(dims, groups[0].sub, emit);
  const options = groups.map((g) => {
    const body = statements(dims, g.sub, emit);
    return `:: ${member(dims[t.dim], g.codes)} -> ${body.length === 0 ? 'skip' : body.join('; ')}`;
  });
  return [`if ${options.join(' ')} fi`];
}

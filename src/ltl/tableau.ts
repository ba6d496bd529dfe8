/**
 * LTL → transition-based generalised Büchi automaton, by a tableau construction in the style of
 * Couvreur (FM'99) — the on-the-fly tableau of Gerth–Peled–Vardi–Wolper with acceptance moved
 * from states to transitions.
 *
 * A state is an NNF formula (the conjunction of the obligations still open; `tt` = none). Its
 * outgoing transitions are the terms of its one-step expansion (a disjunctive normal form):
 *
 * - `a U b = b ∨ (a ∧ X(a U b))` — the second disjunct *postpones* `a U b`;
 * - `a R b = b ∧ (a ∨ XW(a R b))`;
 * - `X a`, `XW a` move `a` to the next state; literals go to the label.
 *
 * A term is (literals, next obligations, postponed untils, strong): the transition reads a state
 * satisfying the literals, goes to the state `∧ next`, and belongs to the acceptance set of every
 * until it does not postpone (so a run that postpones some `a U b` forever is rejected). `strong`
 * marks terms that need a next position (a postponed until or a strong `X`); the others may end a
 * finite maximal path (`endOk`). Term lists are kept free of duplicates and of subsumed terms at
 * every step of the expansion; transitions with the same label and target are merged (union of
 * acceptance: parallel edges), and one is dropped when another with a weaker label, the same
 * target and more acceptance exists. Complexity: exponential in the formula in the worst
 * case (as any LTL → Büchi translation), linear in practice for the usual patterns.
 */
import { InputError } from '../core/index.js';
import type { Formula } from '../logic/index.js';
import { AtomTable, toNnf } from './atoms.js';
import { type RawTransition, type Tgba, packAutomaton } from './automaton.js';
import { LtlFactory, type LtlNode, printLtl } from './nnf.js';

/** At most this many acceptance sets (untils that can be postponed): masks are 32-bit ints. */
export const MAX_ACCEPTANCE_SETS = 30;

interface Term {
  /** Sorted literal codes (2·atom + negated). */
  readonly lits: readonly number[];
  /** Obligations for the next position, sorted by id, distinct. */
  readonly next: readonly LtlNode[];
  /** Ids of the until nodes this term postpones, sorted, distinct. */
  readonly pending: readonly number[];
  readonly strong: boolean;
}

export interface TranslateOptions {
  /** Read formulas on finite maximal paths too (strong `X`, `endOk` transitions). Default false. */
  readonly finite?: boolean;
  /** Translate `¬formula` instead of `formula` (what a model checker needs). Default false. */
  readonly negate?: boolean;
}

export interface Translation {
  readonly automaton: Tgba;
  /** The atoms, numbered as in the automaton's literal codes. */
  readonly atoms: readonly Formula[];
  /** The simplified NNF that was translated, printed with atoms as `a0`, `a1`, … */
  readonly nnf: string;
}

/**
 * Translates an LTL path formula (no quantifier) into a {@link Tgba} accepting exactly the words
 * that satisfy it (or its negation with `negate`). Throws an `InputError` WFV2004 on operators
 * outside LTL and when more than {@link MAX_ACCEPTANCE_SETS} untils can be postponed.
 */
export function translateLtl(formula: Formula, options: TranslateOptions = {}): Translation {
  const finite = options.finite === true;
  const factory = new LtlFactory(finite);
  const table = new AtomTable();
  const root = toNnf(formula, options.negate !== true, factory, table);
  const memo = new Map<number, Term[]>();
  const expand = (f: LtlNode): Term[] => {
    let terms = memo.get(f.id);
    if (terms === undefined) {
      terms = expandUncached(f, expand, factory);
      memo.set(f.id, terms);
    }
    return terms;
  };

  const stateOf = new Map<number, number>([[root.id, 0]]);
  const states: LtlNode[] = [root];
  const raw: { dst: number; lits: readonly number[]; pending: readonly number[]; endOk: boolean }[][] = [];
  for (let q = 0; q < states.length; q++) {
    const merged = new Map<string, { dst: number; lits: readonly number[]; pending: Set<number>; endOk: boolean }>();
    for (const term of expand(states[q])) {
      const target = factory.and(term.next);
      // `XW ff` ("this is the last position") leaves an end-only transition (target -1).
      if (target === factory.ff && (!finite || term.strong)) continue;
      let dst = target === factory.ff ? -1 : stateOf.get(target.id);
      if (dst === undefined) {
        dst = states.length;
        stateOf.set(target.id, dst);
        states.push(target);
      }
      const key = `${term.lits.join(',')}>${dst}`;
      const old = merged.get(key);
      if (old === undefined) {
        merged.set(key, { dst, lits: term.lits, pending: new Set(term.pending), endOk: finite && !term.strong });
      } else {
        // Parallel transitions: a run may alternate between them, so their acceptance unites.
        for (const p of old.pending) if (!term.pending.includes(p)) old.pending.delete(p);
        old.endOk ||= finite && !term.strong;
      }
    }
    const ts = [...merged.values()].map((t) => ({ ...t, pending: [...t.pending] }));
    raw.push(ts.filter((t, i) => !ts.some((u, j) => j !== i && subsumes(u, t) && (!subsumes(t, u) || j < i))));
  }

  const accIndex = new Map<number, number>();
  for (const ts of raw) for (const t of ts) for (const p of t.pending) if (!accIndex.has(p)) accIndex.set(p, accIndex.size);
  if (accIndex.size > MAX_ACCEPTANCE_SETS) {
    throw new InputError('WFV2004', `unsupported formula: more than ${MAX_ACCEPTANCE_SETS} nested eventualities (F/U) for the LTL checker`);
  }
  const all = accIndex.size === 0 ? 0 : (1 << accIndex.size) - 1;
  const trans: RawTransition[][] = raw.map((ts) =>
    ts.map((t) => ({ dst: t.dst, lits: t.lits, endOk: t.endOk, acc: t.pending.reduce((m, p) => m & ~(1 << (accIndex.get(p) as number)), all) })),
  );
  const automaton = packAutomaton(states.map(printLtl), trans, accIndex.size, finite);
  return { automaton, atoms: table.atoms, nnf: printLtl(root) };
}

/** `u` makes `t` redundant: weaker-or-equal label, same target, at least the acceptance and endings. */
function subsumes(u: { dst: number; lits: readonly number[]; pending: readonly number[]; endOk: boolean }, t: typeof u): boolean {
  return u.dst === t.dst && (u.endOk || !t.endOk) && u.lits.every((l) => t.lits.includes(l)) && u.pending.every((p) => t.pending.includes(p));
}

const TRUE_TERM: Term = { lits: [], next: [], pending: [], strong: false };

function expandUncached(f: LtlNode, expand: (f: LtlNode) => Term[], factory: LtlFactory): Term[] {
  switch (f.kind) {
    case 'tt':
      return [TRUE_TERM];
    case 'ff':
      return [];
    case 'lit':
      return [{ lits: [2 * f.atom + (f.neg ? 1 : 0)], next: [], pending: [], strong: false }];
    case 'and':
      return f.args.reduce<Term[]>((acc, a) => product(acc, expand(a)), [TRUE_TERM]);
    case 'or':
      return normalize(f.args.flatMap(expand));
    case 'X':
    case 'XW':
      return [{ lits: [], next: [f.arg], pending: [], strong: f.kind === 'X' && factory.finite }];
    case 'U': {
      const postpone: Term = { lits: [], next: [f], pending: [f.id], strong: factory.finite };
      return normalize([...expand(f.right), ...product(expand(f.left), [postpone])]);
    }
    case 'R': {
      const postpone: Term = { lits: [], next: [f], pending: [], strong: false };
      return product(expand(f.right), normalize([...expand(f.left), postpone]));
    }
  }
}

/** All consistent pairwise conjunctions of two term lists, normalized. */
function product(as: readonly Term[], bs: readonly Term[]): Term[] {
  const out: Term[] = [];
  for (const a of as) {
    for (const b of bs) {
      const lits = union(a.lits, b.lits);
      if (lits.some((l, i) => i > 0 && (l ^ 1) === lits[i - 1])) continue; // l and ¬l
      out.push({ lits, next: unionNodes(a.next, b.next), pending: union(a.pending, b.pending), strong: a.strong || b.strong });
    }
  }
  return normalize(out);
}

/**
 * Removes duplicate terms and terms subsumed by another one: `u` subsumes `t` when its literals,
 * obligations and postponed untils are subsets of `t`'s and it is not strong when `t` is not —
 * every run through `t` can go through `u` instead (a weaker label, a weaker next state, at least
 * the same acceptance), so the language is unchanged. O(k²) for k terms.
 */
function normalize(terms: readonly Term[]): Term[] {
  const unique = new Map<string, Term>();
  for (const t of terms) unique.set(`${t.lits}|${t.next.map((n) => n.id)}|${t.pending}|${t.strong}`, t);
  const ts = [...unique.values()];
  return ts.filter((t, i) => !ts.some((u, j) => j !== i && subsumesTerm(u, t)));
}

function subsumesTerm(u: Term, t: Term): boolean {
  return (!u.strong || t.strong) && subset(u.lits, t.lits) && subset(u.pending, t.pending) && subset(u.next.map((n) => n.id), t.next.map((n) => n.id));
}

/** `a ⊆ b` for sorted arrays. */
function subset(a: readonly number[], b: readonly number[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j] < x) j++;
    if (j === b.length || b[j] !== x) return false;
  }
  return true;
}

/** Sorted union of two sorted number lists. */
function union(a: readonly number[], b: readonly number[]): number[] {
  if (b.length === 0) return a as number[];
  if (a.length === 0) return b as number[];
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/** Union of two node lists sorted by id. */
function unionNodes(a: readonly LtlNode[], b: readonly LtlNode[]): LtlNode[] {
  if (b.length === 0) return a as LtlNode[];
  if (a.length === 0) return b as LtlNode[];
  const m = new Map<number, LtlNode>();
  for (const n of a) m.set(n.id, n);
  for (const n of b) m.set(n.id, n);
  return [...m.values()].sort((x, y) => x.id - y.id);
}

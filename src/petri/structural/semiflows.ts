/**
 * P- and T-semiflows of a P/T net by the Farkas (Fourier–Motzkin) algorithm, in the style of
 * Martínez & Silva (1982) with Colom & Silva's minimal-support pruning.
 *
 * C is the incidence matrix, C[p][t] = post(p,t) − pre(p,t); inhibitor arcs and capacities do
 * not count. A P-semiflow is an integer vector y ≥ 0, y ≠ 0 with yᵀ·C = 0; a T-semiflow is
 * x ≥ 0, x ≠ 0 with C·x = 0. The result is the set of **minimal-support** semiflows, each scaled
 * to gcd 1: the extreme rays of the cone of semiflows, which generate every semiflow as a
 * non-negative rational combination. Minimal supports are unique up to scaling, so the set is
 * canonical; it is sorted by support (lexicographic on indices).
 *
 * Algorithm. Start with the rows [A | I] (A = C for P-semiflows, Cᵀ for T-semiflows) and
 * eliminate one column of A at a time, choosing the column that creates fewest rows: rows with a
 * zero there stay; every (positive, negative) pair whose joint support passes the combinatorial
 * adjacency bound (|supp ∪ supp'| ≤ eliminated columns + 2) is combined to cancel it; then a new
 * row is dropped when its support contains the support of another row (equal supports mean the
 * same ray). By induction the rows kept after each step are exactly the extreme rays of the
 * partial cone, so the final rows are exactly the minimal-support semiflows.
 *
 * Complexity. The number of minimal supports can be exponential in the net size (k independent
 * binary choices give 2^k), and so can intermediate row sets, whatever the column order. A step
 * with R⁺ positive and R⁻ negative rows tests R⁺·R⁻ pairs (O(support) each), combines the
 * survivors in O(n + m) and prunes each new row against the rows filed under its support's
 * indices (O(R·support) worst case). Choosing a column is O(m) from incrementally kept counts.
 * Hence the bounds: `maxRows` caps the rows held during a step, `timeoutMs` the wall-clock time.
 * A run that hits one reports `complete: false` and returns only rows already known to be
 * minimal-support semiflows (extreme rays of a partial cone that satisfy every equation).
 *
 * Arithmetic is exact: JavaScript numbers with a check on every product and sum; on the first
 * result beyond 2^53 − 1 the computation restarts with BigInt. Weights are returned as bigint.
 */
import type { PetriNet } from '../net.js';

/** One non-zero entry of a semiflow: a place (P) or transition (T) index and its weight (> 0). */
export interface SemiflowEntry {
  readonly index: number;
  readonly weight: bigint;
}
/** A semiflow as a sparse vector: entries sorted by index, weights > 0, gcd of weights 1. */
export type Semiflow = readonly SemiflowEntry[];

export interface SemiflowOptions {
  /** Maximal number of rows (kept plus newly combined) held at once. Default 50 000. */
  readonly maxRows?: number;
  /** Wall-clock budget in milliseconds. Default 10 000 (use `Infinity` for none). */
  readonly timeoutMs?: number;
}

export interface SemiflowResult {
  /** True when `semiflows` is the full set of minimal-support semiflows. */
  readonly complete: boolean;
  /** Which bound stopped the computation when `complete` is false. */
  readonly stoppedBy?: 'maxRows' | 'timeout';
  /** Minimal-support semiflows (all of them when complete, a subset otherwise). */
  readonly semiflows: Semiflow[];
}

/** The incidence matrix as sparse rows per place: `[transition, post − pre]` with non-zero values. */
export function placeIncidence(net: PetriNet): [number, number][][] {
  const rows = net.places.map(() => new Map<number, number>());
  net.transitions.forEach((t, ti) => {
    for (const a of t.pre) rows[a.place].set(ti, (rows[a.place].get(ti) ?? 0) - a.weight);
    for (const a of t.post) rows[a.place].set(ti, (rows[a.place].get(ti) ?? 0) + a.weight);
  });
  return rows.map((r) => [...r.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]));
}

/** The transposed incidence matrix as sparse rows per transition: `[place, post − pre]`. */
export function transitionIncidence(net: PetriNet): [number, number][][] {
  const rows: [number, number][][] = net.transitions.map(() => []);
  placeIncidence(net).forEach((row, p) => row.forEach(([t, v]) => rows[t].push([p, v])));
  return rows;
}

/** Minimal-support P-semiflows (place invariants) of `net`. */
export function pSemiflows(net: PetriNet, options: SemiflowOptions = {}): SemiflowResult {
  return farkas(placeIncidence(net), options);
}

/** Minimal-support T-semiflows (transition invariants) of `net`. */
export function tSemiflows(net: PetriNet, options: SemiflowOptions = {}): SemiflowResult {
  return farkas(transitionIncidence(net), options);
}

/**
 * Minimal-support non-negative integer solutions y ≠ 0 of yᵀ·A = 0, where A is given as sparse
 * rows (`rows[i]` = non-zero `[column, value]` pairs of row i; values are safe integers).
 */
export function farkas(rows: readonly (readonly (readonly [number, number])[])[], options: SemiflowOptions = {}): SemiflowResult {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const maxRows = options.maxRows ?? 50_000;
  try {
    return run(rows, NUM, deadline, maxRows);
  } catch (e) {
    if (e !== OVERFLOW) throw e;
    return run(rows, BIG, deadline, maxRows);
  }
}

/** Verifies that `y` (sparse, weights > 0, indices in range, non-empty) satisfies yᵀ·C = 0. */
export function isPSemiflow(net: PetriNet, y: Semiflow): boolean {
  return semiflowChecker(net, 'P')(y);
}

/** Verifies that `x` (sparse, weights > 0, indices in range, non-empty) satisfies C·x = 0. */
export function isTSemiflow(net: PetriNet, x: Semiflow): boolean {
  return semiflowChecker(net, 'T')(x);
}

/**
 * A reusable verifier of P- or T-semiflows of `net` (the incidence matrix is built once): true
 * iff the vector is non-empty, sorted by index, in range, with positive weights, and solves the
 * equation exactly (BigInt). Cost O(Σ arcs of its support).
 */
export function semiflowChecker(net: PetriNet, kind: 'P' | 'T'): (v: Semiflow) => boolean {
  const rows = kind === 'P' ? placeIncidence(net) : transitionIncidence(net);
  return (v) => {
    if (v.length === 0) return false;
    const sum = new Map<number, bigint>();
    let last = -1;
    for (const e of v) {
      if (!Number.isInteger(e.index) || e.index <= last || e.index >= rows.length || typeof e.weight !== 'bigint' || e.weight <= 0n) return false;
      last = e.index;
      for (const [c, w] of rows[e.index]) sum.set(c, (sum.get(c) ?? 0n) + e.weight * BigInt(w));
    }
    for (const s of sum.values()) if (s !== 0n) return false;
    return true;
  };
}

/**
 * Structural place bounds: for each place p covered by a P-semiflow y (y_p > 0), every reachable
 * marking m satisfies y·m = y·m0, hence m(p) ≤ ⌊(y·m0) / y_p⌋; the minimum over the given
 * semiflows is returned. `undefined` when no given semiflow covers p, or when the bound exceeds
 * 2^53 − 1. Each vector is re-verified against the net first and ignored unless it is a true
 * P-semiflow, so the bounds are sound for any input (complete, partial or even wrong lists).
 * Inhibitor arcs and capacities only remove behaviour, so they do not affect soundness.
 */
export function placeBoundsFromSemiflows(net: PetriNet, psemiflows: readonly Semiflow[] | SemiflowResult): (number | undefined)[] {
  const list = Array.isArray(psemiflows) ? (psemiflows as readonly Semiflow[]) : (psemiflows as SemiflowResult).semiflows;
  const check = semiflowChecker(net, 'P');
  const best: (bigint | undefined)[] = net.places.map(() => undefined);
  for (const y of list) {
    if (!check(y)) continue;
    let total = 0n;
    for (const { index, weight } of y) total += weight * BigInt(net.places[index].initial);
    for (const { index, weight } of y) {
      const bound = total / weight;
      const prev = best[index];
      if (prev === undefined || bound < prev) best[index] = bound;
    }
  }
  return best.map((b) => (b === undefined || b > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(b)));
}

// ---- exact arithmetic, number with overflow detection or bigint ----------------------------

const OVERFLOW = Symbol('overflow');
interface Arith<T> {
  of(n: number): T;
  /** a·x + b·y. */
  lin(a: T, x: T, b: T, y: T): T;
  abs(a: T): T;
  sign(a: T): number;
  gcd(a: T, b: T): T;
  div(a: T, b: T): T;
  isOne(a: T): boolean;
  big(a: T): bigint;
}
const safe = (x: number): number => (Number.isSafeInteger(x) ? x : fail());
const fail = (): never => {
  throw OVERFLOW;
};
const NUM: Arith<number> = {
  of: (n) => n,
  lin: (a, x, b, y) => safe(safe(a * x) + safe(b * y)),
  abs: Math.abs,
  sign: Math.sign,
  gcd: (a, b) => (b === 0 ? Math.abs(a) : NUM.gcd(b, a % b)),
  div: (a, b) => a / b,
  isOne: (a) => a === 1,
  big: (a) => BigInt(a),
};
const BIG: Arith<bigint> = {
  of: (n) => BigInt(n),
  lin: (a, x, b, y) => a * x + b * y,
  abs: (a) => (a < 0n ? -a : a),
  sign: (a) => (a > 0n ? 1 : a < 0n ? -1 : 0),
  gcd: (a, b) => (b === 0n ? BIG.abs(a) : BIG.gcd(b, a % b)),
  div: (a, b) => a / b,
  isOne: (a) => a === 1n,
  big: (a) => a,
};

// ---- the elimination --------------------------------------------------------------------

/** A row: the identity part y (sparse, `size` entries) and yᵀ·A on the open columns (sparse). */
interface Row<T> {
  readonly yi: number[];
  readonly yv: T[];
  readonly size: number;
  readonly ci: number[];
  readonly cv: T[];
}

function run<T>(rows: readonly (readonly (readonly [number, number])[])[], ar: Arith<T>, deadline: number, maxRows: number): SemiflowResult {
  let current: Row<T>[] = rows.map((r, i) => ({ yi: [i], yv: [ar.of(1)], size: 1, ci: r.map((e) => e[0]), cv: r.map((e) => ar.of(e[1])) }));
  const open = new Set<number>();
  let columns = 0;
  for (const r of rows) for (const [c] of r) (open.add(c), (columns = Math.max(columns, c + 1)));
  const posCount = new Int32Array(columns);
  const negCount = new Int32Array(columns);
  const count = (r: Row<T>, d: number): void =>
    r.ci.forEach((c, k) => void ((ar.sign(r.cv[k]) > 0 ? posCount : negCount)[c] += d));
  current.forEach((r) => count(r, 1));
  let eliminated = 0;
  let ticks = 0;
  const stamp = new Float64Array(rows.length); // stamp[i] === marks: i is in the current support
  let marks = 0;
  const stop = (why: 'maxRows' | 'timeout'): SemiflowResult => ({ complete: false, stoppedBy: why, semiflows: finish(current, ar) });
  while (open.size > 0) {
    if (Date.now() > deadline) return stop('timeout');
    const col = chooseColumn(open, posCount, negCount);
    open.delete(col);
    const zero: Row<T>[] = [];
    const pos: [Row<T>, T][] = [];
    const neg: [Row<T>, T][] = [];
    for (const r of current) {
      const k = r.ci.indexOf(col);
      if (k < 0) zero.push(r);
      else (ar.sign(r.cv[k]) > 0 ? pos : neg).push([r, r.cv[k]]);
    }
    const fresh: Row<T>[] = [];
    for (const [p, cp] of pos) {
      for (const [q, cq] of neg) {
        if ((++ticks & 1023) === 0 && Date.now() > deadline) return stop('timeout');
        if (!unionAtMost(p.yi, q.yi, eliminated + 2)) continue; // not adjacent: never extreme
        fresh.push(combine(p, ar.abs(cq), q, cp, col, ar));
        if (zero.length + fresh.length > maxRows) return stop('maxRows');
      }
    }
    // Prune: drop a new row whose support contains the support of a kept or another new row.
    // Rows are bucketed by their first index: a subset of supp(f) starts at an index of supp(f).
    fresh.sort((a, b) => a.size - b.size);
    const byFirst = new Map<number, Row<T>[]>();
    const file = (r: Row<T>): void => void (byFirst.get(r.yi[0])?.push(r) ?? byFirst.set(r.yi[0], [r]));
    zero.forEach(file);
    const kept: Row<T>[] = [];
    for (const f of fresh) {
      if ((++ticks & 255) === 0 && Date.now() > deadline) return stop('timeout');
      const mark = ++marks;
      for (const i of f.yi) stamp[i] = mark;
      const inF = (r: Row<T>): boolean => r.size <= f.size && r.yi.every((i) => stamp[i] === mark);
      if (f.yi.some((i) => byFirst.get(i)?.some(inF))) continue;
      kept.push(f);
      file(f);
    }
    for (const [r] of pos) count(r, -1);
    for (const [r] of neg) count(r, -1);
    kept.forEach((r) => count(r, 1));
    current = zero.concat(kept);
    eliminated++;
  }
  return { complete: true, semiflows: finish(current, ar) };
}

/** The open column whose elimination adds fewest rows (pos·neg − pos − neg), ties by index. */
function chooseColumn(open: ReadonlySet<number>, pos: Int32Array, neg: Int32Array): number {
  let best = -1;
  let bestScore = Infinity;
  for (const c of open) {
    const score = pos[c] * neg[c] - pos[c] - neg[c];
    if (score < bestScore || (score === bestScore && c < best)) [best, bestScore] = [c, score];
  }
  return best;
}

/** a·p + b·q with column `col` cancelled, divided by the gcd of its identity part. */
function combine<T>(p: Row<T>, a: T, q: Row<T>, b: T, col: number, ar: Arith<T>): Row<T> {
  const zero = ar.of(0);
  const merge = (pi: number[], pv: T[], qi: number[], qv: T[], skip: number): [number[], T[]] => {
    const oi: number[] = [];
    const ov: T[] = [];
    let i = 0;
    let j = 0;
    while (i < pi.length || j < qi.length) {
      const ki = i < pi.length ? pi[i] : Infinity;
      const kj = j < qi.length ? qi[j] : Infinity;
      const k = Math.min(ki, kj);
      const v = ar.lin(a, ki === k ? pv[i++] : zero, b, kj === k ? qv[j++] : zero);
      if (k !== skip && ar.sign(v) !== 0) {
        oi.push(k);
        ov.push(v);
      }
    }
    return [oi, ov];
  };
  let [yi, yv] = merge(p.yi, p.yv, q.yi, q.yv, -1);
  let [ci, cv] = merge(p.ci, p.cv, q.ci, q.cv, col);
  let g = yv[0];
  for (const v of yv) g = ar.gcd(g, v);
  if (!ar.isOne(g)) {
    yv = yv.map((v) => ar.div(v, g));
    cv = cv.map((v) => ar.div(v, g));
  }
  return { yi, yv, size: yi.length, ci, cv };
}

/** Whether two sorted index lists have at most `limit` distinct indices together. */
function unionAtMost(a: readonly number[], b: readonly number[], limit: number): boolean {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (++n > limit) return false;
    if (a[i] === b[j]) (i++, j++);
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return n + (a.length - i) + (b.length - j) <= limit;
}

/** Rows whose every column is cancelled, as sorted sparse bigint vectors. */
function finish<T>(rows: readonly Row<T>[], ar: Arith<T>): Semiflow[] {
  const out = rows.filter((r) => r.ci.length === 0).map((r) => r.yi.map((index, k) => ({ index, weight: ar.big(r.yv[k]) })));
  return out.sort((x, y) => {
    for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k].index !== y[k].index) return x[k].index - y[k].index;
    return x.length - y.length;
  });
}

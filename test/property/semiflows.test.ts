import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PetriNet, PlaceId, TransitionId } from '../../src/petri/net.js';
import {
  farkas,
  isPSemiflow,
  isTSemiflow,
  placeBoundsFromSemiflows,
  placeIncidence,
  pSemiflows,
  transitionIncidence,
  tSemiflows,
  type Semiflow,
  type SemiflowResult,
} from '../../src/petri/structural/semiflows.js';

type RawT = { pre: number[]; post: number[] };
/**
 * Random nets: ≤5 places, ≤5 transitions, arc weights 1–3 (0 = no arc), initial tokens 0–3.
 * Up to two transitions are derived from the others (a copy, a copy with an added self-loop, or
 * the sum of two when weights stay ≤ 3), so that incidence columns are often linearly dependent:
 * the case where the adjacency bound alone is loose and minimal-support pruning is needed.
 */
const arbNet: fc.Arbitrary<PetriNet> = fc
  .record({ places: fc.integer({ min: 1, max: 5 }), base: fc.integer({ min: 0, max: 3 }) })
  .chain(({ places, base }) => {
    const weight = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 });
    const arcs = fc.array(weight, { minLength: places, maxLength: places });
    const derived = fc.record({ kind: fc.constantFrom('copy', 'loop', 'sum'), a: fc.nat(), b: fc.nat(), place: fc.nat(), w: fc.integer({ min: 1, max: 3 }) });
    return fc.record({
      initial: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: places, maxLength: places }),
      ts: fc.array(fc.record({ pre: arcs, post: arcs }), { minLength: base, maxLength: base }),
      derived: fc.array(derived, { maxLength: base === 0 ? 0 : 2 }),
    });
  })
  .map(({ initial, ts, derived }) => {
    const all: RawT[] = [...ts];
    for (const d of derived) {
      const a = all[d.a % all.length];
      const b = all[d.b % all.length];
      const t: RawT = { pre: [...a.pre], post: [...a.post] };
      const p = d.place % initial.length;
      if (d.kind === 'loop' && t.pre[p] === 0 && t.post[p] === 0) (t.pre[p] = d.w), (t.post[p] = d.w);
      const sum = { pre: a.pre.map((w, i) => w + b.pre[i]), post: a.post.map((w, i) => w + b.post[i]) };
      all.push(d.kind === 'sum' && [...sum.pre, ...sum.post].every((w) => w <= 3) ? sum : t);
    }
    const toArcs = (ws: number[]) => ws.flatMap((weight, place) => (weight > 0 ? [{ place, weight }] : []));
    return {
      id: 'r',
      name: 'r',
      places: initial.map((m, i) => ({ id: `p${i}` as PlaceId, name: `p${i}`, initial: m })),
      transitions: all.map((t, i) => ({ id: `t${i}` as TransitionId, name: `t${i}`, pre: toArcs(t.pre), post: toArcs(t.post), inhibitors: [] })),
    };
  });

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
const supportOf = (f: Semiflow) => new Set(f.map((e) => e.index));
const subsetOf = (a: ReadonlySet<number>, b: ReadonlySet<number>) => [...a].every((x) => b.has(x));

/** Every non-zero vector in {0..3}^n solving yᵀ·A = 0 (A as sparse rows), as supports. */
function bruteForceSupports(rows: [number, number][][], columns: number): Set<number>[] {
  const n = rows.length;
  const found: Set<number>[] = [];
  const y = new Array<number>(n).fill(0);
  for (let code = 1; code < 4 ** n; code++) {
    for (let i = 0, c = code; i < n; i++, c = Math.floor(c / 4)) y[i] = c % 4;
    const sum = new Array<number>(columns).fill(0);
    rows.forEach((r, i) => r.forEach(([col, v]) => (sum[col] += y[i] * v)));
    if (sum.every((s) => s === 0)) found.push(new Set(y.flatMap((v, i) => (v > 0 ? [i] : []))));
  }
  return found;
}

function checkResult(result: SemiflowResult, verify: (f: Semiflow) => boolean, brute: Set<number>[]): void {
  expect(result.complete).toBe(true);
  const supports = result.semiflows.map(supportOf);
  const bad = result.semiflows.filter(
    (f) => !verify(f) || f.reduce((g, e) => gcd(g, e.weight), 0n) !== 1n || !f.every((e, k) => e.weight > 0n && (k === 0 || f[k - 1].index < e.index)),
  );
  expect(bad).toEqual([]);
  // Minimal: pairwise incomparable supports, and no brute-force solution strictly inside one.
  expect(supports.some((a, i) => supports.some((b, j) => i !== j && subsetOf(a, b)))).toBe(false);
  // Complete up to the range: every solution's support contains a returned support.
  expect(brute.filter((s) => !supports.some((m) => subsetOf(m, s)))).toEqual([]);
  expect(brute.filter((s) => supports.some((m) => subsetOf(s, m) && s.size < m.size))).toEqual([]);
}

describe('Farkas semiflows on random small nets', () => {
  it('P-semiflows are true, gcd 1, minimal and complete (brute force over 0..3)', () => {
    fc.assert(
      fc.property(arbNet, (net) => {
        checkResult(pSemiflows(net), (f) => isPSemiflow(net, f), bruteForceSupports(placeIncidence(net), net.transitions.length));
      }),
      { numRuns: 300 },
    );
  });

  it('T-semiflows are true, gcd 1, minimal and complete (brute force over 0..3)', () => {
    fc.assert(
      fc.property(arbNet, (net) => {
        checkResult(tSemiflows(net), (f) => isTSemiflow(net, f), bruteForceSupports(transitionIncidence(net), net.places.length));
      }),
      { numRuns: 300 },
    );
  });

  it('farkas on matrices with ≤7 rows and dependent columns: minimal and complete (0..2)', () => {
    // Larger than the nets above, and with repeated / summed / negated columns: here the
    // adjacency bound is loose and dropping the support-minimality pruning gives wrong answers.
    const arbMatrix = fc.integer({ min: 1, max: 7 }).chain((n) =>
      fc.record({
        base: fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: n, maxLength: n }), { maxLength: 4 }),
        derived: fc.array(fc.record({ a: fc.nat(), b: fc.nat(), sign: fc.constantFrom(1, -1) }), { maxLength: 3 }),
      }),
    );
    fc.assert(
      fc.property(arbMatrix, ({ base, derived }) => {
        const cols = [...base];
        if (cols.length > 0) for (const d of derived) cols.push(cols[d.a % cols.length].map((v, i) => d.sign * (v + cols[d.b % cols.length][i])));
        const n = base[0]?.length ?? 0;
        if (n === 0) return;
        const rows = Array.from({ length: n }, (_, i) => cols.flatMap((c, j): [number, number][] => (c[i] !== 0 ? [[j, c[i]]] : [])));
        const result = farkas(rows);
        const brute: Set<number>[] = [];
        for (let code = 1; code < 3 ** n; code++) {
          const y = Array.from({ length: n }, (_, i) => Math.floor(code / 3 ** i) % 3);
          if (cols.every((c) => c.reduce((s, v, i) => s + v * y[i], 0) === 0)) brute.push(new Set(y.flatMap((v, i) => (v > 0 ? [i] : []))));
        }
        const verify = (f: Semiflow) => cols.every((c) => f.reduce((s, e) => s + e.weight * BigInt(c[e.index]), 0n) === 0n);
        checkResult(result, verify, brute);
      }),
      { numRuns: 300 },
    );
  });

  it('structural place bounds hold along random firing sequences', () => {
    fc.assert(
      fc.property(arbNet, fc.array(fc.nat(), { maxLength: 40 }), (net, choices) => {
        const bounds = placeBoundsFromSemiflows(net, pSemiflows(net));
        const m = net.places.map((p) => p.initial);
        const within = () => m.every((v, p) => bounds[p] === undefined || v <= bounds[p]!);
        expect(within()).toBe(true);
        for (const choice of choices) {
          const enabled = net.transitions.filter((t) => t.pre.every((a) => m[a.place] >= a.weight));
          if (enabled.length === 0) break;
          const t = enabled[choice % enabled.length];
          for (const a of t.pre) m[a.place] -= a.weight;
          for (const a of t.post) m[a.place] += a.weight;
          expect(within()).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

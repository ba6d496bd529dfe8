import { describe, expect, it } from 'vitest';
import type { PetriNet, PlaceId, TransitionId } from '../../../src/petri/net.js';
import {
  isPSemiflow,
  isTSemiflow,
  placeBoundsFromSemiflows,
  pSemiflows,
  tSemiflows,
  type Semiflow,
} from '../../../src/petri/structural/semiflows.js';

type Arcs = Record<number, number>;
/** A net from initial tokens and transitions given as {place: weight} maps. */
function makeNet(initial: number[], transitions: { pre?: Arcs; post?: Arcs; inh?: Arcs }[]): PetriNet {
  const arcs = (a: Arcs = {}) => Object.entries(a).map(([p, w]) => ({ place: Number(p), weight: w })).sort((x, y) => x.place - y.place);
  return {
    id: 'n',
    name: 'n',
    places: initial.map((m, i) => ({ id: `p${i}` as PlaceId, name: `p${i}`, initial: m })),
    transitions: transitions.map((t, i) => ({
      id: `t${i}` as TransitionId,
      name: `t${i}`,
      pre: arcs(t.pre),
      post: arcs(t.post),
      inhibitors: arcs(t.inh),
    })),
  };
}
/** Semiflows as plain `{index: weight}` objects with number weights, for readable expectations. */
const plain = (fs: readonly Semiflow[]) => fs.map((f) => Object.fromEntries(f.map((e) => [e.index, Number(e.weight)])));

describe('P- and T-semiflows on hand-made nets', () => {
  it('a cycle of three places has the all-ones P- and T-semiflow', () => {
    const net = makeNet([1, 0, 0], [{ pre: { 0: 1 }, post: { 1: 1 } }, { pre: { 1: 1 }, post: { 2: 1 } }, { pre: { 2: 1 }, post: { 0: 1 } }]);
    const p = pSemiflows(net);
    expect(p.complete).toBe(true);
    expect(plain(p.semiflows)).toEqual([{ 0: 1, 1: 1, 2: 1 }]);
    expect(plain(tSemiflows(net).semiflows)).toEqual([{ 0: 1, 1: 1, 2: 1 }]);
    expect(placeBoundsFromSemiflows(net, p)).toEqual([1, 1, 1]);
  });

  it('mutual exclusion: one invariant per process and the mutex invariant', () => {
    // places: 0 idle1, 1 crit1, 2 idle2, 3 crit2, 4 mutex
    const net = makeNet([1, 0, 1, 0, 1], [
      { pre: { 0: 1, 4: 1 }, post: { 1: 1 } },
      { pre: { 1: 1 }, post: { 0: 1, 4: 1 } },
      { pre: { 2: 1, 4: 1 }, post: { 3: 1 } },
      { pre: { 3: 1 }, post: { 2: 1, 4: 1 } },
    ]);
    const p = pSemiflows(net);
    expect(p).toMatchObject({ complete: true });
    expect(plain(p.semiflows)).toEqual([{ 0: 1, 1: 1 }, { 1: 1, 3: 1, 4: 1 }, { 2: 1, 3: 1 }]);
    expect(plain(tSemiflows(net).semiflows)).toEqual([{ 0: 1, 1: 1 }, { 2: 1, 3: 1 }]);
    expect(placeBoundsFromSemiflows(net, p.semiflows)).toEqual([1, 1, 1, 1, 1]);
  });

  it('producer/consumer with a buffer of three slots bounds the buffer by 3', () => {
    // places: 0 p.ready, 1 p.produced, 2 buffer, 3 free slots, 4 c.ready, 5 c.consumed
    const net = makeNet([1, 0, 0, 3, 1, 0], [
      { pre: { 0: 1 }, post: { 1: 1 } },
      { pre: { 1: 1, 3: 1 }, post: { 0: 1, 2: 1 } },
      { pre: { 2: 1, 4: 1 }, post: { 3: 1, 5: 1 } },
      { pre: { 5: 1 }, post: { 4: 1 } },
    ]);
    const p = pSemiflows(net);
    expect(plain(p.semiflows)).toEqual([{ 0: 1, 1: 1 }, { 2: 1, 3: 1 }, { 4: 1, 5: 1 }]);
    expect(plain(tSemiflows(net).semiflows)).toEqual([{ 0: 1, 1: 1, 2: 1, 3: 1 }]);
    expect(placeBoundsFromSemiflows(net, p)).toEqual([1, 1, 3, 3, 1, 1]);
  });

  it('weighted arcs give non-unit weights with gcd 1', () => {
    const net = makeNet([4, 0], [{ pre: { 0: 2 }, post: { 1: 1 } }, { pre: { 1: 1 }, post: { 0: 2 } }]);
    const p = pSemiflows(net);
    expect(plain(p.semiflows)).toEqual([{ 0: 1, 1: 2 }]);
    expect(placeBoundsFromSemiflows(net, p)).toEqual([4, 2]);
  });

  it('a net with a source transition has no semiflow and no bound', () => {
    const net = makeNet([0, 1], [{ post: { 0: 1 } }, { pre: { 0: 1 }, post: { 1: 1 } }]);
    expect(pSemiflows(net)).toEqual({ complete: true, semiflows: [] });
    expect(tSemiflows(net)).toEqual({ complete: true, semiflows: [] });
    expect(placeBoundsFromSemiflows(net, [])).toEqual([undefined, undefined]);
  });

  it('a net without transitions: each place alone is a P-semiflow', () => {
    const net = makeNet([2, 0], []);
    expect(plain(pSemiflows(net).semiflows)).toEqual([{ 0: 1 }, { 1: 1 }]);
    expect(placeBoundsFromSemiflows(net, pSemiflows(net))).toEqual([2, 0]);
  });

  it('inhibitor arcs do not count', () => {
    const net = makeNet([1, 0, 5], [{ pre: { 0: 1 }, post: { 1: 1 }, inh: { 2: 1 } }, { pre: { 1: 1 }, post: { 0: 1 } }]);
    expect(plain(pSemiflows(net).semiflows)).toEqual([{ 0: 1, 1: 1 }, { 2: 1 }]);
  });

  it('weights beyond 2^53 are exact (BigInt fallback)', () => {
    // t_i consumes 1000 tokens of p_i and produces 1 in p_{i+1}: y = (1, 1000, 1000², …).
    const n = 8;
    const net = makeNet([1, ...Array<number>(n - 1).fill(0)], Array.from({ length: n - 1 }, (_, i) => ({ pre: { [i]: 1000 }, post: { [i + 1]: 1 } })));
    const p = pSemiflows(net);
    expect(p.complete).toBe(true);
    expect(p.semiflows).toEqual([Array.from({ length: n }, (_, i) => ({ index: i, weight: 1000n ** BigInt(i) }))]);
    expect(isPSemiflow(net, p.semiflows[0])).toBe(true);
    expect(placeBoundsFromSemiflows(net, p)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('an exponential net stops at maxRows or timeout with complete: false and true semiflows only', () => {
    // Levels i = 0…k-1 of two places a_i = 2i, b_i = 2i+1; t_i moves one token from each place
    // of level i to each place of level i+1. A minimal semiflow picks a_i or b_i per level: 2^k.
    const levels = (k: number) =>
      makeNet([1, 1, ...Array<number>(2 * k - 2).fill(0)], Array.from({ length: k - 1 }, (_, i) => ({ pre: { [2 * i]: 1, [2 * i + 1]: 1 }, post: { [2 * i + 2]: 1, [2 * i + 3]: 1 } })));
    const small = pSemiflows(levels(4));
    expect(small.complete).toBe(true);
    expect(small.semiflows).toHaveLength(16);
    expect(placeBoundsFromSemiflows(levels(4), small)).toEqual(Array<number>(8).fill(1));
    const net = levels(18);
    const byRows = pSemiflows(net, { maxRows: 500 });
    expect(byRows).toMatchObject({ complete: false, stoppedBy: 'maxRows' });
    const start = Date.now();
    const byTime = pSemiflows(net, { timeoutMs: 50, maxRows: 1e9 });
    expect(Date.now() - start).toBeLessThan(2000);
    expect(byTime).toMatchObject({ complete: false, stoppedBy: 'timeout' });
    for (const y of [...byRows.semiflows, ...byTime.semiflows]) expect(isPSemiflow(net, y)).toBe(true);
  });

  it('placeBoundsFromSemiflows ignores vectors that are not P-semiflows', () => {
    const net = makeNet([3, 0], [{ pre: { 0: 1 }, post: { 1: 2 } }]);
    const bogus: Semiflow = [{ index: 0, weight: 1n }, { index: 1, weight: 1n }];
    expect(isPSemiflow(net, bogus)).toBe(false);
    expect(placeBoundsFromSemiflows(net, [bogus, [{ index: 1, weight: -1n }], []])).toEqual([undefined, undefined]);
    const good: Semiflow = [{ index: 0, weight: 2n }, { index: 1, weight: 1n }];
    expect(placeBoundsFromSemiflows(net, [good])).toEqual([3, 6]);
    expect(isTSemiflow(net, [{ index: 0, weight: 1n }])).toBe(false);
  });
});

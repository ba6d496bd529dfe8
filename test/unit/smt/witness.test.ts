import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../src/logic/index.js';
import { findWitness, realiseCounts } from '../../../src/smt/index.js';
import { names, net } from './nets.js';

describe('state-equation witnesses', () => {
  it('realises a firing-count vector in an order the firing rule allows', () => {
    // t0: p0 → p1, t1: p1 → p2; counts (1, 1) must fire t0 first.
    const chain = net([1, 0, 0], [{ pre: { 0: 1 }, post: { 1: 1 } }, { pre: { 1: 1 }, post: { 2: 1 } }]);
    expect(realiseCounts(chain, [1, 1])).toEqual([0, 1]);
    expect(realiseCounts(chain, [0, 1])).toBeUndefined();
  });

  it('finds a shortest-count witness on an unbounded net', () => {
    const pump = net([1, 0], [{ pre: { 0: 1 }, post: { 0: 1, 1: 1 } }]);
    expect(findWitness(pump, parseFormula('tokens(p1) >= 3'), names)).toEqual([0, 0, 0]);
  });

  it('gives up when no solution is realisable', () => {
    const stuck = net([1, 0], [{ pre: { 0: 1, 1: 1 }, post: { 1: 1 } }]);
    expect(findWitness(stuck, parseFormula('tokens(p0) == 0'), names)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../../src/logic/index.js';
import { proveUnreachable } from '../../../src/smt/index.js';
import { names, net } from './nets.js';

const f = (text: string) => parseFormula(text);

describe('proveUnreachable (state equation + traps)', () => {
  // p0 → p0 + p1: unbounded, p0 always holds its token.
  const pump = net([1, 0], [{ pre: { 0: 1 }, post: { 0: 1, 1: 1 } }]);

  it('proves unreachability on an unbounded net by the state equation alone', () => {
    const r = proveUnreachable(pump, f('tokens(p0) == 0'), names);
    expect(r).toEqual({ status: 'unreachable', techniques: ['STATE_EQUATION'], traps: 0 });
  });

  it('proves deadlock freedom and answers unknown for reachable targets', () => {
    expect(proveUnreachable(pump, f('deadlock'), names).status).toBe('unreachable');
    expect(proveUnreachable(pump, f('tokens(p1) >= 1000'), names).status).toBe('unknown');
  });

  it('needs a trap where the state equation has a spurious solution', () => {
    // t0: p0 + p1 → p1 never fires (p1 is empty), but x = (1) solves m0 = 0 in the state equation.
    // {p0, p1} is an initially marked trap that m = (0, 0) leaves empty.
    const stuck = net([1, 0], [{ pre: { 0: 1, 1: 1 }, post: { 1: 1 } }]);
    const r = proveUnreachable(stuck, f('tokens(p0) == 0'), names);
    expect(r.status).toBe('unreachable');
    if (r.status === 'unreachable') expect(r.techniques).toEqual(['STATE_EQUATION', 'TRAPS']);
  });

  it('treats inhibitor arcs as an over-approximation; k-induction uses them on the last firings', () => {
    // t0: p0 → p1 only while p1 < 1; p1 == 2 is unreachable, but the state equation ignores the inhibitor.
    const inhibited = net([2, 0], [{ pre: { 0: 1 }, post: { 1: 1 }, inhibitors: { 1: 1 } }]);
    expect(proveUnreachable(inhibited, f('tokens(p1) == 2'), names, { maxDepth: 0 }).status).toBe('unknown');
    // The last firing into p1 == 2 needs p1 == 1 before it, which the inhibitor forbids.
    expect(proveUnreachable(inhibited, f('tokens(p1) == 2'), names)).toMatchObject({ status: 'unreachable', techniques: ['STATE_EQUATION', 'K_INDUCTION'] });
    // p1 == 1 is reachable: k-induction must not claim otherwise.
    expect(proveUnreachable(inhibited, f('tokens(p1) == 1'), names).status).toBe('unknown');
    // …while fireability uses the inhibitor exactly: t0 is disabled whenever p1 ≥ 1.
    expect(proveUnreachable(inhibited, f('fireable(t0) & tokens(p1) >= 1'), names).status).toBe('unreachable');
  });

  it('reports formulas it cannot encode as unknown', () => {
    const r = proveUnreachable(pump, f('EF tokens(p0) == 0'), names);
    expect(r.status).toBe('unknown');
  });
});

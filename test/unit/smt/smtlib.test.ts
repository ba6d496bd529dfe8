import { describe, expect, it } from 'vitest';
import { int, modelValues, satAnswer } from '../../../src/smt/index.js';

describe('SMT-LIB helpers', () => {
  it('writes integers exactly', () => {
    expect(int(3)).toBe('3');
    expect(int(-4)).toBe('(- 4)');
    expect(() => int(0.5)).toThrow(RangeError);
  });
  it('reads check-sat answers and rejects errors', () => {
    expect(satAnswer('sat\n((m0 1))\n')).toBe('sat');
    expect(satAnswer('unsat\n(error "model is not available")\n')).toBe('unsat');
    expect(satAnswer('unknown\n')).toBe('unknown');
    expect(() => satAnswer('(error "line 1: unknown constant")')).toThrow(/unexpected z3 output/);
  });
  it('reads integer and Boolean model values', () => {
    const v = modelValues('sat\n((m0 3)\n (m1 (- 2))\n (b4 true) (b5 false))\n');
    expect([...v.entries()]).toEqual([['m0', 3], ['m1', -2], ['b4', 1], ['b5', 0]]);
  });
});

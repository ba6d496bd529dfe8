import { describe, expect, it } from 'vitest';
import { foldWithFacts, type StateFacts } from '../../../src/cli/formulas/fold.js';
import { type Formula, parseFormula, print } from '../../../src/logic/index.js';

/** Facts: `a` holds everywhere, `b` nowhere, `c` is unknown; initially a and c hold. */
const facts: StateFacts = {
  initially: (f) => ['tokens(a) >= 1', 'tokens(c) >= 1'].includes(print(f)),
  everywhere: (f) => ({ 'tokens(a) >= 1': true, 'tokens(b) >= 1': false })[print(f)],
};
const fold = (text: string): string => print(foldWithFacts(parseFormula(text), facts) as Formula);

describe('folding properties with proven facts', () => {
  it('replaces state formulas by proven invariants below temporal operators', () => {
    expect(fold('AG tokens(a) >= 1')).toBe('true');
    expect(fold('EF tokens(b) >= 1')).toBe('false');
    expect(fold('AG EF tokens(b) >= 1')).toBe('false');
    expect(fold('EG true')).toBe('true');
  });
  it('uses the initial state for what is evaluated there only', () => {
    expect(fold('AF tokens(c) >= 1')).toBe('true');
    expect(fold('tokens(c) >= 1 & AG tokens(a) >= 1')).toBe('true');
    expect(fold('E (tokens(d) >= 1 U tokens(c) >= 1)')).toBe('true');
  });
  it('leaves unknown parts and X alone', () => {
    expect(fold('AG tokens(c) >= 1')).toBe('AG tokens(c) >= 1');
    expect(fold('EX true')).toBe('EX true');
    expect(fold('AG (tokens(c) >= 1 | AX tokens(a) >= 1)')).toBe('AG (tokens(c) >= 1 | AX true)');
  });
  it('simplifies until with constant operands', () => {
    expect(fold('AG E (tokens(c) >= 1 U tokens(b) >= 1)')).toBe('false');
    expect(fold('AG A (tokens(a) >= 1 U tokens(c) >= 1)')).toBe('AG AF tokens(c) >= 1');
  });
});

/**
 * The synchronous Z3 bridge: answers, failures that leave the worker in doubt (reported as
 * SmtUnavailable, never as an answer), and recovery on a fresh worker afterwards.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SmtUnavailable, Z3Bridge } from '../../../src/smt/index.js';

const bridge = new Z3Bridge();
afterAll(() => bridge.stop());

describe('Z3Bridge', () => {
  it('answers checks synchronously, each from a fresh solver state', () => {
    expect(bridge.run('(declare-const x Int)\n(assert (> x 2))\n(check-sat)', 10_000).trim()).toBe('sat');
    // The declaration of the previous run is gone: redeclaring is no error.
    expect(bridge.run('(declare-const x Int)\n(assert (and (> x 2) (< x 1)))\n(check-sat)', 10_000).trim()).toBe('unsat');
  });

  it('reports a script Z3 rejects before its check as unavailable, then answers on a fresh worker', () => {
    let error: unknown;
    try {
      bridge.run('(no-such-command)\n(check-sat)', 10_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SmtUnavailable);
    expect((error as SmtUnavailable).message).toMatch(/did not answer the check/);
    expect((error as SmtUnavailable).transient).toBe(true);
    expect(bridge.run('(declare-const b Bool)\n(assert b)\n(check-sat)\n(get-value (b))', 10_000)).toMatch(/^sat\s+\(\(b true\)\)/);
  });
});

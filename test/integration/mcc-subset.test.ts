/**
 * The fast subset of `npm run corpus`: every MCC instance whose oracle state count is at most
 * 20,000 is explored in-process and its StateSpace figures and RD/OS/QL/L/SM answers compared
 * with the oracle files; a few larger ones run under a bound below their size and must end
 * inconclusive for the state space.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Examination, EXAMINATIONS, examineNet, readPnmlFile } from '../../src/petri/index.js';
import { MCC_DIR, mccInstances, oracleAnswer, oracleStateSpace } from '../corpus/oracle.js';

const ALL = new Set<Examination>(EXAMINATIONS);
const SHORT: Record<string, string> = { ReachabilityDeadlock: 'RD', OneSafe: 'OS', QuasiLiveness: 'QL', Liveness: 'L', StableMarking: 'SM' };
const small = mccInstances().filter((i) => i.states <= 20_000);

/** The StateSpace figures and the answers of a complete examination equal the oracle files. */
function expectOracle(name: string, report: ReturnType<typeof examineNet>): void {
  const ss = oracleStateSpace(name);
  const got = report.stateSpace!;
  for (const k of ['states', 'transitions', 'maxTokenInPlace', 'maxTokenPerMarking'] as const) {
    if (ss[k] !== undefined && ss[k] !== '?') expect(String(got[k]), k).toBe(ss[k]);
  }
  for (const a of report.answers) {
    const expected = oracleAnswer(name, SHORT[a.examination]);
    if (expected === undefined || expected === '?') continue;
    expect(a.answer === true ? 'TRUE' : a.answer === false ? 'FALSE' : 'CANNOT_COMPUTE', a.examination).toBe(expected);
  }
}

describe('MCC oracle agreement (instances with at most 20,000 states)', () => {
  it('has a non-trivial subset', () => {
    expect(small.length).toBeGreaterThan(40);
  });
  // The StateSpace examination without Liveness/QuasiLiveness takes the level-synchronous fast
  // path (core/explore-levels.ts): its figures, deadlock and one-safe answers against the oracle too.
  it.each(small.map((i) => i.name))('%s (fast state-space path)', async (name) => {
    const net = await readPnmlFile(join(MCC_DIR, name, 'model.pnml'));
    const report = examineNet(net, new Set<Examination>(['StateSpace', 'ReachabilityDeadlock', 'OneSafe', 'StableMarking']), { bounds: { maxStates: 100_000 } });
    expect(report.exploration.status).toBe('complete');
    expect('bufferBytes' in report.exploration, 'the level-synchronous explorer ran').toBe(true);
    expectOracle(name, report);
  });

  it.each(small.map((i) => i.name))('%s', async (name) => {
    const net = await readPnmlFile(join(MCC_DIR, name, 'model.pnml'));
    const report = examineNet(net, ALL, { bounds: { maxStates: 100_000 } });
    expect(report.exploration.status).toBe('complete');
    expectOracle(name, report);
  });
});

describe('bounded runs past the bound are inconclusive, never a verdict', () => {
  const big = mccInstances().filter((i) => i.states > 50_000 && i.states < 5_000_000).slice(0, 4);
  it.each(big.map((i) => i.name))('%s under a 20,000-state bound', async (name) => {
    const net = await readPnmlFile(join(MCC_DIR, name, 'model.pnml'));
    const report = examineNet(net, ALL, { bounds: { maxStates: 20_000 } });
    expect(report.exploration.status).toBe('bounded');
    expect(report.stateSpace).toBeUndefined();
    const live = report.answers.find((a) => a.examination === 'Liveness');
    expect(live?.answer).toBeUndefined();
    // Answers decided before the bound are real findings and must agree with the oracle.
    for (const a of report.answers) {
      const expected = oracleAnswer(name, SHORT[a.examination]);
      if (a.answer === undefined || expected === undefined || expected === '?') continue;
      expect(a.answer ? 'TRUE' : 'FALSE', a.examination).toBe(expected);
    }
  });
});

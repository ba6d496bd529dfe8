/**
 * The fast subset of `npm run corpus:formulas`: every property file (reachability, CTL, LTL,
 * UpperBounds) of MCC instances with at most 3,000 states is checked and compared with the oracle.
 * Files mixing formulas of several MCC editions are compared apart: their oracle lines belong to
 * other formulas (see docs/formulas.md and scripts/corpus-formulas.mjs), so they must not count
 * as agreement; everything else must agree exactly.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNetProperties } from '../../src/cli/formulas/run.js';
import { parseMccXml } from '../../src/logic/index.js';
import { readPnmlFile } from '../../src/petri/index.js';
import { MCC_DIR, mccInstances, oracleFile } from '../corpus/oracle.js';

const FILES = { ReachabilityCardinality: 'RC', ReachabilityFireability: 'RF', CTLCardinality: 'CTLC', CTLFireability: 'CTLF', LTLCardinality: 'LTLC', LTLFireability: 'LTLF', UpperBounds: 'UB' };
const small = mccInstances().filter((i) => i.states <= 3_000);
let compared = 0;

describe('MCC formula oracles (instances with at most 3,000 states)', () => {
  it.each(small.map((i) => i.name))('%s', async (name) => {
    const net = await readPnmlFile(join(MCC_DIR, name, 'model.pnml'));
    for (const [file, exam] of Object.entries(FILES)) {
      const path = join(MCC_DIR, name, 'formulas', `${file}.xml`);
      const props = parseMccXml(readFileSync(path, 'utf8'), path).map((p) => ({ id: p.id, formula: p.formula }));
      const editions = new Set(props.map((p) => p.id.match(/-(\d{4})-\d+$/)?.[1]));
      if (editions.size > 1) continue;
      const oracle = [...(oracleFile(name, exam) ?? '').matchAll(/^FORMULA (\S+) (\S+)/gm)].map((m) => m[2]);
      expect(oracle.length, `${name} ${exam}: oracle lines`).toBe(props.length);
      const report = checkNetProperties(net, props, { file: path, bounds: { maxStates: 50_000 } });
      report.outcomes.forEach((o, i) => {
        if (oracle[i] === '?') return;
        const got = o.answer === undefined ? 'CANNOT_COMPUTE' : typeof o.answer === 'number' ? String(o.answer) : o.answer ? 'TRUE' : 'FALSE';
        expect(got, `${o.id}`).toBe(oracle[i]);
        compared++;
      });
    }
  });
  it('compared a substantial number of answers', () => {
    expect(small.length).toBeGreaterThan(15);
    expect(compared).toBeGreaterThan(1000);
  });
});

import { describe, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPnmlFile } from '../../../src/petri/pnml/read.js';
import { structuralFacts } from '../../../src/petri/structural/facts.js';
import { pSemiflows, tSemiflows, isPSemiflow, isTSemiflow, placeBoundsFromSemiflows } from '../../../src/petri/structural/semiflows.js';

const MCC = join(process.cwd(), '../shared/corpus/mcc');
describe('explore', () => {
  it('timing', async () => {
    const lines = readFileSync(join(MCC, 'expected.csv'), 'utf8').trim().split('\n');
    let tr = 0, tf = 0, tp = 0, tt = 0;
    for (const line of lines.slice(1)) {
      const c = line.split(',');
      let s = Date.now();
      const net = await readPnmlFile(join(MCC, c[0], 'model.pnml'));
      tr += Date.now() - s; s = Date.now();
      structuralFacts(net); tf += Date.now() - s; s = Date.now();
      const r = pSemiflows(net, { timeoutMs: 1000 }); const dp = Date.now() - s; tp += dp; s = Date.now();
      const x = tSemiflows(net, { timeoutMs: 1000 }); const dt = Date.now() - s; tt += dt;
      const okP = r.semiflows.every((y) => isPSemiflow(net, y)), okT = x.semiflows.every((y) => isTSemiflow(net, y));
      const b = placeBoundsFromSemiflows(net, r);
      const cov = b.filter((v) => v !== undefined).length;
      const maxb = Math.max(...b.map((v) => v ?? -1));
      console.log(c[0], c[16] ? 'oracle' : 'none', net.places.length, net.transitions.length, `P:${r.complete}/${r.stoppedBy ?? ''}/${r.semiflows.length}/${dp}ms`, `T:${x.complete}/${x.stoppedBy ?? ''}/${x.semiflows.length}/${dt}ms`, okP, okT, `cov ${cov}/${net.places.length} maxb ${maxb} ssmax ${c[8]}`);
    }
    console.log({ tr, tf, tp, tt });
  }, 900_000);
});

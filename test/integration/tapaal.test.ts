/**
 * TAPAAL's verifypn regression queries (../shared/corpus/tapaal): every labelled property of
 * expected.csv must get the expected answer. The checker is given the formulas only; the
 * expected answers (also spelled inside the ids) are compared afterwards, here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkNetProperties } from '../../src/cli/formulas/run.js';
import { parseMccXml } from '../../src/logic/index.js';
import { readPnmlFile } from '../../src/petri/index.js';

const TAPAAL = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/tapaal');

function expectations(): Map<string, Map<string, string>> {
  if (!existsSync(TAPAAL)) throw new Error(`test corpus not found at ${TAPAAL}: put the shared/ folder beside the project`);
  const rows = readFileSync(join(TAPAAL, 'expected.csv'), 'utf8').trim().split('\n').slice(1);
  const byModel = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const [model, , , id, answer] = row.split(',');
    if (!byModel.has(model)) byModel.set(model, new Map());
    byModel.get(model)!.set(id, answer);
  }
  return byModel;
}

const models = [...expectations().entries()];

describe('TAPAAL labelled properties', () => {
  it('covers the corpus', () => {
    expect(models.length).toBeGreaterThan(100);
  });
  it.each(models.map(([m, e]) => [m, e] as const))('%s', async (model, expected) => {
    const net = await readPnmlFile(join(TAPAAL, model, 'model.pnml'));
    const file = join(TAPAAL, model, 'query.xml');
    const props = parseMccXml(readFileSync(file, 'utf8'), file).map((p) => ({ id: p.id, formula: p.formula }));
    const report = checkNetProperties(net, props, { file, bounds: { maxStates: 2_000_000, timeoutMs: 60_000 } });
    const got = new Map(report.outcomes.map((o) => [o.id, o.answer]));
    for (const [id, answer] of expected) {
      const a = got.get(id);
      expect(a, `${id} was not answered`).not.toBeUndefined();
      expect(typeof a === 'number' ? String(a) : a ? 'TRUE' : 'FALSE', id).toBe(answer);
    }
  });
});

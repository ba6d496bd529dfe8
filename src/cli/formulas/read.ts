/**
 * Gathers the properties `wfverify net` was asked to check: `--mcc FILE|DIR` (MCC property XML;
 * a directory contributes every `*.xml` in it, sorted by name) and `--ctl`/`--ltl` texts.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/index.js';
import { parseFormula, parseMccXml } from '../../logic/index.js';
import type { NamedProperty } from './plan.js';

export async function readProperties(args: { mcc?: string; ctl?: string[]; ltl?: string[] }): Promise<{ properties: NamedProperty[]; source: string }> {
  const properties: NamedProperty[] = [];
  let source = '<command line>';
  if (args.mcc !== undefined) {
    source = args.mcc;
    for (const file of await xmlFiles(args.mcc)) {
      const text = await readFile(file, 'utf8');
      for (const p of parseMccXml(text, file)) properties.push({ id: p.id, formula: p.formula });
    }
  }
  (args.ctl ?? []).forEach((text, i) => properties.push({ id: `ctl-${i + 1}`, formula: parseFormula(text, { file: `--ctl #${i + 1}` }), logic: 'ctl' }));
  (args.ltl ?? []).forEach((text, i) => properties.push({ id: `ltl-${i + 1}`, formula: parseFormula(text, { file: `--ltl #${i + 1}` }), logic: 'ltl' }));
  const ids = new Set<string>();
  for (const p of properties) {
    if (ids.has(p.id)) throw new InputError('WFV2003', `property id ${p.id} appears twice`, { location: { file: source } });
    ids.add(p.id);
  }
  return { properties, source };
}

async function xmlFiles(path: string): Promise<string[]> {
  let s;
  try {
    s = await stat(path);
  } catch {
    throw new InputError('WFV1001', `cannot read ${path}: no such file or directory`);
  }
  if (!s.isDirectory()) return [path];
  const files = (await readdir(path)).filter((f) => f.endsWith('.xml')).sort();
  if (files.length === 0) throw new InputError('WFV1001', `no .xml property files in ${path}`);
  return files.map((f) => join(path, f));
}

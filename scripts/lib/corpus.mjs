// Shared by the corpus sweeps: where the project and the MCC corpus are, command-line options,
// and the instances of expected.csv. Exits 2 with a clear message when the corpus is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(import.meta.url), '../../..');
export const corpus = resolve(root, '../shared/corpus/mcc');
if (!existsSync(join(corpus, 'expected.csv'))) {
  console.error(`corpus not found at ${corpus}: put shared/ beside the project`);
  process.exit(2);
}

/** The value after `--name` on the command line, or `dflt`. */
export function option(name, dflt) {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}

/** Rows of expected.csv as objects keyed by column, plus `states` (+Infinity when unknown). */
export function mccInstances() {
  const rows = readFileSync(join(corpus, 'expected.csv'), 'utf8').trim().split('\n');
  const header = rows.shift().split(',');
  return rows.map((r) => {
    const row = Object.fromEntries(r.split(',').map((v, i) => [header[i], v]));
    return { ...row, states: /^\d+$/.test(row.ss_states) ? Number(row.ss_states) : Number.POSITIVE_INFINITY };
  });
}

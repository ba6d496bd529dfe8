/**
 * Access to the MCC oracle files of ../shared/corpus/mcc for tests. Fails loudly when the corpus
 * is missing (tests must not silently skip).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MCC_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/mcc');

export function requireCorpus(dir: string = MCC_DIR): string {
  if (!existsSync(dir)) throw new Error(`test corpus not found at ${dir}: put the shared/ folder beside the project`);
  return dir;
}


export interface MccInstance {
  readonly name: string;
  /** Oracle state count; +Infinity when unknown or unbounded. */
  readonly states: number;
}

/** The instances listed in expected.csv, with their oracle state counts. */
export function mccInstances(): MccInstance[] {
  const csv = readFileSync(join(requireCorpus(), 'expected.csv'), 'utf8').trim().split('\n');
  const header = csv[0].split(',');
  const col = header.indexOf('ss_states');
  return csv.slice(1).map((line) => {
    const cells = line.split(',');
    return { name: cells[0], states: /^\d+$/.test(cells[col]) ? Number(cells[col]) : Number.POSITIVE_INFINITY };
  });
}

/** The text of expected/<name>-<exam>.out, or undefined. */
export function oracleFile(name: string, exam: string): string | undefined {
  const f = join(requireCorpus(), name, 'expected', `${name}-${exam}.out`);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
}

/** TRUE / FALSE / ? of a one-formula examination (RD, OS, QL, L, SM), or undefined. */
export function oracleAnswer(name: string, exam: string): string | undefined {
  return oracleFile(name, exam)?.match(/FORMULA \S+ (TRUE|FALSE|\?)/)?.[1];
}

/** The STATE_SPACE figures of expected/<name>-SS.out (strings; '?' when unknown). */
export function oracleStateSpace(name: string): Record<'states' | 'transitions' | 'maxTokenInPlace' | 'maxTokenPerMarking', string | undefined> {
  const text = oracleFile(name, 'SS') ?? '';
  const get = (k: string) => text.match(new RegExp(`STATE_SPACE ${k} (\\S+)`))?.[1];
  return { states: get('STATES'), transitions: get('TRANSITIONS'), maxTokenInPlace: get('MAX_TOKEN_IN_PLACE'), maxTokenPerMarking: get('MAX_TOKEN_PER_MARKING') };
}

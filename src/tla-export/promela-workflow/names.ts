/**
 * Deterministic Promela identifiers, as in the net writer (../promela.ts): a name is reduced to
 * `[A-Za-z0-9_]` (accents dropped, other runs of characters become `_`); a leading digit or `_`
 * gets a prefix letter; a Promela, LTL, C or SPIN-generated-code reserved word
 * ({@link PROMELA_RESERVED}) gets a trailing `_`; a name taken already gets `_2`, `_3`, ….
 */
import { PROMELA_RESERVED } from '../promela.js';

export class Names {
  private readonly taken = new Set<string>();

  /** Reserves fixed names of the model (they are taken as given). */
  constructor(fixed: readonly string[] = []) {
    fixed.forEach((f) => this.taken.add(f));
  }

  /** A fresh identifier for `original`; `prefix` replaces or precedes a name that cannot start an identifier. */
  allocate(original: string, prefix: string): string {
    let base = original
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_]+/g, '_');
    if (base === '' || base === '_') base = prefix;
    else if (/^[0-9_]/.test(base)) base = prefix + (base.startsWith('_') ? '' : '_') + base;
    if (PROMELA_RESERVED.has(base)) base += '_';
    let name = base;
    for (let k = 2; this.taken.has(name) || PROMELA_RESERVED.has(name); k++) name = `${base}_${k}`;
    this.taken.add(name);
    return name;
  }
}

/** Text of a comment that cannot end early. */
export const comment = (s: string): string => `/* ${s.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ')} */`;

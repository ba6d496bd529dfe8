/**
 * TLA+ identifiers for arbitrary names (places, transitions, workflow variables, properties).
 *
 * Contract of {@link tlaIdentifier}: the result matches `[A-Za-z][A-Za-z0-9_]*`, is not a TLA+
 * keyword, a TLC configuration keyword, an operator of the standard modules the exports extend,
 * or a name the exported modules define themselves (`Init`, `Next`, `vars`, …), and is not in
 * `used`; it is added to `used`. The mapping is deterministic: accents are dropped (NFKD), every
 * other run of characters outside `[A-Za-z0-9_]` becomes `_`, a name that does not start with a
 * letter, or starts with `WF_`/`SF_` (fairness operators), gets the prefix `n_`, a reserved word gets a trailing `_`, and a name taken already
 * gets `_2`, `_3`, ….
 */

/** Reserved words of TLA+ (including the proof language), of TLC's .cfg files, and standard operators. */
export const TLA_RESERVED: ReadonlySet<string> = new Set([
  // TLA+ keywords (Specifying Systems, table 6, and TLA+2 proof keywords).
  'ASSUME', 'ASSUMPTION', 'AXIOM', 'BOOLEAN', 'CASE', 'CHOOSE', 'CONSTANT', 'CONSTANTS', 'DOMAIN', 'ELSE', 'ENABLED',
  'EXCEPT', 'EXTENDS', 'IF', 'IN', 'INSTANCE', 'LET', 'LOCAL', 'MODULE', 'OTHER', 'STRING', 'SUBSET', 'THEN', 'THEOREM',
  'UNCHANGED', 'UNION', 'VARIABLE', 'VARIABLES', 'WITH', 'TRUE', 'FALSE', 'LAMBDA', 'ACTION', 'BY', 'COROLLARY', 'DEF',
  'DEFINE', 'DEFS', 'HAVE', 'HIDE', 'LEMMA', 'NEW', 'OBVIOUS', 'OMITTED', 'ONLY', 'PICK', 'PROOF', 'PROPOSITION', 'PROVE',
  'QED', 'RECURSIVE', 'STATE', 'SUFFICES', 'TAKE', 'TEMPORAL', 'USE', 'WITNESS', 'WF_', 'SF_',
  // TLC configuration keywords.
  'INIT', 'NEXT', 'SPECIFICATION', 'INVARIANT', 'INVARIANTS', 'PROPERTY', 'PROPERTIES', 'CONSTRAINT', 'CONSTRAINTS',
  'ACTION_CONSTRAINT', 'ACTION_CONSTRAINTS', 'SYMMETRY', 'VIEW', 'ALIAS', 'POSTCONDITION', 'CHECK_DEADLOCK',
  // Operators of Naturals, Integers, Sequences, FiniteSets (and TLC, often added by users).
  'Nat', 'Int', 'Real', 'Seq', 'Len', 'Append', 'Head', 'Tail', 'SubSeq', 'SelectSeq', 'Cardinality', 'IsFiniteSet',
  'Print', 'PrintT', 'Assert', 'JavaTime', 'Permutations', 'SortSeq', 'ToString', 'RandomElement', 'Any', 'TLCGet',
  'TLCSet', 'TLCEval',
  // Names the exported modules define.
  'vars', 'Init', 'Next', 'Spec', 'TypeOK', 'Step', 'WorkflowStep', 'EnvironmentStep', 'Terminated', 'Fairness',
  'Undefined', 'AnyRunning', 'NoUrgent', 'Deadlocked', 'BoundsOK', 'status', 'lastEvent', 'leftover', 'cancel',
]);

/** A TLA+ identifier for `name`, unique in `used` (see the module comment). */
export function tlaIdentifier(name: string, used: Set<string>): string {
  let base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]+/g, '_');
  if (!/^[A-Za-z]/.test(base)) base = `n_${base.replace(/^_+/, '')}`;
  if (base === 'n_') base = 'n';
  // `WF_x` / `SF_x` would be read as fairness operators.
  if (/^(WF|SF)_/.test(base)) base = `n_${base}`;
  if (TLA_RESERVED.has(base)) base += '_';
  let out = base;
  for (let k = 2; used.has(out) || TLA_RESERVED.has(out); k++) out = `${base}_${k}`;
  used.add(out);
  return out;
}

/** A TLA+ string literal: `"` and `\\` escaped, newline and tab as `\\n` / `\\t`, other non-ASCII characters as `?`. */
export function tlaString(s: string): string {
  let out = '"';
  for (const c of s) {
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else out += c >= ' ' && c <= '~' ? c : '?';
  }
  return `${out}"`;
}

/** A line comment whose text cannot break the module (one line, printable ASCII). */
export function tlaComment(s: string): string {
  return `\\* ${s.replace(/[\r\n]+/g, ' ').replace(/[^\x20-\x7e]/g, '?')}`;
}

/**
 * Small helpers for writing SMT-LIB 2 terms as text and reading Z3's answers.
 *
 * Terms are plain strings; integers are written exactly (negative numbers as `(- n)`), empty
 * sums as `0`, empty conjunctions as `true` and empty disjunctions as `false`.
 */

/** An SMT-LIB integer literal. */
export function int(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${n}`);
  return n < 0 ? `(- ${-n})` : String(n);
}

/** `(op a b …)`, or the single operand, or `empty` when there is none. */
function nary(op: string, args: readonly string[], empty: string): string {
  if (args.length === 0) return empty;
  if (args.length === 1) return args[0];
  return `(${op} ${args.join(' ')})`;
}

export const sum = (terms: readonly string[]): string => nary('+', terms, '0');
export const and = (terms: readonly string[]): string => nary('and', terms, 'true');
export const or = (terms: readonly string[]): string => nary('or', terms, 'false');

/** `coefficient · variable` with the trivial coefficients simplified; `0` for coefficient 0. */
export function times(coefficient: number, variable: string): string {
  if (coefficient === 0) return '0';
  if (coefficient === 1) return variable;
  return `(* ${int(coefficient)} ${variable})`;
}

/** The verdict of the first `(check-sat)` in Z3's output. */
export type SatAnswer = 'sat' | 'unsat' | 'unknown';

/**
 * Reads the first line of Z3's output as the answer of `(check-sat)`. Anything else (an error
 * message) throws: it is a bug in the script, not an answer.
 */
export function satAnswer(output: string): SatAnswer {
  const first = output.trimStart().split('\n', 1)[0].trim();
  if (first === 'sat' || first === 'unsat' || first === 'unknown') return first;
  throw new Error(`unexpected z3 output: ${output.slice(0, 300)}`);
}

/**
 * Reads the integer and Boolean values of a `(get-value (…))` answer: `((m0 3) (m1 (- 2)) (b true))`.
 * Booleans become 1/0. Names not in the answer are absent from the map.
 */
export function modelValues(output: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const m of output.matchAll(/\(\s*([A-Za-z_][\w.]*)\s+(\(\s*-\s*\d+\s*\)|-?\d+|true|false)\s*\)/g)) {
    const v = m[2];
    values.set(m[1], v === 'true' ? 1 : v === 'false' ? 0 : Number(v.replace(/[()\s]/g, '')));
  }
  return values;
}

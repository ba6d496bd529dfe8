/**
 * IR guards and writes as TLA+ by tabulation: the expression is evaluated with the IR's
 * JavaScript semantics (js-values.ts) for every combination of values of the variables it reads,
 * and the result written as a set membership or a CASE over those variables. Exact by
 * construction, independent of how TLA+ would treat mixed types, and readable for the small
 * expressions workflows have (the original JavaScript is kept in a comment by the caller).
 *
 * Contract: `cur(i)` is the TLA+ expression of variable `i`'s current value (the variable, or a
 * LET name after an earlier write of the same atomic step). More than {@link MAX_ROWS}
 * combinations is an InputError WFV3201 (the expression reads too much to export).
 */
import { InputError } from '../../core/index.js';
import type { Expr, Value, VarDecl } from '../../extract/index.js';
import { ANY, type AbstractValue, evaluate, readsOf, truth } from './js-values.js';
import { equalsValue, tlaValue, varValues } from './values.js';

export const MAX_ROWS = 4096;

export interface TabulationContext {
  readonly vars: readonly VarDecl[];
  readonly varIndex: ReadonlyMap<string, number>;
  readonly cur: (index: number) => string;
}

interface Row {
  readonly values: readonly Value[];
  readonly result: AbstractValue;
}

function rows(e: Expr, cx: TabulationContext): { reads: number[]; rows: Row[] } {
  const reads = readsOf(e).map((id) => cx.varIndex.get(id)).filter((i): i is number => i !== undefined);
  const domains = reads.map((i) => varValues(cx.vars[i]));
  const count = domains.reduce((n, d) => n * d.length, 1);
  if (count > MAX_ROWS) {
    throw new InputError('WFV3201', `an expression reads ${reads.map((i) => cx.vars[i].name).join(', ')}: ${count} combinations of values, more than the TLA+ export tabulates (${MAX_ROWS})`, {
      location: { file: cx.vars[reads[0]].span.file, line: cx.vars[reads[0]].span.line },
    });
  }
  let tuples: Value[][] = [[]];
  for (const d of domains) tuples = tuples.flatMap((t) => d.map((v) => [...t, v]));
  return {
    reads,
    rows: tuples.map((values) => {
      const env = new Map<string, Value>(reads.map((i, k) => [cx.vars[i].id, values[k]]));
      return { values, result: evaluate(e, env) };
    }),
  };
}

/** The row's values of the variables read, as a TLA+ tuple (or one value). */
function readValues(r: Row, reads: readonly number[], cx: TabulationContext): string {
  return tuple(r.values.map((v, k) => tlaValue(v, cx.vars[reads[k]])));
}

/** `<<a, b>>` (or `a` for one element). */
function tuple(parts: readonly string[]): string {
  return parts.length === 1 ? parts[0] : `<<${parts.join(', ')}>>`;
}

/** A formula true exactly for the rows in `yes` (the reads' current values are one of them). */
function membership(reads: readonly number[], all: readonly Row[], yes: readonly Row[], cx: TabulationContext): string {
  if (yes.length === all.length) return 'TRUE';
  if (yes.length === 0) return 'FALSE';
  const lhs = tuple(reads.map(cx.cur));
  if (reads.length === 1 && yes.length === 1) return equalsValue(lhs, yes[0].values[0], cx.vars[reads[0]]);
  const no = all.filter((r) => !yes.includes(r));
  const set = (rs: readonly Row[]): string => `{${rs.map((r) => readValues(r, reads, cx)).join(', ')}}`;
  if (reads.length === 1 && no.length === 1) return `${lhs} # ${tlaValue(no[0].values[0], cx.vars[reads[0]])}`;
  return no.length < yes.length ? `${lhs} \\notin ${set(no)}` : `${lhs} \\in ${set(yes)}`;
}

/** The guard "the truthiness of `e` is `want` or unknown" (the reference semantics of a test). */
export function guardFormula(e: Expr, want: boolean, cx: TabulationContext): string {
  const { reads, rows: all } = rows(e, cx);
  return membership(reads, all, all.filter((r) => {
    const t = truth(r.result);
    return t === ANY || t === want;
  }), cx);
}

/**
 * An exact write (the lowering proved the value is known and in the domain): the new value as
 * an expression of the current values. Rows whose value is unknown or outside the domain cannot
 * occur in the model and are left out of the CASE.
 */
export function exactValue(e: Expr, target: VarDecl, cx: TabulationContext): string {
  const { reads, rows: all } = rows(e, cx);
  const dom = varValues(target);
  const ok = all.filter((r) => r.result !== ANY && dom.some((v) => Object.is(v, r.result)));
  const results = new Set(ok.map((r) => tlaValue(r.result as Value, target)));
  if (results.size === 1 && ok.length === all.length) return [...results][0];
  if (reads.length === 0) return ok.length === 0 ? 'CHOOSE v \\in {} : TRUE' : tlaValue(ok[0].result as Value, target);
  const lhs = tuple(reads.map(cx.cur));
  return `CASE ${ok.map((r) => `${lhs} = ${readValues(r, reads, cx)} -> ${tlaValue(r.result as Value, target)}`).join(' [] ')}`;
}

/**
 * A split write: the condition on the chosen value `v` (a bound name) under which the step may
 * write it — the value of `e` when it is known and in the domain, any value otherwise (unknown,
 * or outside the domain: the reference abstraction). 'TRUE' when every value is always allowed.
 */
export function splitCondition(e: Expr, target: VarDecl, v: string, cx: TabulationContext): string {
  const { reads, rows: all } = rows(e, cx);
  const dom = varValues(target);
  const allowed = (r: Row): Value[] => {
    if (r.result === ANY) return dom;
    const hit = dom.find((x) => Object.is(x, r.result));
    return hit === undefined ? dom : [hit];
  };
  const table = all.map((r) => ({ r, vs: allowed(r) }));
  if (table.every((t) => t.vs.length === dom.length)) return 'TRUE';
  if (reads.length === 0) {
    const vs = table[0].vs;
    return vs.length === 1 ? equalsValue(v, vs[0], target) : `${v} \\in {${vs.map((x) => tlaValue(x, target)).join(', ')}}`;
  }
  // Rows that pin the value: v equals a function of the reads; others leave it free.
  const pinned = table.filter((t) => t.vs.length === 1);
  const free = table.filter((t) => t.vs.length !== 1);
  const lhs = tuple(reads.map(cx.cur));
  const fn = `CASE ${pinned.map((t) => `${lhs} = ${readValues(t.r, reads, cx)} -> ${tlaValue(t.vs[0], target)}`).join(' [] ')}`;
  if (free.length === 0) return `${v} = (${fn})`;
  const freeRows = membership(reads, all, free.map((t) => t.r), cx);
  return `(${freeRows}) \\/ ${v} = (${fn})`;
}

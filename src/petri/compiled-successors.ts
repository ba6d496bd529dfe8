/**
 * Compiles a net's successor enumeration (for one {@link MarkingLayout}) into straight-line
 * JavaScript: the packed words are held in locals, each transition's tests are inlined
 * comparisons of constant-shifted fields, and firing writes `word + constant` per word. This
 * removes the per-transition loops over arc tables from the hot path of
 * {@link PetriSystem.successorsInto}.
 *
 * The generated function takes only numbers from the net (indices, shifts, masks, weights, deltas)
 * — no name or other text of the model reaches the source, so there is nothing to inject.
 * It enumerates exactly like the generic loop (same order, same tests, same LayoutOverflow): the
 * source transitions first, then by word, by place in layout order (skipping unmarked sentinels),
 * then by the sentinel's transition list. Nets whose compiled code would be large (many
 * transitions or words) are not compiled: the caller keeps the generic loop, which V8 optimises
 * better than a function too large for its optimising compiler.
 */
import type { FiringTables } from './firing-tables.js';
import type { MarkingLayout } from './layout.js';

/** `successorsInto` without `this`: see {@link PetriSystem.successorsInto}. */
export type SuccessorsInto = (src: Uint32Array, off: number, out: Uint32Array, outOffset: number, actions: Int32Array) => number;

/** Builds the error to throw when firing `t` would take the field at (word, shift) `excess` past its maximum. */
export type OverflowFactory = (t: number, word: number, shift: number, excess: number) => Error;

/** The order in which transitions are tried (see {@link PetriSystem}). */
export interface SentinelIndex {
  readonly sources: Int32Array;
  readonly sentinelStart: Int32Array;
  readonly sentinelList: Int32Array;
}

/** Limits beyond which compiling is not worth it (code size). */
const MAX_TRANSITIONS = 1500;
const MAX_WORDS = 32;
// V8 does not optimise functions beyond ~60 KB of bytecode; measured: 73 K chars of source ran 2× slower than the loop.
const MAX_SOURCE_CHARS = 30_000;

/** Compiles the enumeration, or returns undefined when the net is too large to compile well. */
export function compileSuccessors(layout: MarkingLayout, tables: FiringTables, index: SentinelIndex, overflow: OverflowFactory): SuccessorsInto | undefined {
  const W = layout.words;
  const T = tables.preStart.length - 1;
  if (T > MAX_TRANSITIONS || W > MAX_WORDS) return undefined;
  const { tests } = tables;
  const field = (i: number): string => {
    const w = tests[i];
    const shift = tests[i + 1];
    const mask = tests[i + 2];
    if (mask === -1) return `(w${w} | 0)`;
    return shift === 0 ? `(w${w} & ${mask})` : `((w${w} >>> ${shift}) & ${mask})`;
  };
  const fire = (t: number): string => {
    const conds: string[] = [];
    for (let i = tables.preStart[t]; i < tables.upperStart[t]; i += 4) conds.push(`${field(i)} >= ${tests[i + 3]}`);
    for (let i = tables.upperStart[t]; i < tables.overflowStart[t]; i += 4) conds.push(`${field(i)} <= ${tests[i + 3]}`);
    const body: string[] = [];
    for (let i = tables.overflowStart[t]; i < tables.preStart[t + 1]; i += 4) {
      body.push(`if (${field(i)} > ${tests[i + 3]}) throw overflow(${t}, ${tests[i]}, ${tests[i + 1]}, ${field(i)} - ${tests[i + 3]});`);
    }
    for (let w = 0; w < W; w++) {
      const d = tables.wordDelta[t * W + w];
      body.push(`out[o + ${w}] = ${d === 0 ? `w${w}` : `w${w} + ${d}`};`);
    }
    body.push(`o += ${W};`, `actions[n++] = ${t};`);
    const inner = body.join(' ');
    return conds.length === 0 ? `{ ${inner} }\n` : `if (${conds.join(' && ')}) { ${inner} }\n`;
  };
  let code = '';
  for (let w = 0; w < W; w++) code += `const w${w} = src[off + ${w}];\n`;
  code += 'let n = 0;\nlet o = outOffset;\n';
  for (const t of index.sources) code += fire(t);
  const { sentinelStart, sentinelList } = index;
  for (let w = 0; w < W; w++) {
    let wordCode = '';
    for (const p of layout.placesOfWord[w]) {
      if (sentinelStart[p] === sentinelStart[p + 1]) continue;
      const mask = layout.mask[p];
      const shift = layout.shift[p];
      const f = mask === -1 ? `w${w}` : shift === 0 ? `(w${w} & ${mask})` : `((w${w} >>> ${shift}) & ${mask})`;
      wordCode += `if (${f} !== 0) {\n`;
      for (let j = sentinelStart[p]; j < sentinelStart[p + 1]; j++) wordCode += fire(sentinelList[j]);
      wordCode += '}\n';
    }
    if (wordCode !== '') code += `if (w${w} !== 0) {\n${wordCode}}\n`;
    if (code.length > MAX_SOURCE_CHARS) return undefined;
  }
  code += 'return n;\n';
  const make = new Function('overflow', `return function successorsInto(src, off, out, outOffset, actions) {\n${code}};`) as (o: OverflowFactory) => SuccessorsInto;
  return make(overflow);
}

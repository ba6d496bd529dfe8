/**
 * Output of property outcomes: MCC's line format (`FORMULA <id> TRUE TECHNIQUES …`), with a
 * human explanation and trace under each line in text mode, or JSON records.
 */
import type { TransitionSystem } from '../../core/index.js';
import { renderTrace, traceJson } from '../render-trace.js';
import type { PropertyOutcome } from './run.js';

export function mccAnswer(a: PropertyOutcome['answer']): string {
  if (a === undefined) return 'CANNOT_COMPUTE';
  if (typeof a === 'number') return String(a);
  return a ? 'TRUE' : 'FALSE';
}

/** One `FORMULA` line per outcome; with `explain`, the explanation and the trace below it. */
export function renderOutcomes(system: TransitionSystem, outcomes: readonly PropertyOutcome[], explain: boolean): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    lines.push(`FORMULA ${o.id} ${mccAnswer(o.answer)}${o.answer === undefined ? '' : ` TECHNIQUES ${o.technique}`}`);
    if (!explain && o.answer !== undefined) continue;
    if (o.explanation) lines.push(`  ${o.explanation}`);
    if (explain && o.trace) lines.push(renderTrace(system, o.trace));
  }
  return lines.join('\n');
}

export function outcomesJson(system: TransitionSystem, outcomes: readonly PropertyOutcome[]): unknown[] {
  return outcomes.map((o) => ({
    id: o.id,
    answer: mccAnswer(o.answer),
    technique: o.technique,
    explanation: o.explanation,
    trace: o.trace && traceJson(system, o.trace),
  }));
}

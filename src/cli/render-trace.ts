/**
 * Human rendering of a counterexample or witness: numbered steps naming the action fired and
 * the state reached, plus the action path (`0/3/1`) that `--path` style tools accept back.
 */
import { type Trace, type TransitionSystem, formatActionPath, replayTrace } from '../core/index.js';

const MAX_STATE_CHARS = 160;

/** Renders `trace` on `system`, indented by `indent`. Replays it, so a bad trace cannot print. */
export function renderTrace(system: TransitionSystem, trace: Trace, indent = '    '): string {
  const states = replayTrace(system, trace);
  const lines = [`${indent}action path ${formatActionPath(trace)} (${trace.actions.length} step${trace.actions.length === 1 ? '' : 's'})`];
  lines.push(`${indent}0. initial: ${clip(system.formatState(states[0], 0))}`);
  trace.actions.forEach((a, i) => {
    lines.push(`${indent}${i + 1}. ${system.actionName(a)} → ${clip(system.formatState(states[i + 1], 0))}`);
  });
  if (trace.loopStart !== undefined) {
    lines.push(trace.loopStart >= trace.actions.length
      ? `${indent}   … and the last state repeats forever (no action is enabled: deadlock)`
      : `${indent}   … then steps ${trace.loopStart + 1}–${trace.actions.length} repeat forever (back to the state after step ${trace.loopStart})`);
  }
  return lines.join('\n');
}

/** The trace as JSON data: action ids and names. */
export function traceJson(system: TransitionSystem, trace: Trace): { initial: number; actions: number[]; names: string[]; path: string; loopStart?: number } {
  return { initial: trace.initial, actions: [...trace.actions], names: trace.actions.map((a) => system.actionName(a)), path: formatActionPath(trace), loopStart: trace.loopStart };
}

function clip(s: string): string {
  return s.length <= MAX_STATE_CHARS ? s : `${s.slice(0, MAX_STATE_CHARS - 1)}…`;
}

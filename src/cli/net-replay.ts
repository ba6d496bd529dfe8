/**
 * `wfverify net FILE --replay 0/3/1`: replays an action path (as printed under every trace)
 * on the net and prints each step with the marking reached, so a counterexample can be
 * re-examined, shared and checked later. A path that does not replay is bad input (exit 2),
 * with the failing step and the marking where it failed.
 */
import { ExitCode, InputError, formatActionPath, parseActionPath, tryReplay } from '../core/index.js';
import { type PetriNet, PetriSystem } from '../petri/index.js';
import { renderTrace, traceJson } from './render-trace.js';

export function replayNetPath(net: PetriNet, path: string, format: 'text' | 'json'): ExitCode {
  const trace = parseActionPath(path);
  if (trace === undefined) throw new InputError('WFV1401', `invalid action path '${path}'`, { hint: 'an action path is the initial-state index and the action ids, separated by "/", e.g. 0/3/1' });
  const system = new PetriSystem(net);
  const r = tryReplay(system, trace);
  if (r.failedStep !== undefined) {
    const at = r.states.length > 0 ? ` in marking [${system.formatState(r.states[r.states.length - 1], 0)}]` : '';
    throw new InputError('WFV1402', `action path ${formatActionPath(trace)} does not replay on ${net.name}: step ${r.failedStep}: ${r.reason}${at}`);
  }
  const out = format === 'json'
    ? JSON.stringify({ formatVersion: 1, net: net.name, replay: traceJson(system, trace), markings: r.states.map((s) => system.formatState(s, 0)) }, null, 2)
    : `replay on ${net.name}:\n${renderTrace(system, trace)}`;
  process.stdout.write(`${out}\n`);
  return ExitCode.Holds;
}

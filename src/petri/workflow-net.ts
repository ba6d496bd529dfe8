/**
 * Workflow-net recognition (van der Aalst): exactly one source place `i` (no transition puts
 * tokens in it), exactly one sink place `o` (no transition takes tokens from it), and every
 * place and transition lies on a path from `i` to `o`.
 */
import type { PetriNet } from './net.js';
import { placeAdjacency } from './net.js';

export type WorkflowNetShape =
  | { readonly ok: true; readonly source: number; readonly sink: number }
  /** Not a workflow net; `source`/`sink` are set when the net has exactly one of each. */
  | { readonly ok: false; readonly reason: string; readonly source?: number; readonly sink?: number };

export function recogniseWorkflowNet(net: PetriNet): WorkflowNetShape {
  const { consumers, producers } = placeAdjacency(net);
  const P = net.places.length;
  const sources = [...Array(P).keys()].filter((p) => producers[p].length === 0);
  const sinks = [...Array(P).keys()].filter((p) => consumers[p].length === 0);
  const names = (ps: number[]) => ps.map((p) => net.places[p].name).join(', ');
  if (sources.length !== 1) return { ok: false, reason: sources.length === 0 ? 'no source place (every place has an input transition)' : `${sources.length} source places: ${names(sources)}` };
  if (sinks.length !== 1) return { ok: false, reason: sinks.length === 0 ? 'no sink place (every place has an output transition)' : `${sinks.length} sink places: ${names(sinks)}` };
  const source = sources[0];
  const sink = sinks[0];
  if (source === sink) return { ok: false, reason: `place ${net.places[source].name} is both source and sink` };
  const transitionless = net.transitions.findIndex((t) => t.pre.length === 0 || t.post.length === 0);
  if (transitionless >= 0) {
    return { ok: false, source, sink, reason: `transition ${net.transitions[transitionless].name} has no ${net.transitions[transitionless].pre.length === 0 ? 'input' : 'output'} place` };
  }
  // Forward reachability from i and backward reachability from o over the net's arcs.
  const fwd = reach(net, source, true);
  const bwd = reach(net, sink, false);
  for (let p = 0; p < P; p++) {
    if (!fwd.places[p] || !bwd.places[p]) return { ok: false, source, sink, reason: `place ${net.places[p].name} is not on a path from ${net.places[source].name} to ${net.places[sink].name}` };
  }
  for (let t = 0; t < net.transitions.length; t++) {
    if (!fwd.transitions[t] || !bwd.transitions[t]) return { ok: false, source, sink, reason: `transition ${net.transitions[t].name} is not on a path from ${net.places[source].name} to ${net.places[sink].name}` };
  }
  return { ok: true, source, sink };
}

function reach(net: PetriNet, start: number, forward: boolean): { places: Uint8Array; transitions: Uint8Array } {
  const { consumers, producers } = placeAdjacency(net);
  const places = new Uint8Array(net.places.length);
  const transitions = new Uint8Array(net.transitions.length);
  const queue = [start];
  places[start] = 1;
  while (queue.length > 0) {
    const p = queue.pop() as number;
    for (const t of forward ? consumers[p] : producers[p]) {
      if (transitions[t]) continue;
      transitions[t] = 1;
      for (const a of forward ? net.transitions[t].post : net.transitions[t].pre) {
        if (!places[a.place]) {
          places[a.place] = 1;
          queue.push(a.place);
        }
      }
    }
  }
  return { places, transitions };
}

/**
 * Classical soundness of workflow nets (van der Aalst), checked on the reachability graph from
 * the marking [i]:
 *
 * 1. option to complete — from every reachable marking the final marking [o] is reachable;
 * 2. proper completion — every reachable marking with a token in `o` is exactly [o];
 * 3. no dead transitions — every transition fires in some reachable marking.
 *
 * A sound workflow net is bounded, so an unbounded net is unsound. Unboundedness is detected
 * during exploration: a marking that strictly covers an ancestor on its own firing sequence can
 * be pumped forever (monotonicity; valid for nets without inhibitor arcs or capacities — for
 * those the check is skipped and a bound may end the run inconclusive).
 */
import { type Exploration, type ProgressInfo, type RunBounds, StateGraph, type Trace, ensureInt32, explore, traceTo } from '../core/index.js';
import type { PetriNet } from './net.js';
import { PetriSystem } from './semantics.js';
import { structuralPlaceBounds } from './structural/sizing.js';
import { recogniseWorkflowNet } from './workflow-net.js';
import type { WorkflowNetShape } from './workflow-net.js';

export type SoundnessCondition = 'workflow-net' | 'bounded' | 'option-to-complete' | 'proper-completion' | 'no-dead-transitions';

export interface SoundnessFailure {
  readonly condition: SoundnessCondition;
  readonly explanation: string;
  /** A shortest firing sequence from [i] to a marking that shows the failure. */
  readonly trace?: Trace;
}

export interface SoundnessReport {
  readonly shape: WorkflowNetShape;
  /** undefined when a bound was hit before the answer was known. */
  readonly sound: boolean | undefined;
  readonly failures: readonly SoundnessFailure[];
  readonly exploration?: Exploration;
  readonly system?: PetriSystem;
  /** Set when the run was inconclusive. */
  readonly inconclusive?: string;
}

export interface SoundnessOptions {
  readonly bounds?: Partial<RunBounds>;
  readonly onProgress?: (p: ProgressInfo) => void;
}

export function checkSoundness(net: PetriNet, options: SoundnessOptions = {}): SoundnessReport {
  const shape = recogniseWorkflowNet(net);
  const structural: SoundnessFailure[] = shape.ok ? [] : [{ condition: 'workflow-net', explanation: `not a workflow net: ${shape.reason}` }];
  // With a unique source and sink the behaviour from [i] is still checked, so that the
  // diagnosis names every failing condition, not only the structural one.
  if (shape.source === undefined || shape.sink === undefined) return { shape, sound: false, failures: structural };
  const { source, sink } = shape;
  const start: PetriNet = { ...net, places: net.places.map((p, i) => ({ ...p, initial: i === source ? 1 : 0 })) };
  const system = new PetriSystem(start, { placeBounds: structuralPlaceBounds(start) });
  const P = net.places.length;
  const monotone = net.transitions.every((t) => t.inhibitors.length === 0) && net.places.every((p) => p.capacity === undefined);
  let parents: Int32Array = new Int32Array(1024);
  let pumped = -1;
  const x = explore(system, {
    bounds: options.bounds,
    onProgress: options.onProgress,
    recordEdges: true,
    onState: monotone
      ? (id, arena, offset, parent) => {
          parents = ensureInt32(parents, id);
          parents[id] = parent;
          for (let a = parent; a >= 0; a = parents[a]) {
            if (strictlyCovers(system, arena, offset, a, P)) {
              pumped = id;
              return true;
            }
          }
          return false;
        }
      : undefined,
  });
  if (pumped >= 0) {
    return {
      shape, sound: false, exploration: x, system,
      failures: [...structural, { condition: 'bounded', trace: traceTo(x, pumped), explanation: 'the net is unbounded: the last marking of the trace strictly covers an earlier one, so the sequence between them can repeat forever (either option to complete or proper completion fails)' }],
    };
  }
  if (x.status !== 'complete') {
    if (structural.length > 0) return { shape, sound: false, failures: structural, exploration: x, system };
    return { shape, sound: undefined, failures: [], exploration: x, system, inconclusive: `exploration ended ${x.status} (${x.bound ?? 'stopped'} bound)` };
  }
  const behaviour = judge(net, system, x, sink);
  return { shape, exploration: x, system, sound: structural.length === 0 && behaviour.sound, failures: [...structural, ...behaviour.failures] };
}

function strictlyCovers(system: PetriSystem, arena: Uint32Array, offset: number, ancestor: number, P: number): boolean {
  const L = system.layout;
  const aOff = ancestor * L.words;
  let strict = false;
  for (let p = 0; p < P; p++) {
    const now = L.read(arena, offset, p);
    const then = L.read(arena, aOff, p);
    if (now < then) return false;
    if (now > then) strict = true;
  }
  return strict;
}

function judge(net: PetriNet, system: PetriSystem, x: Exploration, sink: number): { sound: boolean; failures: SoundnessFailure[] } {
  const failures: SoundnessFailure[] = [];
  const L = system.layout;
  const finalMarking = L.pack(net.places.map((_, i) => (i === sink ? 1 : 0)));
  const final = x.store.find(finalMarking);
  const g = StateGraph.fromExploration(x);
  const n = g.stateCount;
  // 1. Option to complete: backward reachability from [o].
  const canComplete = new Uint8Array(n);
  if (final >= 0) {
    const { offsets, sources } = g.predecessors();
    const queue = [final];
    canComplete[final] = 1;
    while (queue.length > 0) {
      const s = queue.pop() as number;
      for (let k = offsets[s]; k < offsets[s + 1]; k++) {
        if (!canComplete[sources[k]]) {
          canComplete[sources[k]] = 1;
          queue.push(sources[k]);
        }
      }
    }
  }
  const stuck = canComplete.indexOf(0);
  if (stuck >= 0) {
    const what = final < 0 ? `the final marking [${net.places[sink].name}] is unreachable` : `from the marking [${system.formatState(x.store.arena, x.store.offsetOf(stuck))}] the final marking [${net.places[sink].name}] cannot be reached`;
    failures.push({ condition: 'option-to-complete', trace: traceTo(x, stuck), explanation: what });
  }
  // 2. Proper completion: a token in o means exactly [o].
  for (let s = 0; s < n; s++) {
    if (s !== final && L.read(x.store.arena, x.store.offsetOf(s), sink) > 0) {
      failures.push({ condition: 'proper-completion', trace: traceTo(x, s), explanation: `marking [${system.formatState(x.store.arena, x.store.offsetOf(s))}] has a token in ${net.places[sink].name} but is not the final marking` });
      break;
    }
  }
  // 3. No dead transitions.
  const fired = new Uint8Array(net.transitions.length);
  for (let e = 0; e < g.succActions.length; e++) fired[g.succActions[e]] = 1;
  const dead = [...fired.keys()].filter((t) => fired[t] === 0);
  if (dead.length > 0) failures.push({ condition: 'no-dead-transitions', explanation: `dead transitions: ${dead.map((t) => net.transitions[t].name).join(', ')}` });
  return { sound: failures.length === 0, failures };
}

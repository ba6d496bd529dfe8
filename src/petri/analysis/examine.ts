/**
 * Answers any set of MCC examinations with one breadth-first exploration of the net.
 *
 * Per-place figures are maintained incrementally: a marking differs from its BFS parent only in
 * the places the fired transition changes, so only those fields are read per new state. The run
 * stops early once every requested answer is known (e.g. the first deadlock for
 * `ReachabilityDeadlock` alone — BFS order makes its trace a shortest one). Liveness needs the
 * complete reachability graph: it records edges and checks that every transition fires inside
 * every bottom strongly connected component.
 */
import { type Exploration, type ExploreOptions, type ProgressInfo, type RunBounds, explore, exploreLevels, traceTo } from '../../core/index.js';
import type { PetriNet } from '../net.js';
import { PetriSystem } from '../semantics.js';
import { structuralPlaceBounds } from '../structural/sizing.js';
import type { Examination, GlobalAnswer, StateSpaceFigures } from './examinations.js';
import { liveness } from './liveness.js';
import { TokenObserver } from './token-observer.js';

export interface ExamineOptions {
  readonly bounds?: Partial<RunBounds>;
  readonly onProgress?: (p: ProgressInfo) => void;
  /** Sound per-place bounds to size the packing; default: from P-semiflows under a small budget. */
  readonly placeBounds?: readonly (number | undefined)[];
}

export interface NetReport {
  readonly exploration: Exploration;
  readonly system: PetriSystem;
  /** Present when requested and the exploration was complete. */
  readonly stateSpace?: StateSpaceFigures;
  readonly answers: readonly GlobalAnswer[];
}

export function examineNet(net: PetriNet, examinations: ReadonlySet<Examination>, options: ExamineOptions = {}): NetReport {
  const system = new PetriSystem(net, { placeBounds: options.placeBounds ?? structuralPlaceBounds(net) });
  const want = (e: Examination) => examinations.has(e);
  const needsFull = want('StateSpace') || want('Liveness');
  const T = net.transitions.length;
  const fast = want('StateSpace') && !want('Liveness') && !want('QuasiLiveness');
  let tokens = new TokenObserver(system, want('StateSpace') && !fast);
  const fired = new Uint8Array(T);
  let firedCount = 0;
  let deadlock = -1;
  let unsafeState = -1;

  const decided = (): boolean =>
    !needsFull &&
    (!want('ReachabilityDeadlock') || deadlock >= 0) &&
    (!want('OneSafe') || unsafeState >= 0) &&
    (!want('QuasiLiveness') || firedCount === T) &&
    (!want('StableMarking') || tokens.variedCount === net.places.length);

  const hooks: ExploreOptions = {
    bounds: options.bounds,
    onProgress: options.onProgress,
    recordEdges: want('Liveness'),
    onState: (id, arena, offset, parent, action) => {
      tokens.observe(id, arena, offset, parent, action);
      if (unsafeState < 0 && tokens.maxInPlace > 1) {
        unsafeState = id;
        return decided();
      }
      return tokens.variedCount === net.places.length && want('StableMarking') ? decided() : false;
    },
    onEdge:
      want('QuasiLiveness')
        ? (_from, action) => {
            if (fired[action] === 0) {
              fired[action] = 1;
              if (++firedCount === T) return decided();
            }
            return false;
          }
        : undefined,
    onDeadlock: (id) => {
      if (deadlock < 0) deadlock = id;
      return decided();
    },
    onRestart: () => {
      tokens = new TokenObserver(system, want('StateSpace') && !fast);
      fired.fill(0);
      firedCount = 0;
      deadlock = -1;
      unsafeState = -1;
    },
  };
  // The full state space without per-edge answers: the level-synchronous fast path, with the
  // per-state figures read off the stored markings afterwards (ids are in BFS level order, so the
  // first deadlock / unsafe marking found is at the smallest depth and its trace is shortest).
  let x: Exploration;
  if (fast) {
    const lx = exploreLevels(system, { bounds: options.bounds, onProgress: options.onProgress, onRestart: hooks.onRestart });
    x = lx;
    deadlock = lx.firstDeadlock;
    unsafeState = tokens.observeAll(lx.store.arena, lx.store.words, lx.store.size);
  } else x = explore(system, hooks);
  const complete = x.status === 'complete';
  const answers: GlobalAnswer[] = [];
  const name = (t: number) => net.transitions[t].name;

  if (want('ReachabilityDeadlock')) {
    if (deadlock >= 0) answers.push({ examination: 'ReachabilityDeadlock', answer: true, trace: traceTo(x, deadlock), explanation: `deadlock: ${system.formatState(x.store.arena, x.store.offsetOf(deadlock))}` });
    else answers.push({ examination: 'ReachabilityDeadlock', answer: complete ? false : undefined, explanation: complete ? 'every reachable marking enables a transition' : 'no deadlock found before the bound' });
  }
  if (want('OneSafe')) {
    if (unsafeState >= 0) {
      const place = tokens.firstPlaceAbove(x.store.arena, x.store.offsetOf(unsafeState), 1);
      answers.push({ examination: 'OneSafe', answer: false, trace: traceTo(x, unsafeState), explanation: `place ${net.places[place].name} holds ${system.layout.read(x.store.arena, x.store.offsetOf(unsafeState), place)} tokens` });
    } else answers.push({ examination: 'OneSafe', answer: complete ? true : undefined, explanation: complete ? 'no place ever holds more than one token' : 'no unsafe marking found before the bound' });
  }
  if (want('QuasiLiveness')) {
    const dead = [...fired.keys()].filter((t) => fired[t] === 0);
    if (dead.length === 0) answers.push({ examination: 'QuasiLiveness', answer: true, explanation: 'every transition fires in some reachable marking' });
    else answers.push({ examination: 'QuasiLiveness', answer: complete ? false : undefined, explanation: complete ? `dead transitions: ${dead.map(name).join(', ')}` : `${dead.length} transitions not seen firing before the bound` });
  }
  if (want('StableMarking')) {
    const stable = tokens.stablePlaces();
    if (tokens.variedCount === net.places.length) answers.push({ examination: 'StableMarking', answer: false, explanation: 'every place changes its token count' });
    else answers.push({ examination: 'StableMarking', answer: complete ? true : undefined, explanation: complete ? `constant places: ${stable.slice(0, 10).map((p) => net.places[p].name).join(', ')}${stable.length > 10 ? ', …' : ''}` : 'not every place was seen to change before the bound' });
  }
  if (want('Liveness')) answers.push(complete ? liveness(x, (t) => name(t)) : { examination: 'Liveness', answer: undefined, explanation: 'liveness needs the complete reachability graph' });
  const stateSpace: StateSpaceFigures | undefined =
    want('StateSpace') && complete
      ? { states: x.stats.states, transitions: x.stats.transitions, maxTokenInPlace: tokens.maxInPlace, maxTokenPerMarking: tokens.maxPerMarking }
      : undefined;
  return { exploration: x, system, stateSpace, answers };
}

/**
 * Checks a list of properties on a P/T net: one exploration answers every reachability and
 * UpperBounds property on the fly (and records the graph once when CTL properties need it);
 * each LTL property runs its own on-the-fly product. Outcomes carry MCC-style answers, a
 * replayable trace where one exists, and the technique used.
 */
import { type Exploration, InputError, type TransitionSystem, type ProgressInfo, type RunBounds, StateGraph, type Trace, explore, traceTo } from '../../core/index.js';
import { checkCtl, checkCtlPartial, partialGraph } from '../../ctl/index.js';
import { type AtomBinding, type Formula, type StateInteger, type StatePredicate, compileStateInteger, compileStatePredicate } from '../../logic/index.js';
import { checkLtl } from '../../ltl/index.js';
import { type PetriNet, PetriSystem, structuralPlaceBounds } from '../../petri/index.js';
import { petriBinding } from '../petri-binding.js';
import { netFacts } from './net-facts.js';
import { type NamedProperty, type PlannedProperty, planProperty } from './plan.js';
import { answerByHeuristicSearch } from './heuristic.js';
import { answerByPumpedRun } from './pumping.js';
import { answerByRealisedWitness, answerFromFacts } from './smt-fallback.js';

/**
 * How runs that end in a deadlock are read, by logic. The defaults are the Model Checking
 * Contest's, measured against its oracles (docs/formulas.md): CTL quantifies over maximal paths
 * (a finite path ending in a deadlock is a path; `EX φ` is false and `AX φ` true at a deadlock),
 * LTL lets a deadlocked run repeat its last state forever.
 */
export interface DeadlockSemantics {
  readonly ctl: 'stutter' | 'finite';
  readonly ltl: 'stutter' | 'finite';
}
export const MCC_DEADLOCK_SEMANTICS: DeadlockSemantics = { ctl: 'finite', ltl: 'stutter' };

export interface PropertyOutcome {
  readonly id: string;
  /** TRUE/FALSE, an integer (UpperBounds), or undefined when inconclusive or unsupported. */
  readonly answer: boolean | number | undefined;
  readonly technique: string;
  readonly explanation?: string;
  readonly trace?: Trace;
}

export interface PropertiesOptions {
  readonly file: string;
  readonly bounds?: Partial<RunBounds>;
  readonly onProgress?: (p: ProgressInfo) => void;
  readonly deadlockSemantics?: DeadlockSemantics;
  /** Report unsupported properties as undecided outcomes instead of failing (MCC files). */
  readonly tolerateUnsupported?: boolean;
  /** Fairness constraints for CTL properties (fair paths visit each infinitely often). */
  readonly ctlFairness?: readonly Formula[];
  /**
   * P/T nets only: retry properties left inconclusive by a bound — pumped runs for `E G`/`A F`,
   * the state equation, traps and k-induction (z3; docs/smt.md), best-first search for
   * reachability witnesses — within this wall-clock budget for the whole run. Default 60 s; 0
   * turns the fallback off. Not used with {@link ctlFairness}.
   */
  readonly smtBudgetMs?: number;
  /**
   * A complete exploration of the same system with its edges recorded (as `wfverify check`
   * makes for its built-in checks): reachability, UpperBounds and CTL properties are then
   * answered on it instead of exploring again. Ignored unless complete with edges.
   */
  readonly exploration?: Exploration;
}

export interface SystemPropertiesReport {
  readonly outcomes: readonly PropertyOutcome[];
  readonly exploration?: Exploration;
}

export interface PropertiesReport extends SystemPropertiesReport {
  readonly system: PetriSystem;
}

/**
 * Checks `props` on `net` explicitly; properties a bound left inconclusive then get the
 * fallbacks, in this order (explicit answers always come first and are never revised):
 * a pumped infinite run (`E G ψ` / `A F φ`), folding with facts proven by the state equation,
 * traps and k-induction, a best-first search for a reachability witness, and a realised
 * state-equation solution. Each answers only with a proof or a trace that replays.
 */
export function checkNetProperties(net: PetriNet, props: readonly NamedProperty[], o: PropertiesOptions): PropertiesReport {
  const system = new PetriSystem(net, { placeBounds: structuralPlaceBounds(net) });
  const binding = petriBinding(system, o.file);
  const r = checkSystemProperties(system, binding, props, o);
  const budget = o.smtBudgetMs ?? 60_000;
  const retry = r.outcomes.some((x) => isBoundInconclusive(x));
  // Folding assumes every state has a path (E ⊤ ≡ ⊤); under fairness constraints it may have none.
  if (budget <= 0 || !retry || (o.ctlFairness?.length ?? 0) > 0) return { ...r, system };
  const deadline = Date.now() + budget;
  const facts = netFacts(system, binding, { deadline });
  const outcomes = r.outcomes.map((x, i) => {
    const f = props[i].formula;
    if (!isBoundInconclusive(x) || f.kind === 'bound') return x;
    const pumped = answerByPumpedRun(x, f, system, { deadline: Math.min(deadline, Date.now() + 10_000) });
    if (pumped.answer !== undefined) return pumped;
    facts.begin();
    const folded = answerFromFacts(x, f, facts);
    if (folded.answer !== undefined) return folded;
    const searched = answerByHeuristicSearch(folded, f, system, binding, { maxStates: o.bounds?.maxStates ?? 1_000_000, timeoutMs: Math.min(10_000, deadline - Date.now()) });
    if (searched.answer !== undefined) return searched;
    return answerByRealisedWitness(searched, f, system, binding, Math.min(10_000, deadline - Date.now()));
  });
  return { ...r, outcomes, system };
}

/** Left undecided by a bound of the explicit search (not unsupported). */
function isBoundInconclusive(x: PropertyOutcome): boolean {
  return x.answer === undefined && x.technique !== 'UNSUPPORTED';
}

/**
 * {@link checkNetProperties} for any transition system: the frontend supplies the system and the
 * binding of its atoms (workflow models use it with their own event and data atoms).
 */
export function checkSystemProperties(system: TransitionSystem, binding: AtomBinding, props: readonly NamedProperty[], o: PropertiesOptions): SystemPropertiesReport {
  const semantics = o.deadlockSemantics ?? MCC_DEADLOCK_SEMANTICS;
  const outcomes = new Map<string, PropertyOutcome>();
  const plans: PlannedProperty[] = [];
  for (const p of props) {
    try {
      plans.push(planProperty(p, o.file));
    } catch (e) {
      if (!(o.tolerateUnsupported && e instanceof InputError)) throw e;
      outcomes.set(p.id, { id: p.id, answer: undefined, technique: 'UNSUPPORTED', explanation: e.message });
    }
  }
  const reach = plans.filter((p) => p.kind === 'reach').map((p) => ({ plan: p, pred: compileStatePredicate(p.body, binding), hit: -1 }));
  const bounds = plans.filter((p) => p.kind === 'bound').map((p) => ({ plan: p, value: compileStateInteger({ kind: 'tokens', places: p.query.places }, binding), max: -1 }));
  const ctl = plans.filter((p) => p.kind === 'ctl');
  let exploration: Exploration | undefined;
  if (reach.length + bounds.length + ctl.length > 0) {
    exploration = o.exploration?.status === 'complete' && o.exploration.edges !== undefined && o.exploration.system === system ? scanOnce(o.exploration, reach, bounds) : exploreOnce(system, reach, bounds, ctl.length > 0, o);
    const complete = exploration.status === 'complete';
    for (const r of reach) outcomes.set(r.plan.id, reachOutcome(r, exploration, complete));
    for (const b of bounds) {
      outcomes.set(b.plan.id, complete ? { id: b.plan.id, answer: b.max, technique: 'EXPLICIT' } : { id: b.plan.id, answer: undefined, technique: 'EXPLICIT', explanation: `inconclusive: ${exploration.bound} bound hit (largest value seen: ${b.max})` });
    }
    if (ctl.length > 0) {
      const graph = complete ? StateGraph.fromExploration(exploration) : undefined;
      for (const p of ctl) outcomes.set(p.id, graph ? ctlOutcome(p, graph, exploration, binding, semantics, o.ctlFairness) : partialCtlOutcome(p, exploration, binding, semantics, o.ctlFairness));
    }
  }
  for (const p of plans) {
    if (p.kind !== 'ltl') continue;
    const r = checkLtl(system, p.formula, (atomic: Formula) => compileStatePredicate(atomic, binding), { bounds: o.bounds, deadlockSemantics: semantics.ltl, onProgress: o.onProgress });
    outcomes.set(p.id, {
      id: p.id,
      answer: r.status === 'inconclusive' ? undefined : r.status === 'holds',
      technique: 'EXPLICIT LTL_NFA',
      trace: r.counterexample,
      explanation: r.status === 'inconclusive' ? `inconclusive: ${r.bound} bound hit after ${r.stats.productStates} product states` : `${r.stats.productStates} product states, ${r.automatonStates} automaton states`,
    });
  }
  return { exploration, outcomes: props.map((p) => outcomes.get(p.id) as PropertyOutcome) };
}

type ReachItem = { plan: Extract<PlannedProperty, { kind: 'reach' }>; pred: StatePredicate; hit: number };
type BoundItem = { plan: Extract<PlannedProperty, { kind: 'bound' }>; value: StateInteger; max: number };

function exploreOnce(system: TransitionSystem, reach: ReachItem[], bounds: BoundItem[], needGraph: boolean, o: PropertiesOptions): Exploration {
  const canStopEarly = !needGraph && bounds.length === 0;
  let undecided = reach.length;
  return explore(system, {
    bounds: o.bounds,
    onProgress: o.onProgress,
    recordEdges: needGraph,
    onRestart: () => {
      for (const r of reach) r.hit = -1;
      for (const b of bounds) b.max = -1;
      undecided = reach.length;
    },
    onState: (id, arena, offset) => {
      for (const b of bounds) {
        const v = b.value(arena, offset);
        if (v > b.max) b.max = v;
      }
      for (const r of reach) {
        if (r.hit < 0 && r.pred(arena, offset) === (r.plan.mode === 'EF')) {
          r.hit = id;
          undecided--;
        }
      }
      return canStopEarly && undecided === 0;
    },
  });
}

/**
 * The on-the-fly updates of {@link exploreOnce} over the states of a finished exploration, in id
 * (BFS) order: the first hit of a reachability property is a state at least as shallow as any
 * other, so its trace is a shortest one, as on the fly.
 */
function scanOnce(x: Exploration, reach: ReachItem[], bounds: BoundItem[]): Exploration {
  const store = x.store;
  for (let id = 0; id < store.size; id++) {
    const offset = store.offsetOf(id);
    for (const b of bounds) {
      const v = b.value(store.arena, offset);
      if (v > b.max) b.max = v;
    }
    for (const r of reach) if (r.hit < 0 && r.pred(store.arena, offset) === (r.plan.mode === 'EF')) r.hit = id;
  }
  return x;
}

function reachOutcome(r: ReachItem, x: Exploration, complete: boolean): PropertyOutcome {
  const ef = r.plan.mode === 'EF';
  if (r.hit >= 0) {
    return { id: r.plan.id, answer: ef, technique: 'EXPLICIT SEQUENTIAL_PROCESSING', trace: traceTo(x, r.hit), explanation: ef ? 'witness: a shortest path to a marking satisfying the property' : 'counterexample: a shortest path to a marking violating the property' };
  }
  if (!complete) return { id: r.plan.id, answer: undefined, technique: 'EXPLICIT', explanation: `inconclusive: ${x.bound} bound hit before a decisive marking was found` };
  return { id: r.plan.id, answer: !ef, technique: 'EXPLICIT SEQUENTIAL_PROCESSING', explanation: ef ? 'no reachable marking satisfies it' : 'every reachable marking satisfies it' };
}

/**
 * A CTL property on the part of the graph a bound left explored (src/ctl/partial.ts): decided
 * only when no continuation of the unexplored states could change the answer; without a trace.
 */
function partialCtlOutcome(p: Extract<PlannedProperty, { kind: 'ctl' }>, x: Exploration, binding: AtomBinding, semantics: DeadlockSemantics, fairness?: readonly Formula[]): PropertyOutcome {
  const inconclusive: PropertyOutcome = { id: p.id, answer: undefined, technique: 'EXPLICIT', explanation: `inconclusive: the reachability graph is incomplete (${x.bound} bound hit)` };
  if (x.edges === undefined || (fairness !== undefined && fairness.length > 0)) return inconclusive;
  const store = x.store;
  // The last state expanded may have been cut short by the bound: it counts as unexplored too.
  const graph = partialGraph(store.size, x.initialCount, Math.max(0, x.expanded - 1), x.edges);
  const label = (atomic: Formula) => {
    const pred = compileStatePredicate(atomic, binding);
    return (s: number) => pred(store.arena, store.offsetOf(s));
  };
  const verdict = checkCtlPartial(graph, p.formula, label, semantics.ctl);
  if (verdict === 'unknown') return inconclusive;
  return {
    id: p.id, answer: verdict === 'holds', technique: 'EXPLICIT',
    explanation: `decided on the ${store.size} states explored before the ${x.bound} bound: no continuation of the unexplored states can change the answer`,
  };
}

function ctlOutcome(p: Extract<PlannedProperty, { kind: 'ctl' }>, graph: StateGraph, x: Exploration, binding: AtomBinding, semantics: DeadlockSemantics, fairness?: readonly Formula[]): PropertyOutcome {
  const store = x.store;
  const label = (atomic: Formula) => {
    const pred = compileStatePredicate(atomic, binding);
    return (s: number) => pred(store.arena, store.offsetOf(s));
  };
  const r = checkCtl(graph, p.formula, label, { deadlockSemantics: semantics.ctl, ...(fairness ? { fairness } : {}) });
  const ev = r.evidence;
  const trace: Trace | undefined = ev ? { initial: ev.initialState, actions: ev.actions, loopStart: ev.loopStart } : undefined;
  return { id: p.id, answer: r.holds, technique: 'EXPLICIT', trace, explanation: ev?.explanation };
}

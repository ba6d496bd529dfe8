/**
 * Differential test of the explicit-state kernel (`explore` on a `PetriSystem`) and of the MCC
 * examinations (`examineNet`) against a naive reference written independently here: markings are
 * plain number arrays, the seen-set is a `Map` keyed by `marking.join(',')`, and the firing rule
 * (weights, inhibitor arcs `m(p) < w`, self-loops, capacities) is re-implemented from the
 * `PetriNet` data without using anything of `src/petri/semantics.ts` or `layout.ts`.
 *
 * Random small nets come from a fast-check arbitrary (1–5 places, 0–6 transitions, weights 1–3,
 * inhibitor arcs, self-loops, initial marking 0–3), mixed with dead nets (no transition ever
 * enabled) and unbounded nets (a source transition or a net-positive transition). A second
 * arbitrary builds nets whose token counts exceed 255 to force `LayoutOverflow` and `widen`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateGraph, depthOf, explore, replayTrace, traceTo, type Exploration } from '../../src/core/index.js';
import { EXAMINATIONS, PetriSystem, examineNet, structuralPlaceBounds, type Examination, type GlobalAnswer, type PetriNet } from '../../src/petri/index.js';
import { type NetSpec, type TransitionSpec, fire, generalNet, merge, pumpedNet, toNet } from '../support/random-nets.js';

// ---------------------------------------------------------------------------------------------
// Net descriptions and arbitraries
// ---------------------------------------------------------------------------------------------

/** Dead nets: empty initial marking and every transition needs a token, so nothing ever fires. */
const deadNet: fc.Arbitrary<NetSpec> = generalNet.map((s) => ({
  initial: s.initial.map(() => 0),
  capacity: s.capacity.map(() => undefined),
  transitions: s.transitions.map((t) => (t.pre.length > 0 ? t : { ...t, pre: [{ place: 0, weight: 1 }] })),
}));

const smallNet: fc.Arbitrary<NetSpec> = fc.oneof({ weight: 6, arbitrary: generalNet }, { weight: 1, arbitrary: deadNet }, { weight: 3, arbitrary: pumpedNet });

/**
 * Nets whose token counts exceed 255 (the kernel's initial 8-bit fields). Four places — `big`
 * (0–200 initial tokens, often 0–3), `mult`, `small` (one token) and `dead` — placed at random
 * indices, so that widening `big` moves it in the layout and changes the successor order (and so
 * the state ids) of the restarted run. Transitions:
 * - a pump on `big` guarded by `big < threshold` (256–420): a token source, a source guarded by a
 *   self-loop on `small`, or a net-positive self-loop on `big` (then `big` is its sentinel);
 * - a multiplier moving tokens from `big` into `mult` with weight 2–3;
 * - optionally a "kill" firing once (`dead < 1`): `small → dead`, or `small + big → small + dead`;
 * - optionally a refill of `small` (a source guarded by `small < 1`), which leaves `small`
 *   uncovered by P-semiflows and so packed in a wide field like `big`.
 */
type Pump = 'none' | 'source' | 'guarded' | 'self';
type Kill = 'none' | 'small' | 'drain';
interface LargeShape {
  big: number;
  threshold: number;
  pumpWeight: number;
  pump: Pump;
  multiplier: number | undefined;
  kill: Kill;
  refill: boolean;
  order: number[];
}

const largeShape: fc.Arbitrary<LargeShape> = fc.record({
  big: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 200 })),
  threshold: fc.integer({ min: 256, max: 420 }),
  pumpWeight: fc.integer({ min: 1, max: 3 }),
  pump: fc.constantFrom<Pump>('none', 'source', 'guarded', 'self'),
  multiplier: fc.option(fc.integer({ min: 2, max: 3 }), { nil: undefined }),
  kill: fc.constantFrom<Kill>('none', 'small', 'drain'),
  refill: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }),
});

function largeSpec({ big, threshold, pumpWeight, pump, multiplier, kill, refill, order }: LargeShape): NetSpec {
  // order[k] is the place index of role k (0 big, 1 mult, 2 small, 3 dead).
  const [B, M, S, D] = order;
  const guard = { place: B, weight: threshold };
  const transitions: TransitionSpec[] = [];
  if (pump === 'source') transitions.push({ pre: [], post: [{ place: B, weight: pumpWeight }], inhibitors: [guard] });
  if (pump === 'guarded') transitions.push({ pre: [{ place: S, weight: 1 }], post: merge([{ place: S, weight: 1 }, { place: B, weight: pumpWeight }]), inhibitors: [guard] });
  if (pump === 'self') transitions.push({ pre: [{ place: B, weight: 1 }], post: [{ place: B, weight: 1 + pumpWeight }], inhibitors: [guard] });
  if (multiplier !== undefined) transitions.push({ pre: [{ place: B, weight: 1 }], post: [{ place: M, weight: multiplier }], inhibitors: [] });
  const once = [{ place: D, weight: 1 }];
  if (kill === 'small') transitions.push({ pre: [{ place: S, weight: 1 }], post: [{ place: D, weight: 1 }], inhibitors: once });
  if (kill === 'drain') transitions.push({ pre: merge([{ place: S, weight: 1 }, { place: B, weight: 1 }]), post: merge([{ place: S, weight: 1 }, { place: D, weight: 1 }]), inhibitors: once });
  if (refill) transitions.push({ pre: [], post: [{ place: S, weight: 1 }], inhibitors: [{ place: S, weight: 1 }] });
  const initial = [0, 0, 0, 0];
  initial[B] = big;
  initial[S] = 1;
  return { initial, capacity: [undefined, undefined, undefined, undefined], transitions };
}

const largeNet: fc.Arbitrary<NetSpec> = largeShape.map(largeSpec);

/**
 * The large-net family narrowed to the shape where a deadlock is found early and a later
 * widening of `big` reorders successors: a net-positive self-loop pump on `big`, a drain
 * `small + big → small + dead` firing once, a refill of `small`, one initial token in `big`.
 */
const reorderingNet: fc.Arbitrary<NetSpec> = largeShape.map((s) => largeSpec({ ...s, pump: 'self', kill: 'drain', refill: true, multiplier: undefined, big: 1 }));

// ---------------------------------------------------------------------------------------------
// The naive reference (the firing rule is test/support/random-nets.ts' `fire`)
// ---------------------------------------------------------------------------------------------

interface Reference {
  /** Every reachable marking was found within the bound. */
  readonly finished: boolean;
  readonly markings: number[][];
  readonly index: Map<string, number>;
  readonly dist: number[];
  /** Edges [from, transition, to] (one per enabled transition per expanded marking). */
  readonly edges: [number, number, number][];
  readonly succ: number[][];
}

const key = (m: readonly number[]): string => m.join(',');

function referenceExplore(net: PetriNet, maxStates: number): Reference {
  const init = net.places.map((p) => p.initial);
  const markings = [init];
  const index = new Map([[key(init), 0]]);
  const dist = [0];
  const edges: [number, number, number][] = [];
  const succ: number[][] = [];
  for (let i = 0; i < markings.length; i++) {
    succ.push([]);
    for (let t = 0; t < net.transitions.length; t++) {
      const next = fire(net, markings[i], t);
      if (next === undefined) continue;
      let j = index.get(key(next));
      if (j === undefined) {
        if (markings.length === maxStates) return { finished: false, markings, index, dist, edges, succ };
        j = markings.length;
        markings.push(next);
        index.set(key(next), j);
        dist.push(dist[i] + 1);
      }
      edges.push([i, t, j]);
      succ[i].push(j);
    }
  }
  return { finished: true, markings, index, dist, edges, succ };
}

/** Markings reachable from `from` (including itself), by a plain BFS on the reference graph. */
function reachableFrom(ref: Reference, from: number): number[] {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const s = queue.shift() as number;
    for (const n of ref.succ[s]) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return [...seen];
}

interface NaiveAnswers {
  readonly deadlocks: number[];
  readonly reachabilityDeadlock: boolean;
  readonly oneSafe: boolean;
  readonly quasiLive: boolean;
  /** For each transition, the markings from which it can never be enabled again. */
  readonly notLiveFrom: Set<number>[];
  readonly live: boolean;
  readonly stableMarking: boolean;
  readonly maxTokenInPlace: number;
  readonly maxTokenPerMarking: number;
  readonly minDeadlockDist: number;
  readonly minUnsafeDist: number;
}

function naiveAnswers(net: PetriNet, ref: Reference): NaiveAnswers {
  const T = net.transitions.length;
  const P = net.places.length;
  const ms = ref.markings;
  const enabled = ms.map((m) => [...Array(T).keys()].filter((t) => fire(net, m, t) !== undefined));
  const deadlocks = ms.map((_, i) => i).filter((i) => enabled[i].length === 0);
  const unsafe = ms.map((_, i) => i).filter((i) => ms[i].some((v) => v > 1));
  const notLiveFrom = [...Array(T).keys()].map(() => new Set<number>());
  for (let i = 0; i < ms.length; i++) {
    const canEnable = new Set<number>();
    for (const j of reachableFrom(ref, i)) for (const t of enabled[j]) canEnable.add(t);
    for (let t = 0; t < T; t++) if (!canEnable.has(t)) notLiveFrom[t].add(i);
  }
  return {
    deadlocks,
    reachabilityDeadlock: deadlocks.length > 0,
    oneSafe: unsafe.length === 0,
    quasiLive: [...Array(T).keys()].every((t) => enabled.some((e) => e.includes(t))),
    notLiveFrom,
    live: notLiveFrom.every((s) => s.size === 0),
    stableMarking: [...Array(P).keys()].some((p) => ms.every((m) => m[p] === ms[0][p])),
    maxTokenInPlace: Math.max(...ms.map((m) => Math.max(...m))),
    maxTokenPerMarking: Math.max(...ms.map((m) => m.reduce((a, b) => a + b, 0))),
    minDeadlockDist: Math.min(...deadlocks.map((i) => ref.dist[i])),
    minUnsafeDist: Math.min(...unsafe.map((i) => ref.dist[i])),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the kernel's results
// ---------------------------------------------------------------------------------------------

function markingOf(system: PetriSystem, x: Exploration, id: number): number[] {
  return system.layout.unpack(x.store.arena, x.store.offsetOf(id));
}

/** The marking at the end of `trace`, replayed on the system (which checks the trace is genuine). */
function replayEnd(system: PetriSystem, trace: { initial: number; actions: readonly number[] }): number[] {
  const states = replayTrace(system, trace);
  return system.layout.unpack(states[states.length - 1], 0);
}

function answer(answers: readonly GlobalAnswer[], e: Examination): GlobalAnswer {
  const a = answers.find((x) => x.examination === e);
  if (a === undefined) throw new Error(`no answer for ${e}`);
  return a;
}

const sortedStrings = (xs: Iterable<string>): string[] => [...xs].sort();

/** Tallies of what the generated nets exercised, checked after each property. */
interface Coverage {
  runs: number;
  complete: number;
  bounded: number;
  withDeadlock: number;
  deadNets: number;
  widened: number;
  completeWidened: number;
}
const newCoverage = (): Coverage => ({ runs: 0, complete: 0, bounded: 0, withDeadlock: 0, deadNets: 0, widened: 0, completeWidened: 0 });

/**
 * The core differential check of one net under `bound` states. Asserts with `expect` (a failure
 * makes fast-check shrink the net).
 */
function checkKernel(net: PetriNet, bound: number, cov: Coverage): void {
  const ref = referenceExplore(net, bound);
  // Default packing (8-bit fields, widened on overflow) and the packing sized by P-semiflows.
  checkKernelWith(net, ref, new PetriSystem(net), bound, cov);
  checkKernelWith(net, ref, new PetriSystem(net, { placeBounds: structuralPlaceBounds(net) }), bound, newCoverage());
}

function checkKernelWith(net: PetriNet, ref: Reference, system: PetriSystem, bound: number, cov: Coverage): void {
  // Arrange
  const widthsBefore = Array.from(system.layout.widths);

  // Act
  const x = explore(system, { bounds: { maxStates: bound }, recordEdges: true });

  // Assert
  cov.runs++;
  const widened = Array.from(system.layout.widths).some((w, p) => w > widthsBefore[p]);
  if (widened) cov.widened++;
  // Every stored marking is genuinely reachable: its BFS-tree path, fired with the reference
  // rule from the initial marking, ends in it (also for bounded runs).
  const unreachable: string[] = [];
  for (let id = 0; id < x.store.size; id++) {
    let m: number[] | undefined = net.places.map((p) => p.initial);
    for (const t of traceTo(x, id).actions) m = m === undefined ? undefined : fire(net, m, t);
    if (m === undefined || key(m) !== key(markingOf(system, x, id))) unreachable.push(`state ${id}: ${markingOf(system, x, id).join(',')}`);
  }
  expect(unreachable).toEqual([]);
  if (!ref.finished) {
    cov.bounded++;
    expect(x.status).toBe('bounded');
    expect(x.bound).toBe('states');
    return;
  }
  cov.complete++;
  if (widened) cov.completeWidened++;
  expect(x.status).toBe('complete');
  expect(x.bound).toBeUndefined();
  expect(x.store.size).toBe(ref.markings.length);
  expect(x.stats.states).toBe(ref.markings.length);
  expect(x.stats.transitions).toBe(ref.edges.length);
  expect(x.expanded).toBe(ref.markings.length);
  expect(x.initialCount).toBe(1);

  // The same set of markings (each stored once), the initial one first.
  const kernelMarkings = [...Array(x.store.size).keys()].map((id) => markingOf(system, x, id));
  expect(kernelMarkings[0]).toEqual(ref.markings[0]);
  expect(new Set(kernelMarkings.map(key)).size).toBe(kernelMarkings.length);
  expect(sortedStrings(kernelMarkings.map(key))).toEqual(sortedStrings(ref.markings.map(key)));

  // The same edges: one per enabled transition of each marking.
  const edges = x.edges;
  if (edges === undefined) throw new Error('edges were not recorded');
  expect(edges.offsets.length).toBe(x.store.size + 1);
  expect(edges.targets.length).toBe(ref.edges.length);
  const kernelEdges: string[] = [];
  for (let s = 0; s < x.store.size; s++) {
    for (let e = edges.offsets[s]; e < edges.offsets[s + 1]; e++) kernelEdges.push(`${key(kernelMarkings[s])}|t${edges.actions[e]}|${key(kernelMarkings[edges.targets[e]])}`);
  }
  const refEdges = ref.edges.map(([f, t, to]) => `${key(ref.markings[f])}|t${t}|${key(ref.markings[to])}`);
  expect(sortedStrings(kernelEdges)).toEqual(sortedStrings(refEdges));
  const g = StateGraph.fromExploration(x);
  expect(g.edgeCount).toBe(ref.edges.length);

  // BFS depth: per state and overall.
  const refDist = (id: number): number => ref.dist[ref.index.get(key(kernelMarkings[id])) as number];
  for (let id = 0; id < x.store.size; id++) expect(depthOf(x, id)).toBe(refDist(id));
  expect(x.stats.depth).toBe(Math.max(...ref.dist));

  // Deadlocks: the same markings; each trace replays to it and is a shortest one.
  const naive = naiveAnswers(net, ref);
  const kernelDeadlocks = [...Array(x.store.size).keys()].filter((id) => g.outDegree(id) === 0);
  expect(sortedStrings(kernelDeadlocks.map((id) => key(kernelMarkings[id])))).toEqual(sortedStrings(naive.deadlocks.map((i) => key(ref.markings[i]))));
  if (kernelDeadlocks.length > 0) cov.withDeadlock++;
  if (ref.markings.length === 1 && ref.edges.length === 0) cov.deadNets++;
  for (const id of kernelDeadlocks) {
    const trace = traceTo(x, id);
    expect(replayEnd(system, trace)).toEqual(kernelMarkings[id]);
    expect(trace.actions.length).toBe(refDist(id));
  }
}

/** examineNet with every examination requested at once, compared with the naive answers. */
function checkExamineAll(net: PetriNet, bound: number): void {
  // Arrange
  const ref = referenceExplore(net, bound);

  // Act
  const report = examineNet(net, new Set(EXAMINATIONS), { bounds: { maxStates: bound } });

  // Assert
  const { answers, system } = report;
  if (!ref.finished) {
    assertInconclusiveOrCertified(net, report.exploration.status, answers, system, report.stateSpace);
    return;
  }
  const naive = naiveAnswers(net, ref);
  expect(report.exploration.status).toBe('complete');
  expect(report.stateSpace).toEqual({
    states: ref.markings.length,
    transitions: ref.edges.length,
    maxTokenInPlace: naive.maxTokenInPlace,
    maxTokenPerMarking: naive.maxTokenPerMarking,
  });
  expect(answers.map((a) => a.examination).sort()).toEqual(EXAMINATIONS.filter((e) => e !== 'StateSpace').sort());
  checkBooleanAnswers(net, ref, naive, answers, system);
}

/**
 * Each boolean examination alone (the early-stopping paths of examineNet), and paired with
 * StateSpace (a full run: `wfverify net` without options asks StateSpace + ReachabilityDeadlock).
 */
const EXAMINATION_SETS: readonly Examination[][] = [
  ...EXAMINATIONS.filter((e) => e !== 'StateSpace').map((e) => [e]),
  ...EXAMINATIONS.filter((e) => e !== 'StateSpace').map((e): Examination[] => ['StateSpace', e]),
];

function checkExamineEach(net: PetriNet, bound: number): void {
  const ref = referenceExplore(net, bound);
  const naive = ref.finished ? naiveAnswers(net, ref) : undefined;
  for (const set of EXAMINATION_SETS) {
    const report = examineNet(net, new Set(set), { bounds: { maxStates: bound } });
    expect(report.answers.length).toBe(1);
    if (naive === undefined) assertInconclusiveOrCertified(net, report.exploration.status, report.answers, report.system, report.stateSpace);
    else checkBooleanAnswers(net, ref, naive, report.answers, report.system);
  }
}

function checkBooleanAnswers(net: PetriNet, ref: Reference, naive: NaiveAnswers, answers: readonly GlobalAnswer[], system: PetriSystem): void {
  for (const a of answers) {
    switch (a.examination) {
      case 'ReachabilityDeadlock': {
        expect(a.answer).toBe(naive.reachabilityDeadlock);
        if (naive.reachabilityDeadlock) {
          if (a.trace === undefined) throw new Error('ReachabilityDeadlock TRUE without a trace');
          const end = replayEnd(system, a.trace);
          expect(naive.deadlocks.map((i) => key(ref.markings[i]))).toContain(key(end));
          expect(a.trace.actions.length).toBe(naive.minDeadlockDist);
        }
        break;
      }
      case 'OneSafe': {
        expect(a.answer).toBe(naive.oneSafe);
        if (!naive.oneSafe) {
          if (a.trace === undefined) throw new Error('OneSafe FALSE without a trace');
          const end = replayEnd(system, a.trace);
          expect(Math.max(...end)).toBeGreaterThan(1);
          expect(a.trace.actions.length).toBe(naive.minUnsafeDist);
        }
        break;
      }
      case 'QuasiLiveness':
        expect(a.answer).toBe(naive.quasiLive);
        break;
      case 'Liveness': {
        expect(a.answer).toBe(naive.live);
        if (!naive.live && a.trace !== undefined) {
          // The witness marking is one from which the named transition can never fire again.
          const end = ref.index.get(key(replayEnd(system, a.trace)));
          expect(end).toBeDefined();
          const named = /transition (\S+) can never fire again/.exec(a.explanation);
          expect(named).not.toBeNull();
          const t = net.transitions.findIndex((tr) => tr.name === (named as RegExpExecArray)[1]);
          expect(t).toBeGreaterThanOrEqual(0);
          expect(naive.notLiveFrom[t].has(end as number)).toBe(true);
        }
        break;
      }
      case 'StableMarking':
        expect(a.answer).toBe(naive.stableMarking);
        break;
    }
  }
}

/**
 * When the state space exceeds the bound, an answer is either undefined (CANNOT_COMPUTE) or
 * certified by what was really found: a replayable trace to a deadlock / an unsafe marking, a
 * transition seen firing, a place seen changing. Never a pass that needs the whole space.
 */
function assertInconclusiveOrCertified(net: PetriNet, status: string, answers: readonly GlobalAnswer[], system: PetriSystem, stateSpace: unknown): void {
  expect(stateSpace).toBeUndefined();
  for (const a of answers) {
    switch (a.examination) {
      case 'ReachabilityDeadlock':
        if (a.answer !== undefined) {
          expect(a.answer).toBe(true);
          if (a.trace === undefined) throw new Error('ReachabilityDeadlock TRUE without a trace');
          const end = replayEnd(system, a.trace);
          expect(net.transitions.map((_, t) => fire(net, end, t)).filter((m) => m !== undefined)).toEqual([]);
        }
        break;
      case 'OneSafe':
        if (a.answer !== undefined) {
          expect(a.answer).toBe(false);
          if (a.trace === undefined) throw new Error('OneSafe FALSE without a trace');
          expect(Math.max(...replayEnd(system, a.trace))).toBeGreaterThan(1);
        }
        break;
      case 'QuasiLiveness':
        expect(a.answer === undefined || a.answer === true).toBe(true);
        break;
      case 'Liveness':
        expect(a.answer).toBeUndefined();
        break;
      case 'StableMarking':
        expect(a.answer === undefined || a.answer === false).toBe(true);
        break;
    }
    // An early-decided answer may come from a stopped run; an undecided one from a bounded run.
    if (a.answer === undefined) expect(status).toBe('bounded');
  }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const BOUND = 300;

describe('explore(PetriSystem) agrees with a naive reference explorer', () => {
  it('same markings, edges, deadlocks, depths and shortest traces; bounded when the reference does not finish', () => {
    const cov = newCoverage();
    fc.assert(
      fc.property(smallNet, (spec) => checkKernel(toNet(spec), BOUND, cov)),
      { seed: 42, numRuns: 300 },
    );
    // The generator must have exercised every branch, or the property proves little.
    expect(cov.complete).toBeGreaterThan(80);
    expect(cov.bounded).toBeGreaterThan(20);
    expect(cov.withDeadlock).toBeGreaterThan(50);
    expect(cov.deadNets).toBeGreaterThan(10);
  });

  it('token counts beyond 255 (LayoutOverflow, widen and restart) give the same state space', () => {
    const cov = newCoverage();
    fc.assert(
      fc.property(largeNet, (spec) => checkKernel(toNet(spec, 'large'), 3000, cov)),
      { seed: 4242, numRuns: 60 },
    );
    expect(cov.completeWidened).toBeGreaterThan(10);
  });

  it.each([
    // p0 = 100 moved into p1 with weight 3: p1 reaches 300 (8 → 16 bits), 101 markings.
    { name: 'multiplier', initial: [100, 0], transitions: [{ pre: [{ place: 0, weight: 1 }], post: [{ place: 1, weight: 3 }], inhibitors: [] }], states: 101, maxTokens: 300 },
    // A guarded pump: fires while p0 < 290, two tokens at a time: 0, 2, …, 290.
    { name: 'guarded pump', initial: [0], transitions: [{ pre: [], post: [{ place: 0, weight: 2 }], inhibitors: [{ place: 0, weight: 290 }] }], states: 146, maxTokens: 290 },
    // Two restarts (8 → 16 → 32 bits): p1 reaches 100 000.
    { name: 'two widenings', initial: [100, 0], transitions: [{ pre: [{ place: 0, weight: 1 }], post: [{ place: 1, weight: 1000 }], inhibitors: [] }], states: 101, maxTokens: 100_000 },
    // A large initial marking drained one token at a time.
    { name: 'large initial marking', initial: [280, 0], transitions: [{ pre: [{ place: 0, weight: 1 }], post: [{ place: 1, weight: 1 }], inhibitors: [] }], states: 281, maxTokens: 280 },
  ])('hand-made net beyond 255 tokens: $name', ({ initial, transitions, states, maxTokens }) => {
    // Arrange
    const net = toNet({ initial, capacity: initial.map(() => undefined), transitions }, 'hand');
    const ref = referenceExplore(net, 1000);

    // Act
    const cov = newCoverage();
    checkKernel(net, 1000, cov);
    const report = examineNet(net, new Set(EXAMINATIONS), { bounds: { maxStates: 1000 } });

    // Assert
    expect(ref.finished).toBe(true);
    expect(ref.markings.length).toBe(states);
    expect(cov.complete).toBe(1);
    expect(report.stateSpace?.states).toBe(states);
    expect(report.stateSpace?.maxTokenInPlace).toBe(maxTokens);
    checkBooleanAnswers(net, ref, naiveAnswers(net, ref), report.answers, report.system);
  });
});

describe('examineNet agrees with answers computed naively from the reference graph', () => {
  it('all examinations at once: StateSpace figures, RD/OS/QL/L/SM and their traces', () => {
    fc.assert(
      fc.property(smallNet, (spec) => checkExamineAll(toNet(spec), BOUND)),
      { seed: 7, numRuns: 300 },
    );
  });

  it('each examination alone (early stop) gives the same answer', () => {
    fc.assert(
      fc.property(smallNet, (spec) => checkExamineEach(toNet(spec), BOUND)),
      { seed: 99, numRuns: 150 },
    );
  });

  it('all examinations at once on nets beyond 255 tokens (widening restarts)', () => {
    fc.assert(
      fc.property(largeNet, (spec) => checkExamineAll(toNet(spec, 'large'), 3000)),
      { seed: 4244, numRuns: 60 },
    );
  });

  it('each examination alone and with StateSpace on nets beyond 255 tokens (answers found before a widening restart)', () => {
    fc.assert(
      fc.property(largeNet, (spec) => checkExamineEach(toNet(spec, 'large'), 3000)),
      { seed: 4243, numRuns: 60 },
    );
  });

  /**
   * Regression: a deadlock (or unsafe marking) found before a LayoutOverflow restart. Widening
   * y moves it to the front of the layout, which changes the successor order and so the state
   * ids of the restarted run; the answer's witness must still be a deadlock (an unsafe marking).
   * Places w (index 0) and y (index 1) start in 8-bit fields; tA (sentinel w) and tB (sentinel y)
   * are both enabled initially; tA leads to the deadlock {w, d}; tB pumps y up to 300.
   */
  const restartNet: PetriNet = toNet(
    {
      initial: [1, 1, 0],
      capacity: [undefined, undefined, undefined],
      transitions: [
        { pre: [], post: [{ place: 0, weight: 1 }], inhibitors: [{ place: 0, weight: 1 }] },
        { pre: [{ place: 0, weight: 1 }, { place: 1, weight: 1 }], post: [{ place: 0, weight: 1 }, { place: 2, weight: 1 }], inhibitors: [{ place: 2, weight: 1 }] },
        { pre: [{ place: 1, weight: 1 }], post: [{ place: 1, weight: 2 }], inhibitors: [{ place: 1, weight: 300 }] },
      ],
    },
    'restart',
  );

  it('witnesses found before a widening restart replay to a deadlock / an unsafe marking (random reordering nets)', () => {
    fc.assert(
      fc.property(reorderingNet, (spec) => checkExamineEach(toNet(spec, 'reordering'), 3000)),
      { seed: 4245, numRuns: 40 },
    );
  });

  it.each<{ name: string; set: Examination[] }>([
    { name: 'StateSpace + ReachabilityDeadlock (the CLI default)', set: ['StateSpace', 'ReachabilityDeadlock'] },
    { name: 'StateSpace + OneSafe', set: ['StateSpace', 'OneSafe'] },
    { name: 'all examinations (--state-space --global)', set: ['ReachabilityDeadlock', 'OneSafe', 'QuasiLiveness', 'Liveness', 'StableMarking', 'StateSpace'] },
  ])('hand-made regression: witnesses found before a widening restart stay valid: $name', ({ set }) => {
    // Arrange
    const ref = referenceExplore(restartNet, 1000);
    const naive = naiveAnswers(restartNet, ref);

    // Act
    const report = examineNet(restartNet, new Set(set), {});

    // Assert
    expect(ref.finished).toBe(true);
    expect(report.stateSpace?.states).toBe(ref.markings.length);
    checkBooleanAnswers(restartNet, ref, naive, report.answers, report.system);
  });
});

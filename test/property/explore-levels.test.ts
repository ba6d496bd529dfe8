/**
 * Differential test of the level-synchronous fast path (`exploreLevels`) against the per-edge
 * explorer (`explore`) and a naive reference BFS (markings as arrays, a `Map` seen-set, the
 * firing rule re-implemented here) on random small P/T nets: weights, inhibitor arcs,
 * capacities, self-loops, unbounded nets under a state bound (→ bounded, never complete), and
 * nets beyond 255 tokens (LayoutOverflow → widen → restart). Partition counts and buffer sizes
 * are varied so that flushes happen mid-level. Also: the compiled successor enumeration equals
 * the generic loop and the callback form, and every BFS-tree trace of the fast path replays to
 * its state with the shortest length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { depthOf, explore, exploreLevels, replayTrace, traceTo, type Exploration } from '../../src/core/index.js';
import { PetriSystem, examineNet, structuralPlaceBounds, type PetriNet, type PlaceId, type TransitionId } from '../../src/petri/index.js';
import { fire } from '../support/random-nets.js';

interface Arc {
  place: number;
  weight: number;
}
interface Spec {
  initial: number[];
  capacity: (number | undefined)[];
  transitions: { pre: Arc[]; post: Arc[]; inhibitors: Arc[] }[];
}

const merge = (...lists: Arc[][]): Arc[] => {
  const m = new Map<number, number>();
  for (const l of lists) for (const a of l) m.set(a.place, (m.get(a.place) ?? 0) + a.weight);
  return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([place, weight]) => ({ place, weight }));
};

const toNet = (s: Spec): PetriNet => ({
  id: 'random',
  name: 'random',
  places: s.initial.map((initial, i) => ({ id: `p${i}` as PlaceId, name: `p${i}`, initial, ...(s.capacity[i] !== undefined ? { capacity: s.capacity[i] } : {}) })),
  transitions: s.transitions.map((t, i) => ({ id: `t${i}` as TransitionId, name: `t${i}`, pre: merge(t.pre), post: merge(t.post), inhibitors: merge(t.inhibitors) })),
});

const arcs = (P: number, maxWeight: number, maxLength = P) =>
  fc.uniqueArray(fc.record({ place: fc.nat(P - 1), weight: fc.integer({ min: 1, max: maxWeight }) }), { selector: (a) => a.place, maxLength });

/** 1–6 places, 0–7 transitions, weights 1–3, inhibitors, self-loops, rare capacities; sometimes a token pump. */
const net: fc.Arbitrary<Spec> = fc.integer({ min: 1, max: 6 }).chain((P) =>
  fc
    .record({
      initial: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: P, maxLength: P }),
      capacity: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { freq: 5, nil: undefined }), { minLength: P, maxLength: P }),
      transitions: fc.array(
        fc
          .record({ pre: arcs(P, 3), post: arcs(P, 3), inhibitors: fc.oneof(fc.constant<Arc[]>([]), arcs(P, 3, 2)), loops: fc.oneof(fc.constant<Arc[]>([]), arcs(P, 2, 1)) })
          .map(({ pre, post, inhibitors, loops }) => ({ pre: merge(pre, loops), post: merge(post, loops), inhibitors })),
        { maxLength: 7 },
      ),
      pump: fc.option(fc.record({ place: fc.nat(P - 1), weight: fc.integer({ min: 1, max: 3 }) }), { freq: 3, nil: undefined }),
    })
    .map(({ initial, capacity, transitions, pump }) => ({
      initial,
      capacity: capacity.map((c, i) => (c === undefined || i === pump?.place ? undefined : Math.max(c, initial[i]))),
      transitions: pump === undefined ? transitions : [...transitions, { pre: [], post: [pump], inhibitors: [] }],
    })),
);

/** Nets whose token counts pass 255: a guarded pump and a multiplier (forces widening). */
const largeNet: fc.Arbitrary<Spec> = fc
  .record({ big: fc.integer({ min: 0, max: 150 }), threshold: fc.integer({ min: 256, max: 400 }), w: fc.integer({ min: 1, max: 3 }), mult: fc.integer({ min: 2, max: 3 }), swap: fc.boolean() })
  .map(({ big, threshold, w, mult, swap }) => {
    const [B, M] = swap ? [1, 0] : [0, 1];
    const initial = [0, 0];
    initial[B] = big;
    return {
      initial,
      capacity: [undefined, undefined],
      transitions: [
        { pre: [], post: [{ place: B, weight: w }], inhibitors: [{ place: B, weight: threshold }] },
        { pre: [{ place: B, weight: 1 }], post: [{ place: M, weight: mult }], inhibitors: [] },
      ],
    };
  });

/** Naive BFS: distances by marking key, edge and deadlock counts; undefined past `max` states. */
function reference(n: PetriNet, max: number): { dist: Map<string, number>; edges: number; deadlocks: number } | undefined {
  const init = n.places.map((p) => p.initial);
  const dist = new Map([[init.join(','), 0]]);
  const queue = [init];
  let edges = 0;
  let deadlocks = 0;
  for (let i = 0; i < queue.length; i++) {
    let out = 0;
    for (let t = 0; t < n.transitions.length; t++) {
      const next = fire(n, queue[i], t);
      if (next === undefined) continue;
      out++;
      const k = next.join(',');
      if (!dist.has(k)) {
        if (dist.size === max) return undefined;
        dist.set(k, (dist.get(queue[i].join(',')) as number) + 1);
        queue.push(next);
      }
    }
    edges += out;
    if (out === 0) deadlocks++;
  }
  return { dist, edges, deadlocks };
}

const markingOf = (system: PetriSystem, x: Exploration, id: number): number[] => system.layout.unpack(x.store.arena, x.store.offsetOf(id));

const VARIANTS = [{}, { partitionBits: 1, minRegion: 1 }, { partitionBits: 3, minRegion: 2, bufferRatio: 0.01 }, { partitionBits: 10 }] as const;

function check(spec: Spec, bound: number, variant: (typeof VARIANTS)[number]): void {
  const n = toNet(spec);
  const ref = reference(n, bound);
  for (const sized of [false, true]) {
    const mk = () => new PetriSystem(n, sized ? { placeBounds: structuralPlaceBounds(n) } : {});
    const classicSystem = mk();
    const fastSystem = mk();
    const classic = explore(classicSystem, { bounds: { maxStates: bound } });
    const fast = exploreLevels(fastSystem, { bounds: { maxStates: bound }, ...variant });

    // Every stored state is reachable along its recorded path, which is a shortest one.
    for (let id = 0; id < fast.store.size; id++) {
      const trace = traceTo(fast, id);
      const end = replayTrace(fastSystem, trace).at(-1) as Uint32Array;
      expect(Array.from(end)).toEqual(Array.from(fast.store.get(id)));
      if (ref !== undefined) expect(trace.actions.length).toBe(ref.dist.get(markingOf(fastSystem, fast, id).join(',')));
      expect(depthOf(fast, id)).toBe(trace.actions.length);
    }
    if (ref === undefined) {
      expect(fast.status).toBe('bounded');
      expect(fast.bound).toBe('states');
      expect(classic.status).toBe('bounded');
      expect(fast.stats.states).toBe(bound + 1);
      continue;
    }
    expect(fast.status).toBe('complete');
    expect(classic.status).toBe('complete');
    expect(fast.stats).toMatchObject({ states: ref.dist.size, transitions: ref.edges, depth: Math.max(...ref.dist.values()) });
    expect({ ...fast.stats, ms: 0 }).toEqual({ ...classic.stats, ms: 0 });
    expect(fast.levelStarts).toEqual(classic.levelStarts);
    expect(fast.expanded).toBe(classic.expanded);
    expect(fast.deadlocks).toBe(ref.deadlocks);
    const markings = Array.from({ length: fast.store.size }, (_, id) => markingOf(fastSystem, fast, id).join(','));
    expect(new Set(markings)).toEqual(new Set(ref.dist.keys()));
    expect(markings.length).toBe(ref.dist.size);
    if (fast.firstDeadlock >= 0) {
      // The first deadlock is a deadlock at the smallest depth of any deadlock.
      expect(fastSystem.successorsInto(fast.store.arena, fast.store.offsetOf(fast.firstDeadlock), new Uint32Array(64 * fastSystem.stateWords), 0, new Int32Array(64))).toBe(0);
      expect(depthOf(classic, firstDeadlockOf(classicSystem, classic))).toBe(depthOf(fast, fast.firstDeadlock));
    } else expect(ref.deadlocks).toBe(0);
  }
}

function firstDeadlockOf(system: PetriSystem, x: Exploration): number {
  for (let id = 0; id < x.store.size; id++) {
    let any = false;
    system.successors(x.store.arena, x.store.offsetOf(id), () => {
      any = true;
      return true;
    });
    if (!any) return id;
  }
  return -1;
}

describe('exploreLevels agrees with explore and a naive reference', () => {
  it.each(VARIANTS.map((v, i) => ({ i, v })))('same states, edges, depth, levels, deadlocks; shortest replayable traces (variant $i)', ({ v }) => {
    fc.assert(
      fc.property(net, (spec) => check(spec, 300, v)),
      { seed: 1701 + Object.keys(v).length, numRuns: 150 },
    );
  });

  it('nets beyond 255 tokens: widening restarts give the same state space', () => {
    fc.assert(
      fc.property(largeNet, fc.constantFrom(...VARIANTS), (spec, v) => check(spec, 5000, v)),
      { seed: 77, numRuns: 40 },
    );
  });

  it('is deterministic: the same ids and parents from run to run', () => {
    fc.assert(
      fc.property(net, (spec) => {
        const n = toNet(spec);
        const a = exploreLevels(new PetriSystem(n), { bounds: { maxStates: 300 }, partitionBits: 2, minRegion: 3 });
        const b = exploreLevels(new PetriSystem(n), { bounds: { maxStates: 300 }, partitionBits: 2, minRegion: 3 });
        expect(Array.from(a.store.arena.subarray(0, a.store.size * a.store.words))).toEqual(Array.from(b.store.arena.subarray(0, b.store.size * b.store.words)));
        expect(Array.from(a.parents.subarray(0, a.store.size))).toEqual(Array.from(b.parents.subarray(0, b.store.size)));
      }),
      { seed: 5, numRuns: 60 },
    );
  });
});

describe('compiled successor enumeration', () => {
  it('equals the generic loop and the callback form on every reachable marking', () => {
    fc.assert(
      fc.property(fc.oneof(net, largeNet), (spec) => {
        const n = toNet(spec);
        const compiled = new PetriSystem(n);
        const generic = new PetriSystem(n, { compile: false });
        const x = explore(compiled, { bounds: { maxStates: 400 } });
        // The same run widens the generic system's packing the same way.
        explore(generic, { bounds: { maxStates: 400 } });
        expect(Array.from(generic.layout.widths)).toEqual(Array.from(compiled.layout.widths));
        const W = compiled.stateWords;
        const T = Math.max(1, compiled.actionCount);
        const [oa, ob] = [new Uint32Array(T * W), new Uint32Array(T * W)];
        const [aa, ab] = [new Int32Array(T), new Int32Array(T)];
        for (let id = 0; id < x.store.size; id++) {
          const o = x.store.offsetOf(id);
          let ca: number | string;
          let cb: number | string;
          try {
            ca = compiled.successorsInto(x.store.arena, o, oa, 0, aa);
          } catch (e) {
            ca = String(e);
          }
          try {
            cb = generic.successorsInto(x.store.arena, o, ob, 0, ab);
          } catch (e) {
            cb = String(e);
          }
          expect(ca).toEqual(cb);
          if (typeof ca === 'string') continue;
          expect(Array.from(oa.subarray(0, ca * W))).toEqual(Array.from(ob.subarray(0, ca * W)));
          expect(Array.from(aa.subarray(0, ca))).toEqual(Array.from(ab.subarray(0, ca)));
          const viaSink: number[] = [];
          compiled.successors(x.store.arena, o, (a, s) => {
            viaSink.push(a, ...s);
          });
          const batch: number[] = [];
          for (let j = 0; j < ca; j++) batch.push(aa[j], ...oa.subarray(j * W, (j + 1) * W));
          expect(batch).toEqual(viaSink);
        }
      }),
      { seed: 11, numRuns: 150 },
    );
  });
});

describe('examineNet on the fast path', () => {
  it('StateSpace figures and deadlock / unsafe witnesses equal those of the per-edge path', () => {
    fc.assert(
      fc.property(net, (spec) => {
        const n = toNet(spec);
        const fast = examineNet(n, new Set(['StateSpace', 'ReachabilityDeadlock', 'OneSafe', 'StableMarking'] as const), { bounds: { maxStates: 300 } });
        const slow = examineNet(n, new Set(['StateSpace', 'ReachabilityDeadlock', 'OneSafe', 'StableMarking', 'QuasiLiveness'] as const), { bounds: { maxStates: 300 } });
        expect(fast.stateSpace).toEqual(slow.stateSpace);
        expect(fast.exploration.status).toBe(slow.exploration.status);
        for (const a of fast.answers) {
          const b = slow.answers.find((s) => s.examination === a.examination);
          expect(a.answer).toBe(b?.answer);
          expect(a.trace?.actions.length).toBe(b?.trace?.actions.length);
          if (a.trace) replayTrace(fast.system, a.trace);
        }
      }),
      { seed: 3, numRuns: 150 },
    );
  });
});

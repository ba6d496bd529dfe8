/**
 * Breadth-first exploration: bounds (states, time), stopping hooks, BFS levels and depthOf,
 * shortest traces (traceTo / replayTrace / pathTo), recorded edges, determinism and the
 * LayoutOverflow → widen → restart protocol. The systems are explicit graphs written here, so
 * the kernel is tested without any frontend.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { depthOf, explore } from '../../../src/core/explore.js';
import { StateGraph } from '../../../src/core/graph.js';
import { LayoutOverflow, type SuccessorSink, type TransitionSystem } from '../../../src/core/model.js';
import { pathTo, replayTrace, successorBy, traceTo } from '../../../src/core/trace.js';

/**
 * An explicit graph as a transition system: state = [node] (one word); the j-th successor of a
 * node is action j (so an action names at most one successor per state).
 */
class GraphSystem implements TransitionSystem {
  readonly stateWords = 1;
  readonly actionCount: number;
  expansions = 0;
  constructor(
    readonly adj: readonly (readonly number[])[],
    readonly inits: readonly number[] = [0],
    private readonly onExpand?: (node: number) => void,
  ) {
    this.actionCount = Math.max(1, ...adj.map((a) => a.length));
  }
  initialStates(): readonly Uint32Array[] {
    return this.inits.map((n) => Uint32Array.of(n));
  }
  successors(source: Uint32Array, offset: number, sink: SuccessorSink): void {
    const node = source[offset];
    this.expansions++;
    this.onExpand?.(node);
    const out = new Uint32Array(1);
    const list = this.adj[node];
    for (let j = 0; j < list.length; j++) {
      out[0] = list[j];
      if (sink(j, out) === true) return;
    }
  }
  actionName(action: number): string {
    return `a${action}`;
  }
  formatState(source: Uint32Array, offset: number): string {
    return `n${source[offset]}`;
  }
}

/** Breadth-first distances from the initial nodes (-1 = unreachable). */
function naiveDistances(adj: readonly (readonly number[])[], inits: readonly number[]): number[] {
  const dist = adj.map(() => -1);
  const queue: number[] = [];
  for (const i of inits) {
    if (dist[i] === -1) {
      dist[i] = 0;
      queue.push(i);
    }
  }
  for (let k = 0; k < queue.length; k++) {
    for (const v of adj[queue[k]]) {
      if (dist[v] === -1) {
        dist[v] = dist[queue[k]] + 1;
        queue.push(v);
      }
    }
  }
  return dist;
}

/** A chain 0 → 1 → … → n-1 (node n-1 is a deadlock). */
const chain = (n: number): number[][] => Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : []));

const randomGraph = fc.integer({ min: 1, max: 30 }).chain((n) =>
  fc.record({
    adj: fc.array(fc.array(fc.nat(n - 1), { maxLength: 4 }), { minLength: n, maxLength: n }),
    inits: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 2 }),
  }),
);

const nodeOf = (x: ReturnType<typeof explore>, id: number): number => x.store.arena[x.store.offsetOf(id)];

describe('explore: state bound', () => {
  it('completes when maxStates equals the number of reachable states, and is bounded one below', () => {
    fc.assert(
      fc.property(randomGraph, ({ adj, inits }) => {
        // Arrange
        const reachable = naiveDistances(adj, inits).filter((d) => d >= 0).length;

        // Act
        const exact = explore(new GraphSystem(adj, inits), { bounds: { maxStates: reachable } });
        const below = explore(new GraphSystem(adj, inits), { bounds: { maxStates: reachable - 1 } });

        // Assert
        expect(exact.status).toBe('complete');
        expect(exact.bound).toBeUndefined();
        expect(exact.stats.states).toBe(reachable);
        expect(below.status).toBe('bounded');
        expect(below.bound).toBe('states');
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('a bound of 0 states is hit at the first initial state', () => {
    const x = explore(new GraphSystem(chain(3)), { bounds: { maxStates: 0 } });
    expect(x.status).toBe('bounded');
    expect(x.bound).toBe('states');
  });

  it('rejects negative and NaN bounds', () => {
    expect(() => explore(new GraphSystem(chain(3)), { bounds: { maxStates: -1 } })).toThrow(RangeError);
    expect(() => explore(new GraphSystem(chain(3)), { bounds: { timeoutMs: Number.NaN } })).toThrow(RangeError);
  });

  it('a time bound ends the run bounded (checked every 4096 expansions)', () => {
    // Arrange: 10 000 states in a chain; expanding state 10 takes 5 ms, so more than 0 ms have
    // passed when the bound is checked.
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    const system = new GraphSystem(chain(10_000), [0], (node) => {
      if (node === 10) Atomics.wait(sleep, 0, 0, 5);
    });

    // Act
    const x = explore(system, { bounds: { timeoutMs: 0 } });

    // Assert
    expect(x.status).toBe('bounded');
    expect(x.bound).toBe('time');
    expect(x.stats.states).toBeLessThan(10_000);
  });
});

describe('explore: hooks that stop the run', () => {
  it('onDeadlock returning true stops at the first deadlock in BFS order (the closest one)', () => {
    fc.assert(
      fc.property(randomGraph, ({ adj, inits }) => {
        // Arrange
        const dist = naiveDistances(adj, inits);
        const deadDists = adj.map((a, i) => (a.length === 0 && dist[i] >= 0 ? dist[i] : Number.POSITIVE_INFINITY));
        const closest = Math.min(...deadDists);
        const seen: number[] = [];

        // Act
        const x = explore(new GraphSystem(adj, inits), { onDeadlock: (id) => (seen.push(id), true) });

        // Assert
        if (closest === Number.POSITIVE_INFINITY) {
          expect(x.status).toBe('complete');
          expect(seen).toEqual([]);
          return;
        }
        expect(x.status).toBe('stopped');
        expect(seen.length).toBe(1);
        const id = seen[0];
        expect(adj[nodeOf(x, id)]).toEqual([]);
        expect(depthOf(x, id)).toBe(closest);
        expect(traceTo(x, id).actions.length).toBe(closest);
        expect(x.expanded).toBe(id + 1);
      }),
      { seed: 43, numRuns: 300 },
    );
  });

  it('onDeadlock returning false visits every deadlock once and completes', () => {
    // Arrange: 0 → {1, 2}, 1 → {}, 2 → {3}, 3 → {}
    const adj = [[1, 2], [], [3], []];
    const seen: number[] = [];

    // Act
    const x = explore(new GraphSystem(adj), { onDeadlock: (id) => void seen.push(id) });

    // Assert
    expect(x.status).toBe('complete');
    expect(seen.map((id) => nodeOf(x, id))).toEqual([1, 3]);
  });

  it('onState returning true stops the run; it sees parents and actions of the BFS tree', () => {
    // Arrange: a binary tree of depth 4 (31 nodes); stop when node 20 is discovered.
    const adj = Array.from({ length: 31 }, (_, i) => (2 * i + 2 < 31 ? [2 * i + 1, 2 * i + 2] : []));
    const calls: [number, number, number, number][] = [];

    // Act
    const x = explore(new GraphSystem(adj), {
      onState: (id, arena, offset, parent, action) => {
        calls.push([id, arena[offset], parent, action]);
        return arena[offset] === 20;
      },
    });

    // Assert
    expect(x.status).toBe('stopped');
    expect(calls[0]).toEqual([0, 0, -1, -1]);
    expect(calls[calls.length - 1][1]).toBe(20);
    for (const [id, node, parent, action] of calls.slice(1)) {
      expect(id).toBe(calls.findIndex((c) => c[0] === id));
      const parentNode = calls[parent][1];
      expect(adj[parentNode][action]).toBe(node);
    }
    expect(x.store.size).toBe(calls.length);
  });

  it('onEdge returning true stops the run at that edge', () => {
    // Arrange
    const edges: [number, number, number][] = [];

    // Act
    const x = explore(new GraphSystem(chain(10)), { onEdge: (from, action, to) => (edges.push([from, action, to]), edges.length === 3) });

    // Assert
    expect(x.status).toBe('stopped');
    expect(edges).toEqual([
      [0, 0, 1],
      [1, 0, 2],
      [2, 0, 3],
    ]);
  });
});

describe('explore: BFS levels, depthOf and shortest traces', () => {
  it('depthOf of every state is its BFS distance, stats.depth the largest one', () => {
    fc.assert(
      fc.property(randomGraph, ({ adj, inits }) => {
        // Arrange
        const dist = naiveDistances(adj, inits);

        // Act
        const x = explore(new GraphSystem(adj, inits));

        // Assert
        expect(x.status).toBe('complete');
        expect(x.stats.states).toBe(dist.filter((d) => d >= 0).length);
        for (let id = 0; id < x.store.size; id++) expect(depthOf(x, id)).toBe(dist[nodeOf(x, id)]);
        expect(x.stats.depth).toBe(Math.max(...dist));
        // Levels are contiguous id ranges in increasing order.
        for (let k = 1; k < x.levelStarts.length; k++) expect(x.levelStarts[k]).toBeGreaterThan(x.levelStarts[k - 1]);
      }),
      { seed: 44, numRuns: 300 },
    );
  });

  it('traceTo gives a shortest path that replays to the state; pathTo lists its states', () => {
    fc.assert(
      fc.property(randomGraph, ({ adj, inits }) => {
        // Arrange
        const dist = naiveDistances(adj, inits);
        const system = new GraphSystem(adj, inits);

        // Act
        const x = explore(system);

        // Assert
        for (let id = 0; id < x.store.size; id++) {
          const trace = traceTo(x, id);
          const states = replayTrace(system, trace);
          expect(trace.actions.length).toBe(dist[nodeOf(x, id)]);
          expect(states[states.length - 1][0]).toBe(nodeOf(x, id));
          const path = pathTo(x, id);
          expect(path.length).toBe(trace.actions.length + 1);
          expect(path.map((s) => nodeOf(x, s))).toEqual(states.map((s) => s[0]));
        }
      }),
      { seed: 45, numRuns: 300 },
    );
  });

  it('traces start at the right initial state when initial states repeat', () => {
    // Arrange: initial states [n0, n0, n2]; n2 → n3. Trace.initial indexes initialStates().
    const adj = [[1], [], [3], []];
    const system = new GraphSystem(adj, [0, 0, 2]);

    // Act
    const x = explore(system);
    const id3 = [...Array(x.store.size).keys()].find((id) => nodeOf(x, id) === 3) as number;
    const trace = traceTo(x, id3);

    // Assert
    const states = replayTrace(system, trace);
    expect(states[0][0]).toBe(2);
    expect(states[states.length - 1][0]).toBe(3);
  });

  it('replayTrace rejects an action that is not enabled', () => {
    const system = new GraphSystem(chain(3));
    expect(() => replayTrace(system, { initial: 0, actions: [0, 0, 0] })).toThrow(/not enabled/);
    expect(() => replayTrace(system, { initial: 5, actions: [] })).toThrow(/initial state 5/);
    expect(successorBy(system, Uint32Array.of(0), 1)).toBeUndefined();
  });
});

describe('explore: recorded edges and determinism', () => {
  it('records one edge per successor, in compressed rows, and is identical from run to run', () => {
    fc.assert(
      fc.property(randomGraph, ({ adj, inits }) => {
        // Act
        const x = explore(new GraphSystem(adj, inits), { recordEdges: true });
        const y = explore(new GraphSystem(adj, inits), { recordEdges: true });

        // Assert
        const edges = x.edges;
        if (edges === undefined) throw new Error('no edges');
        expect(edges.offsets.length).toBe(x.store.size + 1);
        for (let s = 0; s < x.store.size; s++) {
          const got = [];
          for (let e = edges.offsets[s]; e < edges.offsets[s + 1]; e++) got.push([edges.actions[e], nodeOf(x, edges.targets[e])]);
          expect(got).toEqual(adj[nodeOf(x, s)].map((v, j) => [j, v]));
        }
        expect(x.stats.transitions).toBe(edges.targets.length);
        expect(StateGraph.fromExploration(x).edgeCount).toBe(edges.targets.length);
        expect(Array.from(y.store.arena.subarray(0, y.store.size))).toEqual(Array.from(x.store.arena.subarray(0, x.store.size)));
        expect(y.edges).toEqual(x.edges);
        expect(Array.from(y.parents.subarray(0, y.store.size))).toEqual(Array.from(x.parents.subarray(0, x.store.size)));
      }),
      { seed: 46, numRuns: 200 },
    );
  });

  it('StateGraph.fromExploration refuses a bounded exploration', () => {
    const x = explore(new GraphSystem(chain(10)), { recordEdges: true, bounds: { maxStates: 5 } });
    expect(x.status).toBe('bounded');
    expect(() => StateGraph.fromExploration(x)).toThrow(/bounded/);
  });
});

describe('explore: LayoutOverflow, widen and restart', () => {
  /** A counter 0 → 1 → … → limit that "overflows" above `width` until widened. */
  class Counter implements TransitionSystem {
    readonly stateWords = 1;
    readonly actionCount = 1;
    widenCalls = 0;
    constructor(
      private width: number,
      private readonly limit: number,
      private readonly canWiden: boolean,
    ) {}
    initialStates(): readonly Uint32Array[] {
      return [Uint32Array.of(0)];
    }
    successors(source: Uint32Array, offset: number, sink: SuccessorSink): void {
      const v = source[offset];
      if (v >= this.limit) return;
      if (v + 1 > this.width) throw new LayoutOverflow(0, v + 1);
      sink(0, Uint32Array.of(v + 1));
    }
    actionName(): string {
      return 'inc';
    }
    formatState(source: Uint32Array, offset: number): string {
      return String(source[offset]);
    }
    widen(overflow: LayoutOverflow): boolean {
      this.widenCalls++;
      if (!this.canWiden) return false;
      this.width = Math.max(this.width * 2, overflow.value);
      return true;
    }
  }

  it('widens and restarts until the state space fits', () => {
    // Arrange
    const system = new Counter(10, 100, true);

    // Act
    const x = explore(system);

    // Assert
    expect(x.status).toBe('complete');
    expect(x.stats.states).toBe(101);
    expect(x.stats.depth).toBe(100);
    expect(system.widenCalls).toBe(4); // 10 → 20 → 40 → 80 → 160
  });

  it('reports WFV1301 (an InputError) when the system cannot widen', () => {
    // Arrange
    const system = new Counter(10, 100, false);

    // Act
    let error: unknown;
    try {
      explore(system);
    } catch (e) {
      error = e;
    }

    // Assert
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('WFV1301');
  });

  it('reports WFV1301 when the system has no widen at all', () => {
    const system: TransitionSystem = {
      stateWords: 1,
      actionCount: 1,
      initialStates: () => [Uint32Array.of(0)],
      successors: () => {
        throw new LayoutOverflow(0, 1);
      },
      actionName: () => 'a',
      formatState: () => 's',
    };
    expect(() => explore(system)).toThrow(/WFV1301|beyond what wfverify can store/);
  });
});

/**
 * exploreLevels on explicit graphs (systems without `successorsInto`, so the callback fallback
 * is used): the same states, edges, levels and deadlocks as `explore`, several initial states,
 * the state and time bounds, and the LayoutOverflow → widen → restart protocol.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/core/explore.js';
import { exploreLevels } from '../../../src/core/explore-levels.js';
import { LayoutOverflow, type SuccessorSink, type TransitionSystem } from '../../../src/core/model.js';
import { replayTrace, traceTo } from '../../../src/core/trace.js';

/** state = [node]; the j-th successor of a node is action j. Throws LayoutOverflow past `limit` until widened. */
class Graph implements TransitionSystem {
  readonly stateWords = 1;
  readonly actionCount: number;
  widened = 0;
  constructor(
    readonly adj: readonly (readonly number[])[],
    readonly inits: readonly number[] = [0],
    private limit = Number.POSITIVE_INFINITY,
  ) {
    this.actionCount = Math.max(1, ...adj.map((a) => a.length));
  }
  initialStates(): readonly Uint32Array[] {
    return this.inits.map((n) => Uint32Array.of(n));
  }
  successors(source: Uint32Array, offset: number, sink: SuccessorSink): void {
    const out = new Uint32Array(1);
    this.adj[source[offset]].forEach((v, j) => {
      if (v > this.limit) throw new LayoutOverflow(0, v);
      out[0] = v;
      sink(j, out);
    });
  }
  widen(): boolean {
    this.widened++;
    this.limit = Number.POSITIVE_INFINITY;
    return true;
  }
  actionName(action: number): string {
    return `a${action}`;
  }
  formatState(source: Uint32Array, offset: number): string {
    return `n${source[offset]}`;
  }
}

const graph = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    adj: fc.array(fc.array(fc.nat(n - 1), { maxLength: 4 }), { minLength: n, maxLength: n }),
    inits: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
  }),
);

describe('exploreLevels on explicit graphs', () => {
  it('matches explore: states, edges, depth, level starts, initial states, deadlocks; traces replay', () => {
    fc.assert(
      fc.property(graph, fc.integer({ min: 1, max: 4 }), ({ adj, inits }, minRegion) => {
        const slow = explore(new Graph(adj, inits), { recordEdges: true });
        const system = new Graph(adj, inits);
        const fast = exploreLevels(system, { partitionBits: 1, minRegion });
        expect({ ...fast.stats, ms: 0 }).toEqual({ ...slow.stats, ms: 0 });
        expect(fast.levelStarts).toEqual(slow.levelStarts);
        expect(fast.initialCount).toBe(slow.initialCount);
        expect(fast.initialIndex).toEqual(slow.initialIndex);
        const slowDeadlocks = [...Array(slow.store.size).keys()].filter((s) => slow.edges?.offsets[s] === slow.edges?.offsets[s + 1]);
        expect(fast.deadlocks).toBe(slowDeadlocks.length);
        const nodes = (x: { store: { size: number; get(id: number): Uint32Array } }) => new Set(Array.from({ length: x.store.size }, (_, id) => x.store.get(id)[0]));
        expect(nodes(fast)).toEqual(nodes(slow));
        for (let id = 0; id < fast.store.size; id++) expect(replayTrace(system, traceTo(fast, id)).at(-1)?.[0]).toBe(fast.store.get(id)[0]);
      }),
      { seed: 9, numRuns: 200 },
    );
  });

  it('state bound: bounded with maxStates + 1 states, every one reachable by its path', () => {
    // A chain 0 → 1 → … → 99.
    const adj = Array.from({ length: 100 }, (_, i) => (i < 99 ? [i + 1] : []));
    const x = exploreLevels(new Graph(adj), { bounds: { maxStates: 10 } });
    expect(x.status).toBe('bounded');
    expect(x.bound).toBe('states');
    expect(x.stats.states).toBe(11);
    expect(x.stats.depth).toBe(10);
    const done = exploreLevels(new Graph(adj), { bounds: { maxStates: 100 } });
    expect(done.status).toBe('complete');
    expect(done.deadlocks).toBe(1);
    expect(done.firstDeadlock).toBe(99);
  });

  it('time bound: a zero budget on a large graph ends bounded by time', () => {
    const n = 50_000;
    const adj = Array.from({ length: n }, (_, i) => [(i + 1) % n, (i * 7 + 3) % n]);
    const x = exploreLevels(new Graph(adj), { bounds: { timeoutMs: 0 } });
    expect(x.status).toBe('bounded');
    expect(x.bound).toBe('time');
  });

  it('restarts after LayoutOverflow once the system widened, calling onRestart', () => {
    const adj = [[1, 2], [3], [3], [4], []];
    const system = new Graph(adj, [0], 2);
    let restarts = 0;
    const x = exploreLevels(system, { onRestart: () => restarts++ });
    expect(system.widened).toBe(1);
    expect(restarts).toBe(1);
    expect(x.stats).toMatchObject({ states: 5, transitions: 5, depth: 3 });
  });
});

/**
 * Best-first search (src/core/best-first.ts) on transition systems written here: finds the goal,
 * the trace replays to it, the heuristic cuts the states needed, bounds (states, time) end the run
 * as `bounded`, an exhausted finite space is `exhausted`, initial-state indices, tie order,
 * determinism, `Infinity`/`NaN` distances, and the LayoutOverflow → widen → restart protocol.
 */
import { describe, expect, it } from 'vitest';
import { type BestFirstResult, InputError, LayoutOverflow, type SuccessorSink, type TransitionSystem, bestFirstSearch, explore, replayTrace } from '../../../src/core/index.js';

/**
 * A grid `0 … size` × `0 … size` (two words); action 0 increments x, action 1 increments y,
 * action 2 resets both to 0 (so the graph has cycles).
 */
class GridSystem implements TransitionSystem {
  readonly stateWords = 2;
  readonly actionCount = 3;
  expansions = 0;
  constructor(
    readonly size: number,
    readonly inits: readonly (readonly [number, number])[] = [[0, 0]],
  ) {}
  initialStates(): readonly Uint32Array[] {
    return this.inits.map(([x, y]) => Uint32Array.of(x, y));
  }
  successors(source: Uint32Array, offset: number, sink: SuccessorSink): void {
    this.expansions++;
    const x = source[offset];
    const y = source[offset + 1];
    const out = new Uint32Array(2);
    if (x < this.size) {
      out[0] = x + 1;
      out[1] = y;
      if (sink(0, out) === true) return;
    }
    if (y < this.size) {
      out[0] = x;
      out[1] = y + 1;
      if (sink(1, out) === true) return;
    }
    if (x + y > 0) {
      out[0] = 0;
      out[1] = 0;
      sink(2, out);
    }
  }
  actionName(a: number): string {
    return ['incX', 'incY', 'reset'][a];
  }
  formatState(s: Uint32Array, o: number): string {
    return `(${s[o]}, ${s[o + 1]})`;
  }
}

/** The goal `(gx, gy)` and the Manhattan distance to it. */
function target(gx: number, gy: number) {
  return {
    isGoal: (a: Uint32Array, o: number) => a[o] === gx && a[o + 1] === gy,
    distance: (a: Uint32Array, o: number) => Math.abs(gx - a[o]) + Math.abs(gy - a[o + 1]),
  };
}

function found(r: BestFirstResult): Extract<BestFirstResult, { status: 'found' }> {
  if (r.status !== 'found') throw new Error(`expected a goal, got ${r.status}`);
  return r;
}

describe('bestFirstSearch: witnesses', () => {
  it('finds the goal, and the trace replays to it', () => {
    const system = new GridSystem(60);
    const { isGoal, distance } = target(40, 25);
    const r = found(bestFirstSearch(system, isGoal, distance));
    const states = replayTrace(system, r.trace);
    const end = states[states.length - 1];
    expect([end[0], end[1]]).toEqual([40, 25]);
    expect([...r.goal]).toEqual([40, 25]);
    expect(r.trace.initial).toBe(0);
    // The distance is exact here, so the search walks straight to the goal.
    expect(r.trace.actions.length).toBe(65);
    expect(r.stats.states).toBeLessThan(300);
  });

  it('needs far fewer states than breadth-first search', () => {
    const system = new GridSystem(100);
    const { isGoal, distance } = target(100, 100);
    const r = found(bestFirstSearch(system, isGoal, distance));
    let bfsStates = -1;
    explore(system, { onState: (id, a, o) => (isGoal(a, o) ? ((bfsStates = id + 1), true) : false) });
    expect(bfsStates).toBe(101 * 101);
    expect(r.stats.states * 20).toBeLessThan(bfsStates);
  });

  it('returns an empty trace when an initial state is a goal', () => {
    const system = new GridSystem(5, [[1, 1], [3, 4]]);
    const { isGoal, distance } = target(3, 4);
    const r = found(bestFirstSearch(system, isGoal, distance));
    expect(r.trace).toEqual({ initial: 1, actions: [] });
  });

  it('numbers the initial state of the trace by its index in initialStates(), duplicates included', () => {
    const system = new GridSystem(8, [[0, 0], [0, 0], [5, 5]]);
    const { isGoal, distance } = target(6, 6);
    const r = found(bestFirstSearch(system, isGoal, distance));
    expect(r.trace.initial).toBe(2);
    const states = replayTrace(system, r.trace);
    expect([...states[states.length - 1]]).toEqual([6, 6]);
  });

  it('is deterministic, with either tie order', () => {
    const run = (ties: 'newest-first' | 'oldest-first') => {
      // A flat heuristic: every tie is broken by discovery order.
      const r = found(bestFirstSearch(new GridSystem(12), target(7, 9).isGoal, () => 1, { ties }));
      return { trace: r.trace, states: r.stats.states, expanded: r.stats.expanded };
    };
    expect(run('newest-first')).toEqual(run('newest-first'));
    expect(run('oldest-first')).toEqual(run('oldest-first'));
    // Oldest first with a flat heuristic is breadth-first: the trace is a shortest one.
    expect(run('oldest-first').trace.actions.length).toBe(16);
  });

  it('still finds a goal behind Infinity and NaN distances (they only order the search)', () => {
    const system = new GridSystem(10);
    const { isGoal } = target(10, 10);
    const r = found(bestFirstSearch(system, isGoal, (a, o) => (a[o] % 2 === 0 ? Number.NaN : Number.POSITIVE_INFINITY)));
    const states = replayTrace(system, r.trace);
    expect([...states[states.length - 1]]).toEqual([10, 10]);
  });
});

describe('bestFirstSearch: no witness', () => {
  it('reports an exhausted finite space with every state counted', () => {
    const r = bestFirstSearch(new GridSystem(9), () => false, () => 0);
    expect(r.status).toBe('exhausted');
    expect(r.stats.states).toBe(100);
    expect(r.stats.expanded).toBe(100);
  });

  it('stops at the state bound', () => {
    const system = new GridSystem(1000);
    const r = bestFirstSearch(system, target(1000, 1000).isGoal, () => 0, { bounds: { maxStates: 500 } });
    expect(r.status).toBe('bounded');
    if (r.status !== 'bounded') return;
    expect(r.bound).toBe('states');
    expect(r.stats.states).toBe(501);
  });

  it('a goal beyond the state bound is not reported', () => {
    // Reachable only after ~1000 states with a misleading heuristic.
    const { isGoal } = target(30, 30);
    const r = bestFirstSearch(new GridSystem(30), isGoal, (a, o) => a[o] + a[o + 1], { bounds: { maxStates: 100 } });
    expect(r.status).toBe('bounded');
  });

  it('stops at the time bound', () => {
    const r = bestFirstSearch(new GridSystem(100_000), () => false, () => 0, { bounds: { timeoutMs: 5 } });
    expect(r.status).toBe('bounded');
    if (r.status === 'bounded') expect(r.bound).toBe('time');
  });
});

describe('bestFirstSearch: LayoutOverflow, widen and restart', () => {
  /** A counter 0 → 1 → … → limit (action 0) that "overflows" above `width` until widened. */
  class Counter implements TransitionSystem {
    readonly stateWords = 1;
    readonly actionCount = 1;
    width = 10;
    widenCalls = 0;
    constructor(
      readonly limit: number,
      readonly canWiden = true,
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
    formatState(s: Uint32Array, o: number): string {
      return String(s[o]);
    }
    widen(): boolean {
      this.widenCalls++;
      if (!this.canWiden) return false;
      this.width *= 2;
      return true;
    }
  }

  it('widens and restarts until the goal fits', () => {
    const system = new Counter(100);
    const r = found(bestFirstSearch(system, (a, o) => a[o] === 75, (a, o) => 75 - a[o]));
    expect(system.widenCalls).toBe(3); // 10 → 20 → 40 → 80
    expect(r.trace.actions).toHaveLength(75);
    expect(r.stats.states).toBe(76);
  });

  it('reports WFV1301 when the system cannot widen', () => {
    expect(() => bestFirstSearch(new Counter(100, false), () => false, () => 0)).toThrow(InputError);
  });
});

/**
 * Strongly connected components (iterative Tarjan) and bottom components, against a naive
 * mutual-reachability computation on random directed graphs (self-loops and parallel edges
 * included), built directly with the StateGraph constructor. Also StateGraph.predecessors, and
 * graphs of a million states (no recursion, so no stack overflow).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StateGraph } from '../../../src/core/graph.js';
import { bottomComponents, stronglyConnectedComponents } from '../../../src/core/scc.js';

interface RawGraph {
  readonly n: number;
  readonly edges: readonly [number, number][];
}

/** Compressed-row StateGraph of `edges` (kept in the given order per source); action = edge index. */
function build({ n, edges }: RawGraph): StateGraph {
  const offsets = new Int32Array(n + 1);
  for (const [u] of edges) offsets[u + 1]++;
  for (let s = 0; s < n; s++) offsets[s + 1] += offsets[s];
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(edges.length);
  const actions = new Int32Array(edges.length);
  edges.forEach(([u, v], k) => {
    const e = fill[u]++;
    targets[e] = v;
    actions[e] = k;
  });
  return new StateGraph(n, offsets, targets, actions, Math.min(n, 1));
}

const graph: fc.Arbitrary<RawGraph> = fc.integer({ min: 0, max: 25 }).chain((n) =>
  n === 0
    ? fc.constant<RawGraph>({ n, edges: [] })
    : fc.record<RawGraph>({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
      }),
);

/** reach[u] = nodes reachable from u (u included), restricted to nodes where `inside` holds. */
function naiveReach({ n, edges }: RawGraph, inside: (s: number) => boolean = () => true): Set<number>[] {
  const adj: number[][] = Array.from({ length: n }, () => []);
  for (const [u, v] of edges) if (inside(u) && inside(v)) adj[u].push(v);
  return Array.from({ length: n }, (_, u) => {
    const seen = new Set<number>();
    if (!inside(u)) return seen;
    seen.add(u);
    const stack = [u];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      for (const y of adj[x]) {
        if (!seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
      }
    }
    return seen;
  });
}

describe('stronglyConnectedComponents', () => {
  it('puts two states in one component iff they reach each other', () => {
    fc.assert(
      fc.property(graph, (raw) => {
        // Arrange
        const g = build(raw);
        const reach = naiveReach(raw);

        // Act
        const { component, count } = stronglyConnectedComponents(g);

        // Assert
        const wrong: string[] = [];
        for (let u = 0; u < raw.n; u++) {
          if (!(component[u] >= 0 && component[u] < count)) wrong.push(`component[${u}] = ${component[u]}`);
          for (let v = 0; v < raw.n; v++) {
            if ((component[u] === component[v]) !== (reach[u].has(v) && reach[v].has(u))) wrong.push(`${u} ~ ${v}`);
          }
        }
        expect(wrong).toEqual([]);
        expect(new Set(component).size).toBe(count);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('numbers components in reverse topological order: every edge goes to an equal or smaller id', () => {
    fc.assert(
      fc.property(graph, (raw) => {
        const { component } = stronglyConnectedComponents(build(raw));
        for (const [u, v] of raw.edges) expect(component[v]).toBeLessThanOrEqual(component[u]);
        // Component 0 (when any) is a bottom component.
        if (raw.n > 0) expect(bottomComponents(build(raw), stronglyConnectedComponents(build(raw)))[0]).toBe(1);
      }),
      { seed: 43, numRuns: 500 },
    );
  });

  it('restricted by `within`: the components of the induced subgraph, -1 outside', () => {
    fc.assert(
      fc.property(
        graph.chain((raw) => fc.record({ raw: fc.constant(raw), inside: fc.array(fc.boolean(), { minLength: raw.n, maxLength: raw.n }) })),
        ({ raw, inside }) => {
          // Arrange
          const within = (s: number) => inside[s];
          const reach = naiveReach(raw, within);

          // Act
          const { component, count } = stronglyConnectedComponents(build(raw), within);

          // Assert
          const wrong: string[] = [];
          for (let u = 0; u < raw.n; u++) {
            if (!inside[u]) {
              if (component[u] !== -1) wrong.push(`component[${u}] = ${component[u]} outside`);
              continue;
            }
            if (component[u] < 0) wrong.push(`component[${u}] = ${component[u]} inside`);
            for (let v = 0; v < raw.n; v++) {
              if (inside[v] && (component[u] === component[v]) !== (reach[u].has(v) && reach[v].has(u))) wrong.push(`${u} ~ ${v}`);
            }
          }
          expect(wrong).toEqual([]);
          expect(new Set([...component].filter((c) => c >= 0)).size).toBe(count);
        },
      ),
      { seed: 44, numRuns: 300 },
    );
  });

  it('handles a million-state cycle and a million-state chain without recursion', () => {
    // Arrange
    const n = 1_000_000;
    const line = (closed: boolean): StateGraph => {
      const offsets = Int32Array.from({ length: n + 1 }, (_, s) => (s < n ? s : closed ? n : n - 1));
      const targets = Int32Array.from({ length: closed ? n : n - 1 }, (_, s) => (s + 1) % n);
      return new StateGraph(n, offsets, targets, new Int32Array(targets.length), 1);
    };
    const chain = line(false);
    const cycle = line(true);

    // Act
    const c1 = stronglyConnectedComponents(cycle);
    const c2 = stronglyConnectedComponents(chain);

    // Assert
    expect(c1.count).toBe(1);
    expect(c2.count).toBe(n);
    for (let i = 0; i + 1 < n; i++) if (!(c2.component[i] > c2.component[i + 1])) throw new Error(`chain order broken at ${i}`);
    expect(c2.component[n - 1]).toBe(0);
    expect(Array.from(bottomComponents(chain, c2)).filter((b) => b === 1)).toEqual([1]);
  });
});

describe('bottomComponents', () => {
  it('marks exactly the components no edge leaves (naively: everything reachable stays inside)', () => {
    fc.assert(
      fc.property(graph, (raw) => {
        // Arrange
        const g = build(raw);
        const scc = stronglyConnectedComponents(g);
        const reach = naiveReach(raw);

        // Act
        const bottom = bottomComponents(g, scc);

        // Assert
        expect(bottom.length).toBe(scc.count);
        for (let c = 0; c < scc.count; c++) {
          const members = [...Array(raw.n).keys()].filter((s) => scc.component[s] === c);
          const closed = members.every((s) => [...reach[s]].every((t) => scc.component[t] === c));
          expect(bottom[c] === 1).toBe(closed);
        }
      }),
      { seed: 45, numRuns: 500 },
    );
  });
});

describe('StateGraph', () => {
  it('predecessors() lists every edge reversed, with its action', () => {
    fc.assert(
      fc.property(graph, (raw) => {
        // Arrange
        const g = build(raw);

        // Act
        const { offsets, sources, actions } = g.predecessors();

        // Assert
        const got: string[] = [];
        for (let v = 0; v < raw.n; v++) for (let k = offsets[v]; k < offsets[v + 1]; k++) got.push(`${sources[k]}>${v}#${actions[k]}`);
        expect(got.sort()).toEqual(raw.edges.map(([u, v], k) => `${u}>${v}#${k}`).sort());
        expect(g.edgeCount).toBe(raw.edges.length);
        for (let u = 0; u < raw.n; u++) expect(g.outDegree(u)).toBe(raw.edges.filter(([a]) => a === u).length);
      }),
      { seed: 46, numRuns: 300 },
    );
  });

  it('rejects offsets of the wrong length', () => {
    expect(() => new StateGraph(3, new Int32Array(3), new Int32Array(0), new Int32Array(0), 1)).toThrow(/offsets/);
  });
});

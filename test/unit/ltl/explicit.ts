/**
 * Test helper: small explicit transition systems (one word per state = the state number) and a
 * label function over them, for the LTL unit tests.
 */
import type { TransitionSystem } from '../../../src/core/index.js';
import { type AtomBinding, type Formula, type StatePredicate, compileStatePredicate, parseFormula } from '../../../src/logic/index.js';

export interface Explicit {
  /** Per state: `[action, target]` pairs, actions distinct per state. */
  readonly edges: readonly (readonly (readonly [number, number])[])[];
  /** Per state: the names of the atoms true there. */
  readonly props: readonly (readonly string[])[];
  readonly initial: readonly number[];
  readonly actionNames?: readonly string[];
}

export function explicitSystem(g: Explicit): TransitionSystem {
  const actionCount = Math.max(0, ...g.edges.flatMap((es) => es.map(([a]) => a + 1)));
  return {
    stateWords: 1,
    actionCount,
    initialStates: () => g.initial.map((s) => Uint32Array.of(s)),
    successors(source, offset, sink) {
      const scratch = new Uint32Array(1);
      for (const [a, t] of g.edges[source[offset]]) {
        scratch[0] = t;
        if (sink(a, scratch) === true) return;
      }
    },
    actionName: (a) => g.actionNames?.[a] ?? `a${a}`,
    formatState: (s, o) => `s${s[o]}`,
  };
}

export function binding(g: Explicit): AtomBinding {
  const no = (): never => {
    throw new Error('not used');
  };
  return {
    tokens: no,
    integerAtom: no,
    fireable: no,
    deadlock: () => (a, o) => g.edges[a[o]].length === 0,
    atom: (atom) => (a, o) => g.props[a[o]].includes(atom.name),
  };
}

export function labeler(g: Explicit): (f: Formula) => StatePredicate {
  const b = binding(g);
  return (f) => compileStatePredicate(f, b);
}

export const ltl = (text: string): Formula => parseFormula(text);

/** A counter 0 → 1 → 2 → … that never repeats (an unbounded system). */
export function counter(props: (n: number) => string[] = () => ['p']): { system: TransitionSystem; label: (f: Formula) => StatePredicate } {
  const system: TransitionSystem = {
    stateWords: 1,
    actionCount: 1,
    initialStates: () => [Uint32Array.of(0)],
    successors(source, offset, sink) {
      sink(0, Uint32Array.of(source[offset] + 1));
    },
    actionName: () => 'inc',
    formatState: (s, o) => `${s[o]}`,
  };
  const label = (f: Formula) =>
    compileStatePredicate(f, {
      tokens: () => () => 0,
      integerAtom: () => () => 0,
      fireable: () => () => true,
      deadlock: () => () => false,
      atom: (atom) => (a, o) => props(a[o]).includes(atom.name),
    });
  return { system, label };
}

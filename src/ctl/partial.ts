/**
 * CTL on a *partial* reachability graph: the part an exploration stopped by a bound had
 * explored. Three-valued: a formula is decided only when every way the unexplored part could
 * continue gives the same answer.
 *
 * The unexplored continuation of every *frontier* state (a state whose successors were not all
 * enumerated) is represented by one extra state ⊤ with a self-loop, reached from every frontier
 * state besides its known successors. Each subformula gets two satisfaction sets on that graph:
 * `must` (surely true) and `may` (possibly true). ⊤ is in `may` and never in `must` of every
 * subformula (constants included); negation swaps the two (`must ¬f = ¬may f`); every CTL path operator is monotone in its
 * operands, so it maps `must` operands to `must` and `may` to `may`. For every state s of the
 * partial graph and every formula f: s ∈ must(f) ⇒ f holds at s in the full graph ⇒ s ∈ may(f)
 * (the full graph's continuation of a frontier state is simulated by ⊤ in the `may` reading, and
 * is never relied upon in the `must` reading). Atoms are exact: they are evaluated on the state
 * itself (`deadlock` and `fireable` included, from the model, not from the explored edges).
 *
 * Fairness constraints are not supported here (the caller stays inconclusive).
 */
import { InputError, StateGraph } from '../core/index.js';
import { type Formula, isStateFormula, print } from '../logic/index.js';
import { and, constant, fromPredicate, not, or, type Bits } from './bitset.js';
import { makeContext, pathFormula, type CheckContext } from './operators.js';
import type { DeadlockSemantics, Labeler } from './types.js';

export type PartialVerdict = 'holds' | 'violated' | 'unknown';

/**
 * The graph of a partial exploration with ⊤ added: states `0 … stateCount-1` as explored, edges
 * of the states before `frontierFrom` complete, every state from `frontierFrom` on (not or not
 * fully expanded) keeps its known edges and gains an edge to ⊤ (id `stateCount`, action -1),
 * and ⊤ loops on itself. `offsets` has one entry per state with recorded edges plus one.
 */
export function partialGraph(
  stateCount: number, initialCount: number, frontierFrom: number,
  edges: { readonly offsets: Int32Array; readonly targets: Int32Array; readonly actions: Int32Array },
): StateGraph {
  const recorded = edges.offsets.length - 1;
  const top = stateCount;
  const frontier = stateCount - frontierFrom;
  const offsets = new Int32Array(stateCount + 2);
  const targets = new Int32Array(edges.targets.length + frontier + 1);
  const actions = new Int32Array(targets.length);
  let k = 0;
  for (let s = 0; s < stateCount; s++) {
    offsets[s] = k;
    if (s < recorded) {
      for (let e = edges.offsets[s]; e < edges.offsets[s + 1]; e++) {
        targets[k] = edges.targets[e];
        actions[k++] = edges.actions[e];
      }
    }
    if (s >= frontierFrom) {
      targets[k] = top;
      actions[k++] = -1;
    }
  }
  offsets[top] = k;
  targets[k] = top;
  actions[k++] = -1;
  offsets[top + 1] = k;
  return new StateGraph(stateCount + 1, offsets, targets.subarray(0, k), actions.subarray(0, k), initialCount);
}

/**
 * Decides `formula` at the initial states of a graph built by {@link partialGraph}, if the
 * explored part decides it: 'holds' when every initial state is in `must`, 'violated' when one is
 * outside `may`, 'unknown' otherwise. `label` is called for real states only.
 */
export function checkCtlPartial(graph: StateGraph, formula: Formula, label: Labeler, semantics: DeadlockSemantics = 'stutter'): PartialVerdict {
  const top = graph.stateCount - 1;
  const ctx = makeContext(graph, semantics, []);
  const must = new Reading(ctx, label, top, false);
  const may = new Reading(ctx, label, top, true);
  must.partner = may;
  may.partner = must;
  const sure = must.sat(formula);
  const possible = may.sat(formula);
  let holds = true;
  for (let s = 0; s < graph.initialCount; s++) {
    if (possible[s] === 0) return 'violated';
    if (sure[s] === 0) holds = false;
  }
  return holds ? 'holds' : 'unknown';
}

/** One reading (`must` or `may`) of every subformula, cached by node identity. */
class Reading {
  partner!: Reading;
  private readonly cache = new Map<Formula, Bits>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly label: Labeler,
    private readonly top: number,
    private readonly optimistic: boolean,
  ) {}

  sat(f: Formula): Bits {
    let bits = this.cache.get(f);
    if (bits === undefined) {
      // ⊤ stands for any continuation (in 'finite' semantics also none at all, a deadlock), so it
      // satisfies every formula in the `may` reading and none in the `must` reading — constants
      // included (`EX true` is false at a deadlock). A copy: operator results may be memoized.
      bits = Uint8Array.from(this.compute(f));
      bits[this.top] = this.optimistic ? 1 : 0;
      this.cache.set(f, bits);
    }
    return bits;
  }

  private compute(f: Formula): Bits {
    const n = this.ctx.g.stateCount;
    if (f.kind === 'bool') return constant(n, f.value);
    switch (f.kind) {
      case 'not':
        return not(this.partner.sat(f.arg));
      case 'and':
        return f.args.map((a) => this.sat(a)).reduce(and);
      case 'or':
        return f.args.map((a) => this.sat(a)).reduce(or);
      case 'implies':
        return or(not(this.partner.sat(f.left)), this.sat(f.right));
      case 'iff':
        return or(and(this.sat(f.left), this.sat(f.right)), and(not(this.partner.sat(f.left)), not(this.partner.sat(f.right))));
      case 'invariant':
      case 'path': {
        const bits = pathFormula(this.ctx, f, (g) => this.sat(g));
        if (bits !== undefined) return bits;
        break;
      }
      default:
        if (isStateFormula(f)) {
          const pred = this.label(f);
          const top = this.top;
          const optimistic = this.optimistic;
          return fromPredicate(n, (s) => (s === top ? optimistic : pred(s)));
        }
    }
    throw new InputError('WFV2004', `unsupported formula for the CTL checker: ${print(f)}`);
  }
}

/**
 * A heuristic distance from a P/T net marking to the markings satisfying a state formula, the
 * measure TAPAAL's verifypn guides its best-first reachability search with.
 *
 * Negations are pushed to the atoms while the function is built (¬(a ≤ b) is a > b, ¬fireable(t)
 * is "t disabled", ¬ over and/or swaps them, implications and equivalences are expanded). Then:
 * - `l op r`: how far `l − r` is from satisfying `op` (0 when it holds), e.g. `max(0, l − r)` for
 *   `≤`, `|l − r|` for `==`, and 0/1 for `!=`; integer expressions are evaluated exactly as the
 *   explicit checker does ({@link compileStateInteger} over the same {@link AtomBinding});
 * - `fireable(t, …)`: the least, over the transitions named, of the tokens missing on input arcs
 *   plus the tokens in excess on inhibitor arcs (at least 1 while the transition is disabled);
 *   `¬fireable(t, …)`: the sum over them of the fewest token changes disabling each;
 * - `deadlock`: the number of enabled transitions; `¬deadlock`: the least distance to enabling one;
 * - `and` sums, `or` takes the least; `true` is 0, `false` is `Infinity`; a named atom is 0/1.
 *
 * Contract: the distance is 0 exactly on the markings satisfying the formula and positive
 * (possibly `Infinity`) elsewhere; enabledness is the system's own ({@link PetriSystem.isEnabled},
 * capacities included). Beyond that it is *only* guidance and may mislead (e.g. `p < p` counts 1
 * from being satisfied): nothing is ever concluded from it.
 */
import { assertNever } from '../../core/index.js';
import { type AtomBinding, type CompareOp, type Formula, type IntExpr, compileStateInteger, compileStatePredicate } from '../../logic/index.js';
import { type Arc, type PetriSystem, indexByIdThenName } from '../../petri/index.js';

/** A distance of the packed marking at `arena[offset…]` (lower = closer; 0 = satisfied). */
export type MarkingDistance = (arena: Uint32Array, offset: number) => number;

/** The distance to satisfying `target` (a state formula) on `system`'s markings. */
export function targetDistance(target: Formula, system: PetriSystem, binding: AtomBinding): MarkingDistance {
  return new DistanceBuilder(system, binding).build(target, true);
}

const NEGATED: Record<CompareOp, CompareOp> = { '<': '>=', '<=': '>', '==': '!=', '!=': '==', '>=': '<', '>': '<=' };

class DistanceBuilder {
  private readonly transitionIndex: Map<string, number>;

  constructor(
    private readonly system: PetriSystem,
    private readonly binding: AtomBinding,
  ) {
    this.transitionIndex = indexByIdThenName(system.net.transitions);
  }

  /** Distance to `f` holding (`positive`) or failing (`!positive`). */
  build(f: Formula, positive: boolean): MarkingDistance {
    switch (f.kind) {
      case 'bool':
        return f.value === positive ? () => 0 : () => Number.POSITIVE_INFINITY;
      case 'not':
        return this.build(f.arg, !positive);
      case 'and':
        return positive ? sum(f.args.map((g) => this.build(g, true))) : least(f.args.map((g) => this.build(g, false)));
      case 'or':
        return positive ? least(f.args.map((g) => this.build(g, true))) : sum(f.args.map((g) => this.build(g, false)));
      case 'implies':
        // l → r ≡ ¬l ∨ r;  ¬(l → r) ≡ l ∧ ¬r.
        return positive ? least([this.build(f.left, false), this.build(f.right, true)]) : sum([this.build(f.left, true), this.build(f.right, false)]);
      case 'iff': {
        // l ↔ r ≡ (l ∧ r) ∨ (¬l ∧ ¬r);  ¬(l ↔ r) ≡ (l ∧ ¬r) ∨ (¬l ∧ r).
        const [l, nl, r, nr] = [this.build(f.left, true), this.build(f.left, false), this.build(f.right, true), this.build(f.right, false)];
        return positive ? least([sum([l, r]), sum([nl, nr])]) : least([sum([l, nr]), sum([nl, r])]);
      }
      case 'compare':
        return this.compare(f.left, positive ? f.op : NEGATED[f.op], f.right);
      case 'fireable':
        return this.fireable(f.transitions, positive);
      case 'deadlock':
        return positive ? this.enabledCount() : this.distanceToSomeEnabled();
      case 'atom': {
        const holds = compileStatePredicate(f, this.binding);
        return (a, o) => (holds(a, o) === positive ? 0 : 1);
      }
      case 'temporal':
      case 'until':
      case 'path':
      case 'coalition':
      case 'invariant':
        // Not a state formula: compiling it raises the checker's own error (WFV2004).
        compileStatePredicate(f, this.binding);
        throw new Error('unreachable: a temporal operator compiled as a state formula');
      default:
        return assertNever(f, 'formula');
    }
  }

  private compare(left: IntExpr, op: CompareOp, right: IntExpr): MarkingDistance {
    const l = compileStateInteger(left, this.binding);
    const r = compileStateInteger(right, this.binding);
    switch (op) {
      case '<': return (a, o) => Math.max(0, l(a, o) - r(a, o) + 1);
      case '<=': return (a, o) => Math.max(0, l(a, o) - r(a, o));
      case '>': return (a, o) => Math.max(0, r(a, o) - l(a, o) + 1);
      case '>=': return (a, o) => Math.max(0, r(a, o) - l(a, o));
      case '==': return (a, o) => Math.abs(l(a, o) - r(a, o));
      case '!=': return (a, o) => (l(a, o) === r(a, o) ? 1 : 0);
    }
    return assertNever(op, 'comparison');
  }

  private fireable(names: readonly string[], positive: boolean): MarkingDistance {
    const ts = names.map((n) => this.transitionIndex.get(n));
    if (ts.some((t) => t === undefined)) {
      // Unknown names: the binding raises the checker's own error for them.
      const holds = this.binding.fireable(names);
      return (a, o) => (holds(a, o) === positive ? 0 : 1);
    }
    const known = ts as number[];
    if (positive) return least(known.map((t) => (a: Uint32Array, o: number) => this.toEnable(t, a, o)));
    return sum(known.map((t) => (a: Uint32Array, o: number) => this.toDisable(t, a, o)));
  }

  private enabledCount(): MarkingDistance {
    const T = this.system.actionCount;
    return (a, o) => {
      let n = 0;
      for (let t = 0; t < T; t++) if (this.system.isEnabled(a, o, t)) n++;
      return n;
    };
  }

  private distanceToSomeEnabled(): MarkingDistance {
    const T = this.system.actionCount;
    return (a, o) => {
      let best = Number.POSITIVE_INFINITY;
      for (let t = 0; t < T && best > 0; t++) best = Math.min(best, this.toEnable(t, a, o));
      return best;
    };
  }

  /** Tokens missing on input arcs plus tokens in excess on inhibitor arcs; ≥ 1 while disabled. */
  private toEnable(t: number, a: Uint32Array, o: number): number {
    if (this.system.isEnabled(a, o, t)) return 0;
    const tr = this.system.net.transitions[t];
    let d = 0;
    for (const arc of tr.pre) d += Math.max(0, arc.weight - this.tokens(arc, a, o));
    for (const arc of tr.inhibitors) d += Math.max(0, this.tokens(arc, a, o) - arc.weight + 1);
    return Math.max(1, d);
  }

  /** The fewest token changes on one arc that disable `t` (1 when no arc can disable it). */
  private toDisable(t: number, a: Uint32Array, o: number): number {
    if (!this.system.isEnabled(a, o, t)) return 0;
    const tr = this.system.net.transitions[t];
    let best = Number.POSITIVE_INFINITY;
    for (const arc of tr.pre) best = Math.min(best, this.tokens(arc, a, o) - arc.weight + 1);
    for (const arc of tr.inhibitors) best = Math.min(best, arc.weight - this.tokens(arc, a, o));
    return best === Number.POSITIVE_INFINITY ? 1 : Math.max(1, best);
  }

  /** Tokens on the arc's place, read through the system's current packing. */
  private tokens(arc: Arc, a: Uint32Array, o: number): number {
    return this.system.layout.read(a, o, arc.place);
  }
}

function sum(parts: readonly MarkingDistance[]): MarkingDistance {
  if (parts.length === 1) return parts[0];
  return (a, o) => {
    let d = 0;
    for (let i = 0; i < parts.length; i++) d += parts[i](a, o);
    return d;
  };
}

function least(parts: readonly MarkingDistance[]): MarkingDistance {
  if (parts.length === 1) return parts[0];
  return (a, o) => {
    let d = Number.POSITIVE_INFINITY;
    for (let i = 0; i < parts.length && d > 0; i++) d = Math.min(d, parts[i](a, o));
    return d;
  };
}

/**
 * Evidence for the outermost operator of a CTL formula: a path that shows the formula's truth
 * value at some of the given initial states.
 *
 * `explainValue(f, sources, want)` looks for a path from one of `sources` (initial states where `f`
 * has value `want`) that demonstrates it. Existential formulas that hold and universal formulas
 * that fail both amount to "some (fair) path satisfies ψ"; for ψ:
 *
 * - `X a`: one step to an `a`-state (under `'stutter'`, a deadlock that satisfies `a` alone);
 * - `F a`, `a U b`, and the negations `¬G a`, `¬(a W b)`, `¬(a R b)`: a shortest path (BFS);
 * - `G a`: a lasso inside `a` whose cycle visits every fairness set, or a path to a deadlock;
 * - `¬(a U b)`, `a W b`, `a R b`: the finite kind when some source has one, else the lasso kind.
 *
 * `EF φ` that holds and `AG φ` that fails continue into the explanation of φ at the path's last
 * state (so `AG (p -> AF q)` shows the path to a `p`-state and then the run avoiding `q`).
 *
 * Boolean connectives: `¬` flips the wanted value; a false `∧` (a true `∨`) is explained by one
 * operand with that value; `→` likewise; other combinations (a true `∧`, `↔`, …) give none.
 * A universal formula that holds or an existential one that fails gives none (no single path
 * shows it). Paths are shortest for their kind among all `sources`, not globally minimal lassos.
 */
import { print, type Formula } from '../logic/index.js';
import { and, andMaybe, membersOf, type Bits } from './bitset.js';
import { existsUntil } from './fixpoints.js';
import { eg, neg, notUntilPrefix, type CheckContext } from './operators.js';
import { lassoPath, shortestPath, type GraphPath } from './paths.js';

export interface Explained extends GraphPath {
  explanation: string;
}

/** Looks up the satisfaction set of a subformula computed during checking. */
export type SatOf = (f: Formula) => Bits;

export function explainValue(ctx: CheckContext, satOf: SatOf, f: Formula, sources: readonly number[], want: boolean): Explained | undefined {
  if (sources.length === 0) return undefined;
  switch (f.kind) {
    case 'not':
      return explainValue(ctx, satOf, f.arg, sources, !want);
    case 'and':
    case 'or': {
      if ((f.kind === 'and') === want) return undefined;
      for (const arg of f.args) {
        const sub = membersOf(want ? satOf(arg) : neg(ctx, satOf(arg)), sources);
        const r = explainValue(ctx, satOf, arg, sub, want);
        if (r) return r;
      }
      return undefined;
    }
    case 'implies': {
      if (!want) return explainValue(ctx, satOf, f.right, sources, false);
      return (
        explainValue(ctx, satOf, f.left, membersOf(neg(ctx, satOf(f.left)), sources), false) ??
        explainValue(ctx, satOf, f.right, membersOf(satOf(f.right), sources), true)
      );
    }
    case 'invariant':
      if (want) return undefined;
      return existsPath(ctx, 'notG', satOf(f.body), undefined, sources, `invariant ${print(f.body)} fails`);
    case 'path': {
      if ((f.quantifier === 'E') !== want) return undefined;
      const body = f.body;
      const what = `${print(f)} ${want ? 'holds' : 'fails'}`;
      if (body.kind === 'temporal') {
        const a = satOf(body.arg);
        const kind = want ? body.op : (`not${body.op}` as const);
        const p = existsPath(ctx, kind, a, undefined, sources, what);
        // `EF φ` / `¬AG φ`: the path ends where φ holds / fails; go on explaining φ there, so a
        // nested counterexample (AG (p -> AF q)) shows the run that breaks the inner formula too.
        if (p && p.loopStart === undefined && ((kind === 'F' && want) || kind === 'notG')) {
          const last = p.states[p.states.length - 1];
          const more = explainValue(ctx, satOf, body.arg, [last], kind === 'F');
          if (more && more.states[0] === last && more.actions.length > 0) {
            return {
              states: [...p.states, ...more.states.slice(1)],
              actions: [...p.actions, ...more.actions],
              ...(more.loopStart !== undefined ? { loopStart: p.actions.length + more.loopStart } : {}),
              explanation: `${p.explanation}; there, ${more.explanation}`,
            };
          }
        }
        return p;
      }
      if (body.kind === 'until') {
        const kind = want ? body.op : (`not${body.op}` as const);
        return existsPath(ctx, kind, satOf(body.left), satOf(body.right), sources, what);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

type PathKind = 'X' | 'F' | 'G' | 'U' | 'W' | 'R' | 'notX' | 'notF' | 'notG' | 'notU' | 'notW' | 'notR';

/** Finds a fair path from one of `sources` satisfying the path formula `kind` over `a` (and `b`). */
function existsPath(ctx: CheckContext, kind: PathKind, a: Bits, b: Bits | undefined, sources: readonly number[], what: string): Explained | undefined {
  const { g } = ctx;
  const fairAnd = (x: Bits): Bits => andMaybe(x, ctx.fair);
  const reach = (via: Bits | undefined, target: Bits, srcs = sources, goal = 'reaches'): Explained | undefined => {
    const t = fairAnd(target);
    const p = shortestPath(g, srcs, (s) => t[s] === 1, via ? { via } : {});
    if (!p) return undefined;
    const last = p.states[p.states.length - 1];
    return { ...p, explanation: `${what}: from initial state ${p.states[0]} the path ${goal} state ${last} after ${p.actions.length} step(s)` };
  };
  const globally = (inv: Bits, srcs = sources, role = 'holds at every state'): Explained | undefined => {
    const analysis = eg(ctx, inv);
    const p = lassoPath(g, srcs, analysis, ctx.fairSets);
    if (!p) return undefined;
    const shape = p.loopStart !== undefined
      ? `a lasso whose cycle starts at step ${p.loopStart} (state ${p.states[p.loopStart]})${ctx.fairSets.length > 0 ? ' and visits every fairness set' : ''}`
      : `a path ending in deadlock state ${p.states[p.states.length - 1]}${ctx.semantics === 'stutter' ? ', which stutters forever' : ' (a maximal finite path)'}`;
    return { ...p, explanation: `${what}: from initial state ${p.states[0]}, ${shape}; ${role}` };
  };
  const step = (target: Bits): Explained | undefined => {
    const t = fairAnd(target);
    for (const s of sources) {
      if (g.outDegree(s) === 0) {
        if (ctx.semantics === 'stutter' && t[s] === 1) {
          return { states: [s], actions: [], explanation: `${what}: initial state ${s} is a deadlock; under stutter semantics its next state is itself` };
        }
        continue;
      }
      for (let e = g.succOffsets[s]; e < g.succOffsets[s + 1]; e++) {
        const v = g.succTargets[e];
        if (t[v] === 1) return { states: [s, v], actions: [g.succActions[e]], explanation: `${what}: initial state ${s} has successor ${v}` };
      }
    }
    return undefined;
  };
  const prefixOr = (prefixSet: Bits, finite: () => Explained | undefined, inv: Bits, role: string): Explained | undefined => {
    const withPrefix = membersOf(prefixSet, sources);
    return (withPrefix.length > 0 ? finite() : undefined) ?? globally(inv, sources, role);
  };
  const nb = b === undefined ? a : neg(ctx, b);
  switch (kind) {
    case 'X':
      return step(a);
    case 'notX':
      return step(neg(ctx, a));
    case 'F':
      return reach(undefined, a, sources, 'reaches the goal at');
    case 'notG':
      return reach(undefined, neg(ctx, a), sources, 'reaches the violating');
    case 'G':
      return globally(a);
    case 'notF':
      return globally(neg(ctx, a), sources, 'the goal never holds on it');
    case 'U':
      return reach(a, b as Bits, sources, 'keeps the left operand until it reaches the goal at');
    case 'notW':
      return reach(nb, and(neg(ctx, a), nb), sources, 'reaches, without the right operand, the violating');
    case 'notR':
      return reach(neg(ctx, a), nb, sources, 'reaches, before the left operand, the violating');
    case 'notU': {
      const pre = notUntilPrefix(ctx, a, b as Bits);
      return prefixOr(pre, () => reach(nb, and(neg(ctx, a), nb), membersOf(pre, sources), 'reaches, without the goal, the violating'), nb, 'the goal never holds on it');
    }
    case 'W': {
      const rb = b as Bits;
      const pre = existsUntil(g, a, fairAnd(rb));
      return prefixOr(pre, () => reach(a, rb, membersOf(pre, sources), 'keeps the left operand until it reaches the goal at'), a, 'the left operand holds forever');
    }
    case 'R': {
      const rb = b as Bits;
      const both = and(a, rb);
      const pre = existsUntil(g, rb, fairAnd(both));
      return prefixOr(pre, () => reach(rb, both, membersOf(pre, sources), 'keeps the right operand until it is released at'), rb, 'the right operand holds forever');
    }
  }
}

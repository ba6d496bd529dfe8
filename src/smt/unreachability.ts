/**
 * Proving that no reachable marking satisfies a state formula: the state equation refined with
 * traps (ALGORITHMS.md §4.2–4.3, the loop of SMPT and Esparza–Melzer), then k-induction.
 *
 * 1. Ask Z3 for a solution of  state equation ∧ target ∧ (every trap found so far is marked).
 * 2. UNSAT: proven — every reachable marking solves the constraints, so none satisfies the target.
 * 3. SAT: the solution's marking M̂ may be spurious. Look for an initially marked trap that M̂
 *    leaves empty; if there is one, add "it is marked" and go to 1.
 * 4. If no trap excludes it: k-induction for k = 1 … {@link UnreachabilityOptions.maxDepth}
 *    (./induction.ts): the last k firings exact, their first marking over-approximated by the
 *    state equation and the traps found. All its queries UNSAT: proven. Else unknown.
 *
 * Contracts: `unreachable` is a proof for the firing rule of {@link SmtNet} (inhibitor arcs and
 * capacities included — dropping constraints only enlarges the over-approximation). `unknown`
 * says nothing; in particular a SAT solution is never reported as a witness.
 */
import type { Formula } from '../logic/index.js';
import type { NetNames, SmtNet } from './net.js';
import { NotAStateFormula, stateTerm } from './predicate.js';
import { type SatAnswer, modelValues, satAnswer } from './smtlib.js';
import { markingVar, stateEquation } from './state-equation.js';
import { baseQuery, stepQuery, unrolledMarking } from './induction.js';
import { isInitiallyMarkedTrap, trapMarked, trapMarkedTerm, trapModelComplete, trapOfModel, trapQuery } from './traps.js';
import { SmtUnavailable, z3 } from './z3-bridge.js';

/** MCC technique names of what a proof used. */
export type SmtTechnique = 'STATE_EQUATION' | 'TRAPS' | 'K_INDUCTION';

export type UnreachabilityResult =
  | { readonly status: 'unreachable'; readonly techniques: readonly SmtTechnique[]; readonly traps: number }
  | { readonly status: 'unknown'; readonly reason: string; readonly traps: number };

export interface UnreachabilityOptions {
  /** Wall-clock budget for the whole refinement loop (default 20 s). */
  readonly timeoutMs?: number;
  /** At most this many trap constraints are added (default 100). */
  readonly maxTraps?: number;
  /** k-induction is tried up to this depth when the traps do not suffice (default 3; 0 = off). */
  readonly maxDepth?: number;
}

/** Proves, if it can, that no marking reachable in `net` satisfies the state formula `target`. */
export function proveUnreachable(net: SmtNet, target: Formula, names: NetNames, o: UnreachabilityOptions = {}): UnreachabilityResult {
  const deadline = Date.now() + (o.timeoutMs ?? 20_000);
  const maxTraps = o.maxTraps ?? 100;
  let term: string;
  try {
    term = stateTerm(target, net, names, markingVar);
  } catch (e) {
    if (e instanceof NotAStateFormula) return { status: 'unknown', reason: e.message, traps: 0 };
    throw e;
  }
  const base = `${stateEquation(net)}\n(assert ${term})`;
  const traps: number[][] = [];
  const values = `(get-value (${net.places.map((_, p) => markingVar(p)).join(' ')}))`;
  try {
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { status: 'unknown', reason: 'the state-equation time budget ran out', traps: traps.length };
      const out = solve(`${base}\n${traps.map(trapMarked).join('\n')}\n(check-sat)\n${values}`, left);
      const answer = satAnswer(out);
      if (answer === 'unsat') return { status: 'unreachable', techniques: traps.length > 0 ? ['STATE_EQUATION', 'TRAPS'] : ['STATE_EQUATION'], traps: traps.length };
      if (answer === 'unknown') return { status: 'unknown', reason: 'z3 answered unknown on the state equation', traps: traps.length };
      if (traps.length >= maxTraps) return induction(net, target, names, traps, o, deadline, `the state equation still has a solution after ${traps.length} trap constraints`);
      const model = modelValues(out);
      if (!net.places.every((_, p) => model.has(markingVar(p)))) return { status: 'unknown', reason: 'z3 gave an incomplete model of the state equation', traps: traps.length };
      const candidate = net.places.map((_, p) => model.get(markingVar(p)) as number);
      const trapOut = solve(trapQuery(net, candidate), Math.max(1, deadline - Date.now()));
      if (satAnswer(trapOut) !== 'sat') return induction(net, target, names, traps, o, deadline, 'the state equation has a solution that no initially marked trap excludes');
      // a trap constraint is only added once checked to be one (a wrong one would prove too much)
      const trapValues = modelValues(trapOut);
      const trap = trapOfModel(net, trapValues);
      if (!trapModelComplete(net, trapValues) || !isInitiallyMarkedTrap(net, trap)) return { status: 'unknown', reason: 'z3 gave an incomplete or wrong trap model', traps: traps.length };
      traps.push(trap);
    }
  } catch (e) {
    if (e instanceof SmtUnavailable) return { status: 'unknown', reason: e.message, traps: traps.length };
    throw e;
  }
}

/**
 * Step 4: k-induction with the traps found so far; `failure` is why steps 1–3 gave up, reported
 * when induction does not succeed either.
 */
function induction(net: SmtNet, target: Formula, names: NetNames, traps: readonly number[][], o: UnreachabilityOptions, deadline: number, failure: string): UnreachabilityResult {
  const unknown = (why: string): UnreachabilityResult => ({ status: 'unknown', reason: `${failure}${why}`, traps: traps.length });
  const targetAt = (i: number) => stateTerm(target, net, names, unrolledMarking(i));
  const trapsAt = (i: number) => traps.map((q) => trapMarkedTerm(q, unrolledMarking(i)));
  const techniques: SmtTechnique[] = ['STATE_EQUATION', ...(traps.length > 0 ? (['TRAPS'] as const) : []), 'K_INDUCTION'];
  const ask = (query: string): SatAnswer | 'timeout' => {
    const left = deadline - Date.now();
    return left <= 0 ? 'timeout' : satAnswer(solve(`${query}\n(check-sat)`, left));
  };
  for (let k = 1; k <= (o.maxDepth ?? 3); k++) {
    const base = ask(baseQuery(net, k - 1, targetAt));
    if (base === 'sat') return unknown(`; a run of ${k - 1} firings reaches it`);
    if (base !== 'unsat') return unknown(`, and k-induction gave up at depth ${k} (${base === 'timeout' ? 'time budget' : 'z3 answered unknown'})`);
    const step = ask(stepQuery(net, k, targetAt, trapsAt));
    if (step === 'unsat') return { status: 'unreachable', techniques, traps: traps.length };
    if (step !== 'sat') return unknown(`, and k-induction gave up at depth ${k} (${step === 'timeout' ? 'time budget' : 'z3 answered unknown'})`);
  }
  return unknown(`, nor does k-induction up to depth ${o.maxDepth ?? 3}`);
}

/** Runs one query with Z3's own timeout just inside the wall-clock limit of the bridge. */
function solve(script: string, limitMs: number): string {
  const solverMs = Math.max(1, Math.floor(limitMs));
  return z3().run(`(set-option :timeout ${solverMs})\n${script}`, solverMs + 5_000);
}

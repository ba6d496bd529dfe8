/**
 * {@link StateFacts} of a P/T net: values in the initial marking are computed directly; "holds in
 * every / no reachable marking" is proven with the state equation and traps (src/smt), never
 * guessed. This is where the petri frontend meets the SMT checks (DESIGN.md: they meet in `cli`).
 */
import { InputError } from '../../core/index.js';
import { type AtomBinding, type Formula, compileStatePredicate, print } from '../../logic/index.js';
import { type PetriNet, type PetriSystem, indexByIdThenName } from '../../petri/index.js';
import { type NetNames, type SmtTechnique, proveUnreachable } from '../../smt/index.js';
import type { StateFacts } from './fold.js';

export interface NetFacts extends StateFacts {
  /** Forgets which proofs were used (call before folding each property). */
  begin(): void;
  /** The techniques of the proofs {@link StateFacts.everywhere} answered with since {@link begin}. */
  readonly techniques: ReadonlySet<SmtTechnique>;
  /** Why the last unsuccessful proof failed, for explanations. */
  readonly lastFailure: string | undefined;
}

export interface NetFactsOptions {
  /** The facts stop proving (answer "not known") after this wall-clock time. */
  readonly deadline: number;
  /** Budget of one proof (default 10 s). */
  readonly proofMs?: number;
}

/** Facts about the markings of `system.net`, with atoms bound by `binding`. */
export function netFacts(system: PetriSystem, binding: AtomBinding, o: NetFactsOptions): NetFacts {
  const net = system.net;
  const names = netNames(net);
  const initial = system.initialStates()[0];
  const memo = new Map<string, { known: boolean | undefined; techniques: readonly SmtTechnique[] }>();
  const techniques = new Set<SmtTechnique>();
  let proofTechniques: readonly SmtTechnique[] = [];
  let lastFailure: string | undefined;
  const initially = (f: Formula): boolean => compileStatePredicate(f, binding)(initial, 0);
  /** Proves that no reachable marking satisfies `f`. */
  const nowhere = (f: Formula): boolean => {
    const left = o.deadline - Date.now();
    if (left <= 0) {
      lastFailure = 'the time budget for state-equation proofs ran out';
      return false;
    }
    const r = proveUnreachable(net, f, names, { timeoutMs: Math.min(left, o.proofMs ?? 10_000) });
    if (r.status === 'unknown') {
      lastFailure = r.reason;
      return false;
    }
    proofTechniques = r.techniques;
    return true;
  };
  return {
    begin: () => techniques.clear(),
    techniques,
    get lastFailure() {
      return lastFailure;
    },
    initially,
    everywhere(f) {
      const key = print(f);
      let entry = memo.get(key);
      if (!entry) {
        proofTechniques = [];
        // The initial marking is reachable: only one of the two claims can be true.
        const known = initially(f) ? (nowhere({ kind: 'not', arg: f }) ? true : undefined) : nowhere(f) ? false : undefined;
        entry = { known, techniques: proofTechniques };
        memo.set(key, entry);
      }
      entry.techniques.forEach((t) => techniques.add(t));
      return entry.known;
    },
  };
}

/** Formula names of places and transitions, resolved like the explicit checker's binding. */
export function netNames(net: PetriNet): NetNames {
  const places = indexByIdThenName(net.places);
  const transitions = indexByIdThenName(net.transitions);
  const lookup = (index: Map<string, number>, what: string) => (name: string): number => {
    const i = index.get(name);
    if (i === undefined) throw new InputError('WFV2002', `unknown ${what} '${name}'`);
    return i;
  };
  return { place: lookup(places, 'place'), transition: lookup(transitions, 'transition') };
}

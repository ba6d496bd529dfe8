/**
 * Binds the atoms of the property language to a P/T net: `tokens(p, …)` sums token counts,
 * `fireable(t, …)` tests enabledness, `deadlock` means no transition is enabled. Places and
 * transitions are looked up by PNML id first, then by name. A bare identifier used as an integer
 * (`p1 >= 2`) is the token count of that place. This is where the petri frontend meets the
 * logic, so it lives in the CLI layer (DESIGN.md: frontends and checkers meet in `cli`).
 *
 * Predicates read the net's *current* packing on every call, so they stay valid after the
 * explorer widens the packing and restarts.
 */
import { InputError } from '../core/index.js';
import type { AtomBinding, StateInteger, StatePredicate } from '../logic/index.js';
import { type PetriSystem, indexByIdThenName } from '../petri/index.js';

export function petriBinding(system: PetriSystem, file = '<formula>'): AtomBinding {
  const net = system.net;
  const placeIndex = indexByIdThenName(net.places);
  const transitionIndex = indexByIdThenName(net.transitions);
  const place = (name: string): number => lookup(placeIndex, name, 'place', file);
  const transition = (name: string): number => lookup(transitionIndex, name, 'transition', file);
  const T = net.transitions.length;
  return {
    tokens(places): StateInteger {
      const ps = Int32Array.from(places.map(place));
      if (ps.length === 1) {
        const p = ps[0];
        return (a, o) => system.layout.read(a, o, p);
      }
      return (a, o) => {
        const L = system.layout;
        let sum = 0;
        for (let i = 0; i < ps.length; i++) sum += L.read(a, o, ps[i]);
        return sum;
      };
    },
    fireable(transitions): StatePredicate {
      const ts = Int32Array.from(transitions.map(transition));
      return (a, o) => {
        for (let i = 0; i < ts.length; i++) if (system.isEnabled(a, o, ts[i])) return true;
        return false;
      };
    },
    deadlock(): StatePredicate {
      return (a, o) => {
        for (let t = 0; t < T; t++) if (system.isEnabled(a, o, t)) return false;
        return true;
      };
    },
    atom(a): StatePredicate {
      throw new InputError('WFV2002', `unknown atom '${a.name}${a.args.length ? `(${a.args.join(', ')})` : ''}' for a P/T net`, {
        location: a.span ? { file, line: a.span.start.line, column: a.span.start.column } : { file },
        hint: 'net formulas use tokens(p, …) comparisons, fireable(t, …) and deadlock; a bare place name stands for its token count in a comparison, e.g. p1 >= 2',
      });
    },
    integerAtom(a): StateInteger {
      if (a.args.length > 0) return this.atom(a) as never;
      const p = place(a.name);
      return (arena, o) => system.layout.read(arena, o, p);
    },
  };
}

function lookup(index: Map<string, number>, name: string, what: string, file: string): number {
  const i = index.get(name);
  if (i !== undefined) return i;
  const near = [...index.keys()].filter((k) => k.toLowerCase().includes(name.toLowerCase().slice(0, 3))).slice(0, 5);
  throw new InputError('WFV2002', `unknown ${what} '${name}'`, { location: { file }, hint: near.length ? `did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : undefined });
}

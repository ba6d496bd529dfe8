/**
 * Binds the atoms of the property language to a workflow model's packed states. What each atom
 * means (and which atoms are errors) is decided once, in atoms.ts, for the checker and the model
 * writers alike; this module turns a meaning into a predicate on packed states. As an integer, a
 * variable is its value (booleans 0/1, undefined NaN). `tokens` and `fireable` do not apply to
 * workflow models: InputErrors WFV2104.
 */
import type { Atom, AtomBinding, StateInteger, StatePredicate } from '../../logic/index.js';
import type { WorkflowIR } from '../ir.js';
import { WorkflowAtoms } from './atoms.js';
import { STATUS_CODES } from './layout.js';
import type { WorkflowSystem } from './system.js';

export function workflowBinding(system: WorkflowSystem, ir: WorkflowIR, file: string): AtomBinding {
  const F = system.layout.fields;
  const L = system.layout;
  const atoms = new WorkflowAtoms(system.graph, ir, file);
  const deadlock = (): StatePredicate => (s, o) => {
    if (F.read(s, o, L.status) !== 0) return false;
    let any = false;
    system.successors(s, o, () => {
      any = true;
      return true;
    });
    return !any;
  };

  return {
    tokens(): StateInteger {
      return atoms.fail(undefined, 'tokens(…) is not available for workflow models', 'workflow properties name events, locations and data, e.g. completed(lockFunds) or amount >= 1');
    },
    fireable(): StatePredicate {
      return atoms.fail(undefined, 'fireable(…) is not available for workflow models', 'workflow properties name events, locations and data, e.g. completed(lockFunds)');
    },
    deadlock,
    atom(a: Atom): StatePredicate {
      const m = atoms.formula(a);
      switch (m.kind) {
        case 'status': {
          const code = STATUS_CODES.indexOf(m.status);
          return (s, o) => F.read(s, o, L.status) === code;
        }
        case 'event': {
          const index = system.events.lookup(m.key);
          if (!m.present || index === 0) return () => false;
          return (s, o) => F.read(s, o, L.lastEvent) === index;
        }
        case 'deadlock':
          return deadlock();
        case 'at': {
          const slots = m.slots.map(({ slot, locals }) => ({ field: L.pc[slot], pcs: new Set(locals.map((l) => l + 1)) }));
          return (s, o) => slots.some(({ field, pcs }) => pcs.has(F.read(s, o, field)));
        }
        case 'boolVar': {
          const f = L.vars[m.index];
          return (s, o) => F.read(s, o, f) === 1;
        }
        case 'enumVar': {
          const code = system.codecs[m.index].encode(m.value);
          const f = L.vars[m.index];
          return (s, o) => F.read(s, o, f) === code;
        }
      }
    },
    integerAtom(a: Atom): StateInteger {
      const index = atoms.integer(a);
      const f = L.vars[index];
      const codec = system.codecs[index];
      return (s, o) => {
        const x = codec.decode(F.read(s, o, f));
        return x === null ? Number.NaN : typeof x === 'boolean' ? (x ? 1 : 0) : Number(x);
      };
    },
  };
}

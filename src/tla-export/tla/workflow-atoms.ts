/**
 * The atoms of workflow properties in TLA+: their meaning comes from the extract index's
 * `WorkflowAtoms` (the same resolution the checker's binding uses); this module writes it in TLA+: status atoms read `status`,
 * event atoms read `lastEvent`, `at(N)` the program counters, data atoms the variables,
 * `deadlock` is `Deadlocked` (running and no step enabled). Unknown atoms, activities, signals,
 * updates, children and enum values are InputErrors WFV2104 at the atom's position.
 */
import { type ProcessGraph, type WorkflowIR, WorkflowAtoms } from '../../extract/index.js';
import type { Atom } from '../../logic/index.js';
import type { AtomTranslator, IntTerm } from './formula.js';
import { tlaString } from './names.js';
import { tlaUndefined, tlaValue } from './values.js';
import type { WorkflowVars } from './workflow-state.js';

export function workflowAtoms(g: ProcessGraph, ir: WorkflowIR, w: WorkflowVars, deadlocked: string, file: string): AtomTranslator {
  const atoms = new WorkflowAtoms(g, ir, file);
  return {
    tokens: () => atoms.fail(undefined, 'tokens(…) is not available for workflow models'),
    fireable: () => atoms.fail(undefined, 'fireable(…) is not available for workflow models'),
    deadlock: () => deadlocked,
    atom(a: Atom): string {
      const m = atoms.formula(a);
      switch (m.kind) {
        case 'status':
          return `(${w.status} = ${tlaString(m.status)})`;
        case 'event':
          // FALSE when the model has no such event (as the checker's binding reads it).
          return m.present ? `(${w.lastEvent} = ${tlaString(m.key)})` : 'FALSE';
        case 'deadlock':
          return deadlocked;
        case 'at': {
          const parts = m.slots.map(({ slot, locals }) => `${w.pc[slot]} \\in {${locals.map((l) => l + 1).join(', ')}}`);
          return parts.length === 0 ? 'FALSE' : `(${parts.join(' \\/ ')})`;
        }
        case 'boolVar':
          return ir.vars[m.index].nullable ? `(${w.vars[m.index]} = ${tlaValue(true, ir.vars[m.index])})` : w.vars[m.index];
        case 'enumVar':
          return `(${w.vars[m.index]} = ${tlaValue(m.value, ir.vars[m.index])})`;
      }
    },
    integerAtom(a: Atom): IntTerm {
      const i = atoms.integer(a);
      const v = ir.vars[i];
      const x = w.vars[i];
      const text = v.domain.kind === 'bool' ? `(IF ${x} = ${tlaValue(true, v)} THEN 1 ELSE 0)` : x;
      return { text, undefinedWhen: v.nullable ? [`${x} = ${tlaUndefined(v)}`] : [] };
    },
  };
}

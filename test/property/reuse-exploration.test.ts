/**
 * `checkSystemProperties` given a finished exploration (as `wfverify check` passes the one of its
 * built-in checks) answers exactly as when it explores on its own: same answers, same
 * explanations and the same (shortest) traces for reachability properties, same UpperBounds
 * values, same CTL verdicts and evidence, on random nets (inhibitor arcs, weights, capacities)
 * and random state formulas under `E F`, `A G`, `E G`, `A F` and `E X`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSystemProperties } from '../../src/cli/formulas/run.js';
import type { NamedProperty } from '../../src/cli/formulas/plan.js';
import { petriBinding } from '../../src/cli/petri-binding.js';
import { explore } from '../../src/core/index.js';
import type { Formula } from '../../src/logic/index.js';
import { PetriSystem, structuralPlaceBounds } from '../../src/petri/index.js';
import { stateFormula } from '../support/random-formulas.js';
import { generalNet, toNet } from '../support/random-nets.js';

const temporal = (quantifier: 'E' | 'A', op: 'F' | 'G' | 'X', arg: Formula): Formula => ({ kind: 'path', quantifier, body: { kind: 'temporal', op, arg } });

const netAndProperties = generalNet.chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    bodies: fc.array(stateFormula(spec.initial.length, spec.transitions.length), { minLength: 5, maxLength: 5 }),
    bound: fc.uniqueArray(fc.nat(spec.initial.length - 1), { minLength: 1, maxLength: 2 }),
  }),
);

describe('properties on a given exploration', () => {
  it('answer as on their own exploration', () => {
    let decided = 0;
    fc.assert(
      fc.property(netAndProperties, ({ spec, bodies, bound }) => {
        const net = toNet(spec);
        const system = new PetriSystem(net, { placeBounds: structuralPlaceBounds(net) });
        const binding = petriBinding(system, 'random');
        const props: NamedProperty[] = [
          { id: 'ef', formula: temporal('E', 'F', bodies[0]) },
          { id: 'ag', formula: temporal('A', 'G', bodies[1]) },
          { id: 'eg', formula: temporal('E', 'G', bodies[2]) },
          { id: 'af', formula: temporal('A', 'F', bodies[3]) },
          { id: 'ex', formula: temporal('E', 'X', bodies[4]) },
          { id: 'ub', formula: { kind: 'bound', places: bound.map((p) => `p${p}`) } },
        ];
        const bounds = { maxStates: 2_000 };
        const x = explore(system, { bounds, recordEdges: true });
        fc.pre(x.status === 'complete');
        const alone = checkSystemProperties(system, binding, props, { file: 'random', bounds });
        const given = checkSystemProperties(system, binding, props, { file: 'random', bounds, exploration: x });
        expect(given.exploration).toBe(x);
        expect(given.outcomes).toEqual(alone.outcomes);
        decided += given.outcomes.filter((o) => o.answer !== undefined).length;
      }),
      { numRuns: 300, seed: 20261123 },
    );
    expect(decided).toBeGreaterThan(1_000);
  });
});

/**
 * The TLA+ export of until/next properties with history variables (src/tla-export/tla/monitor.ts)
 * means what wfverify's LTL checker decides. On random small bounded P/T nets and random formulas
 * of the exported shapes — `p W q`, `p U q`, `p R q`, `G (a -> p W/U/R q)`, `G (a -> X s)`,
 * `G (a -> X G s)`, `A[…]`/`AG`/`AX` spellings and conjunctions — the reference TLA+ model checker
 * of test/support/tla-eval, run on the exported model module (with weak fairness, so runs are
 * maximal as in wfverify) and its monitor module, gives the verdict of `checkNetProperties`
 * (LTL, deadlocks stutter). Atoms include `deadlock`, where `X` repeats the dead marking.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNetProperties } from '../../src/cli/formulas/run.js';
import { explore } from '../../src/core/index.js';
import { type Formula, print } from '../../src/logic/index.js';
import { type PetriNet, PetriSystem, type PlaceId, type TransitionId } from '../../src/petri/index.js';
import { writeTlaNet } from '../../src/tla-export/index.js';
import { checkTla } from '../support/tla-eval/model-check.js';

const netArb: fc.Arbitrary<PetriNet> = fc.record({ P: fc.integer({ min: 2, max: 4 }), T: fc.integer({ min: 1, max: 4 }) }).chain(({ P, T }) => {
  const arcs = fc.uniqueArray(fc.nat(P - 1), { minLength: 0, maxLength: 2 }).map((ps) => ps.sort().map((place) => ({ place, weight: 1 })));
  return fc.record({
    initial: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: P, maxLength: P }),
    transitions: fc.array(fc.record({ pre: arcs, post: arcs, inhibit: fc.option(fc.nat(P - 1), { nil: undefined }) }), { minLength: T, maxLength: T }),
  }).map(({ initial, transitions }) => ({
    id: 'rnd',
    name: 'rnd',
    places: initial.map((m, i) => ({ id: `p${i}` as PlaceId, name: `p${i}`, initial: m })),
    transitions: transitions.map((t, i) => ({
      id: `t${i}` as TransitionId, name: `t${i}`, pre: t.pre, post: t.post,
      inhibitors: t.inhibit === undefined ? [] : [{ place: t.inhibit, weight: 1 }],
    })),
  }));
});

function formulaArb(net: PetriNet): fc.Arbitrary<Formula> {
  const place = fc.nat(net.places.length - 1).map((p) => net.places[p].name);
  const atom: fc.Arbitrary<Formula> = fc.oneof(
    place.map((p) => ({ kind: 'compare', op: '>=', left: { kind: 'tokens', places: [p] }, right: { kind: 'int', value: 1 } }) as Formula),
    place.map((p) => ({ kind: 'compare', op: '<=', left: { kind: 'tokens', places: [p] }, right: { kind: 'int', value: 0 } }) as Formula),
    fc.nat(net.transitions.length - 1).map((t) => ({ kind: 'fireable', transitions: [net.transitions[t].name] }) as Formula),
    fc.constant<Formula>({ kind: 'deadlock' }),
  );
  const state = fc.oneof(atom, atom.map((a) => ({ kind: 'not', arg: a }) as Formula));
  const untilOp = fc.constantFrom('U', 'W', 'R') as fc.Arbitrary<'U' | 'W' | 'R'>;
  const until = fc.tuple(untilOp, state, state).map(([op, l, r]) => ({ kind: 'until', op, left: l, right: r }) as Formula);
  const next = fc.tuple(fc.boolean(), state).map(([always, s]) => ({ kind: 'temporal', op: 'X', arg: always ? { kind: 'temporal', op: 'G', arg: s } : s }) as Formula);
  const globally = fc.tuple(state, fc.oneof(until, next)).map(([a, t]) => ({ kind: 'temporal', op: 'G', arg: { kind: 'implies', left: a, right: t } }) as Formula);
  const item = fc.oneof(until, globally);
  return fc.oneof(item, fc.tuple(item, item).map(([a, b]) => ({ kind: 'and', args: [a, b] }) as Formula));
}

describe('TLA+ monitor modules agree with wfverify LTL', () => {
  it('random nets and until/next formulas', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(netArb.chain((net) => fc.tuple(fc.constant(net), fc.array(formulaArb(net), { minLength: 1, maxLength: 3 }))), async ([net, formulas]) => {
        const run = explore(new PetriSystem(net), { bounds: { maxStates: 200 } });
        fc.pre(run.status === 'complete');
        const report = checkNetProperties(net, formulas.map((formula, i) => ({ id: `f${i}`, formula, logic: 'ltl' as const })), { file: '<tla-monitors>' });
        const x = writeTlaNet(net, formulas.map((formula, i) => ({ name: `f${i}`, formula })), { fairness: true });
        expect(x.notes.filter((n) => n.startsWith('property')), x.module).toEqual([]);
        const base = await checkTla(x.module, x.cfg);
        const mc = x.monitors ? await checkTla(x.monitors.module, x.monitors.cfg, new Map([[x.moduleName, x.module]])) : undefined;
        for (let i = 0; i < formulas.length; i++) {
          const expected = report.outcomes[i].answer;
          if (expected === undefined) continue;
          const names = [...(x.module + (x.monitors?.module ?? '')).matchAll(new RegExp(`^\\\\\\* property f${i} \\((?:INVARIANT|PROPERTY)[^)]*\\)\\n(\\w+) ==`, 'gm'))].map((m) => m[1]);
          expect(names.length, `f${i}`).toBeGreaterThan(0);
          const verdict = names.every((n) => (base.verdicts.get(n) ?? mc?.verdicts.get(n)) === true);
          expect(verdict, `${print(formulas[i])}\n${x.module}\n${x.monitors?.module ?? ''}`).toBe(expected);
          compared++;
        }
      }),
      { numRuns: 150, seed: 20_261_123 },
    );
    console.log(`tla-monitors: ${compared} verdicts compared`);
    expect(compared).toBeGreaterThan(100);
  }, 300_000);
});

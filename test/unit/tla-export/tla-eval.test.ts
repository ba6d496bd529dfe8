/**
 * The reference TLA+ model checker of test/support/tla-eval on hand-written modules whose answers
 * are known by TLA+'s semantics: state counts, deadlocks, invariants, stuttering without fairness,
 * weak fairness, and TLC's run-time errors.
 */
import { describe, expect, it } from 'vitest';
import { checkTla } from '../../support/tla-eval/model-check.js';

const counter = (spec: string, extra = '') => `---- MODULE Counter ----
EXTENDS Naturals, Sequences
VARIABLE x, log
vars == <<x, log>>
Init == /\\ x = 0 /\\ log = <<>>
Inc == /\\ x < 3 /\\ x' = x + 1 /\\ log' = Append(log, x)
Reset == /\\ x = 3 /\\ \\E v \\in {0, 1} : x' = v /\\ log' = <<>>
Next == Inc \\/ Reset
Small == x <= 2
Reaches3 == <>(x = 3)
Stays == [](x = 3 => [](x >= 1))
LeadsTo == x = 1 ~> x = 2
${extra}
Spec == ${spec}
====
`;

describe('tla-eval reference checker', () => {
  it('counts states and deadlocks as TLC would', async () => {
    const m = counter('Init /\\ [][Inc]_vars');
    const r = await checkTla(m, 'SPECIFICATION Spec\nINVARIANTS\n    Small\nCHECK_DEADLOCK TRUE\n');
    expect(r.states).toBe(4);
    expect(r.deadlocks).toBe(1);
    expect(r.verdicts.get('Small')).toBe(false);
  });

  it('distinguishes states by every variable (sequences included)', async () => {
    const m = counter('Init /\\ [][Next]_vars');
    const r = await checkTla(m, 'SPECIFICATION Spec\nCHECK_DEADLOCK TRUE\n');
    // From x=0: (0,<<>>) (1,<<0>>) (2,<<0,1>>) (3,<<0,1,2>>); Reset to (1,<<>>) adds (2,<<1>>) (3,<<1,2>>).
    expect(r.states).toBe(7);
    expect(r.deadlocks).toBe(0);
  });

  it('liveness needs fairness: without it a behaviour may stutter forever', async () => {
    const unfair = await checkTla(counter('Init /\\ [][Inc]_vars'), 'SPECIFICATION Spec\nPROPERTIES\n    Reaches3\n    LeadsTo\n    Stays\n');
    expect(unfair.verdicts.get('Reaches3')).toBe(false);
    expect(unfair.verdicts.get('LeadsTo')).toBe(false);
    expect(unfair.verdicts.get('Stays')).toBe(true);
    const fair = await checkTla(counter('Init /\\ [][Inc]_vars /\\ WF_vars(Inc)'), 'SPECIFICATION Spec\nPROPERTIES\n    Reaches3\n    LeadsTo\n');
    expect(fair.verdicts.get('Reaches3')).toBe(true);
    expect(fair.verdicts.get('LeadsTo')).toBe(true);
  });

  it('weak fairness of one action does not force another', async () => {
    const extra = 'Up == x < 3 /\\ x\' = x + 1 /\\ UNCHANGED log\nDown == x > 0 /\\ x\' = x - 1 /\\ UNCHANGED log\nUpDown == Up \\/ Down';
    const m = counter('Init /\\ [][UpDown]_vars /\\ WF_vars(UpDown)', extra);
    const r = await checkTla(m, 'SPECIFICATION Spec\nPROPERTIES\n    Reaches3\n');
    expect(r.verdicts.get('Reaches3')).toBe(false); // 0,1,0,1,… is fair to UpDown
  });

  it('reports what TLC rejects', async () => {
    const bad = counter('Init /\\ [][Inc]_vars').replace('Small == x <= 2', 'Small == x = "three"');
    await expect(checkTla(bad, 'SPECIFICATION Spec\nINVARIANTS\n    Small\n')).rejects.toThrow(/compare/);
    const unassigned = counter('Init /\\ [][Half]_vars', "Half == x < 3 /\\ x' = x + 1");
    await expect(checkTla(unassigned, 'SPECIFICATION Spec\n')).rejects.toThrow(/does not assign log/);
    const noArm = counter('Init /\\ [][C]_vars', "C == x' = CASE x = 7 -> 1 /\\ UNCHANGED log");
    await expect(checkTla(noArm, 'SPECIFICATION Spec\n')).rejects.toThrow(/no CASE arm/);
  });
});

describe('tla-eval scope check (SANY rules the grammar does not enforce)', () => {
  it('rejects a forward reference and an unknown name', async () => {
    const forward = counter('Init /\\ [][Inc]_vars').replace('Small == x <= 2', 'Small == Later\nLater == x <= 2');
    await expect(checkTla(forward, 'SPECIFICATION Spec\n')).rejects.toThrow(/Small: Later is not defined before its use/);
    const unknown = counter('Init /\\ [][Inc]_vars').replace('Small == x <= 2', 'Small == y <= 2');
    await expect(checkTla(unknown, 'SPECIFICATION Spec\n')).rejects.toThrow(/Small: y is not defined/);
  });
});

/**
 * Properties in the TLA+ export: which become INVARIANTs, which PROPERTYs, which notes; the atom
 * translation for workflows (status, events, data, deadlock) and nets; unknown atoms.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { type WorkflowIR, extractWorkflows } from '../../../src/extract/index.js';
import { parseFormula } from '../../../src/logic/index.js';
import type { PetriNet, PlaceId, TransitionId } from '../../../src/petri/index.js';
import { writeTlaNet, writeTlaWorkflow } from '../../../src/tla-export/tla/index.js';
import { tlaSyntaxProblems } from '../../fixtures/tla/parse.js';

const prop = (name: string, text: string) => ({ name, formula: parseFormula(text) });

let loan: WorkflowIR;
beforeAll(() => {
  loan = extractWorkflows(['examples/loan-approval/workflow.ts']).files[0].workflows[0];
}, 60_000);

function definition(module: string, name: string): string {
  const m = module.match(new RegExp(`^${name} == (.*)$`, 'm'));
  if (!m) throw new Error(`no definition of ${name}`);
  return m[1];
}

describe('workflow properties', () => {
  it('sorts properties into invariants, temporal properties and notes', async () => {
    const x = writeTlaWorkflow(loan, [
      prop('s', '!failed'),
      prop('inv', 'invariant (done -> decision(approved) | decision(rejected))'),
      prop('ag', 'AG !deadlock'),
      prop('resp', 'AG (signaled(approve) -> AF !running)'),
      prop('ltl', 'G F !running'),
      prop('final', 'AG (decision(approved) -> AG decision(approved))'),
      prop('ef', 'EF done'),
      prop('eg', 'EG running'),
      prop('next', 'G (started(recordDecision) -> X G !started(recordDecision))'),
      prop('weak', 'A[!done W completed(recordDecision)]'),
      prop('exists', 'E F done'),
    ]);
    expect(await tlaSyntaxProblems(x.module), x.module).toEqual([]);
    expect(x.cfg).toMatch(/INVARIANTS\n {4}TypeOK\n {4}s\n {4}inv\n {4}ag\nPROPERTIES\n {4}resp\n {4}ltl\n {4}final\nCHECK_DEADLOCK TRUE\n/);
    expect(definition(x.module, 's')).toBe('~(status = "failed")');
    expect(definition(x.module, 'ag')).toBe('~Deadlocked');
    expect(definition(x.module, 'resp')).toBe('[]((lastEvent = "signal(approve)") => <>~(status = "running"))');
    expect(definition(x.module, 'ltl')).toBe('[]<>~(status = "running")');
    expect(definition(x.module, 'final')).toBe('[]((decision = "approved") => [](decision = "approved"))');
    expect(definition(x.module, 'inv')).toBe('((status = "completed") => ((decision = "approved") \\/ (decision = "rejected")))');
    for (const n of ['ef', 'eg', 'exists']) {
      expect(x.notes.some((m) => m.startsWith(`property ${n}: not exported`)), n).toBe(true);
      expect(x.module).toContain(`\\* property ${n}: not exported`);
    }
    // Until and next: history variables, in the monitor module that EXTENDS the model's.
    for (const n of ['next', 'weak']) expect(x.module).toContain(`\\* property ${n}: with history variables, in the monitor module`);
    const mc = x.monitors;
    if (!mc) throw new Error('no monitor module');
    expect(mc.moduleName).toBe('loanApproval_MC');
    expect(await tlaSyntaxProblems(mc.module), mc.module).toEqual([]);
    expect(mc.module).toMatch(/^EXTENDS loanApproval$/m);
    expect(mc.cfg).toMatch(/^SPECIFICATION MSpec\nINVARIANTS\n {4}next\n {4}weak\nCHECK_DEADLOCK FALSE\n$/);
    // G (a -> X G s): "a held in an earlier state"; at a deadlock X repeats the state.
    expect(definition(mc.module, 'next')).toBe('((seen_next \\/ ((lastEvent = "activityScheduled(recordDecision)") /\\ Deadlocked)) => ~(lastEvent = "activityScheduled(recordDecision)"))');
    // p W q from the initial state: "no q so far".
    expect(definition(mc.module, 'weak')).toBe('((pending_weak /\\ ~(lastEvent = "activityCompleted(recordDecision)")) => ~(status = "completed"))');
    expect(mc.module).toMatch(/^MSpec == MInit \/\\ \[\]\[MNext\]_mvars \/\\ WF_mvars\(Step \/\\ Record\) \/\\ WF_mvars\(WorkflowStep \/\\ Record\)$/m);
    // undefined is a sentinel of the variable's own type (Apalache types every variable): no model value.
    expect(x.cfg).not.toMatch(/CONSTANT/);
    expect(x.module).not.toMatch(/CONSTANT|Undefined/);
    expect(x.module).toMatch(/^ {4}\/\\ decision \\in \(\{"approved", "rejected"\} \\cup \{"undefined"\}\)$/m);
    expect(x.module).toMatch(/\\\* @type: Str;\nVARIABLE decision\n/);
  });

  it('translates data atoms with JavaScript comparison semantics', async () => {
    const x = writeTlaWorkflow(loan, [prop('b', 'approved | !reviewed'), prop('n', 'reviewed + 1 >= 1')]);
    expect(definition(x.module, 'b')).toBe('(approved \\/ ~reviewed)');
    expect(definition(x.module, 'n')).toBe('(((IF reviewed = TRUE THEN 1 ELSE 0) + 1) >= 1)');
    expect(await tlaSyntaxProblems(x.module)).toEqual([]);
  });

  it('rejects unknown atoms with WFV2104', () => {
    for (const text of ['completed(noSuchActivity)', 'signaled(nope)', 'decision(maybe)', 'frobnicated', 'tokens(p) > 0']) {
      let err: unknown;
      try {
        writeTlaWorkflow(loan, [prop('bad', text)]);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(InputError);
      expect((err as InputError).code, text).toBe('WFV2104');
    }
  });

  it('declares every variable with an Apalache type and keeps terminal states out of TLC deadlocks', () => {
    const x = writeTlaWorkflow(loan, []);
    const vars = [...x.module.matchAll(/^VARIABLE (\S+)$/gm)].map((m) => m[1]);
    for (const v of vars) expect(x.module, v).toMatch(new RegExp(`\\\\\\* @type: [A-Za-z()]+;\\nVARIABLE ${v}\\n`));
    expect(x.module).toMatch(/^Terminated == status # "running" \/\\ UNCHANGED vars$/m);
    expect(x.module).toMatch(/^Next == Step \\\/ Terminated$/m);
    expect(x.module).toMatch(/^Spec == Init \/\\ \[\]\[Next\]_vars \/\\ Fairness$/m);
    expect(x.module).toMatch(/^Fairness == WF_vars\(Step\) \/\\ WF_vars\(WorkflowStep\)$/m);
    // Signal deliveries are the environment's, not the workflow's.
    const env = x.module.slice(x.module.indexOf('EnvironmentStep =='), x.module.indexOf('Step == WorkflowStep'));
    expect(env).toMatch(/signal_approve/);
    expect(x.module).toMatch(/\\\* workflow\.ts:\d+ completed\(recordDecision\)\n/);
  });
});

describe('net properties', () => {
  const net: PetriNet = {
    id: 'n', name: 'two',
    places: [{ id: 'a' as PlaceId, name: 'a', initial: 1 }, { id: 'b' as PlaceId, name: 'b', initial: 0, capacity: 1 }],
    transitions: [{ id: 't' as TransitionId, name: 'move', pre: [{ place: 0, weight: 1 }], post: [{ place: 1, weight: 1 }], inhibitors: [] }],
  };

  it('writes tokens, fireable and deadlock', async () => {
    const x = writeTlaNet(net, [prop('cons', 'tokens(a, b) == 1'), prop('live', 'AF deadlock'), prop('fire', 'AG (fireable(t) -> a >= 1)')], { fairness: true, checkDeadlock: true });
    expect(definition(x.module, 'cons')).toBe('((a + b) = 1)');
    // Enabledness is written as the transitions' guards (input, inhibitor, capacity), not ENABLED.
    expect(definition(x.module, 'live')).toBe('<>~((a >= 1 /\\ b + 1 <= 1))');
    expect(definition(x.module, 'fire')).toBe('(((a >= 1 /\\ b + 1 <= 1)) => (a >= 1))');
    expect(x.module).not.toContain('ENABLED');
    expect(x.module).toMatch(/^Spec == Init \/\\ \[\]\[Next\]_vars \/\\ WF_vars\(Next\)$/m);
    expect(x.module).toContain('b + 1 <= 1');
    expect(x.cfg).toContain('CHECK_DEADLOCK TRUE');
    expect(x.notes).toEqual([]);
    expect(await tlaSyntaxProblems(x.module)).toEqual([]);
  });

  it('notes liveness without fairness and defaults to no deadlock check', () => {
    const x = writeTlaNet(net, [prop('live', 'F deadlock')]);
    expect(x.cfg).toContain('CHECK_DEADLOCK FALSE');
    expect(x.module).toMatch(/^Spec == Init \/\\ \[\]\[Next\]_vars$/m);
    expect(x.notes.join('\n')).toMatch(/without fairness/);
  });
});

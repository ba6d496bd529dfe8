/**
 * Lowering of the failure kinds a `throw` raises (docs/workflow-model.md, "try / catch / finally"):
 * uncaught, a Temporal failure or a fatal error fails the workflow, any other error stops it in
 * status taskFailed (its workflow task fails for ever); an update handler's Temporal failure fails
 * only the update; a catch catches every kind and a bare rethrow keeps it; a throw of unknown kind
 * is a choice. Hand-built IR, so each rule is checked on its own.
 */
import { describe, expect, it } from 'vitest';
import { builtinChecks } from '../../../src/cli/check/builtins.js';
import { lowerToNet, lowerToSystem } from '../../../src/extract/index.js';
import { compileStatePredicate, parseFormula } from '../../../src/logic/index.js';
import { Ir, bin, c, completeRuns, exploreAll, expectTracesReplay, handlerDecl, statesWhere, terminalStatuses, unknown, v, varDecl, workflow } from './lower-helpers.js';

describe('what an uncaught throw does', () => {
  it.each([
    [['failure'] as const, ['failed']],
    [['fatal'] as const, ['failed']],
    [['error'] as const, ['taskFailed']],
    [['failure', 'error'] as const, ['failed', 'taskFailed']],
    [['fatal', 'error'] as const, ['failed', 'taskFailed']],
  ])('main body, raises %j → %j', (raises, want) => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.timer(), b.throw('Oops', 5, raises)]));
    const x = exploreAll(m);
    expect(terminalStatuses(m, x)).toEqual(want);
    expectTracesReplay(m, x);
  });

  it('an error stops the run in taskFailed: option-to-complete fails with its own message, it is no deadlock', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.timer(), b.throw('Oops', 5, ['error'])]));
    const x = exploreAll(m);
    const [deadlock, option] = builtinChecks(m, x);
    expect(deadlock.holds).toBe(true);
    expect(option.holds).toBe(false);
    expect(option.message).toMatch(/not a Temporal failure/);
    // the counterexample ends in the taskFailed state, after a step at the throw's line
    const steps = option.trace!.actions.map((a) => m.step(a).label);
    expect(steps.at(-2)).toMatch(/^throw \(an error failing the workflow task\) @ wf\.ts:5$/);
    expect(steps.at(-1)).toMatch(/^workflowTaskFailed/);
    // atoms: taskFailed holds there, running and deadlock do not
    const count = (text: string) => statesWhere(x, compileStatePredicate(parseFormula(text), m.binding)).length;
    expect(count('taskFailed')).toBe(1);
    expect(count('taskFailed & (running | deadlock)')).toBe(0);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['WFV3107']);
  });

  it('a catch catches an error (no WFV3107); a bare rethrow keeps its kind and is reported', () => {
    const b = new Ir();
    const caught = lowerToSystem(workflow([b.try([b.timer(), b.throw('Oops', 5, ['error'])], [b.act('cleanup', { options: { mayFail: false } })])]));
    expect(terminalStatuses(caught, exploreAll(caught))).toEqual(['completed']);
    expect(caught.diagnostics).toEqual([]);
    const b2 = new Ir();
    const rethrown = lowerToSystem(workflow([b2.try([b2.timer(), b2.throw('Oops', 5, ['error'])], [b2.throw(null, 7)])]));
    expect(terminalStatuses(rethrown, exploreAll(rethrown))).toEqual(['taskFailed']);
    expect(rethrown.diagnostics.map((d) => [d.code, d.span.line])).toEqual([['WFV3107', 7]]);
  });

  it('a finally block runs before the workflow task fails', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.try([b.throw('Oops', 3, ['error'])], null, [b.act('cleanup')])]));
    const runs = completeRuns(m);
    expect(runs).toEqual(['activityScheduled(cleanup) activityCompleted(cleanup) workflowTaskFailed', 'activityScheduled(cleanup) activityFailed(cleanup) workflowFailed']);
  });

  it('update handler: a Temporal failure fails the update only; fatal fails the workflow; error fails the task', () => {
    const kinds = [['failure', ['completed']], ['fatal', ['completed', 'failed']], ['error', ['completed', 'taskFailed']]] as const;
    for (const [kind, want] of kinds) {
      const b = new Ir();
      const m = lowerToSystem(workflow([b.handler('divide'), b.cond(bin('==', v('done'), c(true)), 'none')], {
        vars: [varDecl('done', { kind: 'bool' }, c(false))],
        handlers: [handlerDecl('update', 'divide', [b.assign('done', c(true), 91), b.if(unknown, [b.throw('Oops', 92, [kind])], [], 92)])],
      }));
      expect(terminalStatuses(m, exploreAll(m)), kind).toEqual(want);
    }
  });

  it('signal handler: a Temporal failure fails the workflow, an error fails the task', () => {
    for (const [kind, want] of [['failure', ['failed']], ['error', ['taskFailed']]] as const) {
      const b = new Ir();
      const m = lowerToSystem(workflow([b.handler('poison'), b.cond(c(false), 'none')], {
        handlers: [handlerDecl('signal', 'poison', [b.throw('Oops', 91, [kind])])],
      }));
      expect(terminalStatuses(m, exploreAll(m)), kind).toEqual(want);
    }
  });

  it('a branch error reaches the join and stops the run; Promise.any all failed raises allFailed', () => {
    const b = new Ir();
    const all = lowerToSystem(workflow([b.parallel('all', [[b.timer(), b.throw('Oops', 4, ['error'])], [b.timer()]])]));
    expect(terminalStatuses(all, exploreAll(all))).toEqual(['taskFailed']);
    const b2 = new Ir();
    const anyFatal = lowerToSystem(workflow([{ ...b2.parallel('any', [[b2.throw('A', 4)], [b2.throw('B', 5)]]), allFailed: ['fatal'] } as never]));
    expect(terminalStatuses(anyFatal, exploreAll(anyFatal))).toEqual(['failed']);
    expect(anyFatal.diagnostics.filter((d) => d.code === 'WFV3107')).toEqual([]);
  });

  it('the workflow net marks place taskFailed instead of o', () => {
    const b = new Ir();
    const { net } = lowerToNet(workflow([b.timer(), b.throw('Oops', 5, ['error'])]));
    const names = net.places.map((p) => p.id);
    expect(names).toContain('taskFailed');
    const into = net.transitions.filter((t) => t.post.some((a) => net.places[a.place].id === 'taskFailed'));
    expect(into).toHaveLength(1);
    expect(net.transitions.some((t) => t.post.some((a) => net.places[a.place].id === 'o'))).toBe(false);
  });
});

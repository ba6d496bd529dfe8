/**
 * lowerToSystem on single-threaded workflows: sequences of activities, `if` on tracked data,
 * loops with break, try/catch/finally with a return inside try, child workflows,
 * continueAsNew and patches. State counts are computed by hand in the comments; event orders are
 * read as complete runs (event sequences ending in a workflow end).
 */
import { describe, expect, it } from 'vitest';
import { compileStatePredicate, compileStateInteger } from '../../../src/logic/index.js';
import { lowerToNet, lowerToSystem } from '../../../src/extract/lower/index.js';
import {
  Ir, atom, bin, c, completeRuns, expectTracesReplay, exploreAll, statesWhere, terminalStatuses, unknown, v, varDecl, workflow,
} from './lower-helpers.js';
import type { Stmt } from '../../../src/extract/ir.js';

const S = (a: string) => `activityScheduled(${a})`;
const C = (a: string) => `activityCompleted(${a})`;
const F = (a: string) => `activityFailed(${a})`;

describe('sequential activities', () => {
  it('explores scheduled → completed | failed per call, then the workflow end', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.act('a'), b.act('b')]));
    const x = exploreAll(m);
    // before a; awaiting a; before b | ending failed (failed(a)); awaiting b; failed (workflowFailed);
    // ending completed; ending failed (failed(b)); completed. The failed terminal state is shared
    // by both failure paths (same status, same last event) → 9 states, 9 edges.
    expect(x.stats.states).toBe(9);
    expect(x.stats.transitions).toBe(9);
    expect(terminalStatuses(m, x)).toEqual(['completed', 'failed']);
    expect(completeRuns(m)).toEqual([
      [S('a'), C('a'), S('b'), C('b'), 'workflowCompleted'].join(' '),
      [S('a'), C('a'), S('b'), F('b'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), 'workflowFailed'].join(' '),
    ]);
    expectTracesReplay(m, x);
    expect(m.system.actionName(m.activityCallActions.get('s1')?.[0] ?? -1)).toBe('scheduled(a) @ wf.ts:2');
    expect(m.diagnostics).toEqual([]);
  });

  it('an activity whose retry policy cannot give up (mayFail false) has no failure outcome', () => {
    const b = new Ir();
    const always = { maximumAttempts: null, mayFail: false };
    const m = lowerToSystem(workflow([b.act('a', { options: always }), b.act('b', { options: always })]));
    const x = exploreAll(m);
    // before a; awaiting a; before b; awaiting b; ending completed; completed → 6 states, one
    // edge out of each but the last → 5 edges (with mayFail the same IR has 9 states, 9 edges).
    expect(x.stats.states).toBe(6);
    expect(x.stats.transitions).toBe(5);
    expect(terminalStatuses(m, x)).toEqual(['completed']);
    expect(completeRuns(m)).toEqual([[S('a'), C('a'), S('b'), C('b'), 'workflowCompleted'].join(' ')]);
    const labels = Array.from({ length: m.system.actionCount }, (_, a) => m.system.actionName(a));
    expect(labels.filter((l) => l.startsWith('failed('))).toEqual([]);
    expect(lowerToNet(workflow([b.act('a', { options: always })])).net.transitions.map((t) => t.name).filter((n) => n.startsWith('failed('))).toEqual([]);
    // Mixed: only b may fail. before a; awaiting a; before b; awaiting b; ending completed;
    // ending failed; completed; failed → 8 states, 7 edges.
    const mixed = lowerToSystem(workflow([b.act('a', { options: always }), b.act('b')]));
    const xm = exploreAll(mixed);
    expect([xm.stats.states, xm.stats.transitions]).toEqual([8, 7]);
    expect(completeRuns(mixed).filter((r) => r.includes(F('a')))).toEqual([]);
    expect(completeRuns(mixed)).toContain([S('a'), C('a'), S('b'), F('b'), 'workflowFailed'].join(' '));
  });

  it('an empty workflow completes in one step', () => {
    const m = lowerToSystem(workflow([]));
    const x = exploreAll(m);
    expect(x.stats.states).toBe(2);
    expect(completeRuns(m)).toEqual(['workflowCompleted']);
  });
});

describe('if on a tracked boolean', () => {
  const b = new Ir();
  const ir = workflow(
    [b.act('check', { result: 'ok' }), b.if(v('ok'), [b.act('ship')], [b.act('refund')])],
    { vars: [varDecl('ok', { kind: 'bool' }, c(false))] },
  );
  const m = lowerToSystem(ir);
  const x = exploreAll(m);

  it('splits the activity result into one action per value and follows it', () => {
    // before check; awaiting; at if with ok=false | ok=true; ending failed (failed(check));
    // before refund (ok=false) | before ship (ok=true); failed; awaiting refund | ship;
    // ending completed / failed for each (4); completed (ok=false), completed (ok=true),
    // failed (ok=true); failed (ok=false) is shared with the check failure → 17 states.
    expect(x.stats.states).toBe(17);
    expect(x.stats.transitions).toBe(17);
    const labels = Array.from({ length: m.system.actionCount }, (_, a) => m.system.actionName(a));
    expect(labels).toContain('completed(check) [ok=false] @ wf.ts:2');
    expect(labels).toContain('completed(check) [ok=true] @ wf.ts:2');
    expectTracesReplay(m, x);
  });

  it('ship is scheduled only when ok holds, refund only when it does not', () => {
    const shipWithoutOk = compileStatePredicate({ kind: 'and', args: [atom('started', 'ship'), { kind: 'not', arg: atom('ok') }] }, m.binding);
    const refundWithOk = compileStatePredicate({ kind: 'and', args: [atom('started', 'refund'), atom('ok')] }, m.binding);
    expect(statesWhere(x, shipWithoutOk)).toEqual([]);
    expect(statesWhere(x, refundWithOk)).toEqual([]);
    expect(statesWhere(x, compileStatePredicate(atom('started', 'ship'), m.binding))).toHaveLength(1);
  });
});

describe('loops with break', () => {
  const b = new Ir();
  const ir = workflow(
    [
      b.loop(c(true), [b.act('poll'), b.assign('n', bin('+', v('n'), c(1))), b.if(bin('>=', v('n'), c(2)), [b.brk()])]),
      b.act('done'),
    ],
    { vars: [varDecl('n', { kind: 'int', min: 0, max: 3 }, c(0))] },
  );
  const m = lowerToSystem(ir);

  it('runs the body until the break, then continues after the loop', () => {
    expect(completeRuns(m, 16)).toEqual([
      [S('poll'), C('poll'), S('poll'), C('poll'), S('done'), C('done'), 'workflowCompleted'].join(' '),
      [S('poll'), C('poll'), S('poll'), C('poll'), S('done'), F('done'), 'workflowFailed'].join(' '),
      [S('poll'), C('poll'), S('poll'), F('poll'), 'workflowFailed'].join(' '),
      [S('poll'), F('poll'), 'workflowFailed'].join(' '),
    ]);
    const x = exploreAll(m);
    const n = compileStateInteger(atom('n'), m.binding);
    expect(Math.max(...statesWhere(x, () => true).map((id) => n(x.store.arena, id * x.store.words)))).toBe(2);
    expectTracesReplay(m, x);
  });

  it('n + 1 could leave the domain 0..3, but never does here: no diagnostic', () => {
    exploreAll(m);
    expect(m.diagnostics).toEqual([]);
  });

  it('an out-of-domain write yields every value of the domain, reported when met', () => {
    const b2 = new Ir();
    const m2 = lowerToSystem(workflow([b2.assign('n', c(7)), b2.act('x')], { vars: [varDecl('n', { kind: 'int', min: 0, max: 2 }, c(0))] }));
    expect(m2.diagnostics).toEqual([]);
    const x = exploreAll(m2);
    const n = compileStateInteger(atom('n'), m2.binding);
    const scheduled = compileStatePredicate(atom('started', 'x'), m2.binding);
    expect(statesWhere(x, scheduled).map((id) => n(x.store.arena, id * x.store.words)).sort()).toEqual([0, 1, 2]);
    expect(m2.diagnostics.map((d) => [d.code, d.severity, d.span.line])).toEqual([['WFV3201', 'warning', 2]]);
    expect(m2.diagnostics[0].message).toContain("'n'");
    expect(m2.diagnostics[0].message).toContain('7');
  });

  it('a for loop: update runs after the body and on continue', () => {
    const b2 = new Ir();
    const m2 = lowerToSystem(workflow(
      [b2.loop(bin('<', v('i'), c(2)), [b2.if(unknown, [b2.cont()]), b2.timer()], undefined, [b2.assign('i', bin('+', v('i'), c(1)))])],
      { vars: [varDecl('i', { kind: 'int', min: 0, max: 2 }, c(0))] },
    ));
    expect(completeRuns(m2, 8)).toEqual(['timerFired timerFired workflowCompleted', 'timerFired workflowCompleted', 'workflowCompleted']);
    exploreAll(m2);
    expect(m2.diagnostics).toEqual([]);
  });

  it('continue goes back to the test; an unknown test may exit any time', () => {
    const b2 = new Ir();
    const m2 = lowerToSystem(workflow([b2.loop(unknown, [b2.timer(), b2.cont(), b2.act('never')])]));
    const runs = completeRuns(m2, 4);
    expect(runs).toEqual(['timerFired timerFired timerFired workflowCompleted', 'timerFired timerFired workflowCompleted', 'timerFired workflowCompleted', 'workflowCompleted']);
    expect(m2.activityCallActions.get('s3')).toHaveLength(1); // present, never enabled (dead call)
  });
});

describe('try / catch / finally', () => {
  it('a return inside try runs the finally block, then completes; failures go through catch', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.try([b.act('a'), b.ret()], [b.act('c')], [b.act('f')]), b.act('after')]));
    expect(completeRuns(m)).toEqual([
      [S('a'), C('a'), S('f'), C('f'), 'workflowCompleted'].join(' '),
      [S('a'), C('a'), S('f'), F('f'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), S('c'), C('c'), S('f'), C('f'), S('after'), C('after'), 'workflowCompleted'].join(' '),
      [S('a'), F('a'), S('c'), C('c'), S('f'), C('f'), S('after'), F('after'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), S('c'), C('c'), S('f'), F('f'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), S('c'), F('c'), S('f'), C('f'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), S('c'), F('c'), S('f'), F('f'), 'workflowFailed'].join(' '),
    ]);
    // The finally block is compiled once per continuation: return, normal, failure.
    const finallyCall = m.activityCallActions.get('s4') ?? [];
    expect(finallyCall).toHaveLength(3);
    expect(new Set(finallyCall.map((a) => m.system.actionName(a))).size).toBe(3); // unique labels (#2, #3)
    expectTracesReplay(m, exploreAll(m));
  });

  it('throw without catch fails the workflow after finally; a caught throw continues', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.try([b.try([b.throw()], null, [b.timer()])], [b.act('recover')])]));
    expect(completeRuns(m)).toEqual([
      ['timerFired', S('recover'), C('recover'), 'workflowCompleted'].join(' '),
      ['timerFired', S('recover'), F('recover'), 'workflowFailed'].join(' '),
    ]);
  });

  it('a return in finally overrides a failure', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.try([b.act('a')], null, [b.ret()]), b.act('after')]));
    expect(completeRuns(m)).toEqual([[S('a'), C('a'), 'workflowCompleted'].join(' '), [S('a'), F('a'), 'workflowCompleted'].join(' ')]);
  });
});

describe('child workflows and continueAsNew', () => {
  it('executeChild of a child on a cron schedule never returns: no run completes', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([{ ...b.child('ticker'), cron: true } as Stmt, b.act('after')]));
    expect(completeRuns(m)).toEqual([]);
  });

  it('executeChild waits for the result; startChild does not; result() waits later', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.child('kid'), b.child('k2', 'start'), b.childResult('k2')]));
    expect(completeRuns(m)).toEqual([
      'childStarted(kid) childCompleted(kid) childStarted(k2) childCompleted(k2) workflowCompleted',
      'childStarted(kid) childCompleted(kid) childStarted(k2) childFailed(k2) workflowFailed',
      'childStarted(kid) childFailed(kid) workflowFailed',
    ]);
  });

  it('continueAsNew ends the run; the code after it is dead', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.act('a'), b.continueAsNew(), b.act('b')]));
    const x = exploreAll(m);
    expect(terminalStatuses(m, x)).toEqual(['continuedAsNew', 'failed']);
    expect(completeRuns(m)).toEqual([[S('a'), C('a'), 'workflowContinuedAsNew'].join(' '), [S('a'), F('a'), 'workflowFailed'].join(' ')]);
    const dead = new Set(m.activityCallActions.get('s3'));
    expect(dead.size).toBe(1);
    for (let k = 0; k < (x.edges?.actions.length ?? 0); k++) expect(dead.has(x.edges?.actions[k] ?? -1)).toBe(false);
  });
});

describe('patched', () => {
  it('fixes the choice per run: both paths exist, never mixed', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.patched('v2', [b.act('new')], [b.act('old')]), b.patched('v2', [b.act('new2')], [b.act('old2')])]));
    expect(completeRuns(m)).toEqual([
      [S('new'), C('new'), S('new2'), C('new2'), 'workflowCompleted'].join(' '),
      [S('new'), C('new'), S('new2'), F('new2'), 'workflowFailed'].join(' '),
      [S('new'), F('new'), 'workflowFailed'].join(' '),
      [S('old'), C('old'), S('old2'), C('old2'), 'workflowCompleted'].join(' '),
      [S('old'), C('old'), S('old2'), F('old2'), 'workflowFailed'].join(' '),
      [S('old'), F('old'), 'workflowFailed'].join(' '),
    ]);
  });
});

describe('initial states', () => {
  it('an unknown init gives one initial state per value; a later init may read an earlier variable', () => {
    const m = lowerToSystem(workflow([], {
      vars: [
        varDecl('mode', { kind: 'enum', values: ['fast', 'slow'] }, unknown, { nullable: true }),
        varDecl('slow', { kind: 'bool' }, bin('==', v('mode'), c('slow'))),
      ],
    }));
    const inits = m.system.initialStates().map((s) => m.system.formatState(s, 0));
    expect(inits).toEqual([
      "running | main: ending the workflow (completed) | mode='fast', slow=false",
      "running | main: ending the workflow (completed) | mode='slow', slow=true",
      'running | main: ending the workflow (completed) | mode=undefined, slow=false',
    ]);
  });
});

/**
 * lowerToSystem on concurrent workflows: Promise.all / allSettled / race / any with failures,
 * a condition with a timeout against a signal handler that sets its guard, handlers that wait,
 * update parameters, and cancellation. State counts are computed by hand in the comments.
 *
 * Run to completion (docs/workflow-model.md): a thread at a location that does not wait moves
 * alone (the lowest such slot first); a join whose branches have settled fires before anything
 * else; signals, cancellation and the other threads move only when every thread waits.
 */
import { describe, expect, it } from 'vitest';
import { compileStatePredicate, compileStateInteger } from '../../../src/logic/index.js';
import { lowerToSystem, type WorkflowModel } from '../../../src/extract/lower/index.js';
import type { Exploration } from '../../../src/core/index.js';
import {
  Ir, atom, c, completeRuns, expectTracesReplay, exploreAll, handlerDecl, statesWhere, terminalStatuses, v, varDecl, workflow,
} from './lower-helpers.js';

const S = (a: string) => `activityScheduled(${a})`;
const C = (a: string) => `activityCompleted(${a})`;
const F = (a: string) => `activityFailed(${a})`;

function leftovers(m: WorkflowModel, x: Exploration): number {
  return statesWhere(x, (a, o) => m.hasLeftovers(a, o)).length;
}

describe('parallel', () => {
  const two = (mode: 'all' | 'allSettled' | 'race' | 'any') => {
    const b = new Ir();
    return lowerToSystem(workflow([b.parallel(mode, [[b.act('a')], [b.act('b')]])]));
  };
  // The fork starts both branches; branch 1 runs to its wait (scheduled(a)), then branch 2
  // (scheduled(b)): fork, (before, before), (awaiting, before), (awaiting, awaiting) = 4 states
  // with no choice. From there both activities are pending: the first outcome gives 4 states
  // (ok | failed, awaiting) and (awaiting, ok | failed); a second outcome, where the join has not
  // fired yet, gives (x, y) reached from both sides, the last event telling which moved last.
  // A join step carries no event: the state after it has no last event.

  it('all: succeeds when both succeed, fails as soon as one fails, abandoning the other', () => {
    const m = two('all');
    const x = exploreAll(m);
    // 4 + first outcome 4: a failure fires the join at once ((failed, awaiting) and (awaiting,
    // failed) are left by the join only), so a second outcome follows only an ok: (ok, ok | failed)
    // last b, (ok | failed, ok) last a = 4; ending completed, ending failed, ending failed with
    // the other branch pending (abandoned) = 3; their 3 terminal states → 4 + 4 + 4 + 3 + 3 = 18.
    expect(x.stats.states).toBe(18);
    expect(terminalStatuses(m, x)).toEqual(['completed', 'failed']);
    expect(leftovers(m, x)).toBe(1); // failed while the other branch was still awaiting its activity
    const runs = completeRuns(m);
    expect(runs).toEqual([
      [S('a'), S('b'), C('a'), C('b'), 'workflowCompleted'],
      [S('a'), S('b'), C('a'), F('b'), 'workflowFailed'],
      [S('a'), S('b'), C('b'), C('a'), 'workflowCompleted'],
      [S('a'), S('b'), C('b'), F('a'), 'workflowFailed'],
      [S('a'), S('b'), F('a'), 'workflowFailed'],
      [S('a'), S('b'), F('b'), 'workflowFailed'],
    ].map((r) => r.join(' ')).sort());
    // Removed by run to completion: the workflow failing before b is even scheduled, and b's
    // outcome after a's failure settled the Promise.all.
    expect(runs).not.toContain([S('a'), F('a'), 'workflowFailed'].join(' '));
    expect(runs.filter((r) => r.includes(`${F('a')} ${C('b')}`) || r.includes(`${F('b')} ${C('a')}`))).toEqual([]);
    expect(m.diagnostics.map((d) => d.code)).toEqual(['WFV3202']);
    expectTracesReplay(m, x);
  });

  it('allSettled: waits for both outcomes and never fails', () => {
    const m = two('allSettled');
    const x = exploreAll(m);
    // 4 + first outcome 4 + both settled: 4 combinations × 2 (last event of a or of b) = 8,
    // ending completed, completed → 18.
    expect(x.stats.states).toBe(18);
    expect(terminalStatuses(m, x)).toEqual(['completed']);
    expect(leftovers(m, x)).toBe(0);
    expect(m.diagnostics).toEqual([]);
  });

  it('any: the first success wins; fails only when both failed (an AggregateError: the workflow task fails)', () => {
    const m = two('any');
    const x = exploreAll(m);
    // 4 + first outcome 4 (an ok fires the join at once); after a failure the other outcome:
    // (failed, ok) last b, (failed, failed) last b, (ok, failed) last a, (failed, failed) last a
    // = 4; ending completed with the other branch pending, ending completed, ending failed = 3;
    // their 3 terminal states → 18.
    expect(x.stats.states).toBe(18);
    const runs = completeRuns(m);
    expect(runs).toContain([S('a'), S('b'), F('a'), F('b'), 'workflowTaskFailed'].join(' '));
    expect(runs).toContain([S('a'), S('b'), F('a'), C('b'), 'workflowCompleted'].join(' '));
    expect(runs.filter((r) => r.endsWith('workflowTaskFailed') && !(r.includes(F('a')) && r.includes(F('b'))))).toEqual([]);
    expect(runs.filter((r) => r.endsWith('workflowFailed'))).toEqual([]);
    // Removed: b scheduled only after a failed (branch 2 starts before any outcome), and any
    // outcome after the first success.
    expect(runs).not.toContain([S('a'), F('a'), S('b'), C('b'), 'workflowCompleted'].join(' '));
    expect(runs.filter((r) => r.includes(`${C('a')} ${S('b')}`) || r.includes(`${C('a')} ${C('b')}`) || r.includes(`${C('a')} ${F('b')}`))).toEqual([]);
  });

  it('race: the first branch to settle decides, the other is abandoned', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.parallel('race', [[b.act('a')], [b.timer()]])]));
    const x = exploreAll(m);
    // fork; (before a, sleeping); (awaiting a, sleeping) after scheduled(a) — branch 1 runs to
    // its wait first; the first outcome (ok, sleeping), (failed, sleeping), (awaiting, fired)
    // fires the join at once = 3; ending completed / failed, the other branch always pending
    // (abandoned) = 2; their 2 terminal states → 3 + 3 + 2 + 2 = 10.
    expect(x.stats.states).toBe(10);
    expect(terminalStatuses(m, x)).toEqual(['completed', 'failed']);
    const runs = completeRuns(m);
    expect(runs).toEqual([
      [S('a'), C('a'), 'workflowCompleted'],
      [S('a'), F('a'), 'workflowFailed'],
      [S('a'), 'timerFired', 'workflowCompleted'],
    ].map((r) => r.join(' ')).sort());
    // Removed by urgent joins: the race decided by a branch that settled second (a failing
    // after the timer won, the timer winning after a failed).
    expect(runs).not.toContain([S('a'), 'timerFired', F('a'), 'workflowFailed'].join(' '));
    expect(runs).not.toContain([S('a'), F('a'), 'timerFired', 'workflowCompleted'].join(' '));
    expect(leftovers(m, x)).toBe(2);
  });

  it('nested parallel: abandoning a branch abandons its own branches', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.parallel('race', [[b.parallel('all', [[b.act('x')], [b.act('y')]])], [b.timer()]])]));
    const x = exploreAll(m);
    expectTracesReplay(m, x);
    // After the timer wins, no thread is left active in a terminal state: hasLeftovers comes
    // from the abandoned-pending flag only, and nothing moves after the end.
    const done = statesWhere(x, (a, o) => m.status(a, o) === 'completed');
    expect(done.length).toBeGreaterThan(0);
    expect(m.system.formatState(x.store.arena, done[done.length - 1] * x.store.words)).not.toContain('branch');
  });

  it('Promise.race([]) waits forever without blocking the other threads or signals', () => {
    // The join of an empty race has no step: it waits (as a running location it would let no
    // other thread move). fork; (before race, before a); (awaiting race, before a);
    // scheduled(a); completed(a): branch 2 ok, the Promise.all waits for branch 1 forever
    // (a deadlock); failed(a): the join fires, ending failed with branch 1 abandoned; failed → 8.
    const b = new Ir();
    const m = lowerToSystem(workflow([b.parallel('all', [[b.parallel('race', [])], [b.act('a')]])]));
    const x = exploreAll(m);
    expect(x.stats.states).toBe(8);
    expect(completeRuns(m)).toEqual([[S('a'), F('a'), 'workflowFailed'].join(' ')]);
    expect(statesWhere(x, compileStatePredicate({ kind: 'deadlock' }, m.binding))).toHaveLength(1);
    const b2 = new Ir();
    const sig = lowerToSystem(workflow([b2.handler('go'), b2.parallel('race', [])], { handlers: [handlerDecl('signal', 'go', [])] }));
    // before setHandler; before the race; awaiting the race (waits); after signal(go) → 4 states.
    expect(exploreAll(sig).stats.states).toBe(4);
    expect(completeRuns(sig, 3)).toEqual([]);
  });
});

describe('condition with timeout against a signal handler', () => {
  const b = new Ir();
  const ir = workflow(
    [b.handler('approve'), b.cond(v('approved'), 1000, { result: 'ok' })],
    {
      vars: [varDecl('approved', { kind: 'bool' }, c(false)), varDecl('ok', { kind: 'bool' }, c(false))],
      handlers: [handlerDecl('signal', 'approve', [b.assign('approved', c(true), 91)])],
    },
  );
  const m = lowerToSystem(ir);
  const x = exploreAll(m);

  it('has the hand-counted state space', () => {
    // S0 before setHandler; S1 at the condition; S1 -timeout-> S2 (ending, ok=false);
    // S1 -signal-> S3 (approved); S3 -satisfied-> S4 (ok=true); S3 -signal-> S3;
    // S2 -completed-> T1 (approved/ok = F/F); S4 -completed-> T2 (T/T) → 7 states, 7 edges.
    // The main thread does not wait at the ending locations S2 and S4: it completes the
    // workflow in the same activation, so no signal arrives there (before run to completion,
    // S2 -signal-> (T, F) and S4 -signal-> gave 10 states, 13 edges).
    expect(x.stats.states).toBe(7);
    expect(x.stats.transitions).toBe(7);
    expectTracesReplay(m, x);
  });

  it('the condition is satisfied only after the signal; it times out only before', () => {
    const satisfiedUnapproved = compileStatePredicate({ kind: 'and', args: [atom('conditionSatisfied'), { kind: 'not', arg: atom('approved') }] }, m.binding);
    expect(statesWhere(x, satisfiedUnapproved)).toEqual([]);
    const timedOutApproved = compileStatePredicate({ kind: 'and', args: [atom('conditionTimedOut'), atom('approved')] }, m.binding);
    expect(statesWhere(x, timedOutApproved)).toEqual([]);
    expect(statesWhere(x, compileStatePredicate(atom('signaled', 'approve'), m.binding)).length).toBe(1); // S3
    // A signal after the timeout cannot set approved any more: it cannot arrive before the end.
    expect(statesWhere(x, compileStatePredicate({ kind: 'and', args: [atom('approved'), { kind: 'not', arg: atom('ok') }, atom('done')] }, m.binding))).toEqual([]);
    const runs = completeRuns(m, 4);
    expect(runs).toEqual(['conditionTimedOut workflowCompleted', 'signal(approve) conditionSatisfied workflowCompleted', 'signal(approve) signal(approve) conditionSatisfied workflowCompleted']);
    expect(runs).not.toContain('conditionTimedOut signal(approve) workflowCompleted');
    expect(runs).not.toContain('conditionSatisfied workflowCompleted');
  });

  it('without the registration no signal arrives', () => {
    const b2 = new Ir();
    const m2 = lowerToSystem({ ...ir, body: [b2.cond(v('approved'), 1000, { result: 'ok' })] });
    expect(completeRuns(m2, 4)).toEqual(['conditionTimedOut workflowCompleted']);
  });

  it('a condition without timeout and without a way to become true deadlocks', () => {
    const b2 = new Ir();
    const m2 = lowerToSystem({ ...ir, body: [b2.cond(v('approved'), 'none')] });
    const x2 = exploreAll(m2);
    expect(x2.stats.states).toBe(1);
    expect(statesWhere(x2, compileStatePredicate({ kind: 'deadlock' }, m2.binding))).toEqual([0]);
  });
});

describe('handlers', () => {
  it('a handler that waits runs in its own thread, one invocation at a time', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.handler('go'), b.timer()], { handlers: [handlerDecl('signal', 'go', [b.act('work', { line: 91 })])] }));
    const x = exploreAll(m);
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([['WFV3201', 'note']]);
    const runs = completeRuns(m, 7);
    // The delivered handler runs to its wait at once: signal(go) is always followed by
    // scheduled(work); a second signal(go) is accepted only after the first invocation ended.
    expect(runs).toContain(['signal(go)', S('work'), C('work'), 'signal(go)', S('work'), 'timerFired', 'workflowCompleted'].join(' '));
    expect(runs.filter((r) => /signal\(go\)(?! activityScheduled\(work\))/.test(r))).toEqual([]);
    expect(runs.some((r) => r.startsWith('signal(go) signal(go)'))).toBe(false);
    // The timer may fire while work is pending: the workflow completes with a leftover.
    expect(leftovers(m, x)).toBeGreaterThan(0);
    // A failing signal handler fails the workflow.
    expect(runs).toContain(['signal(go)', S('work'), F('work'), 'workflowFailed'].join(' '));
    expectTracesReplay(m, x);
  });

  it('update parameters: one atomic delivery per value; a failing update does not fail the workflow', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.handler('setLevel'), b.cond(bin('==', v('level'), c(2)), 'none')], {
      vars: [varDecl('level', { kind: 'int', min: 0, max: 2 }, c(0)), varDecl('lvl', { kind: 'int', min: 0, max: 2 }, c(0))],
      handlers: [handlerDecl('update', 'setLevel', [b.if(bin('==', v('lvl'), c(1)), [b.throw('Bad')], [], 92), b.assign('level', v('lvl'), 93)], ['lvl'])],
    }));
    const labels = Array.from({ length: m.system.actionCount }, (_, a) => m.system.actionName(a)).filter((l) => l.startsWith('update'));
    // 3 values of lvl × 2 paths through the body (throw, or assign); per state, the test of
    // the path keeps one path per value enabled.
    expect(labels).toHaveLength(6);
    expect(labels).toContain('update(setLevel) [lvl=0] @ wf.ts:90; if (lvl == 1) else @ wf.ts:92; level := lvl @ wf.ts:93');
    expect(labels).toContain('update(setLevel) [lvl=1] @ wf.ts:90; if (lvl == 1) then @ wf.ts:92');
    const enabled: number[] = [];
    const x0 = exploreAll(m); // state 1: registered, waiting at the condition
    m.system.successors(x0.store.arena, x0.store.words, (a) => {
      enabled.push(a);
    });
    expect(enabled.map((a) => m.system.actionName(a)).filter((l) => l.startsWith('update'))).toHaveLength(3);
    const x = exploreAll(m);
    expect(terminalStatuses(m, x)).toEqual(['completed']);
    const level = compileStateInteger(atom('level'), m.binding);
    expect(new Set(statesWhere(x, () => true).map((id) => level(x.store.arena, id * x.store.words)))).toEqual(new Set([0, 2]));
    expect(m.diagnostics).toEqual([]);
    expectTracesReplay(m, x);
  });
});

describe('cancellation', () => {
  it('a cancelled activity runs the finally block (non-cancellable cleanup), then the workflow is cancelled', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.try([b.act('a')], null, [b.scope('nonCancellable', [b.act('cleanup')])])], { cancellable: true }));
    const x = exploreAll(m);
    expect(terminalStatuses(m, x)).toEqual(['cancelled', 'completed', 'failed']);
    const runs = completeRuns(m);
    expect(runs).toContain([S('a'), 'cancelRequested', S('cleanup'), C('cleanup'), 'workflowCancelled'].join(' '));
    // Requested while a is pending, the cancellation may still lose to a's completion.
    expect(runs).toContain([S('a'), 'cancelRequested', C('a'), S('cleanup'), C('cleanup'), 'workflowCompleted'].join(' '));
    expect(runs).toContain([S('a'), 'cancelRequested', S('cleanup'), F('cleanup'), 'workflowFailed'].join(' '));
    // The workflow runs to scheduled(a) before anything arrives: no cancellation before it
    // (before run to completion: 'cancelRequested scheduled(a) completed(a) …').
    expect(runs.filter((r) => !r.startsWith(S('a')))).toEqual([]);
    expect(runs).not.toContain(['cancelRequested', S('a'), C('a'), S('cleanup'), C('cleanup'), 'workflowCompleted'].join(' '));
    // The cleanup is not cancellable: no cancellation edge at it.
    const labels = Array.from({ length: m.system.actionCount }, (_, a) => m.system.actionName(a));
    expect(labels.filter((l) => l.startsWith('cancelled('))).toEqual(['cancelled(a) @ wf.ts:2']);
    expectTracesReplay(m, x);
  });

  it('a catch may swallow the cancellation; a bare rethrow keeps it, a new error fails', () => {
    const b = new Ir();
    const swallow = lowerToSystem(workflow([b.try([b.timer()], [b.act('comp')])], { cancellable: true }));
    expect(completeRuns(swallow)).toContain(['cancelRequested', S('comp'), C('comp'), 'workflowCompleted'].join(' '));
    // comp itself is cancellable, and cancellation is still requested: it may be cancelled too.
    expect(terminalStatuses(swallow, exploreAll(swallow))).toEqual(['cancelled', 'completed', 'failed']);
    const rethrow = lowerToSystem(workflow([b.try([b.timer()], [b.throw(null)])], { cancellable: true }));
    // After timerFired the thread runs to the end: no cancellation between the timer and the
    // workflow's completion (before run to completion: 'timerFired cancelRequested workflowCompleted').
    expect(completeRuns(rethrow)).toEqual(['cancelRequested workflowCancelled', 'cancelRequested timerFired workflowCompleted', 'timerFired workflowCompleted'].sort());
    expect(completeRuns(rethrow)).not.toContain('timerFired cancelRequested workflowCompleted');
    const other = lowerToSystem(workflow([b.try([b.timer()], [b.throw('Other')])], { cancellable: true }));
    expect(terminalStatuses(other, exploreAll(other))).toEqual(['completed', 'failed']);
  });

  it('is not modelled when the workflow is not cancellable', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.timer()]));
    expect(completeRuns(m)).toEqual(['timerFired workflowCompleted']);
  });
});

function bin(op: '==' | '+', l: ReturnType<typeof v>, r: ReturnType<typeof c>) {
  return { kind: 'binary' as const, op, left: l, right: r };
}

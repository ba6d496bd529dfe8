/**
 * Saga compensation lists in lowerToSystem: push / unshift order, run in list order with
 * failures propagating, repeated runs, and the capacity bound (a diagnostic at lowering, an
 * inconclusive ModelBoundError when exceeded during exploration).
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/core/index.js';
import { ModelBoundError, lowerToSystem } from '../../../src/extract/lower/index.js';
import { FILE, Ir, completeRuns, expectTracesReplay, exploreAll, span, unknown, workflow } from './lower-helpers.js';

const S = (a: string) => `activityScheduled(${a})`;
const C = (a: string) => `activityCompleted(${a})`;
const F = (a: string) => `activityFailed(${a})`;
const LIST = [{ id: 'L', name: 'compensations', span: span(1) }];

function saga(front: boolean) {
  const b = new Ir();
  return workflow(
    [b.try([b.push('L', [b.act('undoA')], front), b.act('a'), b.push('L', [b.act('undoB')], front), b.act('b')], [b.run('L'), b.throw(null)])],
    { compensationLists: LIST },
  );
}

describe('compensation lists', () => {
  it('unshift + run: compensations run newest first; a failing compensation stops the run', () => {
    const m = lowerToSystem(saga(true));
    expect(completeRuns(m)).toEqual([
      [S('a'), C('a'), S('b'), C('b'), 'workflowCompleted'].join(' '),
      [S('a'), C('a'), S('b'), F('b'), S('undoB'), C('undoB'), S('undoA'), C('undoA'), 'workflowFailed'].join(' '),
      [S('a'), C('a'), S('b'), F('b'), S('undoB'), C('undoB'), S('undoA'), F('undoA'), 'workflowFailed'].join(' '),
      [S('a'), C('a'), S('b'), F('b'), S('undoB'), F('undoB'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), S('undoA'), C('undoA'), 'workflowFailed'].join(' '),
      [S('a'), F('a'), S('undoA'), F('undoA'), 'workflowFailed'].join(' '),
    ]);
    expect(m.diagnostics).toEqual([]); // two pushes, each at most once: capacity 2, no bound
    const x = exploreAll(m);
    expectTracesReplay(m, x);
    const last = x.store.size - 1;
    expect(m.system.formatState(x.store.arena, last * x.store.words)).toMatch(/compensations=\[/);
  });

  it('push + run: compensations run in registration order', () => {
    const m = lowerToSystem(saga(false));
    expect(completeRuns(m)).toContain([S('a'), C('a'), S('b'), F('b'), S('undoA'), C('undoA'), S('undoB'), C('undoB'), 'workflowFailed'].join(' '));
  });

  it('a reverse run (list.reverse()) runs the compensations back first', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.push('L', [b.act('x')]), b.push('L', [b.act('y')]), b.run('L', undefined, true), b.run('L')], { compensationLists: LIST }));
    expect(completeRuns(m, 12)).toContain([S('y'), C('y'), S('x'), C('x'), S('x'), C('x'), S('y'), C('y'), 'workflowCompleted'].join(' '));
  });

  it('more push sites than maxCompensations: a warning at lowering', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.push('L', []), b.push('L', []), b.push('L', [])], { compensationLists: LIST }), { maxCompensations: 2 });
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([['WFV3201', 'warning']]);
    expect(() => exploreAll(m)).toThrow(ModelBoundError);
  });

  it('the list is kept after a run: a second run runs the compensations again', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.push('L', [b.act('x')]), b.run('L'), b.run('L')], { compensationLists: LIST }));
    expect(completeRuns(m)).toContain([S('x'), C('x'), S('x'), C('x'), 'workflowCompleted'].join(' '));
  });

  it('a push in a loop gets the maxCompensations bound: a note, then ModelBoundError when exceeded', () => {
    const b = new Ir();
    const ir = workflow([b.loop(unknown, [b.push('L', [])])], { compensationLists: LIST });
    const m = lowerToSystem(ir, { maxCompensations: 2 });
    expect(m.diagnostics.map((d) => [d.code, d.severity])).toEqual([['WFV3201', 'note']]);
    let thrown: unknown;
    try {
      explore(m.system);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModelBoundError);
    expect(thrown).toMatchObject({ code: 'WFV3201', exitCode: 3, location: { file: FILE } });
  });
});

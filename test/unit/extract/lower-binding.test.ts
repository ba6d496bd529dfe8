/**
 * The atom binding, steps and state rendering of workflow models.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/index.js';
import { compileStateInteger, compileStatePredicate, parseFormula } from '../../../src/logic/index.js';
import { lowerToSystem } from '../../../src/extract/lower/index.js';
import { Ir, atom, c, exploreAll, handlerDecl, statesWhere, varDecl, workflow } from './lower-helpers.js';

const b = new Ir();
const ir = workflow(
  [b.handler('approve', 2), b.act('lockFunds', { result: 'mode', line: 3 }), b.if({ kind: 'var', id: 'paid' }, [b.timer(5)], [], 4), b.child('kid', 'execute', 6)],
  {
    vars: [varDecl('mode', { kind: 'enum', values: ['fast', 'slow'] }, c('fast')), varDecl('paid', { kind: 'bool' }, c(false))],
    handlers: [handlerDecl('signal', 'approve', [b.assign('paid', c(true), 91)])],
  },
);
const m = lowerToSystem(ir, { propertyFile: 'spec.wfv' });
const x = exploreAll(m);
const count = (text: string) => statesWhere(x, compileStatePredicate(parseFormula(text), m.binding)).length;

describe('atoms', () => {
  it('status atoms', () => {
    expect(count('done')).toBe(statesWhere(x, (a, o) => m.status(a, o) === 'completed').length);
    expect(count('done')).toBeGreaterThan(0);
    expect(count('failed')).toBeGreaterThan(0);
    expect(count('cancelled')).toBe(0);
    expect(count('running | done | failed')).toBe(x.stats.states);
  });

  it('event atoms read the step that led to the state', () => {
    expect(count('started(lockFunds)')).toBe(count('scheduled(lockFunds)'));
    expect(count('started(lockFunds)')).toBeGreaterThan(0);
    expect(count('completed(lockFunds) & (mode(fast) | mode(slow))')).toBe(count('completed(lockFunds)'));
    expect(count('signaled(approve) -> paid')).toBe(x.stats.states);
    expect(count('timerFired -> paid')).toBe(x.stats.states);
    expect(count('childStarted(kid)')).toBeGreaterThan(0);
    expect(count('childFailed(kid) & failed')).toBe(0); // the child's failure is a step; the end is another
  });

  it('at(N) holds where some thread is at a statement of line N', () => {
    expect(count('at(5)')).toBeGreaterThan(0);
    expect(count('at(5) -> paid')).toBe(x.stats.states);
    expect(count('at(77)')).toBe(0);
  });

  it('data atoms: booleans, enum values, integers', () => {
    const paid = compileStateInteger(atom('paid'), m.binding);
    const values = new Set(statesWhere(x, () => true).map((id) => paid(x.store.arena, id * x.store.words)));
    expect(values).toEqual(new Set([0, 1]));
    expect(count('mode(slow)')).toBeGreaterThan(0);
  });

  it('deadlock holds only in running states without successors', () => {
    expect(count('deadlock')).toBe(0);
  });

  it('unknown names are InputErrors WFV2104 located in the property', () => {
    const err = (text: string): InputError => {
      try {
        compileStatePredicate(parseFormula(text), m.binding);
      } catch (e) {
        if (e instanceof InputError) return e;
        throw e;
      }
      throw new Error('no error');
    };
    const e = err('done | completed(lockFund)');
    expect(e.code).toBe('WFV2104');
    expect(e.location).toEqual({ file: 'spec.wfv', line: 1, column: 8 });
    expect(e.hint).toContain('lockFunds');
    expect(err('signaled(reject)').hint).toContain('approve');
    expect(err('mode(medium)').message).toContain('medium');
    expect(err('mode').code).toBe('WFV2104');
    expect(err('nonsense').code).toBe('WFV2104');
    expect(err('tokens(p) >= 1').code).toBe('WFV2104');
    expect(err('fireable(t)').code).toBe('WFV2104');
    expect(err('mode >= 1').message).toContain('enum');
  });
});

describe('steps and states', () => {
  it('step(action) gives the label, event, span and statement', () => {
    const a = m.activityCallActions.get('s2')?.[0] ?? -1;
    expect(m.step(a)).toMatchObject({ label: 'scheduled(lockFunds) @ wf.ts:3', event: { kind: 'activityScheduled', activity: 'lockFunds' }, stmt: 's2' });
    expect(m.step(a).span.line).toBe(3);
    const labels = Array.from({ length: m.system.actionCount }, (_, k) => m.step(k).label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('signal(approve) @ wf.ts:90; paid := true @ wf.ts:91');
    expect(() => m.step(m.system.actionCount)).toThrow();
  });

  it('formatState shows status, last event, threads with their lines and the variables', () => {
    const ids = statesWhere(x, compileStatePredicate(parseFormula('signaled(approve)'), m.binding));
    // The first signal arrives while lockFunds is pending: main runs from setHandler to
    // scheduled(lockFunds) without waiting, so no signal comes before lockFunds is scheduled.
    expect(m.system.formatState(x.store.arena, ids[0] * x.store.words)).toBe(
      "running | last signal(approve) | main: awaiting lockFunds (wf.ts:3) | mode='fast', paid=true | handlers: signal approve",
    );
    expect(count('started(lockFunds) & paid')).toBe(0);
  });

  it('successor order is deterministic', () => {
    const seq = (): string[] => {
      const out: string[] = [];
      for (let id = 0; id < x.store.size; id++) m.system.successors(x.store.arena, id * x.store.words, (a, s) => {
        out.push(`${id}:${a}:${Array.from(s).join(',')}`);
      });
      return out;
    };
    expect(seq()).toEqual(seq());
  });
});

/**
 * Diagnostics of lowering (WFV3201, WFV3202) for IR the model cannot take literally, and that
 * such IR still lowers to a model that explores.
 */
import { describe, expect, it } from 'vitest';
import { lowerToSystem } from '../../../src/extract/lower/index.js';
import { Ir, c, completeRuns, exploreAll, handlerDecl, v, workflow } from './lower-helpers.js';

describe('lowering diagnostics', () => {
  it('break outside a loop, an unknown handler and an unknown variable are reported and ignored', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.brk(), b.handler('nope'), b.if(v('ghost'), [b.timer()]), b.assign('ghost', c(1))]));
    expect(m.diagnostics.map((d) => [d.code, d.severity, d.span.line])).toEqual([
      ['WFV3201', 'error', 2], // break
      ['WFV3201', 'error', 3], // setHandler('nope')
      ['WFV3201', 'error', 5], // if (ghost)
      ['WFV3201', 'error', 6], // ghost := 1
    ]);
    // The unknown variable reads as any value: both branches.
    expect(completeRuns(m)).toEqual(['timerFired workflowCompleted', 'workflowCompleted']);
  });

  it('query handlers are not modelled; an empty signal handler is one step', () => {
    const b = new Ir();
    const m = lowerToSystem(workflow([b.handler('status'), b.handler('ping'), b.timer()], {
      handlers: [handlerDecl('query', 'status', []), handlerDecl('signal', 'ping', [])],
    }));
    expect(m.diagnostics).toEqual([]);
    const x = exploreAll(m);
    // setHandler(ping); sleeping (after setHandler / after ping); ending after the timer;
    // completed → 5 states. The main thread does not wait at the ending location, so no ping
    // arrives between the timer and the end (before run to completion: 6 states).
    expect(x.stats.states).toBe(5);
    expect(completeRuns(m, 3)).toEqual(['signal(ping) timerFired workflowCompleted', 'timerFired workflowCompleted']);
    expect(completeRuns(m, 3)).not.toContain('timerFired signal(ping) workflowCompleted');
  });

  it('abandoning Promise modes are reported once per statement, even when compiled twice', () => {
    const b = new Ir();
    const race = b.parallel('race', [[b.timer()], [b.timer()]]);
    const m = lowerToSystem(workflow([b.try([b.act('a')], null, [race])]));
    expect(m.diagnostics.map((d) => d.code)).toEqual(['WFV3202']);
  });
});

/**
 * lowerToNet: the workflow net of the control flow — shape (i, o, workflow-net recognition),
 * soundness of well-structured workflows, labels and steps, and the diagnostics of documented
 * over-approximations.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../../../src/core/index.js';
import { lowerToNet } from '../../../src/extract/lower/index.js';
import { PetriSystem, checkSoundness, recogniseWorkflowNet } from '../../../src/petri/index.js';
import { Ir, c, handlerDecl, span, unknown, v, varDecl, workflow } from './lower-helpers.js';

describe('lowerToNet', () => {
  it('a sequential workflow is a sound workflow net with one transition per step', () => {
    const b = new Ir();
    const { net, transitionSteps, diagnostics } = lowerToNet(workflow([b.act('a'), b.act('b')]));
    expect(recogniseWorkflowNet(net)).toMatchObject({ ok: true });
    expect(net.places.map((p) => p.name).slice(0, 2)).toEqual(['i', 'o']);
    expect(net.places.filter((p) => p.initial > 0).map((p) => p.name)).toEqual(['i']);
    expect(net.transitions.map((t) => t.name)).toEqual([
      'start', 'workflowCompleted @ wf.ts:1', 'workflowFailed @ wf.ts:1',
      'scheduled(a) @ wf.ts:2', 'completed(a) @ wf.ts:2', 'failed(a) @ wf.ts:2',
      'scheduled(b) @ wf.ts:3', 'completed(b) @ wf.ts:3', 'failed(b) @ wf.ts:3',
    ]);
    expect(transitionSteps).toHaveLength(net.transitions.length);
    expect(transitionSteps[3]).toMatchObject({ event: { kind: 'activityScheduled', activity: 'a' }, stmt: 's1' });
    expect(checkSoundness(net).sound).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it('try/finally, loops, allSettled and data-free choices stay sound', () => {
    const b = new Ir();
    const ir = workflow([
      b.try([b.act('a'), b.ret()], [b.act('c')], [b.act('f')]),
      b.loop(unknown, [b.timer(), b.if(unknown, [b.brk()])]),
      b.parallel('allSettled', [[b.act('x')], [b.timer()]]),
      b.patched('p', [b.child('kid')], []),
    ]);
    const { net } = lowerToNet(ir);
    const report = checkSoundness(net);
    expect(report.failures).toEqual([]);
    expect(report.sound).toBe(true);
  });

  it('dead code after return is pruned; guards on data become free choices (with a note)', () => {
    const b = new Ir();
    const { net, diagnostics } = lowerToNet(workflow([b.if(v('ok'), [b.act('yes')], [b.act('no')]), b.ret(), b.act('dead')], {
      vars: [varDecl('ok', { kind: 'bool' }, c(false))],
    }));
    expect(net.transitions.some((t) => t.name.includes('dead'))).toBe(false);
    expect(net.transitions.some((t) => t.name.includes('scheduled(yes)'))).toBe(true);
    expect(recogniseWorkflowNet(net)).toMatchObject({ ok: true });
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['WFV3201', 'note']]);
  });

  it('a constant-false guard removes its transition', () => {
    const b = new Ir();
    const { net } = lowerToNet(workflow([b.if(c(false), [b.act('never')], [b.act('always')])]));
    expect(net.transitions.some((t) => t.name.includes('never'))).toBe(false);
  });

  it('race: abandoned branches keep running in the net (WFV3202), so it is not sound', () => {
    const b = new Ir();
    const { net, diagnostics } = lowerToNet(workflow([b.parallel('race', [[b.act('a')], [b.timer()]])]));
    expect(diagnostics.map((d) => d.code)).toContain('WFV3202');
    expect(recogniseWorkflowNet(net)).toMatchObject({ ok: true });
    expect(checkSoundness(net).sound).toBe(false);
  });

  it('handlers and cancellation: flags are places; nothing fires after the end', () => {
    const b = new Ir();
    const ir = workflow([b.handler('go'), b.timer()], { handlers: [handlerDecl('signal', 'go', [b.act('work')])], cancellable: true });
    const { net, transitionSteps, diagnostics } = lowerToNet(ir);
    const names = net.places.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['running', 'cancellation not requested', 'signal go registered', 'signal go idle']));
    expect(diagnostics.map((d) => d.message).join('\n')).toContain('proper completion');
    const system = new PetriSystem(net);
    const o = names.indexOf('o');
    const x = explore(system, { recordEdges: true });
    for (let id = 0; id < x.store.size; id++) {
      if (system.layout.read(x.store.arena, id * x.store.words, o) === 0) continue;
      let moves = 0;
      system.successors(x.store.arena, id * x.store.words, () => {
        moves++;
      });
      expect(moves).toBe(0);
    }
    expect(transitionSteps.filter((s) => s.event?.kind === 'signal')).toHaveLength(1);
  });

  it('compensation runs are free choices in the net (with a note)', () => {
    const b = new Ir();
    const { net, diagnostics } = lowerToNet(workflow([b.push('L', [b.act('undo')]), b.run('L')], { compensationLists: [{ id: 'L', name: 'L', span: span(1) }] }));
    expect(diagnostics.map((d) => d.code)).toEqual(['WFV3201']);
    expect(net.transitions.some((t) => t.name.startsWith('compensate'))).toBe(true);
    expect(recogniseWorkflowNet(net)).toMatchObject({ ok: true });
  });
});

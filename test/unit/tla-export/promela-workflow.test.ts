/**
 * The Promela writer for workflow models on a hand-built IR: the globals, the guards with
 * run-to-completion, the split write of an activity result, the stutter options, the fairness
 * wrapper of an `ltl` block, name sanitising, and the note for a property that is not LTL.
 * (SPIN's verdicts on the examples: test/integration/spin-workflows.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { IR_FORMAT_VERSION, type ActivityOptions, type SourceSpan, type WorkflowIR } from '../../../src/extract/index.js';
import { parseFormula } from '../../../src/logic/index.js';
import { writePromelaWorkflow } from '../../../src/tla-export/promela-workflow/index.js';

const at = (line: number): SourceSpan => ({ file: 'wf.ts', line, column: 3, endLine: line, endColumn: 20 });
const options: ActivityOptions = {
  maximumAttempts: 2, nonRetryableErrorTypes: [], startToCloseTimeoutMs: 60_000, scheduleToCloseTimeoutMs: null, heartbeatTimeoutMs: null,
  initialIntervalMs: null, backoffCoefficient: null, maximumIntervalMs: null, local: false, mayFail: true,
};

/** `let ok = false; ok = await check(); if (ok) await sleep(…)` — with a variable named like a C keyword. */
const ir: WorkflowIR = {
  formatVersion: IR_FORMAT_VERSION,
  name: 'tiny',
  span: at(1),
  api: '@temporalio/workflow',
  vars: [
    { id: 'v1', name: 'ok', domain: { kind: 'bool' }, nullable: false, init: { kind: 'const', value: false }, span: at(2) },
    { id: 'v2', name: 'int', domain: { kind: 'int', min: 0, max: 2 }, nullable: false, init: { kind: 'const', value: 1 }, span: at(2) },
  ],
  compensationLists: [],
  handlers: [],
  activities: ['check'],
  body: [
    { id: 's1', kind: 'activity', activity: 'check', options, result: 'v1', span: at(3) },
    { id: 's2', kind: 'if', test: { kind: 'var', id: 'v1' }, then: [{ id: 's3', kind: 'timer', durationMs: 1000, span: at(4) }], else: [], span: at(4) },
  ],
  cancellable: false,
  diagnostics: [],
};

const f = (text: string) => parseFormula(text);

describe('writePromelaWorkflow', () => {
  const out = writePromelaWorkflow(ir, [
    { name: 'ends', formula: f('AF (done | failed)') },
    { name: 'never', formula: f('G (timerFired -> ok)') },
    { name: 'can-end', formula: f('EF done') },
    { name: 'if', formula: f('int <= 2') },
  ]);
  const text = out.text;

  it('declares the state with its initial values (names sanitised)', () => {
    expect(text).toContain('byte status = 0; /* workflow status */');
    expect(text).toContain('byte ok = 0; /* ok: codes 0=false 1=true */');
    expect(text).toContain("byte int_ = 1; /* int: codes 0=0 1=1 2=2 */");
    expect(text).toMatch(/byte pc_main = \d+;/);
  });

  it('writes one d_step option per action, with its label and line', () => {
    expect(text).toMatch(/:: d_step \{ en_\d+ -> pc_main = \d+; lastEvent = \d+ \} \/\* scheduled\(check\) @ wf\.ts:3 \(line 3\) \*\//);
    // The activity's result is split: one action per value.
    expect(text).toContain('completed(check) [ok=false] @ wf.ts:3');
    expect(text).toContain('completed(check) [ok=true] @ wf.ts:3');
    expect(text).toMatch(/-> ok = 1; pc_main = \d+; lastEvent = \d+ \} \/\* completed\(check\) \[ok=true\]/);
    // The branch on `ok` reads the variable.
    expect(text).toMatch(/#define g_\d+ \(status == 0 && pc_main == \d+ && \(ok == 1\)\) \/\* if \(ok\) then/);
  });

  it('encodes run to completion, stuttering ends and the deadlock option', () => {
    expect(text).toMatch(/#define run_s0 \(pc_main == \d+/);
    expect(text).toContain('#define quiet (!run_s0) /* every thread waits */');
    expect(text).toContain(':: d_step { status != 0 -> skip } /* the workflow has ended: its last state repeats */');
    expect(text).toContain('#ifndef WF_DEADLOCK_ENDS\n  :: d_step { stuck -> skip }');
    expect(text).toContain('#define fair_progress (true)');
  });

  it('builds the fairness assumption into every ltl block', () => {
    expect(text).toContain('ltl ends { (([] (<> fair_progress)) -> (<> ((status == 1) || (status == 2)))) } /* property ends */');
    expect(text).toMatch(/ltl never_ \{ \(\(\[\] \(<> fair_progress\)\) -> \(\[\] \(\(lastEvent == \d+\) -> \(ok == 1\)\)\)\) \}/);
    // A state formula is an invariant; `never` and `if` are Promela keywords.
    expect(text).toContain('ltl if_ { (([] (<> fair_progress)) -> ([] (true))) } /* property if */');
  });

  it('gives a property that is not LTL a note, and a comment in the text', () => {
    expect(out.properties).toEqual([
      { name: 'ends', ltlName: 'ends' },
      { name: 'never', ltlName: 'never_' },
      { name: 'can-end', ltlName: null, note: expect.stringContaining('existential path quantifier (E)') },
      { name: 'if', ltlName: 'if_' },
    ]);
    expect(text).toContain('/* property can-end: not written: a CTL property outside the fragment');
  });

  it('rejects an atom the workflow does not have (WFV2104)', () => {
    expect(() => writePromelaWorkflow(ir, [{ name: 'p', formula: f('F completed(nope)') }])).toThrow(/no such activity/);
  });

  it('writes X by delay and converts ACTL-det formulas', () => {
    const x = writePromelaWorkflow(ir, [
      { name: 'next', formula: f('G (started(check) -> X !started(check))') },
      { name: 'resp', formula: f('AG (completed(check) -> AF (done | failed))') },
      { name: 'nested', formula: f('AF AG done') },
    ]);
    expect(x.text).toMatch(/ltl next_ \{ \(\(\[\] \(<> fair_progress\)\) -> \(\[\] \(\(warmup == 1\) -> \(\[\] \(\(lastEvent_ago1 == \d+\) -> !\(\(lastEvent == \d+\)\)\)\)\)\)\) \}/);
    expect(x.text).toMatch(/ltl resp \{ \(\(\[\] \(<> fair_progress\)\) -> \(\[\] \(\(lastEvent == \d+\) -> \(<> \(\(status == 1\) \|\| \(status == 2\)\)\)\)\)\) \}/);
    expect(x.properties[2]).toEqual({ name: 'nested', ltlName: null, note: expect.stringContaining('AF over a temporal formula') });
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractWorkflows, printWorkflow, type WorkflowIR } from '../../../src/extract/index.js';

const dir = path.resolve(import.meta.dirname, '../../fixtures/extract');
const base = path.resolve(import.meta.dirname, '../../..');

const result = extractWorkflows([path.join(dir, 'constructs.ts'), path.join(dir, 'wfverify-api.ts')], { baseDir: base });
function wf(name: string): WorkflowIR {
  const w = result.files.flatMap((f) => f.workflows).find((x) => x.name === name);
  if (!w) throw new Error(`no workflow ${name}`);
  return w;
}
const diags = (name: string): string[] => wf(name).diagnostics.map((d) => `${d.severity} ${d.code} ${d.span.line}:${d.span.column}`);

describe('extractWorkflows on the constructs fixture', () => {
  it('type-checks the fixtures without errors and finds every exported workflow', () => {
    expect(result.errors).toEqual([]);
    expect(result.files.map((f) => [f.file, f.workflows.map((w) => w.name)])).toEqual([
      ['test/fixtures/extract/constructs.ts', ['sequence', 'messages', 'loops', 'parallel', 'saga', 'composition']],
      ['test/fixtures/extract/wfverify-api.ts', ['ownApi']],
    ]);
  });

  it('reads activity options from proxyActivities, per proxy', () => {
    const calls = wf('sequence').body.filter((s) => s.kind === 'activity');
    expect(calls.map((c) => c.kind === 'activity' && [c.activity, c.options.maximumAttempts, c.options.local, c.options.startToCloseTimeoutMs])).toEqual([
      ['reserve', 3, false, 30000],
      ['charge', 3, false, 30000],
      ['check', null, true, 5000],
    ]);
    const first = calls[0];
    expect(first.kind === 'activity' && first.options.nonRetryableErrorTypes).toEqual(['Fraud']);
    expect(first.kind === 'activity' && [first.options.initialIntervalMs, first.options.backoffCoefficient]).toEqual([1000, 2]);
    expect(wf('sequence').activities).toEqual(['reserve', 'charge', 'refund', 'check', 'notify']);
  });

  it('sequence: tracked results, if and switch', () => {
    expect(printWorkflow(wf('sequence'))).toMatchInlineSnapshot(`
      "workflow sequence
      var v1_ok: bool = false
      var v2_health: "healthy"|"degraded"|"down" = "healthy"
      body
        activity reserve  @21
        activity charge -> v1_ok  @22
        if !v1_ok  @23
          activity refund  @24
          return  @25
        activity check -> v2_health  @27
        if (v2_health == "healthy")  @29
          activity notify  @30
        else
          if ((v2_health == "degraded") || (v2_health == "down"))  @33
            activity notify  @34
        return  @37"
    `);
    expect(diags('sequence')).toEqual([]);
  });

  it('messages: handlers with finite parameters, conditions with and without timeout', () => {
    expect(printWorkflow(wf('messages'))).toMatchInlineSnapshot(`
      "workflow messages
      var v1_approved: bool|undefined = undefined
      var v2_mode: "soon"|"now"|undefined = undefined
      var v3_ok: bool = false
      var v4_m: "soon"|"now" = "soon"
      var v5_condition_51: bool = false
      on signal approve(v3_ok)
        v1_approved := v3_ok  @45
      on update cancelOrder(v4_m)
        v2_mode := v4_m  @48
      on query status()
      body
        setHandler approve  @44
        setHandler cancelOrder  @47
        setHandler status  @50
        condition ((v1_approved != undefined) || (v2_mode == "now")) timeout 86400000ms -> v5_condition_51  @51
        if v5_condition_51  @51
          sleep 7200000ms  @52
        condition (v1_approved == true)  @54"
    `);
  });

  it('loops: counted, literal arrays, unknown bounds (with a diagnostic)', () => {
    expect(printWorkflow(wf('loops'))).toMatchInlineSnapshot(`
      "workflow loops
      var v1_i: 0..3 = 0
      var v2_kind: "a"|"b" = "a"
      var v3_index_62: 0..2 = 0
      var v4_attempts: 0..2 = 0
      var v5_result_72: bool = false
      body
        loop while (v1_i < 3)  @59
          activity reserve  @60
        update
          v1_i := (v1_i + 1)  @59
        v3_index_62 := 0  @62
        loop while (v3_index_62 < 2)  @62
          v2_kind := ((v3_index_62 == 0) ? "a" : "b")  @62
          if (v2_kind == "b")  @63
            break  @63
          activity notify  @64
        update
          v3_index_62 := (v3_index_62 + 1)  @62
        loop while ?{items}  @66
          activity refund  @67
        loop while (v4_attempts < 2)  @70
          v4_attempts := (v4_attempts + 1)  @71
          activity charge -> v5_result_72  @72
          if v5_result_72  @72
            continue  @72"
    `);
    expect(diags('loops')).toEqual(['warning WFV3102 66:3']);
  });

  it('parallel: combinators, immediately invoked async functions, fan-out, deferred promises', () => {
    expect(printWorkflow(wf('parallel'))).toMatchInlineSnapshot(`
      "workflow parallel
      body
        parallel all  @78
        branch 1
          activity reserve  @78
        branch 2
          sleep 10ms  @78
          activity charge  @78
        parallel race  @79
        branch 1
          activity encode  @79
        branch 2
          sleep 60000ms  @79
        parallel allSettled  @80
        branch 1
          activity encode  @80
        branch 2
          activity encode  @80
        activity notify  @82
        activity refund  @81"
    `);
    expect(diags('parallel')).toEqual(['warning WFV3104 80:28', 'note WFV3106 83:9']);
  });

  it('saga: compensation list, helper with an early return, try/catch/finally, rethrow', () => {
    expect(printWorkflow(wf('saga'))).toMatchInlineSnapshot(`
      "workflow saga
      var v1_result_98: bool = false
      body
        try  @95
          activity reserve  @96
          compensate push list_compensations_1  @97
            activity refund  @97
          loop while true  @86
            if (?{order} == "")  @87
              v1_result_98 := false  @87
              break  @87
            activity reserve  @88
            v1_result_98 := true  @89
            break  @86
          if !v1_result_98  @98
            throw BadOrder (non-retryable) → failure  @98
          activity charge  @99
        catch
          compensate run list_compensations_1 reversed  @101
          throw Error → rethrow  @102
        finally
          activity notify  @104"
    `);
  });

  it('composition: children, patches, cancellation scopes, continue-as-new', () => {
    expect(printWorkflow(wf('composition'))).toMatchInlineSnapshot(`
      "workflow composition (cancellable)
      body
        child execute sequence  @111
        child start messages  @112
        child result messages  @113
        patched "v2"  @114
          activity notify  @115
        else
          activity notify  @117
        scope nonCancellable  @120
          activity refund  @121
        if (?{round} < 10)  @123
          continueAsNew  @123"
    `);
    expect(wf('composition').cancellable).toBe(true);
  });

  it('wfverify/workflow imports are understood and a local function named sleep is not the API', () => {
    const w = wf('ownApi');
    expect(w.api).toBe('wfverify/workflow');
    expect(printWorkflow(w)).toMatchInlineSnapshot(`
      "workflow ownApi
      body
        sleep 1000ms  @12
        activity notify  @8"
    `);
  });

  it('the IR is plain JSON', () => {
    for (const f of result.files) for (const w of f.workflows) expect(JSON.parse(JSON.stringify(w))).toEqual(w);
  });
});

describe('bad input', () => {
  it('reports syntax errors with file, line and column', () => {
    const r = extractWorkflows([path.join(dir, 'syntax-error.ts')], { baseDir: base });
    expect(r.errors.map((e) => `${e.span.file}:${e.span.line}:${e.span.column} ${e.code} ${e.message}`)).toEqual([
      "test/fixtures/extract/syntax-error.ts:4:1 WFV3001 TS1005: ',' expected.",
    ]);
  });

  it('reports type errors with file, line and column', () => {
    const r = extractWorkflows([path.join(dir, 'type-error.ts')], { baseDir: base });
    expect(r.errors.map((e) => `${e.span.line}:${e.span.column} ${e.code}`)).toEqual(['3:9 WFV3002']);
  });

  it('says a file that does not import the workflow API is not a workflow file', () => {
    const r = extractWorkflows([path.join(dir, 'not-a-workflow.ts')], { baseDir: base });
    expect(r.errors).toEqual([]);
    expect(r.files[0].diagnostics.map((d) => d.code)).toEqual(['WFV3003']);
  });

  it('reports an unknown workflow name', () => {
    const r = extractWorkflows([path.join(dir, 'constructs.ts')], { baseDir: base, workflow: 'nope' });
    expect(r.files[0].diagnostics.map((d) => d.code)).toEqual(['WFV3004']);
  });
});

describe('waits the extractor cannot follow', () => {
  it('an awaited Trigger (or any promise made elsewhere) is reported; a plain value is not', () => {
    const r = extractWorkflows([path.join(dir, 'unmodelled-wait.ts')], { baseDir: base });
    expect(r.errors).toEqual([]);
    const d = r.files[0].workflows[0].diagnostics.filter((x) => x.message.startsWith('await of'));
    expect(d.map((x) => `${x.severity} ${x.code} ${x.span.line}:${x.span.column} ${x.message}`)).toEqual([
      'warning WFV3103 11:16 await of t: what it waits for is not modelled; the model goes on at once',
    ]);
  });
});

describe('children on a cron schedule', () => {
  it('executeChild with a cronSchedule never returns (no completion in the model); startChild is reported', () => {
    const r = extractWorkflows([path.join(dir, 'cron-child.ts')], { baseDir: base });
    expect(r.errors).toEqual([]);
    const wf = (name: string) => r.files[0].workflows.find((w) => w.name === name)!;
    const children = (name: string) => wf(name).body.flatMap((x) => (x.kind === 'child' ? [`${x.mode} ${x.cron === true}`] : []));
    expect(children('awaitsCron')).toEqual(['execute true']);
    expect(children('startsCron')).toEqual(['execute false', 'start true']);
    expect(wf('startsCron').diagnostics.map((x) => `${x.code} ${x.span.line} ${x.message}`)).toContain(
      "WFV3106 15 child with a cronSchedule: it never completes, but its handle's result() is modelled as completing or failing",
    );
  });
});

describe('activities scheduled by name', () => {
  const scheduled = extractWorkflows([path.join(dir, 'scheduled.ts')], { baseDir: base });
  const w = scheduled.files[0].workflows[0];

  it('a literal or constant type is an activity step with the options of the call; a computed one is reported', () => {
    expect(scheduled.errors).toEqual([]);
    const calls = w.body.filter((s) => s.kind === 'activity');
    expect(calls.map((c) => c.kind === 'activity' && [c.activity, c.options.maximumAttempts, c.options.local, c.options.startToCloseTimeoutMs, c.options.scheduleToCloseTimeoutMs, c.result !== undefined])).toEqual([
      ['reserve', 2, false, 30000, null, false],
      ['charge', null, false, null, 60000, true],
      ['check', null, true, 5000, null, false],
    ]);
    expect(w.activities).toEqual(['reserve', 'charge', 'check']);
    expect(w.diagnostics.map((d) => `${d.severity} ${d.code} ${d.span.line} ${d.message}`)).toEqual([
      'warning WFV3103 11 scheduleActivity: the activity type is not a constant; the activity is not modelled (treated as having no effect)',
    ]);
  });
});

/**
 * `wfverify replay`: replay testing of recorded histories against the current workflow code,
 * offline. Cross-checked against Temporal: two histories recorded by Temporal's TypeScript SDK
 * (../shared/corpus/histories) replay against workflows written to do what theirs did, and stop
 * replaying when that code changes; the engine's own exported histories replay, and a reordered
 * workflow is reported at its source line.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CliRun, runCli } from '../../support/run-cli.js';
import { repoRoot } from './build-engine.js';

const corpus = path.resolve(repoRoot, '../shared/corpus/histories/sdk-typescript');
const langFlags = path.join(corpus, 'lang_flags_replay_correctly_1_11_2.json');
const cancelFake = path.join(corpus, 'cancel_fake_progress_history.json');
const fixture = path.join(repoRoot, 'test/fixtures/engine/replay/temporal-ts.ts');
const paymentDir = path.join(repoRoot, 'examples/workflows/payment');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...argv: string[]): Promise<CliRun> {
  return runCli(argv);
}

/** A copy of `file` (with its activities beside it) in the temp dir, with `from` replaced by `to`. */
function changed(file: string, from: string, to: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  const sub = path.join(dir, name);
  mkdirSync(sub, { recursive: true });
  const target = path.join(sub, path.basename(file));
  writeFileSync(target, text.replace(from, to));
  const acts = path.join(path.dirname(file), 'activities.ts');
  try { copyFileSync(acts, path.join(sub, 'activities.ts')); } catch { /* none beside it */ }
  return target;
}

describe('wfverify replay against histories recorded by Temporal', () => {
  test('both TypeScript SDK histories replay against workflows that do what theirs did', async () => {
    const r = await cli('replay', fixture, '--history', langFlags, '--history', cancelFake);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ok    ${langFlags}: langFlagsReplayCorrectly (5e797ee0-3531-4779-a977-ec115c473b1b), 2 workflow tasks, 13 events`);
    expect(r.out).toContain(`ok    ${cancelFake}: cancelFakeProgress (no id), 3 workflow tasks, 16 events`);
    expect(r.out).toContain('2 histories: 2 replayed, 0 failed');
  });

  test('the default cancellation type (TRY_CANCEL) does not replay what WAIT_CANCELLATION_COMPLETED recorded', async () => {
    const tryCancel = changed(fixture, ", cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED", '', 'try-cancel');
    const r = await cli('replay', tryCancel, '--history', cancelFake);
    expect(r.code).toBe(1);
    // the code completes in the task that cancels, while history waited for the cancellation
    expect(r.out).toContain('FAIL  ');
    expect(r.out).toContain('WFE3001: workflow cancelFakeProgress (), workflow task 2 (event 8): the code produced completeWorkflow which is not in history');
    expect(r.out).not.toContain('(at '); // the engine made that command: no workflow source line to blame
  });

  test('a changed activity is reported with the diverging command and its source line; --workflow picks the code', async () => {
    const renamed = changed(fixture, '() => noopActivity()', '() => fakeProgress()', 'renamed');
    const r = await cli('replay', renamed, '--history', langFlags, '--format', 'json');
    expect(r.code).toBe(1);
    const [v] = JSON.parse(r.out) as { replayed: boolean; error: { code: string; message: string; source: string } }[];
    expect(v.replayed).toBe(false);
    expect(v.error.code).toBe('WFE3001');
    expect(v.error.message).toContain('the code produced scheduleActivity "fakeProgress" (activityId 1) but history has ActivityTaskScheduled "noopActivity" (activityId 1) (event 6)');
    expect(v.error.source).toBe(`${renamed}:17:52`); // the call of the changed activity (same column as noopActivity in the original)
    // the same history replayed as another workflow of the module
    const other = await cli('replay', fixture, '--history', langFlags, '--workflow', 'cancelFakeProgress');
    expect(other.code).toBe(1);
    expect(other.out).toContain('WFE3001: workflow cancelFakeProgress');
  });
});

describe('wfverify replay of the engine\'s own histories', () => {
  const db = path.join(dir, 'pay.db');
  beforeAll(async () => {
    const run = await cli('run', path.join(paymentDir, 'workflows.ts'), '--workflow', 'threeSteps', '--input', '["o-1", 5]', '--db', db, '--workflow-id', 'w1');
    expect(run.code).toBe(0);
    for (const [format, name] of [['temporal-json', 'w1.temporal.json'], ['json', 'w1.engine.json']]) {
      const h = await cli('history', 'w1', '--db', db, '--format', format);
      expect(h.code).toBe(0);
      mkdirSync(path.join(dir, 'histories'), { recursive: true });
      writeFileSync(path.join(dir, 'histories', name), h.out);
    }
  });

  test('a directory of exported histories (both formats) replays; a reordered workflow does not, at its source line', async () => {
    const ok = await cli('replay', path.join(paymentDir, 'workflows.ts'), '--history', path.join(dir, 'histories'));
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('2 histories: 2 replayed, 0 failed');
    expect(ok.out).toMatch(/ok {4}\S+w1\.engine\.json: threeSteps \(w1\), 4 workflow tasks, 23 events/);
    const swapped = changed(path.join(paymentDir, 'workflows.ts'), 'const r = await reserveFunds(orderId, amount);\n  const c = await chargeCard(orderId, amount);',
      'const c = await chargeCard(orderId, amount);\n  const r = await reserveFunds(orderId, amount);', 'swapped');
    const bad = await cli('replay', swapped, '--history', path.join(dir, 'histories', 'w1.temporal.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('the code produced scheduleActivity "chargeCard" (activityId 1) but history has ActivityTaskScheduled "reserveFunds" (activityId 1) (event 5)');
    expect(bad.out).toMatch(new RegExp(`\\(at ${swapped.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+\\)`));
  });

  test('bad input: a malformed or missing history, an unknown workflow type, a module that does not load (exit 2, no stack)', async () => {
    const junk = path.join(dir, 'junk.json');
    writeFileSync(junk, '{"events": [{"nope": 1}]');
    const r = await cli('replay', path.join(paymentDir, 'workflows.ts'), '--history', junk, '--history', path.join(dir, 'missing.json'), '--history', langFlags);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`FAIL  ${junk}: WFE1008: ${junk} is not valid JSON`);
    expect(r.out).toContain('WFE1008: cannot read history file');
    expect(r.out).toContain('WFE1001: unknown workflow type "langFlagsReplayCorrectly"');
    expect(r.out).toContain('3 histories: 0 replayed, 3 failed');
    const badTimeout = await cli('replay', fixture, '--history', langFlags, '--deadlock-timeout', 'soon');
    expect(badTimeout).toMatchObject({ code: 2, err: 'wfverify: error WFV1000: --deadlock-timeout must be a non-negative number of milliseconds, got NaN\n' });
    const noModule = await cli('replay', path.join(dir, 'nowhere.ts'), '--history', langFlags);
    expect(noModule.code).toBe(2);
    expect(noModule.err).toMatch(/^wfverify: error WFE1003: /);
    expect(noModule.err).not.toMatch(/\n\s+at /);
  });
});

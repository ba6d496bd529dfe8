/**
 * `wfverify run` and `wfverify start` with `--memo JSON` and `--search-attributes JSON`: the run
 * starts with them (its code reads them in workflowInfo()), `wfverify describe` shows the current
 * values (upserts merged in), and a bad value is a clear input error (exit 2) before anything runs
 * or is queued.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine, type ExecutionDescription } from '../../../src/engine/index.js';
import { runCli } from '../../support/run-cli.js';
import { repoRoot } from './build-engine.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wfv-memo-cli-'));
const attributes = path.join(repoRoot, 'test/fixtures/engine/workflows/attributes.ts');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--memo and --search-attributes', () => {
  test('wfverify run: the run starts with them; describe shows the values after its upserts', async () => {
    const db = path.join(dir, 'run.db');
    const r = await runCli(['run', attributes, '--workflow', 'tagged', '--workflow-id', 't', '--db', db, '--memo', '{"priority":"high","owner":"ops"}', '--search-attributes', '{"CustomTextField":["x"]}']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { start: unknown; end: unknown };
    expect(result.start).toEqual({ memo: { priority: 'high', owner: 'ops' }, searchAttributes: { CustomTextField: ['x'] } });
    const d = await runCli(['describe', 't', '--db', db]);
    expect(d.code).toBe(0);
    expect(d.out).toContain('memo      {"owner":"ops","stage":"done","note":{"kept":true}}\n');
    expect(d.out).toContain('search attributes {"CustomTextField":["x"],"CustomKeywordField":["gold"],"CustomDatetimeField":["1970-01-01T00:00:00.000Z"]}\n');
    const j = JSON.parse((await runCli(['describe', 't', '--db', db, '--format', 'json'])).out) as ExecutionDescription;
    expect(j.memo).toEqual({ owner: 'ops', stage: 'done', note: { kept: true } });
  }, 60_000);

  test('a run without them: describe has no memo or search attributes line', async () => {
    const db = path.join(dir, 'plain.db');
    expect((await runCli(['run', attributes, '--workflow', 'report', '--workflow-id', 'p', '--db', db])).out).toBe('{"memo":{},"searchAttributes":{}}\n');
    const d = await runCli(['describe', 'p', '--db', db]);
    expect(d.out).not.toMatch(/^(memo|search attributes) /m);
  }, 60_000);

  test('wfverify start: the queued start carries them to the worker', async () => {
    const db = path.join(dir, 'start.db');
    const r = await runCli(['start', attributes, '--workflow', 'report', '--workflow-id', 'q', '--db', db, '--memo', '{"from":"cli"}', '--search-attributes', '{"CustomIntField":[7]}']);
    expect(r.code).toBe(0);
    const e = await Engine.open({ db, log: false }); // takes the queued start from the inbox
    try {
      await e.idle();
      expect(await e.result('q')).toEqual({ status: 'completed', result: { memo: { from: 'cli' }, searchAttributes: { CustomIntField: [7] } } });
    } finally {
      await e.close();
    }
  }, 60_000);

  test.each([
    [['--memo', '{'], 'WFE1002', '--memo is not valid JSON'],
    [['--memo', '[1]'], 'WFE1007', '--memo must be a JSON object, not [1]'],
    [['--search-attributes', 'nope'], 'WFE1002', '--search-attributes is not valid JSON'],
    [['--search-attributes', '{"A":"x"}'], 'WFE1007', 'start option searchAttributes: search attribute "A" must be an array of values'],
  ])('%j is a clear input error (exit 2), for run and start alike', async (flags, code, message) => {
    const db = path.join(dir, 'bad.db');
    for (const command of ['run', 'start']) {
      const r = await runCli([command, attributes, '--workflow', 'report', '--workflow-id', 'bad', '--db', db, ...flags]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`${code}: ${message}`);
    }
  }, 60_000);
});

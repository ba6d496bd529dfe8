/**
 * Logs of workflow and activity code reach the engine's sink with the run they come from;
 * workflow logs are not repeated when a run is replayed after a restart; the default sink writes
 * INFO and above to stderr; `log: false` drops them. Activities may use the module-level
 * functions of `@temporalio/activity` (heartbeat, sleep, log, cancellationSignal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { Engine, lineLog, loadActivities, type LogEntry } from '../../../src/engine/index.js';

const fixtures = path.resolve(__dirname, '../../fixtures/engine/logging');
const workflows = path.join(fixtures, 'workflows.ts');
const activities = loadActivities(path.join(fixtures, 'activities.ts'));
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('workflow and activity logs', () => {
  test('each line once, with its run, across a restart (the replay does not log again)', async () => {
    const db = path.join(dir, 'logs.db');
    const entries: LogEntry[] = [];
    const log = (e: LogEntry): void => { entries.push(e); };
    let e = await Engine.open({ db, workflows, activities, log });
    const { runId } = await e.start('logs', { workflowId: 'l' });
    await e.idle();
    await e.close();
    e = await Engine.open({ db, workflows, activities, log }); // replays the run up to its wait
    try {
      await e.signal('l', 'go');
      expect(await e.result('l')).toEqual({ status: 'completed', result: 'chatty x aborted=false' });
    } finally {
      await e.close();
    }
    expect(entries).toEqual([
      { level: 'INFO', message: 'before the signal', attrs: { step: 1 }, source: 'workflow', workflowId: 'l', runId, workflowType: 'logs' },
      { level: 'INFO', message: 'working', attrs: { s: 'x' }, source: 'activity', workflowId: 'l', runId, workflowType: 'logs', activityType: 'chatty' },
      { level: 'WARN', message: 'after the signal', attrs: undefined, source: 'workflow', workflowId: 'l', runId, workflowType: 'logs' },
    ]);
  });

  test('the default sink writes INFO and above to stderr, one line each; log: false writes nothing', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { lines.push(String(s)); return true; });
    try {
      for (const log of [undefined, false] as const) {
        const e = await Engine.open({ workflows, activities, log });
        await e.start('logs', { workflowId: `d-${log}` });
        await e.signal(`d-${log}`, 'go');
        await e.result(`d-${log}`);
        await e.close();
      }
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual([
      'wfverify: [INFO] workflow logs d-undefined: before the signal {"step":1}\n',
      'wfverify: [INFO] activity chatty of logs d-undefined: working {"s":"x"}\n',
      'wfverify: [WARN] workflow logs d-undefined: after the signal\n',
    ]);
    const warnOnly: string[] = [];
    const sink = lineLog('WARN', (l) => warnOnly.push(l));
    sink({ level: 'INFO', message: 'dropped', source: 'workflow', workflowId: 'w', workflowType: 't' });
    sink({ level: 'ERROR', message: 'kept', source: 'workflow', workflowId: 'w', workflowType: 't' });
    expect(warnOnly).toEqual(['wfverify: [ERROR] workflow t w: kept\n']);
  });
});

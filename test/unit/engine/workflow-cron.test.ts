/**
 * Cron schedules, as on Temporal: the first run waits for the schedule's first time; each run
 * that completes, fails or times out starts the next at the following time (`newExecutionRunId`,
 * initiator CRON_SCHEDULE), which sees the previous result (`lastResult`) or failure
 * (`lastFailure`); a termination ends the schedule; the waits survive a restart; children may
 * have one; a schedule that cannot run is refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine, describeExecution, historyFromTemporalJson, historyToTemporalJson, type HistoryEvent } from '../../../src/engine/index.js';
import { renderDescription } from '../../../src/cli/commands/describe.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/cron.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-cron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (db?: string): Promise<Engine> => Engine.open({ db, workflows, activities: {}, log: false });

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await open();
  try { await fn(e); } finally { await e.close(); }
}
const started = (h: HistoryEvent[]) => h[0] as Extract<HistoryEvent, { eventType: 'WorkflowExecutionStarted' }>;

/** Resolves once `n` runs of `workflowId` have closed. */
function closedRuns(e: Engine, workflowId: string, n: number): Promise<void> {
  let closed = 0;
  return new Promise((resolve) => e.subscribe((ev) => {
    if (ev.kind === 'history' && ev.workflowId === workflowId && /^WorkflowExecution(Completed|Failed|TimedOut)$/.test(ev.event.eventType) && ++closed === n) resolve();
  }));
}

/** Every run of `workflowId` from `runId`, following `newExecutionRunId`. */
function chain(e: Engine, workflowId: string, runId: string): HistoryEvent[][] {
  const out: HistoryEvent[][] = [];
  for (let id: string | undefined = runId; id !== undefined;) {
    const h = e.history(workflowId, id);
    out.push(h);
    id = (h.at(-1)!.attributes as { newExecutionRunId?: string }).newExecutionRunId;
  }
  return out;
}

describe('cron schedules', () => {
  test('runs at each time with the previous result or failure, until terminated', async () => {
    await withEngine(async (e) => {
      const three = closedRuns(e, 't', 3);
      const { runId } = await e.start('ticker', { workflowId: 't', cronSchedule: '@every 1s' });
      await three;
      await e.terminate('t', 'enough');
      expect(await e.result('t')).toMatchObject({ status: 'terminated' });
      const runs = chain(e, 't', runId);
      expect(runs.map((h) => h.at(-1)!.eventType)).toEqual(['WorkflowExecutionCompleted', 'WorkflowExecutionFailed', 'WorkflowExecutionCompleted', 'WorkflowExecutionTerminated']);
      expect(runs[0].at(-1)!.attributes).toMatchObject({ result: 1 });
      expect(runs[2].at(-1)!.attributes).toMatchObject({ result: 'after failure: run 2 of @every 1s fails' });
      expect(started(runs[1]).attributes).toMatchObject({ cronSchedule: '@every 1s', initiator: 'CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE', lastCompletionResult: 1, attempt: 1, continuedExecutionRunId: runId, firstExecutionRunId: runId });
      expect(started(runs[2]).attributes.continuedFailure).toMatchObject({ message: 'run 2 of @every 1s fails', type: 'Tick' });
      // each run waits for its time: whole seconds from the first start, one second apart
      const firstTask = runs.map((h) => h.find((x) => x.eventType === 'WorkflowTaskScheduled')?.eventTime);
      for (let i = 1; i < 3; i++) expect(firstTask[i]! - firstTask[i - 1]!).toBeGreaterThanOrEqual(900);
      for (const t of firstTask.slice(0, 3)) expect(t! % 1000).toBeLessThan(100);
      // the terminated run was waiting: it never had a workflow task
      expect(runs[3].map((x) => x.eventType)).toEqual(['WorkflowExecutionStarted', 'WorkflowExecutionTerminated']);
      for (const h of runs) expect(historyFromTemporalJson(historyToTemporalJson(h))).toEqual(h);
      // describe shows the schedule and how the previous run ended
      const d = describeExecution(e.store, e.store.execution('t', started(runs[2]).attributes.originalExecutionRunId)!);
      expect(d).toMatchObject({ cronSchedule: '@every 1s', continuedFailure: { message: 'run 2 of @every 1s fails' } });
      expect(renderDescription(d)).toContain('cron      @every 1s; the previous run failed: Tick: run 2 of @every 1s fails\n');
      const json = historyToTemporalJson(runs[1]).events[0] as Record<string, Record<string, unknown>>;
      expect(json.workflowExecutionStartedEventAttributes).toMatchObject({ cronSchedule: '@every 1s', initiator: 'CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE' });
    });
  }, 20_000);

  test('with a retry policy a failed cron run is retried first (its retries still see the previous result), then the schedule goes on', async () => {
    await withEngine(async (e) => {
      const done = closedRuns(e, 'rt', 4);
      const { runId } = await e.start('ticker', { workflowId: 'rt', cronSchedule: '@every 1s', retry: { initialInterval: 50, maximumAttempts: 2 } });
      await done;
      await e.terminate('rt');
      const runs = chain(e, 'rt', runId);
      expect(runs.slice(0, 4).map((h) => `${started(h).attributes.attempt} ${h.at(-1)!.eventType}`)).toEqual([
        '1 WorkflowExecutionCompleted', '1 WorkflowExecutionFailed', '2 WorkflowExecutionFailed', '1 WorkflowExecutionCompleted',
      ]);
      expect(runs[1].at(-1)!.attributes).toMatchObject({ retryState: 'RETRY_STATE_IN_PROGRESS' });
      expect(runs[2].at(-1)!.attributes).toMatchObject({ retryState: 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED' });
      expect(started(runs[2]).attributes).toMatchObject({ lastCompletionResult: 1 }); // the retry sees run 1's result, so it fails again
      expect(runs[3].at(-1)!.attributes).toMatchObject({ result: 'after failure: run 2 of @every 1s fails' });
    });
  }, 20_000);

  test('the start is acknowledged at once, not at the first time (an hourly schedule)', async () => {
    await withEngine(async (e) => {
      const { runId } = await e.start('ticker', { workflowId: 'h', cronSchedule: '@hourly' });
      const h = e.history('h', runId);
      expect(h.map((x) => x.eventType)).toEqual(['WorkflowExecutionStarted']);
      expect((h[0].attributes as { firstWorkflowTaskBackoffMs?: number }).firstWorkflowTaskBackoffMs).toBeGreaterThan(0);
      await e.terminate('h');
    });
  });

  test('the wait for the first time survives a restart', async () => {
    const db = path.join(dir, 'cron.db');
    let e = await open(db);
    const { runId } = await e.start('ticker', { workflowId: 'r', cronSchedule: '@every 1s' });
    await e.close();
    e = await open(db);
    try {
      await closedRuns(e, 'r', 1);
      expect(e.history('r', runId).at(-1)).toMatchObject({ eventType: 'WorkflowExecutionCompleted', attributes: { result: 1 } });
      await e.terminate('r');
    } finally {
      await e.close();
    }
  }, 20_000);

  test('a child with a schedule runs on after its parent (ABANDON)', async () => {
    await withEngine(async (e) => {
      const two = closedRuns(e, 'cron-child', 2);
      await e.start('cronParent', { workflowId: 'p' });
      expect(await e.result('p')).toEqual({ status: 'completed', result: 'cron-child' });
      expect(e.history('p').find((x) => x.eventType === 'StartChildWorkflowExecutionInitiated')?.attributes).toMatchObject({ cronSchedule: '@every 1s' });
      await two;
      await e.terminate('cron-child');
    });
  }, 20_000);

  test('a schedule that cannot run is refused: at start (WFE1007) and in a child\'s options', async () => {
    await withEngine(async (e) => {
      await expect(e.start('ticker', { workflowId: 'x', cronSchedule: '* * *' })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringContaining('expected 5 fields') });
      await expect(e.start('ticker', { workflowId: 'y', cronSchedule: '0 0 30 2 *' })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringContaining('never fires') });
      await e.start('badCronParent', { workflowId: 'bad' });
      await expect(e.result('bad')).rejects.toThrow(/never fires/);
    });
  });
});

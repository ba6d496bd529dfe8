/**
 * Workflow retry policies, as on Temporal: a run that fails or times out is retried as a new run
 * of the same workflow id (same input, the next attempt, `continuedExecutionRunId` and
 * `firstWorkflowTaskBackoff` recorded) until it succeeds, the policy says no (non-retryable
 * failure, maximum attempts) or the execution's timeout would end before the next attempt. A
 * child's retries are invisible to its parent but for the final outcome. The backoff survives a
 * restart, and signals sent during it wait for the next run's first workflow task.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine, historyFromTemporalJson, historyToTemporalJson, type HistoryEvent } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/retries.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-retries-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const open = (db?: string): Promise<Engine> => Engine.open({ db, activities: {}, workflows, deadlockTimeoutMs: 1000 });

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await open();
  try { await fn(e); } finally { await e.close(); }
}

/** The histories of every run of `workflowId`, from its first run on (following each run's `newExecutionRunId`). */
function runs(e: Engine, workflowId: string, firstRunId: string): HistoryEvent[][] {
  const out: HistoryEvent[][] = [];
  for (let runId: string | undefined = firstRunId; runId !== undefined;) {
    const h = e.history(workflowId, runId);
    out.push(h);
    const last = h.at(-1)!;
    runId = last.eventType === 'WorkflowExecutionFailed' || last.eventType === 'WorkflowExecutionTimedOut' ? last.attributes.newExecutionRunId : undefined;
  }
  return out;
}

const started = (h: HistoryEvent[]) => h[0] as Extract<HistoryEvent, { eventType: 'WorkflowExecutionStarted' }>;
const firstTaskDelay = (h: HistoryEvent[]): number => h.find((x) => x.eventType === 'WorkflowTaskScheduled')!.eventTime - h[0].eventTime;

describe('workflow retry policy', () => {
  test('a failing run is retried as new runs with backoff until an attempt succeeds', async () => {
    await withEngine(async (e) => {
      const { runId } = await e.start('flaky', { workflowId: 'f', args: [3], retry: { initialInterval: 40, backoffCoefficient: 2, maximumAttempts: 5 } });
      expect(await e.result('f')).toEqual({ status: 'completed', result: 'ok at attempt 3' });
      const hs = runs(e, 'f', runId);
      expect(hs).toHaveLength(3);
      expect(hs.map((h) => started(h).attributes.attempt)).toEqual([1, 2, 3]);
      expect(hs.map((h) => h.at(-1)!.eventType)).toEqual(['WorkflowExecutionFailed', 'WorkflowExecutionFailed', 'WorkflowExecutionCompleted']);
      expect(hs[0].at(-1)!.attributes).toMatchObject({ retryState: 'RETRY_STATE_IN_PROGRESS', newExecutionRunId: hs[1][0].attributes && started(hs[1]).attributes.originalExecutionRunId });
      for (let i = 1; i < 3; i++) {
        const a = started(hs[i]).attributes;
        expect(a).toMatchObject({ firstExecutionRunId: runId, continuedExecutionRunId: started(hs[i - 1]).attributes.originalExecutionRunId, input: [3], retryPolicy: { initialIntervalMs: 40, backoffCoefficient: 2, maximumAttempts: 5 } });
        // the backoff: 40 ms, then 80 ms, before the run's first workflow task
        expect(a.firstWorkflowTaskBackoffMs).toBe(40 * 2 ** (i - 1));
        expect(firstTaskDelay(hs[i])).toBeGreaterThanOrEqual(40 * 2 ** (i - 1));
      }
      expect(firstTaskDelay(hs[0])).toBeLessThan(40);
      // the runs' outcomes follow the chain
      expect(e.store.execution('f', runId)?.outcome).toMatchObject({ status: 'failed', retryState: 'RETRY_STATE_IN_PROGRESS', newRunId: started(hs[1]).attributes.originalExecutionRunId });
    });
  });

  test('continue-as-new keeps the retry policy and starts again at attempt 1', async () => {
    await withEngine(async (e) => {
      const { runId } = await e.start('chainThenFlaky', { workflowId: 'can', args: [1], retry: { initialInterval: 10, maximumAttempts: 2 } });
      expect(await e.result('can')).toEqual({ status: 'completed', result: 'ok at attempt 2' });
      const first = e.history('can', runId);
      expect(first.at(-1)!.eventType).toBe('WorkflowExecutionContinuedAsNew');
      const next = (first.at(-1)!.attributes as { newExecutionRunId: string }).newExecutionRunId;
      const hs = runs(e, 'can', next);
      expect(hs.map((h) => started(h).attributes.attempt)).toEqual([1, 2]);
      expect(started(hs[0]).attributes.retryPolicy).toMatchObject({ initialIntervalMs: 10, maximumAttempts: 2 });
    });
  });

  test("continue-as-new's backoffStartInterval delays the next run's first workflow task (recorded, in Temporal JSON too)", async () => {
    await withEngine(async (e) => {
      const { runId } = await e.start('backoffChain', { workflowId: 'bc', args: [1] });
      expect(await e.result('bc')).toEqual({ status: 'completed', result: 'run 0' });
      const first = e.history('bc', runId);
      expect(first.at(-1)).toMatchObject({ eventType: 'WorkflowExecutionContinuedAsNew', attributes: { backoffStartIntervalMs: 150 } });
      const next = e.history('bc');
      expect(started(next).attributes).toMatchObject({ firstWorkflowTaskBackoffMs: 150, attempt: 1, continuedExecutionRunId: runId });
      expect(firstTaskDelay(next)).toBeGreaterThanOrEqual(150);
      for (const h of [first, next]) expect(historyFromTemporalJson(historyToTemporalJson(h))).toEqual(h);
      const can = historyToTemporalJson(first).events.at(-1) as Record<string, Record<string, unknown>>;
      expect(can.workflowExecutionContinuedAsNewEventAttributes.backoffStartInterval).toBe('0.15s');
    });
  });

  test('no retry past maximumAttempts, for a non-retryable failure, or for a listed type; none without a policy', async () => {
    await withEngine(async (e) => {
      const starts: [string, unknown[], object | undefined][] = [
        ['max', ['Boom'], { initialInterval: 10, maximumAttempts: 2 }],
        ['non-retryable', ['Boom', true], { initialInterval: 10 }],
        ['listed', ['Listed'], { initialInterval: 10, nonRetryableErrorTypes: ['Listed'] }],
        ['none', ['Boom'], undefined],
      ];
      const first = new Map<string, string>();
      for (const [id, args, retry] of starts) first.set(id, (await e.start('failing', { workflowId: id, args, retry })).runId);
      const outcome = async (id: string) => ({ outcome: await e.result(id), runs: runs(e, id, first.get(id)!).length });
      expect(await outcome('max')).toMatchObject({ outcome: { status: 'failed', retryState: 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED', failure: { type: 'Boom', message: 'attempt 2 failed' } }, runs: 2 });
      expect(await outcome('non-retryable')).toMatchObject({ outcome: { status: 'failed', retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' }, runs: 1 });
      expect(await outcome('listed')).toMatchObject({ outcome: { status: 'failed', retryState: 'RETRY_STATE_NON_RETRYABLE_FAILURE' }, runs: 1 });
      const none = await outcome('none');
      expect(none).toMatchObject({ outcome: { status: 'failed' }, runs: 1 });
      expect(none.outcome).not.toHaveProperty('retryState');
      expect(e.history('none').at(-1)!.attributes).not.toHaveProperty('retryState');
      const json = historyToTemporalJson(e.history('none')).events.at(-1) as Record<string, Record<string, unknown>>;
      expect(json.workflowExecutionFailedEventAttributes.retryState).toBe('RETRY_STATE_RETRY_POLICY_NOT_SET');
    });
  });

  test('a run timeout is retried too; the execution timeout ends the retries', async () => {
    await withEngine(async (e) => {
      const { runId } = await e.start('slowFirst', { workflowId: 'slow', workflowRunTimeout: 80, retry: { initialInterval: 10, maximumAttempts: 3 } });
      expect(await e.result('slow')).toEqual({ status: 'completed', result: 'done at attempt 2' });
      const hs = runs(e, 'slow', runId);
      expect(hs[0].at(-1)).toMatchObject({ eventType: 'WorkflowExecutionTimedOut', attributes: { retryState: 'RETRY_STATE_IN_PROGRESS' } });
      expect(started(hs[1]).attributes).toMatchObject({ attempt: 2, workflowRunTimeoutMs: 80 });

      // the next attempt (after 200 ms) would start after the execution's end (100 ms): no retry
      await e.start('failing', { workflowId: 'late', args: ['Boom'], workflowExecutionTimeout: 100, retry: { initialInterval: 200 } });
      expect(await e.result('late')).toMatchObject({ status: 'failed', retryState: 'RETRY_STATE_TIMEOUT' });
    });
  });

  test("a child's retries: the parent sees the first run start and only the last run's outcome", async () => {
    await withEngine(async (e) => {
      await e.start('retryingParent', { workflowId: 'parent' });
      expect(await e.result('parent')).toEqual({
        status: 'completed', result: ['ok at attempt 3', 'ChildWorkflowFailure MAXIMUM_ATTEMPTS_REACHED Boom: attempt 2 failed'],
      });
      const h = e.history('parent');
      const types = h.map((x) => x.eventType);
      expect(types.filter((t) => t === 'ChildWorkflowExecutionStarted')).toHaveLength(2);
      expect(types).toContain('ChildWorkflowExecutionCompleted');
      expect(h.find((x) => x.eventType === 'ChildWorkflowExecutionFailed')?.attributes).toMatchObject({ retryState: 'RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED' });
      expect(h.find((x) => x.eventType === 'StartChildWorkflowExecutionInitiated')?.attributes).toMatchObject({ retryPolicy: { initialIntervalMs: 10, maximumAttempts: 5 } });
      // the parent's record names the child's first run; its last run is the third attempt, with the parent
      const childStarted = h.find((x) => x.eventType === 'ChildWorkflowExecutionStarted')!;
      const okRuns = runs(e, 'child-ok', (childStarted.attributes as { runId: string }).runId);
      expect(okRuns.map((r) => started(r).attributes.attempt)).toEqual([1, 2, 3]);
      expect(started(okRuns[2]).attributes.parent).toMatchObject({ workflowId: 'parent' });
    });
  });

  test("the parent close policy reaches the child's retried run", async () => {
    await withEngine(async (e) => {
      const retried = new Promise<void>((resolve) => e.subscribe((ev) => {
        if (ev.kind === 'history' && ev.workflowId === 'retried-child' && ev.event.eventType === 'WorkflowTaskStarted' && started(e.history('retried-child')).attributes.attempt === 2) resolve();
      }));
      await e.start('parentOfRetried', { workflowId: 'pr' });
      await retried;
      await e.terminate('pr');
      expect(await e.result('pr')).toMatchObject({ status: 'terminated' });
      expect(await e.result('retried-child')).toMatchObject({ status: 'terminated', failure: { message: 'parent closed (PARENT_CLOSE_POLICY_TERMINATE)' } });
    });
  });

  test('signals sent during the backoff are recorded and wait for the next run\'s first workflow task', async () => {
    await withEngine(async (e) => {
      const retried = new Promise<void>((resolve) => e.subscribe((ev) => {
        if (ev.kind === 'history' && ev.workflowId === 'p' && ev.event.eventType === 'WorkflowExecutionStarted' && ev.event.attributes.attempt === 2) resolve();
      }));
      await e.start('pokeable', { workflowId: 'p', retry: { initialInterval: 300 } });
      await retried;
      await e.signal('p', 'poke', 'during backoff');
      expect(await e.result('p')).toEqual({ status: 'completed', result: ['during backoff'] });
      const h = e.history('p');
      expect(h.slice(0, 3).map((x) => x.eventType)).toEqual(['WorkflowExecutionStarted', 'WorkflowExecutionSignaled', 'WorkflowTaskScheduled']);
      expect(firstTaskDelay(h)).toBeGreaterThanOrEqual(300);
    });
  });

  test('the backoff survives a restart: the retry run starts its first task after the backoff', async () => {
    const db = path.join(dir, 'backoff.db');
    let e = await open(db);
    const retried = new Promise<void>((resolve) => e.subscribe((ev) => {
      if (ev.kind === 'history' && ev.event.eventType === 'WorkflowExecutionStarted' && ev.event.attributes.attempt === 2) resolve();
    }));
    await e.start('flaky', { workflowId: 'r', args: [2], retry: { initialInterval: 400 } });
    await retried;
    await e.idle();
    await e.close();
    e = await open(db);
    try {
      expect(await e.result('r')).toEqual({ status: 'completed', result: 'ok at attempt 2' });
      expect(firstTaskDelay(e.history('r'))).toBeGreaterThanOrEqual(400);
    } finally {
      await e.close();
    }
  });

  test('Temporal JSON carries the retry policy, attempt, backoff and retry state both ways', async () => {
    await withEngine(async (e) => {
      const { runId } = await e.start('flaky', { workflowId: 'j', args: [2], retry: { initialInterval: '20ms', maximumAttempts: 3, nonRetryableErrorTypes: ['Fatal'] } });
      await e.result('j');
      const [one, two] = runs(e, 'j', runId);
      for (const h of [one, two]) expect(historyFromTemporalJson(historyToTemporalJson(h))).toEqual(h);
      const attrs = (h: HistoryEvent[], i: number, key: string) => (historyToTemporalJson(h).events.at(i) as Record<string, Record<string, unknown>>)[key];
      expect(attrs(one, -1, 'workflowExecutionFailedEventAttributes')).toMatchObject({ retryState: 'RETRY_STATE_IN_PROGRESS', newExecutionRunId: started(two).attributes.originalExecutionRunId });
      expect(attrs(two, 0, 'workflowExecutionStartedEventAttributes')).toMatchObject({
        attempt: 2, firstWorkflowTaskBackoff: '0.02s', initiator: 'CONTINUE_AS_NEW_INITIATOR_RETRY', continuedExecutionRunId: runId,
        retryPolicy: { initialInterval: '0.02s', backoffCoefficient: 2, maximumInterval: '2s', maximumAttempts: 3, nonRetryableErrorTypes: ['Fatal'] },
      });
    });
  });

  test('an invalid retry policy is refused: at start (WFE1007) and in a child\'s options (the workflow task fails)', async () => {
    await withEngine(async (e) => {
      await expect(e.start('flaky', { workflowId: 'x', args: [1], retry: { backoffCoefficient: 0.5 } })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringMatching(/retry.backoffCoefficient: 0.5/) });
      await expect(e.start('flaky', { workflowId: 'y', args: [1], retry: { maximumAttempt: 3 } as never })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringMatching(/retry policy option "maximumAttempt" is not supported/) });
      await expect(e.start('flaky', { workflowId: 'z', args: [1], retry: { initialInterval: 100, maximumInterval: 50 } })).rejects.toMatchObject({ code: 'WFE1007', message: expect.stringMatching(/maximumInterval.*less than initialInterval/) });
      await e.start('badRetryParent', { workflowId: 'bad' });
      await expect(e.result('bad')).rejects.toThrow(/invalid child workflow retry.backoffCoefficient: 0.5/);
      expect(e.history('bad').map((x) => x.eventType)).not.toContain('StartChildWorkflowExecutionInitiated');
    });
  });
});

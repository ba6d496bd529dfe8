/**
 * An activity type the worker has no function for (and no `default` activity), as on Temporal's
 * TypeScript worker: each attempt fails with a retryable `NotFoundError` and the retry policy
 * decides, so a durable run waits for a worker that has the type.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine, type HistoryEvent } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/unregistered.ts');
const others = { other: async () => 'other' };

/** The attributes of the ActivityTaskStarted events, and the retry states of the ActivityTaskFailed ones. */
function started(events: readonly HistoryEvent[]): { attempt: number; lastFailure?: { type?: string; message: string } }[] {
  return events.flatMap((e) => (e.eventType === 'ActivityTaskStarted' ? [e.attributes] : []));
}
function failedRetryStates(events: readonly HistoryEvent[]): string[] {
  return events.flatMap((e) => (e.eventType === 'ActivityTaskFailed' ? [e.attributes.retryState] : []));
}

async function reportsMissing(limited: boolean): Promise<{ result: unknown; events: HistoryEvent[]; retries: number; logs: string[] }> {
  const logs: string[] = [];
  const e = await Engine.open({ activities: others as never, workflows, log: (l) => logs.push(`${l.level} ${l.source} ${l.activityType} ${l.message} ${JSON.stringify(l.attrs)}`) });
  let retries = 0;
  e.subscribe((o) => { if (o.kind === 'activityRetrying') retries++; });
  try {
    await e.start('reportsMissing', { workflowId: 'w', args: [limited] });
    const r = await e.result('w');
    return { result: r.result, events: e.history('w'), retries, logs };
  } finally {
    await e.close();
  }
}

describe('activities of a type the worker does not have', () => {
  const message = 'Activity function missing is not registered on this Worker, available activities: ["other"]';

  test('each attempt fails with a retryable NotFoundError; the policy ends it after its last attempt', async () => {
    const r = await reportsMissing(true);
    expect(r.result).toBe(`NotFoundError nonRetryable=false: ${message}`);
    expect(r.retries).toBe(1);
    // each failed attempt is logged, as Temporal's worker does
    expect(r.logs).toEqual([1, 2].map((attempt) => `WARN activity missing Activity failed ${JSON.stringify({ attempt, error: `NotFoundError: ${message}` })}`));
    expect(started(r.events).map((a) => [a.attempt, a.lastFailure?.message])).toEqual([[2, message]]);
    expect(failedRetryStates(r.events)).toEqual(['RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED']);
  });

  test('a policy that lists NotFoundError as non-retryable ends it at the first attempt', async () => {
    const r = await reportsMissing(false);
    expect(r.result).toBe(`NotFoundError nonRetryable=false: ${message}`);
    expect(r.retries).toBe(0);
    expect(failedRetryStates(r.events)).toEqual(['RETRY_STATE_NON_RETRYABLE_FAILURE']);
    expect(started(r.events)).toEqual([{ scheduledEventId: 5, attempt: 1, identity: expect.any(String) }]); // a first attempt has no last failure
  });

  test('a durable run retries until a worker restarted with the type runs it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wfv-unregistered-'));
    const db = path.join(dir, 'engine.db');
    try {
      const first = await Engine.open({ db, activities: others as never, workflows, log: false });
      try {
        const failures: string[] = [];
        const retried = new Promise<void>((done) => first.subscribe((o) => {
          if (o.kind !== 'activityRetrying') return;
          failures.push(`${o.attempt} ${o.failure.type}`);
          if (failures.length === 2) done();
        }));
        await first.start('waitsForLater', { workflowId: 'w', args: ['x'] });
        await retried;
        expect(failures).toEqual(['2 NotFoundError', '3 NotFoundError']);
        expect(first.openRunCount).toBe(1);
      } finally {
        await first.close();
      }
      const second = await Engine.open({ db, activities: { ...others, later: async (x: string) => `later ${x}` } as never, workflows, log: false });
      try {
        expect(await second.result('w')).toMatchObject({ status: 'completed', result: 'later x' });
        const [last] = started(second.history('w'));
        expect(last.attempt).toBeGreaterThanOrEqual(3); // the count goes on from the first worker's
        expect(last.lastFailure?.type).toBe('NotFoundError');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The activity worker's bookkeeping of unfinished activities (by run, then by scheduled event id): duplicates, cancellation of any of a run's activities, counts. */
import { describe, expect, test } from 'vitest';
import { ActivityRunner, type ActivitySink, type ActivityTask } from '../../../src/engine/worker/activities.js';
import type { PendingActivity } from '../../../src/engine/model/state.js';

function task(runId: string, scheduledEventId: number): ActivityTask {
  const activity: PendingActivity = {
    scheduledEventId, activityId: String(scheduledEventId), activityType: 'wait', input: [`${runId}/${scheduledEventId}`], scheduledTime: 0,
    startToCloseTimeoutMs: 10_000, retryPolicy: { initialIntervalMs: 10, backoffCoefficient: 2, maximumAttempts: 1 }, cancelRequestedEventId: 0,
  };
  return { runId, workflowId: `w-${runId}`, workflowType: 't', taskQueue: 'q', activity, attempt: 1, notBefore: 0 };
}

describe('ActivityRunner', () => {
  test('several activities per run: duplicates ignored, any of them cancelled, the rest complete', async () => {
    const release = new Map<string, () => void>();
    const started: string[] = [];
    const outcomes: string[] = [];
    const activities = {
      wait: (key: string) => new Promise<string>((resolve) => {
        started.push(key);
        release.set(key, () => resolve(`done ${key}`));
      }),
    };
    const sink: ActivitySink = {
      completed: (t, _attempt, result) => outcomes.push(`completed ${t.runId}/${t.activity.scheduledEventId} ${String(result)}`),
      failed: (t) => outcomes.push(`failed ${t.runId}/${t.activity.scheduledEventId}`),
      canceled: (t, _attempt, wasStarted) => outcomes.push(`canceled ${t.runId}/${t.activity.scheduledEventId} ${wasStarted}`),
      retrying: () => undefined,
      heartbeat: () => undefined,
    };
    const runner = new ActivityRunner(activities, sink);
    runner.dispatchAll([task('a', 5), task('a', 7), task('b', 5), task('a', 9)]);
    runner.dispatch(task('a', 7)); // already dispatched: ignored
    expect(runner.pending).toBe(4);
    expect(started).toEqual(['a/5', 'a/7', 'b/5', 'a/9']);
    runner.cancel('a', 7); // one of run a's three
    runner.cancel('a', 7); // again: nothing
    runner.cancel('c', 1); // unknown: nothing
    expect(runner.pending).toBe(3);
    runner.cancel('a', 9); // the latest dispatched
    expect(runner.pending).toBe(2);
    release.get('a/5')!();
    release.get('b/5')!();
    release.get('a/7')!(); // cancelled: its late result is ignored
    await new Promise((r) => setTimeout(r, 10));
    expect(runner.pending).toBe(0);
    expect(outcomes).toEqual(['canceled a/7 true', 'canceled a/9 true', 'completed a/5 done a/5', 'completed b/5 done b/5']);
    runner.dispatch(task('a', 5)); // finished: may be dispatched again (after recovery, say)
    expect(runner.pending).toBe(1);
    runner.stop();
    expect(runner.pending).toBe(0);
  });
});

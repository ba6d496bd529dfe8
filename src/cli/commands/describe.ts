/**
 * `wfverify describe ID [--run RUN_ID] [--format text|json] [--db PATH]`: what a workflow run is
 * waiting for — its status and attempt, workflow task, pending activities (with their next
 * attempt and last failure), timers, children, external requests and updates, its timeouts,
 * retry policy, memo and search attributes — read from an engine database without running anything (Temporal's
 * `workflow describe`).
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, describeExecution, failureSummary, type ExecutionDescription } from '../../engine/index.js';
import { withExecution } from '../engine-execution.js';

interface DescribeArgs {
  id: string;
  run?: string;
  format: 'text' | 'json';
  db: string;
}

export const describeCommand: CommandModule<object, DescribeArgs> = {
  command: 'describe <id>',
  describe: 'show what a workflow of an engine database is waiting for (pending activities, timers, children, timeouts)',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true, describe: 'workflow id' })
      .option('run', { type: 'string', describe: 'run id (default: the latest run)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    withExecution({ db: argv.db, workflowId: argv.id, runId: argv.run, readonly: true }, () => undefined, (store, row) => {
      const d = describeExecution(store, row);
      process.stdout.write(argv.format === 'json' ? `${JSON.stringify(d, null, 2)}\n` : renderDescription(d));
    });
  },
};

const time = (ms: number): string => new Date(ms).toISOString();

/** The text form: one fact per line, pending work indented under its heading (empty sections left out). */
export function renderDescription(d: ExecutionDescription): string {
  const out: string[] = [];
  const line = (label: string, value: string): void => { out.push(`${label.padEnd(10)}${value}`); };
  line('workflow', `${d.workflowId} (${d.workflowType})`);
  line('run', `${d.runId}${d.attempt > 1 ? `  attempt ${d.attempt}` : ''}${d.continuedExecutionRunId ? `  continued from ${d.continuedExecutionRunId}` : ''}`);
  line('status', d.status + (d.outcome?.failure ? `: ${failureSummary(d.outcome.failure)}` : '') + (d.outcome?.retryState ? ` (${d.outcome.retryState})` : '')
    + (d.outcome?.newRunId ? ` → next run ${d.outcome.newRunId}` : '') + (d.cancelRequested && d.status === 'running' ? '  (cancellation requested)' : ''));
  if (d.status === 'completed') line('result', JSON.stringify(d.outcome?.result ?? null));
  line('started', time(d.startTime) + (d.closeTime !== undefined ? `  closed ${time(d.closeTime)}` : ''));
  line('module', d.module);
  line('history', `${d.historyLength} events`);
  if (d.parent) line('parent', `${d.parent.workflowId} (run ${d.parent.runId})`);
  if (d.retryPolicy) {
    const r = d.retryPolicy;
    line('retry', `initialInterval ${r.initialIntervalMs} ms, backoffCoefficient ${r.backoffCoefficient}, maximumInterval ${r.maximumIntervalMs ?? '-'} ms, maximumAttempts ${r.maximumAttempts || 'unlimited'}`
      + (r.nonRetryableErrorTypes?.length ? `, nonRetryableErrorTypes ${r.nonRetryableErrorTypes.join(', ')}` : ''));
  }
  if (d.cronSchedule !== undefined) {
    const previous = d.continuedFailure ? `; the previous run failed: ${failureSummary(d.continuedFailure)}` : d.lastCompletionResult !== undefined ? `; the previous run returned ${JSON.stringify(d.lastCompletionResult)}` : '';
    line('cron', `${d.cronSchedule}${previous}`);
  }
  if (d.memo !== undefined) line('memo', JSON.stringify(d.memo));
  if (d.searchAttributes !== undefined) out.push(`search attributes ${JSON.stringify(d.searchAttributes)}`);
  if (d.timeouts) line('timeout', `run times out at ${time(d.timeouts.runDeadline)}` + (d.timeouts.executionEnds !== undefined ? `, execution ends at ${time(d.timeouts.executionEnds)}` : ''));
  if (d.backoffUntil !== undefined) line('backoff', `first workflow task after ${time(d.backoffUntil)}`);
  if (d.status === 'running') {
    line('task', d.workflowTask === 'failed' ? 'the last workflow task failed (it is retried)' : d.workflowTask === 'none' ? 'no workflow task pending' : `a workflow task is ${d.workflowTask}`);
  }
  const section = <T>(title: string, items: readonly T[], fmt: (x: T) => string): void => {
    if (items.length === 0) return;
    out.push(`${title} (${items.length}):`);
    for (const x of items) out.push(`  ${fmt(x)}`);
  };
  section('pending activities', d.pendingActivities, (a) => `${a.activityType} (activity id ${a.activityId}, event ${a.scheduledEventId}) scheduled ${time(a.scheduledTime)}, attempt ${a.attempt}`
    + (a.nextAttemptAt !== undefined && a.attempt > 1 ? ` at ${time(a.nextAttemptAt)}` : '') + (a.lastFailure ? `, last failure: ${a.lastFailure.message}` : '') + (a.cancelRequested ? ', cancellation requested' : ''));
  section('pending timers', d.pendingTimers, (t) => `timer ${t.timerId} fires at ${time(t.fireAt)}`);
  section('pending children', d.pendingChildren, (c) => `${c.workflowType} ${c.workflowId}${c.runId ? ` (run ${c.runId})` : ' (starting)'}`);
  section('pending external requests', d.pendingExternals, (x) => `${x.kind === 'signal' ? `signal ${x.signalName}` : 'cancel'} to ${x.workflowId}`);
  section('accepted updates', d.acceptedUpdates, (u) => u);
  return `${out.join('\n')}\n`;
}

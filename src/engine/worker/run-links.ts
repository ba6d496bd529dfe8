/**
 * What one run's commands and close do to other runs, inside the same group commit (so they are
 * atomic with their cause): start a child (or refuse it when its id is taken), signal or cancel
 * an external run, and on close apply the parent close policy to open children, start the run
 * that continues the execution (continue-as-new, or a retry of a failed or timed-out run), or
 * tell the parent how its child ended. Runs are found by workflow id (`current`), so a child
 * that was retried or continued as new is still reached.
 */
import { randomUUID } from 'node:crypto';
import type { Effect, StepInput } from '../model/step.js';
import { idReuseAllowed, type RunState } from '../model/state.js';
import type { EngineStore } from '../store/store.js';
import type { Batch, QueueItem } from './fill.js';
import type { LiveRun } from './live-run.js';

/** The executor as these links need it. */
export interface LinkHost {
  readonly runs: ReadonlyMap<string, LiveRun>;
  /** workflow id → the run id of its open run */
  readonly current: ReadonlyMap<string, string>;
  readonly store: EngineStore;
  /** queues an input for the batch being filled */
  queue(item: QueueItem): void;
  /** applies an input to a run now, inside `batch` (a `start` registers the run) */
  apply(runId: string, input: StepInput, batch: Batch, module?: string): void;
}

/** Starts the child of `parent` that `e` initiated, or records why it cannot start. */
export function startChild(host: LinkHost, parent: LiveRun, e: Extract<Effect, { kind: 'startChild' }>, batch: Batch): void {
  const existingId = host.current.get(e.workflowId);
  const existing = existingId ? host.runs.get(existingId) : undefined;
  if (existing && existing.state.parent?.runId === parent.state.runId && existing.state.parent.initiatedEventId === e.initiatedEventId) {
    host.queue({ runId: parent.state.runId, input: { kind: 'childStarted', initiatedEventId: e.initiatedEventId, runId: existing.state.runId } });
    return;
  }
  // an open run with the id is a conflict; a closed one may be reused as the policy says
  const previous = existing?.state.status ?? host.store.execution(e.workflowId)?.status;
  if (!idReuseAllowed(e.workflowIdReusePolicy, previous)) {
    host.queue({ runId: parent.state.runId, input: { kind: 'childStartFailed', initiatedEventId: e.initiatedEventId, cause: 'START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS' } });
    return;
  }
  const runId = randomUUID();
  const p = parent.state;
  host.apply(runId, {
    kind: 'start', workflowId: e.workflowId, runId, workflowType: e.workflowType, taskQueue: e.taskQueue, input: e.input,
    parent: { workflowId: p.workflowId, runId: p.runId, initiatedEventId: e.initiatedEventId },
    workflowRunTimeoutMs: e.workflowRunTimeoutMs, workflowExecutionTimeoutMs: e.workflowExecutionTimeoutMs, retryPolicy: e.retryPolicy, cronSchedule: e.cronSchedule,
    memo: e.memo, searchAttributes: e.searchAttributes,
  }, batch, parent.module);
  host.queue({ runId: p.runId, input: { kind: 'childStarted', initiatedEventId: e.initiatedEventId, runId } });
}

/** Delivers a signal or cancel request of `live` to the open run of its target workflow, or records that there is none. */
export function requestExternal(host: LinkHost, live: LiveRun, e: Extract<Effect, { kind: 'signalExternal' | 'cancelExternal' }>): void {
  const runId = live.state.runId;
  const targetId = host.current.get(e.workflowId);
  const target = targetId ? host.runs.get(targetId) : undefined;
  // a request for one run (`runId`) finds it only while it is the workflow's open run
  if (!target || target.state.status !== 'running' || (e.runId !== undefined && e.runId !== targetId)) {
    host.queue({ runId, input: { kind: 'externalDone', initiatedEventId: e.initiatedEventId, failedCause: 'EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND' } });
    return;
  }
  host.queue({ runId: targetId!, input: e.kind === 'signalExternal' ? { kind: 'signal', signalName: e.signalName, input: e.input } : { kind: 'cancelRequest', cause: `requested by ${live.state.workflowId}` } });
  host.queue({ runId, input: { kind: 'externalDone', initiatedEventId: e.initiatedEventId } });
}

/** What the close of `live` (effect `e`) does to its children, its execution's next run and its parent. */
export function followClose(host: LinkHost, live: LiveRun, e: Extract<Effect, { kind: 'closed' }>, batch: Batch): void {
  const s = live.state;
  // The parent close policy of each open child (Temporal's default, and for an unspecified one: TERMINATE).
  for (const c of Object.values(s.children)) {
    if (!c.runId || c.parentClosePolicy === 'PARENT_CLOSE_POLICY_ABANDON') continue;
    // the child's current run: a retry or continue-as-new of the child is still this run's child
    const childRunId = host.current.get(c.workflowId);
    const parentOf = childRunId === undefined ? undefined : host.runs.get(childRunId)?.state.parent;
    if (parentOf?.runId !== s.runId || parentOf.initiatedEventId !== c.initiatedEventId) continue;
    host.queue({
      runId: childRunId!,
      input: c.parentClosePolicy === 'PARENT_CLOSE_POLICY_REQUEST_CANCEL' ? { kind: 'cancelRequest', cause: 'parent closed (PARENT_CLOSE_POLICY_REQUEST_CANCEL)' } : { kind: 'terminate', reason: 'parent closed (PARENT_CLOSE_POLICY_TERMINATE)' },
    });
  }
  if (e.continueAs) {
    const newRunId = e.outcome.newRunId!;
    host.apply(newRunId, {
      kind: 'start', workflowId: s.workflowId, runId: newRunId, workflowType: e.continueAs.workflowType, taskQueue: e.continueAs.taskQueue,
      input: e.continueAs.input, firstExecutionRunId: s.firstExecutionRunId, continuedExecutionRunId: s.runId, parent: s.parent,
      // the new run keeps the execution's end, and the run timeout unless the continuation set its own
      workflowRunTimeoutMs: e.continueAs.workflowRunTimeoutMs ?? s.timeouts?.runMs, workflowExecutionTimeoutMs: s.timeouts?.executionMs,
      workflowExecutionExpirationTime: s.timeouts?.expiresAt, retryPolicy: s.retryPolicy, firstWorkflowTaskBackoffMs: e.continueAs.backoffMs ?? 0, cronSchedule: s.cronSchedule,
      memo: e.continueAs.memo, searchAttributes: e.continueAs.searchAttributes,
    }, batch, live.module);
    return;
  }
  if (e.retryAs) {
    // Temporal's workflow retry: the next attempt, after the backoff; the parent hears only of the last run's close
    host.apply(e.outcome.newRunId!, sameWorkflowAgain(s, e.outcome.newRunId!, { attempt: e.retryAs.attempt, firstWorkflowTaskBackoffMs: e.retryAs.backoffMs }), batch, live.module);
    return;
  }
  if (e.cronAs) {
    // Temporal's cron: the schedule's next time, told how this run ended; the parent hears of nothing until the schedule ends
    host.apply(e.outcome.newRunId!, sameWorkflowAgain(s, e.outcome.newRunId!, {
      initiator: 'CONTINUE_AS_NEW_INITIATOR_CRON_SCHEDULE', firstWorkflowTaskBackoffMs: e.cronAs.backoffMs,
      lastCompletionResult: e.cronAs.lastCompletionResult, continuedFailure: e.cronAs.continuedFailure,
    }), batch, live.module);
    return;
  }
  if (s.parent) {
    const parentRunId = host.current.get(s.parent.workflowId);
    if (parentRunId === s.parent.runId) host.queue({ runId: parentRunId, input: { kind: 'childClosed', initiatedEventId: s.parent.initiatedEventId, outcome: e.outcome } });
  }
}

type StartInput = Extract<StepInput, { kind: 'start' }>;

/**
 * The start of run `runId` that goes on with `s`'s execution as the same workflow with the same
 * input (a retry or a cron run): same id, type, task queue, parent, policy, schedule, run timeout,
 * execution end, memo and search attributes; `extra` says what differs.
 */
function sameWorkflowAgain(s: RunState, runId: string, extra: Partial<StartInput>): StartInput {
  return {
    kind: 'start', workflowId: s.workflowId, runId, workflowType: s.workflowType, taskQueue: s.taskQueue, input: s.input,
    firstExecutionRunId: s.firstExecutionRunId, continuedExecutionRunId: s.runId, parent: s.parent, retryPolicy: s.retryPolicy, cronSchedule: s.cronSchedule,
    workflowRunTimeoutMs: s.timeouts?.runMs, workflowExecutionTimeoutMs: s.timeouts?.executionMs, workflowExecutionExpirationTime: s.timeouts?.expiresAt,
    // a retry of a cron run still sees how the previous cron run ended (a cron run says it anew)
    lastCompletionResult: s.lastCompletionResult, continuedFailure: s.continuedFailure,
    // the run's current memo and search attributes carry over, as Temporal's server does for retries and cron runs
    memo: s.memo, searchAttributes: s.searchAttributes,
    ...extra,
  };
}

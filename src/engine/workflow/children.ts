/**
 * Composition: child workflows (`startChild`, `executeChild`), `continueAsNew`, and handles to
 * external workflows (signal, cancel). Child workflow ids default to a deterministic `uuid4()`.
 */
import { CancellationScope } from './cancellation.js';
import { CancelledFailure, ChildWorkflowFailure, WorkflowExecutionAlreadyStartedError, failureToError } from './failures.js';
import { type Activator, checkOptionValue, checkOptions, getActivator, msOf, pushCommand } from './internals.js';
import type { SignalDefinition } from './messages.js';
import { patched, uuid4 } from './misc.js';
import { normalizeRetryPolicy, type RetryPolicy } from './retry-policy.js';
import { nextCronTime, parseCron } from '../model/cron.js';
import { errorName } from './error-name.js';
import { checkMemo, startSearchAttributes } from '../model/attributes.js';
import type { MemoMap, SearchAttributeMap } from '../history/events.js';
import type { SearchAttributes } from './attributes.js';

type WorkflowFn = (...args: any[]) => Promise<any>;

export interface ChildWorkflowOptions<Args extends unknown[] = unknown[]> {
  args?: Args;
  workflowId?: string;
  taskQueue?: string;
  /** what cancelling the calling scope does (default WAIT_CANCELLATION_COMPLETED, as on Temporal) */
  cancellationType?: ChildWorkflowCancellationType;
  /** what happens to the child when its parent closes (default TERMINATE, as on Temporal) */
  parentClosePolicy?: ParentClosePolicy;
  /** the child run's timeout (ms or a duration): it times out if still open then */
  workflowRunTimeout?: number | string;
  /** the child execution's timeout, across its continue-as-new (ms or a duration) */
  workflowExecutionTimeout?: number | string;
  /** whether the child may take the id of a closed run (default ALLOW_DUPLICATE) */
  workflowIdReusePolicy?: WorkflowIdReusePolicy;
  /** the child execution's retry policy: a child run that fails or times out is retried as a new run (default: none) */
  retry?: RetryPolicy;
  /** the child's cron schedule (UTC): each child run waits for the next time; the child never completes */
  cronSchedule?: string;
  /** the child's memo (name → JSON value) */
  memo?: Record<string, unknown>;
  /** the child's search attributes (Temporal's SearchAttributes: name → array of values) */
  searchAttributes?: SearchAttributes;
  /** any other Temporal option: accepted only if ignorable metadata, else refused (see CHILD_OPTIONS) */
  [other: string]: unknown;
}

/** Temporal's `ChildWorkflowCancellationType` (see `cancelStartedChild`). */
export const ChildWorkflowCancellationType = Object.freeze({
  ABANDON: 'ABANDON', TRY_CANCEL: 'TRY_CANCEL', WAIT_CANCELLATION_REQUESTED: 'WAIT_CANCELLATION_REQUESTED', WAIT_CANCELLATION_COMPLETED: 'WAIT_CANCELLATION_COMPLETED',
} as const);
export type ChildWorkflowCancellationType = (typeof ChildWorkflowCancellationType)[keyof typeof ChildWorkflowCancellationType];

/** Temporal's `WorkflowIdReusePolicy`: may a child take the id of a closed run (default ALLOW_DUPLICATE)? */
export const WorkflowIdReusePolicy = Object.freeze({
  ALLOW_DUPLICATE: 'ALLOW_DUPLICATE', ALLOW_DUPLICATE_FAILED_ONLY: 'ALLOW_DUPLICATE_FAILED_ONLY', REJECT_DUPLICATE: 'REJECT_DUPLICATE',
  WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE: 'ALLOW_DUPLICATE', WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY: 'ALLOW_DUPLICATE_FAILED_ONLY',
  WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE: 'REJECT_DUPLICATE',
} as const);
export type WorkflowIdReusePolicy = (typeof WorkflowIdReusePolicy)[keyof typeof WorkflowIdReusePolicy];

/** Temporal's `ParentClosePolicy`: what the parent's close does to its open children (terminate, nothing, request cancellation). */
export const ParentClosePolicy = Object.freeze({
  TERMINATE: 'TERMINATE', ABANDON: 'ABANDON', REQUEST_CANCEL: 'REQUEST_CANCEL',
  PARENT_CLOSE_POLICY_UNSPECIFIED: undefined, PARENT_CLOSE_POLICY_TERMINATE: 'TERMINATE', PARENT_CLOSE_POLICY_ABANDON: 'ABANDON', PARENT_CLOSE_POLICY_REQUEST_CANCEL: 'REQUEST_CANCEL',
} as const);
export type ParentClosePolicy = (typeof ParentClosePolicy)[keyof typeof ParentClosePolicy];

/**
 * Child options: implemented, and accepted without effect on one machine (Temporal metadata;
 * `workflowTaskTimeout`: the engine's deadlock timeout bounds workflow tasks). Any other is
 * refused (the workflow task fails naming it).
 */
const CHILD_OPTIONS = ['args', 'workflowId', 'taskQueue', 'cancellationType', 'parentClosePolicy', 'workflowRunTimeout', 'workflowExecutionTimeout', 'workflowIdReusePolicy', 'retry', 'cronSchedule', 'memo', 'searchAttributes'];
const CHILD_IGNORED = ['staticSummary', 'staticDetails', 'priority', 'versioningIntent', 'typeInfo', 'eventGroups', 'workflowTaskTimeout'];

function checkChildOptions(o: ChildWorkflowOptions): void {
  checkOptions('child workflow', o, CHILD_OPTIONS, CHILD_IGNORED);
  checkOptionValue('child workflow', 'cancellationType', o.cancellationType, Object.values(ChildWorkflowCancellationType));
  checkOptionValue('child workflow', 'parentClosePolicy', o.parentClosePolicy, Object.values(ParentClosePolicy));
  checkOptionValue('child workflow', 'workflowIdReusePolicy', o.workflowIdReusePolicy, Object.values(WorkflowIdReusePolicy));
}

/**
 * The `memo` and `searchAttributes` options checked as Temporal's SDK checks them (a TypeError
 * naming the option, as for the others); absent stays absent. `typedSearchAttributes` is refused
 * by the option check (not implemented).
 */
function memoOptions(what: string, o: { memo?: unknown; searchAttributes?: unknown }): { memo?: MemoMap; searchAttributes?: SearchAttributeMap } {
  return {
    memo: o.memo === undefined ? undefined : checkMemo(o.memo, `${what} option memo`),
    searchAttributes: o.searchAttributes === undefined ? undefined : startSearchAttributes(o.searchAttributes, `${what} option searchAttributes`),
  };
}

/** A cron schedule the engine can run (a TypeError saying why not, as for the other options). */
function checkedCron(spec: unknown): string {
  if (typeof spec !== 'string') throw new TypeError(`invalid child workflow option cronSchedule: ${JSON.stringify(spec)} (expected a cron string)`);
  nextCronTime(parseCron(spec), 0); // parses it, and refuses a schedule that never fires
  return spec;
}

export interface ChildWorkflowHandle<T extends WorkflowFn = WorkflowFn> {
  readonly workflowId: string;
  readonly firstExecutionRunId: string;
  result(): Promise<Awaited<ReturnType<T>>>;
  signal<Args extends any[]>(def: SignalDefinition<Args> | string, ...args: Args): Promise<void>;
}

function typeName(w: string | WorkflowFn): string {
  return typeof w === 'string' ? w : w.name;
}

/** Starts a child workflow and resolves once it has started. */
export async function startChild<T extends WorkflowFn>(workflowType: string | T, options: ChildWorkflowOptions<Parameters<T>> = {}): Promise<ChildWorkflowHandle<T>> {
  const a = getActivator();
  checkChildOptions(options);
  const cancellationType = options.cancellationType ?? 'WAIT_CANCELLATION_COMPLETED';
  const runTimeoutMs = msOf(options.workflowRunTimeout as number | string | undefined, 'workflowRunTimeout');
  const executionTimeoutMs = msOf(options.workflowExecutionTimeout as number | string | undefined, 'workflowExecutionTimeout');
  const retry = options.retry === undefined ? undefined : normalizeRetryPolicy(options.retry, 'child workflow');
  const cronSchedule = options.cronSchedule === undefined ? undefined : checkedCron(options.cronSchedule);
  const { memo, searchAttributes } = memoOptions('child workflow', options);
  const scope = CancellationScope.current();
  if (scope.consideredCancelled) await scope.cancelRequested;
  const seq = ++a.seq.child;
  const workflowId = options.workflowId ?? uuid4();
  const wfType = typeName(workflowType);
  const resultPromise = new Promise<Awaited<ReturnType<T>>>((resolve, reject) => {
    a.childResults.set(seq, { resolve: resolve as (v: unknown) => void, reject });
  });
  resultPromise.catch(() => undefined);
  let startedRunId: string | undefined; // once started: a cancellation's failure names the child's run
  const runId = await new Promise<string>((resolve, reject) => {
    if (scope.cancellable) {
      scope.cancelRequested.catch((err) => {
        if (a.childStarts.has(seq)) {
          a.childStarts.delete(seq);
          a.childResults.delete(seq);
          reject(err);
          return;
        }
        const pending = a.childResults.get(seq);
        if (pending) cancelStartedChild(a, seq, { workflowId, runId: startedRunId }, wfType, cancellationType, pending.reject);
      });
    }
    // a start refused because the id is taken rejects with Temporal's WorkflowExecutionAlreadyStartedError
    const refused = (err: unknown): void => reject((err as { type?: string } | undefined)?.type === 'WorkflowExecutionAlreadyStartedError'
      ? new WorkflowExecutionAlreadyStartedError((err as Error).message, workflowId, wfType) : err);
    a.childStarts.set(seq, { resolve: (r: unknown) => { startedRunId = r as string; resolve(r as string); }, reject: refused });
    const policy = options.parentClosePolicy === 'ABANDON' || options.parentClosePolicy === 'REQUEST_CANCEL' ? options.parentClosePolicy : undefined;
    pushCommand(a, {
      type: 'startChild', seq, workflowId, workflowType: wfType, args: options.args ?? [], taskQueue: options.taskQueue, ...(policy ? { parentClosePolicy: policy } : {}),
      ...(runTimeoutMs !== undefined ? { workflowRunTimeoutMs: runTimeoutMs } : {}), ...(executionTimeoutMs !== undefined ? { workflowExecutionTimeoutMs: executionTimeoutMs } : {}),
      ...(options.workflowIdReusePolicy === 'ALLOW_DUPLICATE_FAILED_ONLY' || options.workflowIdReusePolicy === 'REJECT_DUPLICATE' ? { workflowIdReusePolicy: options.workflowIdReusePolicy } : {}),
      ...(retry !== undefined ? { retry } : {}), ...(cronSchedule !== undefined ? { cronSchedule } : {}),
      ...(memo !== undefined ? { memo } : {}), ...(searchAttributes !== undefined ? { searchAttributes } : {}),
    });
  });
  return {
    workflowId,
    firstExecutionRunId: runId,
    result: () => resultPromise,
    signal: (def, ...args) => signalExternal(workflowId, typeof def === 'string' ? def : def.name, args),
  };
}

/**
 * The cancellation of a started child by its scope, by cancellation type: the request is sent
 * (not for ABANDON), and the result rejects as cancelled at once (TRY_CANCEL, ABANDON), once the
 * request is recorded as delivered (WAIT_CANCELLATION_REQUESTED), or settles with the child's
 * close (WAIT_CANCELLATION_COMPLETED, the default).
 */
function cancelStartedChild(a: Activator, seq: number, execution: { workflowId: string; runId?: string }, workflowType: string, type: ChildWorkflowCancellationType, rejectResult: (e: unknown) => void): void {
  const workflowId = execution.workflowId;
  const cancelled = (cause?: Error): ChildWorkflowFailure => new ChildWorkflowFailure('default', execution, workflowType, 'NON_RETRYABLE_FAILURE', cause ?? new CancelledFailure('', []));
  if (type !== 'ABANDON') {
    const cseq = ++a.seq.cancelExt;
    if (type === 'WAIT_CANCELLATION_REQUESTED') {
      a.childResults.delete(seq);
      a.cancelsExt.set(cseq, { resolve: () => rejectResult(cancelled()), reject: (e) => rejectResult(cancelled(e as Error)) });
    }
    pushCommand(a, { type: 'requestCancelExternal', seq: cseq, workflowId, childOnly: true });
  }
  if (type === 'TRY_CANCEL' || type === 'ABANDON') {
    a.childResults.delete(seq);
    rejectResult(cancelled());
  }
}

/** Starts a child workflow and resolves with its result. */
export async function executeChild<T extends WorkflowFn>(workflowType: string | T, options: ChildWorkflowOptions<Parameters<T>> = {}): Promise<Awaited<ReturnType<T>>> {
  const handle = await startChild(workflowType, options);
  return handle.result();
}

/** Host → workflow: the child started (or failed to start). */
export function resolveChildStart(seq: number, runId: string | undefined, failure: import('../history/events.js').FailureInfo | undefined): void {
  const a = getActivator();
  const c = a.childStarts.get(seq);
  if (!c) return;
  a.childStarts.delete(seq);
  if (failure) {
    a.childResults.delete(seq);
    c.reject(failureToError(failure));
  } else c.resolve(runId);
}

/** Host → workflow: the child closed. */
export function resolveChild(seq: number, result: unknown, failure: import('../history/events.js').FailureInfo | undefined): void {
  const a = getActivator();
  const c = a.childResults.get(seq);
  if (!c) return;
  a.childResults.delete(seq);
  if (failure) c.reject(failure.kind === 'child' ? failureToError(failure) : new ChildWorkflowFailure(undefined, { workflowId: '' }, '', undefined, failureToError(failure)));
  else c.resolve(result);
}

/** Signals another workflow execution. */
export function signalExternal(workflowId: string, signalName: string, args: unknown[], runId?: string): Promise<void> {
  const a = getActivator();
  const seq = ++a.seq.signalExt;
  return new Promise<void>((resolve, reject) => {
    // as in Temporal's SDK: no signal from a cancelled scope; one whose scope is cancelled is no longer awaited
    const scope = CancellationScope.current();
    if (scope.consideredCancelled) {
      scope.cancelRequested.catch(reject);
      return;
    }
    if (scope.cancellable) {
      scope.cancelRequested.catch((err) => {
        if (!a.signalsExt.delete(seq)) return;
        dropUnsent(a, 'signalExternal', seq); // not sent yet: never sent
        reject(err);
      });
    }
    a.signalsExt.set(seq, { resolve: () => resolve(), reject });
    pushCommand(a, { type: 'signalExternal', seq, workflowId, ...(runId !== undefined ? { runId } : {}), signalName, args });
  });
}

/** Removes the command of kind `type` and `seq` from the activation's unsent commands, if it is there. */
function dropUnsent(a: Activator, type: 'signalExternal' | 'requestCancelExternal', seq: number): void {
  const i = a.commands.findIndex((c) => c.type === type && c.seq === seq);
  if (i >= 0) a.commands.splice(i, 1);
}

/** The patch under which Temporal's SDK ties an external cancel request to the caller's cancellation scope. */
const EXTERNAL_WF_CANCEL_PATCH = '__temporal_internal_connect_external_handle_cancel_to_scope';

/**
 * A handle to another workflow by id — its current run, or only the run `runId` — with
 * Temporal's semantics: `signal` from a cancelled scope is not sent and rejects, and a signal
 * whose scope is cancelled is no longer awaited; `cancel` requests the workflow's cancellation and,
 * as in the SDK (behind its patch, which it then records), rejects when its scope is cancelled.
 */
export function getExternalWorkflowHandle(workflowId: string, runId?: string): {
  workflowId: string;
  runId: string | undefined;
  signal<Args extends any[]>(def: SignalDefinition<Args> | string, ...args: Args): Promise<void>;
  cancel(): Promise<void>;
} {
  return {
    workflowId,
    runId,
    signal: (def, ...args) => signalExternal(workflowId, typeof def === 'string' ? def : def.name, args, runId),
    cancel: () => {
      const a = getActivator();
      return new Promise<void>((resolve, reject) => {
        const scope = CancellationScope.current();
        if (scope.cancellable) {
          scope.cancelRequested.catch((err) => { if (patched(EXTERNAL_WF_CANCEL_PATCH)) reject(err); });
        }
        if (scope.consideredCancelled && patched(EXTERNAL_WF_CANCEL_PATCH)) return;
        const seq = ++a.seq.cancelExt;
        a.cancelsExt.set(seq, { resolve: () => resolve(), reject });
        pushCommand(a, { type: 'requestCancelExternal', seq, workflowId, ...(runId !== undefined ? { runId } : {}), childOnly: false });
      });
    },
  };
}

/** Thrown by `continueAsNew`; the run closes and a new run of the same workflow id starts. */
export class ContinueAsNew extends Error {
  constructor(readonly workflowType: string, readonly args: unknown[], readonly taskQueue?: string, readonly workflowRunTimeoutMs?: number, readonly backoffStartIntervalMs?: number, readonly memo?: MemoMap, readonly searchAttributes?: SearchAttributeMap) {
    super('Workflow continued as new');
  }
}

export interface ContinueAsNewOptions {
  workflowType?: string;
  taskQueue?: string;
  /** the new run's timeout (default: the current run's) */
  workflowRunTimeout?: number | string;
  /** the new run's first workflow task is scheduled this long after it starts (ms or a duration) */
  backoffStartInterval?: number | string;
  /** the new run's memo (default: the current run's, its upserts included) */
  memo?: Record<string, unknown>;
  /** the new run's search attributes (default: the current run's, its upserts included) */
  searchAttributes?: SearchAttributes;
  /** any other Temporal option: accepted only if ignorable metadata, else refused */
  [other: string]: unknown;
}

/** Implemented continue-as-new options, and those accepted without effect (Temporal metadata, see CHILD_OPTIONS). */
const CONTINUE_OPTIONS = ['workflowType', 'taskQueue', 'workflowRunTimeout', 'backoffStartInterval', 'memo', 'searchAttributes'];
const CONTINUE_IGNORED = ['versioningIntent', 'workflowTaskTimeout', 'priority'];

/** Returns a function that continues as new with the given options (refusing those the engine does not implement). */
export function makeContinueAsNewFunc<F extends WorkflowFn>(options: ContinueAsNewOptions = {}): (...args: Parameters<F>) => Promise<never> {
  checkOptions('continue-as-new', options, CONTINUE_OPTIONS, CONTINUE_IGNORED);
  const runTimeoutMs = msOf(options.workflowRunTimeout as number | string | undefined, 'workflowRunTimeout');
  const backoffMs = msOf(options.backoffStartInterval as number | string | undefined, 'backoffStartInterval') || undefined;
  const { memo, searchAttributes } = memoOptions('continue-as-new', options);
  return (...args) => {
    const a = getActivator();
    return Promise.reject(new ContinueAsNew(options.workflowType ?? a.info.workflowType, args, options.taskQueue, runTimeoutMs, backoffMs, memo, searchAttributes));
  };
}

/** Closes this run and starts a new run of the same workflow with `args`. Never returns. */
export function continueAsNew<F extends WorkflowFn>(...args: Parameters<F>): Promise<never> {
  return makeContinueAsNewFunc<F>()(...args);
}

errorName(ContinueAsNew, 'ContinueAsNew');

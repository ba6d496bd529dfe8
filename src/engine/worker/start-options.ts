/**
 * The start options of a workflow (`engine.start`, `wfverify run` and `wfverify start`) checked
 * and converted: timeouts to milliseconds, the retry policy, the cron schedule, the id reuse
 * policy, the memo and search attributes. Each invalid option is an input error (WFE1007) naming
 * it; nothing is started.
 */
import { EngineInputError } from '../errors.js';
import type { MemoMap, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';
import { checkMemo, startSearchAttributes } from '../model/attributes.js';
import { nextCronTime, parseCron } from '../model/cron.js';
import { reusePolicyOf, type WorkflowIdReusePolicy } from '../model/state.js';
import { msOf } from '../workflow/internals.js';
import { normalizeRetryPolicy, type RetryPolicy } from '../workflow/retry-policy.js';
import type { StartOptions } from './engine.js';

/** A workflow timeout option in ms (a number, or a duration such as `'1h'`); WFE1007 when invalid. */
function timeoutOption(v: number | string | undefined, name: string): number | undefined {
  try {
    const ms = msOf(v, name);
    if (ms !== undefined && !(ms > 0)) throw new TypeError(`invalid ${name}: ${JSON.stringify(v)} (it must be positive)`);
    return ms;
  } catch (err) {
    throw new EngineInputError('WFE1007', (err as Error).message);
  }
}

/**
 * The start options `o` checked and converted (durations to ms, the retry policy, the cron
 * schedule, the id reuse policy); WFE1007 names the first invalid one. Used by `start` and by
 * `wfverify start` before it queues a start.
 */
export function checkStartOptions(o: StartOptions): { runTimeoutMs?: number; executionTimeoutMs?: number; retryPolicy?: RetryPolicyMs; cronSchedule?: string; reusePolicy?: WorkflowIdReusePolicy; conflictPolicy?: WorkflowIdConflictPolicy; memo?: MemoMap; searchAttributes?: SearchAttributeMap } {
  return {
    runTimeoutMs: timeoutOption(o.workflowRunTimeout, 'workflowRunTimeout'),
    executionTimeoutMs: timeoutOption(o.workflowExecutionTimeout, 'workflowExecutionTimeout'),
    retryPolicy: retryOption(o.retry), cronSchedule: cronOption(o.cronSchedule), reusePolicy: reusePolicyOption(o.workflowIdReusePolicy),
    // Temporal's deprecated reuse policy TERMINATE_IF_RUNNING: ALLOW_DUPLICATE, and TERMINATE_EXISTING for an open run
    conflictPolicy: isTerminateIfRunning(o.workflowIdReusePolicy) ? conflictPolicyOption(o.workflowIdConflictPolicy) ?? 'TERMINATE_EXISTING' : conflictPolicyOption(o.workflowIdConflictPolicy),
    memo: o.memo === undefined ? undefined : asInputError(() => checkMemo(o.memo, 'start option memo')),
    searchAttributes: o.searchAttributes === undefined ? undefined : asInputError(() => startSearchAttributes(o.searchAttributes, 'start option searchAttributes')),
  };
}

/** `check()`, its TypeError turned into WFE1007. */
function asInputError<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw new EngineInputError('WFE1007', (err as Error).message);
  }
}

/** The `cronSchedule` start option, checked (WFE1007 when unreadable or when it never fires). */
function cronOption(spec: string | undefined): string | undefined {
  if (spec === undefined) return undefined;
  try {
    if (typeof spec !== 'string') throw new TypeError(`invalid cronSchedule: ${JSON.stringify(spec)} (expected a cron string)`);
    nextCronTime(parseCron(spec), Date.now());
    return spec;
  } catch (err) {
    throw new EngineInputError('WFE1007', (err as Error).message);
  }
}

/** The `retry` start option in milliseconds; WFE1007 when invalid. */
function retryOption(r: RetryPolicy | undefined): RetryPolicyMs | undefined {
  if (r === undefined) return undefined;
  try {
    return normalizeRetryPolicy(r, 'workflow');
  } catch (err) {
    throw new EngineInputError('WFE1007', (err as Error).message);
  }
}

function isTerminateIfRunning(v: string | undefined): boolean {
  return v === 'TERMINATE_IF_RUNNING' || v === 'WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING';
}

/** Temporal's `WorkflowIdConflictPolicy` (the default, FAIL, is `undefined`). */
export type WorkflowIdConflictPolicy = 'USE_EXISTING' | 'TERMINATE_EXISTING';

/** The `workflowIdConflictPolicy` option (short or `WORKFLOW_ID_CONFLICT_POLICY_*` name); WFE1007 for another. */
function conflictPolicyOption(v: string | undefined): WorkflowIdConflictPolicy | undefined {
  if (v === undefined) return undefined;
  const p = typeof v === 'string' ? v.replace(/^WORKFLOW_ID_CONFLICT_POLICY_/, '') : v;
  if (p === 'FAIL') return undefined;
  if (p === 'USE_EXISTING' || p === 'TERMINATE_EXISTING') return p;
  throw new EngineInputError('WFE1007', `invalid workflowIdConflictPolicy ${JSON.stringify(v)} (expected FAIL, USE_EXISTING or TERMINATE_EXISTING)`);
}

/** The `workflowIdReusePolicy` option (short or `WORKFLOW_ID_REUSE_POLICY_*` name); WFE1007 for another. */
function reusePolicyOption(v: string | undefined): WorkflowIdReusePolicy | undefined {
  if (v === undefined || v === 'ALLOW_DUPLICATE' || v === 'WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE' || isTerminateIfRunning(v)) return undefined;
  const p = reusePolicyOf(v);
  if (p === undefined) throw new EngineInputError('WFE1007', `invalid workflowIdReusePolicy ${JSON.stringify(v)} (expected ALLOW_DUPLICATE, ALLOW_DUPLICATE_FAILED_ONLY, REJECT_DUPLICATE or TERMINATE_IF_RUNNING)`);
  return p;
}

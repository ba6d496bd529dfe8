/**
 * `wfverify/workflow`: the workflow API of the bundled engine, with the names and signatures of
 * `@temporalio/workflow` (the subset in DESIGN.md "Workflow semantics"). A workflow written
 * against either module runs on the engine unchanged: the engine's sandbox resolves
 * `@temporalio/workflow` to this module.
 *
 * @example
 * ```ts
 * import { proxyActivities, sleep } from 'wfverify/workflow';
 * import type * as activities from './activities';
 * const { charge } = proxyActivities<typeof activities>({ startToCloseTimeout: '10s' });
 * export async function pay(amount: number): Promise<string> {
 *   await sleep('1s');
 *   return charge(amount);
 * }
 * ```
 *
 * These functions may only be called from workflow code running on the engine (or Temporal).
 */
export { proxyActivities, proxyLocalActivities, ActivityCancellationType } from './activities.js';
export type { ActivityOptions, LocalActivityOptions, RetryPolicy, ActivityInterfaceFor } from './activities.js';
export { sleep, condition } from './timers.js';
export { defineSignal, defineQuery, defineUpdate, setHandler, setDefaultSignalHandler, setDefaultQueryHandler, setDefaultUpdateHandler, allHandlersFinished } from './messages.js';
export { Trigger } from './trigger.js';
export type { SignalDefinition, QueryDefinition, UpdateDefinition, UpdateHandlerOptions } from './messages.js';
export {
  startChild, executeChild, continueAsNew, makeContinueAsNewFunc, getExternalWorkflowHandle, ContinueAsNew, ChildWorkflowCancellationType, ParentClosePolicy, WorkflowIdReusePolicy,
} from './children.js';
export type { ChildWorkflowOptions, ChildWorkflowHandle, ContinueAsNewOptions } from './children.js';
export { CancellationScope } from './cancellation.js';
export type { CancellationScopeOptions } from './cancellation.js';
export { patched, deprecatePatch, uuid4, workflowInfo, inWorkflowContext, log } from './misc.js';
export { upsertSearchAttributes, upsertMemo } from './attributes.js';
export type { SearchAttributes, SearchAttributeValue } from './attributes.js';
export type { WorkflowInfo } from './internals.js';
export {
  ApplicationFailure, ActivityFailure, CancelledFailure, ChildWorkflowFailure, TemporalFailure, TerminatedFailure,
  TimeoutFailure, WorkflowExecutionAlreadyStartedError, isCancellation, rootCause,
} from './failures.js';
export type { ApplicationFailureOptions } from './failures.js';

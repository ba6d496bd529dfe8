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
export { proxyActivities, proxyLocalActivities, scheduleActivity, scheduleLocalActivity, ActivityCancellationType } from './activities.js';
export type { ActivityOptions, LocalActivityOptions, RetryPolicy, ActivityInterfaceFor } from './activities.js';
export { sleep, condition } from './timers.js';
export {
  defineSignal, defineQuery, defineUpdate, setHandler, setDefaultSignalHandler, setDefaultQueryHandler, setDefaultUpdateHandler, allHandlersFinished,
  currentUpdateInfo, workflowMetadataQuery, stackTraceQuery, enhancedStackTraceQuery,
} from './messages.js';
export { Trigger } from './trigger.js';
export type { SignalDefinition, QueryDefinition, UpdateDefinition, UpdateHandlerOptions, HandlerOptions, UpdateInfo, WorkflowMetadata } from './messages.js';
export {
  startChild, executeChild, continueAsNew, makeContinueAsNewFunc, getExternalWorkflowHandle, ContinueAsNew, ChildWorkflowCancellationType, ParentClosePolicy, WorkflowIdReusePolicy,
} from './children.js';
export type { ChildWorkflowOptions, ChildWorkflowHandle, ContinueAsNewOptions } from './children.js';
export { CancellationScope } from './cancellation.js';
export { setWorkflowOptions, defineWorkflowOptions } from './definition-options.js';
export type { WorkflowDefinitionOptions, WorkflowDefinitionOptionsOrGetter, WorkflowDefinitionConfig, VersioningBehavior } from './definition-options.js';
export { AsyncLocalStorage } from './async-storage.js';
export { workflowRandom, getRandomStream } from './random-streams.js';
export { metricMeter } from './metrics.js';
export { proxySinks } from './sinks.js';
export type { Sink, Sinks, SinkFunction } from './sinks.js';
export type { MetricMeter, MetricCounter, MetricHistogram, MetricGauge, MetricUpDownCounter, MetricTags, MetricValue, NumericMetricValueType } from './metrics.js';
export type { WorkflowRandomStream } from './random-streams.js';
export type { CancellationScopeOptions } from './cancellation.js';
export { patched, deprecatePatch, uuid4, workflowInfo, inWorkflowContext, log, getCurrentDetails, setCurrentDetails, extractWorkflowType } from './misc.js';
export { upsertSearchAttributes, upsertMemo } from './attributes.js';
export type { SearchAttributes, SearchAttributeValue } from './attributes.js';
export type { WorkflowInfo } from './internals.js';
export {
  ApplicationFailure, ActivityFailure, CancelledFailure, ChildWorkflowFailure, ServerFailure, TemporalFailure, TerminatedFailure,
  TimeoutFailure, WorkflowExecutionAlreadyStartedError, isCancellation, rootCause,
} from './failures.js';
export { WorkflowIdConflictPolicy, encodeWorkflowIdReusePolicy, decodeWorkflowIdReusePolicy, encodeWorkflowIdConflictPolicy, decodeWorkflowIdConflictPolicy } from './enums.js';
export { WorkflowError, DeterminismViolationError, ValueError, PayloadConverterError, IllegalStateError, WorkflowNotFoundError, NamespaceNotFoundError } from './errors.js';
export type { ApplicationFailureOptions } from './failures.js';

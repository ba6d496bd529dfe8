/**
 * Activity-side API of the engine: what `@temporalio/activity` offers activities, subset.
 * Activity modules loaded by the engine that import `@temporalio/activity` get this module.
 */
export { Context, activityInfo, heartbeat, sleep, cancelled, cancellationSignal, log, CancelledFailure, ApplicationFailure } from './context.js';
export type { ActivityInfo, ActivityLogger } from './context.js';

/**
 * Options attached to a workflow function where it is defined (Temporal's
 * `setWorkflowOptions` / `defineWorkflowOptions`, `WorkflowDefinitionOptions`).
 *
 * - `failureExceptionTypes`: classes whose errors, thrown by the workflow function or escaping a
 *   signal or update handler, fail the workflow execution instead of the workflow task (which
 *   would be retried until the code changes). Matched with `instanceof` (subclasses count);
 *   `Error` in the list matches anything thrown. The error is recorded as Temporal records it: an
 *   application failure whose type is the error's constructor name.
 * - `versioningBehavior`: worker-versioning metadata for a Temporal deployment; accepted and
 *   without effect on one machine.
 * - `staticOptions` (`defineWorkflowOptions`): payload type information for custom converters;
 *   accepted and without effect (the engine's payloads are JSON).
 *
 * Options given as a function are read once, when the run's first activation starts its workflow
 * function (workflow code may call `workflowInfo()` in it), as in Temporal's SDK.
 * The engine's `workflowFailureErrorTypes` option (class names per workflow type, as Temporal's
 * worker option) is matched here too.
 */
import type { FailureInfo } from '../history/events.js';
import { errorToFailure, failureClass, userStack } from './failures.js';
import type { Activator } from './internals.js';

/** Temporal's worker-versioning behaviour of a workflow type (metadata on one machine). */
export type VersioningBehavior = 'PINNED' | 'AUTO_UPGRADE';

export interface WorkflowDefinitionOptions {
  versioningBehavior?: VersioningBehavior;
  /** errors of these classes fail the execution rather than the workflow task */
  failureExceptionTypes?: Array<new (...args: any[]) => Error>;
}

export type WorkflowDefinitionOptionsOrGetter = WorkflowDefinitionOptions | (() => WorkflowDefinitionOptions);

export interface WorkflowDefinitionConfig {
  workflowDefinitionOptions?: WorkflowDefinitionOptionsOrGetter;
  /** payload type information (accepted, without effect: payloads are JSON) */
  staticOptions?: { typeInfo?: unknown };
}

/** Attaches definition options (or a function giving them) to workflow function `fn`. */
export function setWorkflowOptions<A extends any[], R>(options: WorkflowDefinitionOptionsOrGetter, fn: (...args: A) => Promise<R>): void {
  defineWorkflowOptions(fn, { workflowDefinitionOptions: options });
}

/** Attaches per-execution options and static metadata to workflow function `fn`. */
export function defineWorkflowOptions<A extends any[], R>(fn: (...args: A) => Promise<R>, config: WorkflowDefinitionConfig): void {
  Object.assign(fn, config);
}

/**
 * Reads the definition options of the run's workflow function into `a` (at the start of the
 * workflow function). Throws a TypeError for a `failureExceptionTypes` that is not a list of
 * classes; a getter's own error propagates (it fails the workflow task).
 */
export function readDefinitionOptions(a: Activator): void {
  const fn: unknown = a.workflowFn;
  if (typeof fn !== 'function' || !Object.hasOwn(fn, 'workflowDefinitionOptions')) return;
  const given = (fn as { workflowDefinitionOptions?: unknown }).workflowDefinitionOptions;
  const options = (typeof given === 'function' ? (given as () => unknown)() : given) as WorkflowDefinitionOptions | undefined;
  const types = options?.failureExceptionTypes;
  if (types === undefined) return;
  if (!Array.isArray(types) || !types.every((t) => typeof t === 'function')) {
    throw new TypeError('workflow definition option failureExceptionTypes must be an array of error classes');
  }
  a.failureExceptionTypes = types;
}

/**
 * True when `err` must fail the execution (Temporal's `isConfiguredFailureException`): an
 * instance of one of the run's `failureExceptionTypes`, or an error with a class of the engine's
 * `workflowFailureErrorTypes` names on its constructor chain; `Error` in either matches anything.
 */
export function isConfiguredFailure(a: Activator, err: unknown): boolean {
  const types = a.failureExceptionTypes;
  if (types !== undefined) {
    if (types.includes(Error)) return true;
    for (const t of types) if (err instanceof t) return true;
  }
  const names = a.failureExceptionTypeNames;
  if (names === undefined) return false;
  if (names.includes('Error')) return true;
  if (err === null || typeof err !== 'object') return false;
  let ctor: unknown = (err as { constructor?: unknown }).constructor;
  for (let depth = 0; typeof ctor === 'function' && ctor !== Function.prototype && depth < 32; depth++) {
    if (names.includes((ctor as { name: string }).name)) return true;
    ctor = Object.getPrototypeOf(ctor);
  }
  return false;
}

/**
 * The failure an error thrown by workflow code fails the execution with, or undefined when it
 * must fail the workflow task instead: a Temporal failure as it is, else (a configured failure
 * type) an application failure named after the error's constructor, as Temporal's
 * `ensureApplicationFailure` makes it.
 */
export function executionFailure(a: Activator, err: unknown): FailureInfo | undefined {
  if (failureClass(err) !== undefined) return errorToFailure(err);
  if (!isConfiguredFailure(a, err)) return undefined;
  const record = err !== null && typeof err === 'object' ? err as { message?: unknown; name?: unknown; stack?: unknown; cause?: unknown; constructor?: { name?: unknown } } : undefined;
  const message = (record && String(record.message)) || String(err);
  const type = record === undefined ? '' : String(record.constructor?.name ?? record.name ?? '');
  const cause = record !== undefined && record.cause instanceof Error ? errorToFailure(record.cause) : undefined;
  const stack = record !== undefined && typeof record.stack === 'string' ? userStack(record.stack) : undefined;
  return { kind: 'application', message, type, nonRetryable: false, details: [], cause, stack };
}

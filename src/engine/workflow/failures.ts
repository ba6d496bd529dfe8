/**
 * Failure classes of the workflow API, named and shaped like `@temporalio/common`'s:
 * `ApplicationFailure` (a business failure: fails the workflow or the activity attempt),
 * `ActivityFailure`, `ChildWorkflowFailure`, `CancelledFailure`, `TimeoutFailure`,
 * `TerminatedFailure`. Any other error thrown by workflow code fails the *workflow task*
 * (the run stays open), as on Temporal.
 *
 * Classes are matched by name — the error's `name`, else the names of the classes on its
 * prototype chain ({@link failureClass}) — not by `instanceof`, because the workflow sandbox and
 * the host each load their own copy of this module; a user's subclass of `ApplicationFailure` is
 * an `ApplicationFailure`, as on Temporal.
 */
import type { FailureInfo } from '../history/events.js';
import { errorName } from './error-name.js';

/** Base class of failures that cross the workflow/activity boundary. */
export class TemporalFailure extends Error {
  override readonly cause?: Error;
  constructor(message?: string, cause?: Error) {
    super(message ?? '');
    this.cause = cause;
  }
}

export interface ApplicationFailureOptions {
  message?: string;
  type?: string;
  nonRetryable?: boolean;
  details?: unknown[];
  cause?: Error;
}

/** A failure raised on purpose by workflow or activity code. */
export class ApplicationFailure extends TemporalFailure {
  readonly type: string | undefined;
  readonly nonRetryable: boolean;
  readonly details: unknown[] | undefined;
  constructor(message?: string, type?: string, nonRetryable = false, details?: unknown[], cause?: Error) {
    super(message, cause);
    this.type = type ?? undefined;
    this.nonRetryable = nonRetryable;
    this.details = details;
  }
  static create(o: ApplicationFailureOptions): ApplicationFailure {
    return new ApplicationFailure(o.message, o.type, o.nonRetryable ?? false, o.details, o.cause);
  }
  static retryable(message?: string, type?: string, ...details: unknown[]): ApplicationFailure {
    return new ApplicationFailure(message, type ?? 'Error', false, details);
  }
  static nonRetryable(message?: string, type?: string, ...details: unknown[]): ApplicationFailure {
    return new ApplicationFailure(message, type ?? 'Error', true, details);
  }
  static fromError(error: unknown, o: ApplicationFailureOptions = {}): ApplicationFailure {
    if (error instanceof ApplicationFailure) return error;
    const e = error instanceof Error ? error : new Error(String(error));
    return new ApplicationFailure(o.message ?? e.message, o.type ?? e.name, o.nonRetryable ?? false, o.details, o.cause);
  }
}

/** The scope or the workflow was cancelled. */
export class CancelledFailure extends TemporalFailure {
  readonly details: unknown[];
  constructor(message?: string, details: unknown[] = [], cause?: Error) {
    super(message ?? 'cancelled', cause);
    this.details = details;
  }
}

/** A timeout (activity start-to-close, schedule-to-close, heartbeat). */
export class TimeoutFailure extends TemporalFailure {
  readonly timeoutType: string;
  constructor(message: string | undefined, readonly lastHeartbeatDetails: unknown, timeoutType: string) {
    super(message ?? `timeout ${timeoutType}`);
    this.timeoutType = timeoutType;
  }
}

/** A failure raised by the Temporal service (Temporal's `ServerFailure`); workflow code may throw one to fail the run. */
export class ServerFailure extends TemporalFailure {
  constructor(message: string | undefined, readonly nonRetryable: boolean, cause?: Error) {
    super(message, cause);
  }
}

/** The workflow was terminated. */
export class TerminatedFailure extends TemporalFailure {
  constructor(message?: string, cause?: Error) {
    super(message, cause);
  }
}

/**
 * An activity failed, timed out or was cancelled; the reason is `cause`. Temporal's SDK 1.24
 * signature: `retryState` is Temporal's `RetryState` name (`MAXIMUM_ATTEMPTS_REACHED`, …, without
 * the proto prefix), `identity` the worker that reported the outcome ('' when none did).
 */
export class ActivityFailure extends TemporalFailure {
  constructor(message: string | undefined, readonly activityType: string, readonly activityId: string | undefined, readonly retryState: string | undefined, readonly identity: string | undefined, cause?: Error) {
    super(message, cause);
  }
}

/**
 * A child workflow failed, timed out, was cancelled or terminated; the reason is `cause`.
 * Temporal's SDK 1.24 signature: `execution` is the child's `{workflowId, runId}`, `retryState`
 * Temporal's `RetryState` name.
 */
export class ChildWorkflowFailure extends TemporalFailure {
  constructor(readonly namespace: string | undefined, readonly execution: { workflowId: string; runId?: string }, readonly workflowType: string, readonly retryState: string | undefined, cause?: Error) {
    super('Child Workflow execution failed', cause);
  }
}

/** Temporal's `RetryState` name of a proto retry state (`RETRY_STATE_TIMEOUT` → `TIMEOUT`); undefined for none or unspecified. */
export function decodeRetryState(s: string | undefined): string | undefined {
  if (s === undefined || s === '' || s === 'RETRY_STATE_UNSPECIFIED') return undefined;
  return s.startsWith('RETRY_STATE_') ? s.slice('RETRY_STATE_'.length) : s;
}

/** The proto retry state of a `RetryState` name (`TIMEOUT` → `RETRY_STATE_TIMEOUT`); undefined for none. */
export function encodeRetryState(s: unknown): string | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  return s.startsWith('RETRY_STATE_') ? s : `RETRY_STATE_${s}`;
}

/** The message of the innermost cause of `err` (Temporal's `rootCause`); undefined for a non-error. */
export function rootCause(err: unknown): string | undefined {
  let e = err as { message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e !== undefined && e !== null && typeof e === 'object' && depth < 32; depth++) {
    const c = e.cause as { message?: unknown; cause?: unknown } | undefined;
    if (c === undefined || c === null || typeof c !== 'object') return typeof e.message === 'string' ? e.message : undefined;
    e = c;
  }
  return typeof err === 'string' ? err : undefined;
}

/** True for a cancellation, directly or as the cause of an activity or child failure. */
export function isCancellation(err: unknown): boolean {
  const e = err as { name?: string; cause?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'CancelledFailure') return true;
  return (e.name === 'ActivityFailure' || e.name === 'ChildWorkflowFailure') && isCancellation(e.cause);
}

/**
 * The engine's own source directory as stack frames spell it (with `/` separators and a trailing
 * one): the grandparent of this module's file, read from this module's own frame — so it is right
 * in the host (a `file:` URL) and in the workflow sandbox (a path), wherever the engine is installed.
 */
const engineDir = ((): string | undefined => {
  const m = /\(?((?:file:\/\/)?[^()\s]+):\d+:\d+\)?\s*$/.exec(new Error().stack?.split('\n')[1] ?? '');
  if (!m) return undefined;
  const file = m[1].replace(/\\/g, '/').replace(/^file:\/\//, '');
  const workflowDir = file.slice(0, file.lastIndexOf('/'));
  return workflowDir.slice(0, workflowDir.lastIndexOf('/') + 1) || undefined;
})();

/**
 * A stack trace without the engine's frames: those in the engine's files, in the sandbox's glue
 * (`evalmachine`, `node:vm`, the watchdog) and, below the first of them, Node's own frames (the
 * engine's callers: timers, the event loop). The header and every frame of user code stay.
 * Recorded failures keep only this, so that a history does not change when the engine's files
 * or install path do; the frames are there to find the user's code.
 */
export function userStack(stack: string | undefined): string | undefined {
  if (stack === undefined || engineDir === undefined) return stack;
  const lines = stack.split('\n');
  const kept: string[] = [];
  let belowEngine = false;
  for (const line of lines) {
    if (!/^\s+at /.test(line)) {
      kept.push(line);
      continue;
    }
    if (line.replace(/\\/g, '/').includes(engineDir) || /evalmachine\.<anonymous>|\(node:vm:|wfverify-watchdog/.test(line)) belowEngine = true;
    else if (!(belowEngine && /[( ]node:/.test(line))) kept.push(line);
  }
  return kept.length === lines.length ? stack : kept.join('\n');
}

/** Converts any thrown value to the recorded failure shape (works across realms); see {@link userStack}. */
export function errorToFailure(err: unknown): FailureInfo {
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as Record<string, unknown>;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const stack = typeof e.stack === 'string' ? userStack(e.stack) : undefined;
  const cause = e.cause !== undefined && e.cause !== null ? errorToFailure(e.cause) : undefined;
  switch (failureClass(err)) {
    case 'CancelledFailure':
      return { kind: 'cancelled', message, details: (e.details as unknown[]) ?? [], stack };
    case 'TimeoutFailure':
      return { kind: 'timeout', message, timeoutType: String(e.timeoutType), stack };
    case 'TerminatedFailure':
      return { kind: 'terminated', message, stack };
    case 'ActivityFailure': {
      const retryState = encodeRetryState(e.retryState);
      return {
        kind: 'activity', message, type: String(e.activityType), ...(typeof e.activityId === 'string' ? { activityId: e.activityId } : {}),
        ...(typeof e.identity === 'string' ? { identity: e.identity } : {}), ...(retryState !== undefined ? { retryState } : {}), cause, stack,
      };
    }
    case 'ChildWorkflowFailure': {
      const retryState = encodeRetryState(e.retryState);
      const x = e.execution as { workflowId?: unknown; runId?: unknown } | undefined;
      return {
        kind: 'child', message, type: String(e.workflowType), ...(typeof x?.workflowId === 'string' ? { workflowId: x.workflowId } : {}),
        ...(typeof x?.runId === 'string' ? { runId: x.runId } : {}), ...(retryState !== undefined ? { retryState } : {}), cause, stack,
      };
    }
    case 'ServerFailure':
      return { kind: 'server', message, nonRetryable: Boolean(e.nonRetryable), cause, stack };
    case 'ApplicationFailure':
      return { kind: 'application', message, type: (e.type as string) ?? 'Error', nonRetryable: Boolean(e.nonRetryable), details: (e.details as unknown[]) ?? [], cause, stack };
    default:
      // any other error, and a bare TemporalFailure (which Temporal records without failure info), as an application failure of its name
      return { kind: 'application', message, type: typeof e.name === 'string' ? e.name : 'Error', nonRetryable: false, details: [], cause, stack };
  }
}

/** The failure classes, base class last. */
const FAILURE_CLASSES: ReadonlySet<string> = new Set([
  'ApplicationFailure', 'ActivityFailure', 'ChildWorkflowFailure', 'CancelledFailure', 'TimeoutFailure', 'TerminatedFailure', 'ServerFailure', 'TemporalFailure',
]);
const { getPrototypeOf, hasOwn } = Object;

/**
 * The failure class `err` belongs to: its `name` if that is one, else the nearest class on its
 * prototype chain that is one (so subclasses count, in either realm); undefined for any other
 * value. An error of a failure class fails the workflow (or the update) rather than the task.
 */
export function failureClass(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const n = (err as { name?: unknown }).name;
  if (typeof n === 'string' && FAILURE_CLASSES.has(n)) return n;
  let p = getPrototypeOf(err) as object | null;
  for (let depth = 0; p !== null && depth < 32; depth++, p = getPrototypeOf(p) as object | null) {
    const c = hasOwn(p, 'constructor') ? (p as { constructor: unknown }).constructor : undefined;
    if (typeof c === 'function' && FAILURE_CLASSES.has(c.name)) return c.name;
  }
  return undefined;
}

/** Rebuilds an error object from a recorded failure (inside the workflow sandbox). */
export function failureToError(f: FailureInfo): Error {
  const cause = f.cause ? failureToError(f.cause) : undefined;
  let err: Error;
  switch (f.kind) {
    case 'cancelled': err = new CancelledFailure(f.message, [...(f.details ?? [])], cause); break;
    case 'timeout': err = new TimeoutFailure(f.message, f.details?.[0], f.timeoutType ?? 'START_TO_CLOSE'); break;
    case 'terminated': err = new TerminatedFailure(f.message, cause); break;
    // absent fields read as Temporal's SDK reads a failure without them (proto defaults: '')
    case 'activity': err = new ActivityFailure(f.message, f.type ?? '', f.activityId ?? '', decodeRetryState(f.retryState), f.identity ?? '', cause); break;
    case 'child': err = new ChildWorkflowFailure(f.workflowId === undefined ? '' : 'default', { workflowId: f.workflowId ?? '', runId: f.runId ?? '' }, f.type ?? '', decodeRetryState(f.retryState), cause); break;
    case 'application': err = new ApplicationFailure(f.message, f.type, f.nonRetryable ?? false, [...(f.details ?? [])], cause); break;
    case 'server': err = new ServerFailure(f.message, f.nonRetryable ?? false, cause); break;
  }
  if (f.stack) err.stack = f.stack;
  return err;
}

/**
 * A child workflow that could not start because its workflow id is taken — by an open run, or
 * by a closed one its `workflowIdReusePolicy` excludes (Temporal's error of the same name).
 */
export class WorkflowExecutionAlreadyStartedError extends Error {
  constructor(message: string, readonly workflowId: string, readonly workflowType: string) {
    super(message);
  }
}

errorName(TemporalFailure, 'TemporalFailure');
errorName(ApplicationFailure, 'ApplicationFailure');
errorName(CancelledFailure, 'CancelledFailure');
errorName(TimeoutFailure, 'TimeoutFailure');
errorName(ServerFailure, 'ServerFailure');
errorName(TerminatedFailure, 'TerminatedFailure');
errorName(ActivityFailure, 'ActivityFailure');
errorName(ChildWorkflowFailure, 'ChildWorkflowFailure');
errorName(WorkflowExecutionAlreadyStartedError, 'WorkflowExecutionAlreadyStartedError');

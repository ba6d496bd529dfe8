/**
 * Errors of `@temporalio/workflow` and `@temporalio/common` that are not failures: thrown by
 * workflow code (or by the runtime), they fail the *workflow task*, not the workflow — as any
 * error that is not a `TemporalFailure` does (see ./failures.ts). Names and constructor
 * signatures are Temporal's, so workflow code that creates, throws or tests them runs unchanged.
 */
import { errorName } from './error-name.js';

/** Base class of the workflow errors (Temporal's `WorkflowError`). */
export class WorkflowError extends Error {
  constructor(message?: string) {
    super(message);
  }
}

/** Workflow code did something nondeterministic (Temporal's `DeterminismViolationError`). */
export class DeterminismViolationError extends WorkflowError {
  constructor(message?: string) {
    super(message);
  }
}

/** A value code could not handle (Temporal's `ValueError`). */
export class ValueError extends Error {
  override readonly cause: unknown;
  constructor(message?: string, cause?: unknown) {
    super(message ?? undefined);
    this.cause = cause;
  }
}

/** A payload could not be converted (Temporal's `PayloadConverterError`). */
export class PayloadConverterError extends ValueError {
  constructor(message?: string, cause?: unknown) {
    super(message, cause);
  }
}

/** An operation in a state that does not allow it (Temporal's `IllegalStateError`). */
export class IllegalStateError extends Error {
  constructor(message?: string) {
    super(message);
  }
}

/** No workflow with this id (and run id) is known (Temporal's `WorkflowNotFoundError`). */
export class WorkflowNotFoundError extends Error {
  constructor(message: string, readonly workflowId: string, readonly runId: string | undefined) {
    super(message);
  }
}

/** The namespace is not known (Temporal's `NamespaceNotFoundError`; the engine has one namespace, `default`). */
export class NamespaceNotFoundError extends Error {
  constructor(readonly namespace: string) {
    super(`Namespace not found: '${namespace}'`);
  }
}

errorName(WorkflowError, 'WorkflowError');
errorName(DeterminismViolationError, 'DeterminismViolationError');
errorName(ValueError, 'ValueError');
errorName(PayloadConverterError, 'PayloadConverterError');
errorName(IllegalStateError, 'IllegalStateError');
errorName(WorkflowNotFoundError, 'WorkflowNotFoundError');
errorName(NamespaceNotFoundError, 'NamespaceNotFoundError');

/**
 * The engine's own error taxonomy. `src/engine` imports nothing else from `src/`, so it cannot
 * reuse the verifier's `WfvError`; these classes mirror its shape (`code`, `message`, `exitCode`)
 * so the CLI can print them the same way. Codes are permanent once published.
 *
 * - {@link EngineInputError}: the user's input is wrong (unknown workflow, bad JSON, bad file). Exit 2.
 * - {@link EngineStoreError}: the database cannot be used (corrupt, locked, newer format). Exit 2.
 * - {@link NondeterminismError}: workflow code no longer matches its recorded history. Exit 1.
 * - {@link WorkflowTaskError}: workflow code threw a non-failure error or ran too long. Exit 1.
 * - {@link EngineInternalError}: an invariant of the engine broke ("please report"). Exit 70.
 */

/** Every engine error code with a one-line title. */
export const ENGINE_ERROR_CATALOG = {
  WFE1001: 'unknown workflow type',
  WFE1002: 'invalid JSON input',
  WFE1003: 'workflow module cannot be loaded',
  WFE1004: 'unknown workflow execution',
  WFE1005: 'workflow execution already exists',
  WFE1006: 'unknown signal, query or update',
  WFE1007: 'invalid activity or workflow options',
  WFE1008: 'invalid history file',
  WFE1009: 'workflow execution is closed',
  WFE1010: 'no worker is running on the database',
  WFE2001: 'database file is not a wfverify engine database or is corrupt',
  WFE2002: 'database is locked by another process',
  WFE2003: 'database was written by a newer engine format',
  WFE3001: 'nondeterministic workflow code',
  WFE3002: 'workflow task failed',
  WFE3003: 'workflow task exceeded the deadlock timeout',
  WFE3004: 'workflow is open but nothing can advance it',
  WFE3005: 'update did not complete',
  WFE7000: 'internal engine error',
} as const;
export type EngineErrorCode = keyof typeof ENGINE_ERROR_CATALOG;

/** Base class of all engine errors: a stable code, a message and the process exit code. */
export class EngineError extends Error {
  readonly code: EngineErrorCode;
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(code: EngineErrorCode, message: string, exitCode: number, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.hint = opts.hint;
  }

  /** `WFE1001: message (hint)` — the form printed by the CLI after `wfverify: error `. */
  describe(): string {
    return `${this.code}: ${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

/** Bad user input: unknown names, malformed JSON, unreadable modules. Exit code 2. */
export class EngineInputError extends EngineError {
  constructor(code: EngineErrorCode, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(code, message, 2, opts);
  }
}

/** The database cannot be opened or used. Nothing already committed is touched. Exit code 2. */
export class EngineStoreError extends EngineError {
  constructor(code: EngineErrorCode, message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(code, message, 2, opts);
  }
}

/**
 * Replaying workflow code produced a command that differs from the recorded history.
 * `source` is `file:line` of the diverging call in the current code when known.
 */
export class NondeterminismError extends EngineError {
  readonly source: string | undefined;
  constructor(message: string, source?: string) {
    super('WFE3001', source ? `${message} (at ${source})` : message, 1, {
      hint: 'the workflow code changed incompatibly; guard the change with patched() or start a new execution',
    });
    this.source = source;
  }
}

/** Workflow code threw a non-`ApplicationFailure` error or looped; the execution stays open. Exit 1. */
export class WorkflowTaskError extends EngineError {
  constructor(code: 'WFE3002' | 'WFE3003', message: string, cause?: unknown) {
    super(code, message, 1, { cause, hint: 'the execution stays open; fix the code and resume it with `wfverify worker`' });
  }
}

/** An engine invariant broke: a bug in wfverify. Exit code 70. */
export class EngineInternalError extends EngineError {
  constructor(message: string, cause?: unknown) {
    super('WFE7000', `${message} (please report)`, 70, { cause });
  }
}

/** An error of workflow code or of the engine's handling of it, as the engine reports it (WFE3002 unless already an engine error). */
export function asTaskError(err: unknown): EngineError {
  return err instanceof EngineError ? err : new WorkflowTaskError('WFE3002', (err as Error).message, err);
}

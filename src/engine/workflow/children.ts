/**
 * Composition: child workflows (`startChild`, `executeChild`), `continueAsNew`, and handles to
 * external workflows (signal, cancel). Child workflow ids default to a deterministic `uuid4()`.
 */
import { CancellationScope } from './cancellation.js';
import { ChildWorkflowFailure, failureToError } from './failures.js';
import { getActivator, pushCommand } from './internals.js';
import type { SignalDefinition } from './messages.js';
import { uuid4 } from './misc.js';

type WorkflowFn = (...args: any[]) => Promise<any>;

export interface ChildWorkflowOptions<Args extends unknown[] = unknown[]> {
  args?: Args;
  workflowId?: string;
  taskQueue?: string;
  [other: string]: unknown;
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
  const scope = CancellationScope.current();
  if (scope.consideredCancelled) await scope.cancelRequested;
  const seq = ++a.seq.child;
  const workflowId = options.workflowId ?? uuid4();
  const wfType = typeName(workflowType);
  const resultPromise = new Promise<Awaited<ReturnType<T>>>((resolve, reject) => {
    a.childResults.set(seq, { resolve: resolve as (v: unknown) => void, reject });
  });
  resultPromise.catch(() => undefined);
  const runId = await new Promise<string>((resolve, reject) => {
    if (scope.cancellable) {
      scope.cancelRequested.catch((err) => {
        if (a.childStarts.has(seq)) {
          a.childStarts.delete(seq);
          a.childResults.delete(seq);
          reject(err);
          return;
        }
        if (a.childResults.has(seq)) pushCommand(a, { type: 'requestCancelExternal', seq: ++a.seq.cancelExt, workflowId, childOnly: true });
      });
    }
    a.childStarts.set(seq, { resolve: resolve as (v: unknown) => void, reject });
    pushCommand(a, { type: 'startChild', seq, workflowId, workflowType: wfType, args: options.args ?? [], taskQueue: options.taskQueue });
  });
  return {
    workflowId,
    firstExecutionRunId: runId,
    result: () => resultPromise,
    signal: (def, ...args) => signalExternal(workflowId, typeof def === 'string' ? def : def.name, args),
  };
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
  if (failure) c.reject(failure.kind === 'child' ? failureToError(failure) : new ChildWorkflowFailure('', '', failureToError(failure)));
  else c.resolve(result);
}

/** Signals another workflow execution. */
export function signalExternal(workflowId: string, signalName: string, args: unknown[]): Promise<void> {
  const a = getActivator();
  const seq = ++a.seq.signalExt;
  return new Promise<void>((resolve, reject) => {
    a.signalsExt.set(seq, { resolve: () => resolve(), reject });
    pushCommand(a, { type: 'signalExternal', seq, workflowId, signalName, args });
  });
}

/** A handle to another workflow by id. */
export function getExternalWorkflowHandle(workflowId: string): {
  workflowId: string;
  signal<Args extends any[]>(def: SignalDefinition<Args> | string, ...args: Args): Promise<void>;
  cancel(): Promise<void>;
} {
  return {
    workflowId,
    signal: (def, ...args) => signalExternal(workflowId, typeof def === 'string' ? def : def.name, args),
    cancel: () => {
      const a = getActivator();
      const seq = ++a.seq.cancelExt;
      return new Promise<void>((resolve, reject) => {
        a.cancelsExt.set(seq, { resolve: () => resolve(), reject });
        pushCommand(a, { type: 'requestCancelExternal', seq, workflowId, childOnly: false });
      });
    },
  };
}

/** Thrown by `continueAsNew`; the run closes and a new run of the same workflow id starts. */
export class ContinueAsNew extends Error {
  constructor(readonly workflowType: string, readonly args: unknown[], readonly taskQueue?: string) {
    super('Workflow continued as new');
    this.name = 'ContinueAsNew';
  }
}

export interface ContinueAsNewOptions {
  workflowType?: string;
  taskQueue?: string;
}

/** Returns a function that continues as new with the given options. */
export function makeContinueAsNewFunc<F extends WorkflowFn>(options: ContinueAsNewOptions = {}): (...args: Parameters<F>) => Promise<never> {
  return (...args) => {
    const a = getActivator();
    return Promise.reject(new ContinueAsNew(options.workflowType ?? a.info.workflowType, args, options.taskQueue));
  };
}

/** Closes this run and starts a new run of the same workflow with `args`. Never returns. */
export function continueAsNew<F extends WorkflowFn>(...args: Parameters<F>): Promise<never> {
  return makeContinueAsNewFunc<F>()(...args);
}


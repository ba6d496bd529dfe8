/**
 * Messages: signals (fire-and-forget, recorded in history), queries (read-only, never recorded)
 * and updates (recorded when accepted and when completed). Definitions and `setHandler` follow
 * Temporal. A signal that arrives before its handler is registered is buffered and delivered,
 * in arrival order, when `setHandler` registers it.
 */
import { contextStorage } from './context-storage.js';
import { executionFailure } from './definition-options.js';
import { errorToFailure, failureClass } from './failures.js';
import { type Activator, type AnyHandler, checkOptions, getActivator, pushCommand } from './internals.js';

export interface SignalDefinition<Args extends any[] = [], Name extends string = string> {
  type: 'signal';
  name: Name;
  /** type-level only */
  __args?: Args;
}
export interface QueryDefinition<Ret, Args extends any[] = [], Name extends string = string> {
  type: 'query';
  name: Name;
  __args?: Args;
  __ret?: Ret;
}
export interface UpdateDefinition<Ret, Args extends any[] = [], Name extends string = string> {
  type: 'update';
  name: Name;
  __args?: Args;
  __ret?: Ret;
}

export function defineSignal<Args extends any[] = [], Name extends string = string>(name: Name): SignalDefinition<Args, Name> {
  return { type: 'signal', name };
}
export function defineQuery<Ret, Args extends any[] = [], Name extends string = string>(name: Name): QueryDefinition<Ret, Args, Name> {
  return { type: 'query', name };
}
export function defineUpdate<Ret, Args extends any[] = [], Name extends string = string>(name: Name): UpdateDefinition<Ret, Args, Name> {
  return { type: 'update', name };
}

/** Options of a signal or query handler: its description (reported by the workflow metadata query). */
export interface HandlerOptions {
  description?: string;
}

export interface UpdateHandlerOptions<Args extends any[]> extends HandlerOptions {
  validator?: (...args: Args) => void;
}

export function setHandler<Args extends any[]>(def: SignalDefinition<Args>, handler: ((...args: Args) => void | Promise<void>) | undefined, options?: HandlerOptions): void;
export function setHandler<Ret, Args extends any[]>(def: QueryDefinition<Ret, Args>, handler: ((...args: Args) => Ret) | undefined, options?: HandlerOptions): void;
export function setHandler<Ret, Args extends any[]>(def: UpdateDefinition<Ret, Args>, handler: ((...args: Args) => Ret | Promise<Ret>) | undefined, options?: UpdateHandlerOptions<Args>): void;
export function setHandler(
  def: SignalDefinition<any> | QueryDefinition<any, any> | UpdateDefinition<any, any>,
  handler: AnyHandler | undefined,
  options?: UpdateHandlerOptions<any>,
): void {
  const a = getActivator();
  checkOptions(`${def.type} handler`, options, def.type === 'update' ? ['validator', 'description'] : ['description'], []);
  if (def.name.startsWith('__temporal_') || def.name === stackTraceQuery.name || def.name === enhancedStackTraceQuery.name) {
    throw new TypeError(`${def.type} name "${def.name}" is reserved: names starting with __temporal_ and the stack trace queries belong to the runtime`);
  }
  describeHandler(a, def.type, def.name, handler === undefined ? undefined : options?.description);
  if (def.type === 'signal') {
    if (handler === undefined) {
      a.signalHandlers.delete(def.name);
      return;
    }
    a.signalHandlers.set(def.name, handler);
    const pending = a.bufferedSignals;
    a.bufferedSignals = [];
    for (const s of pending) {
      if (s.name === def.name) invokeSignal(handler, s.args);
      else a.bufferedSignals.push(s);
    }
  } else if (def.type === 'query') {
    if (handler === undefined) a.queryHandlers.delete(def.name);
    else a.queryHandlers.set(def.name, handler);
  } else if (handler === undefined) {
    a.updateHandlers.delete(def.name);
  } else {
    a.updateHandlers.set(def.name, { handler, validator: options?.validator });
    dispatchBufferedUpdates(a);
  }
}

/** Handles signals that have no specific handler. */
export function setDefaultSignalHandler(handler: ((signalName: string, ...args: unknown[]) => void | Promise<void>) | undefined): void {
  const a = getActivator();
  a.defaultSignalHandler = handler;
  if (!handler) return;
  const pending = a.bufferedSignals;
  a.bufferedSignals = [];
  for (const s of pending) invokeSignal(handler, [s.name, ...s.args]);
}

/** Answers queries that have no specific handler: `handler(queryName, ...args)` (Temporal's `setDefaultQueryHandler`). */
export function setDefaultQueryHandler(handler: ((queryName: string, ...args: any[]) => unknown) | undefined): void {
  getActivator().defaultQueryHandler = handler;
}

/** Handles updates that have no specific handler: `handler(updateName, ...args)` (Temporal's `setDefaultUpdateHandler`). */
export function setDefaultUpdateHandler(handler: ((updateName: string, ...args: any[]) => unknown) | undefined): void {
  const a = getActivator();
  a.defaultUpdateHandler = handler === undefined ? undefined : { handler };
  if (handler !== undefined) dispatchBufferedUpdates(a);
}

function invokeSignal(handler: AnyHandler, args: unknown[]): void {
  const a = getActivator();
  const onError = (err: unknown): void => failFromHandler(err);
  try {
    const r = handler(...args) as unknown;
    if (r && typeof (r as Promise<unknown>).then === 'function') {
      a.handlersRunning++; // an async handler runs until its promise settles
      (r as Promise<unknown>).then(() => { a.handlersRunning--; }, (err) => { a.handlersRunning--; onError(err); });
    }
  } catch (err) {
    onError(err);
  }
}

/**
 * True when no signal or update handler is running (Temporal's `allHandlersFinished`): a workflow
 * that must not complete while handlers are mid-way awaits `condition(allHandlersFinished)`.
 */
export function allHandlersFinished(): boolean {
  return getActivator().handlersRunning === 0;
}

/**
 * An error escaping a handler: a failure (or an error of the workflow's `failureExceptionTypes`)
 * fails the workflow, anything else the workflow task.
 */
function failFromHandler(err: unknown): void {
  const a = getActivator();
  const failure = executionFailure(a, err);
  if (failure !== undefined) {
    pushCommand(a, { type: 'failWorkflow', failure });
    a.done = true;
  } else if (a.taskFailure === undefined) a.taskFailure = err;
}

/** Delivers a signal (host → workflow). */
export function deliverSignal(name: string, args: unknown[]): void {
  const a = getActivator();
  const h = a.signalHandlers.get(name);
  if (h) invokeSignal(h, args);
  else if (a.defaultSignalHandler) invokeSignal(a.defaultSignalHandler, [name, ...args]);
  else a.bufferedSignals.push({ name, args });
}

/** Records (or, with `undefined`, forgets) the description of a handler, for the metadata query. */
function describeHandler(a: Activator, kind: 'signal' | 'query' | 'update', name: string, description: string | undefined): void {
  if (description === undefined) a.handlerDescriptions?.delete(`${kind}:${name}`);
  else (a.handlerDescriptions ??= new Map()).set(`${kind}:${name}`, description);
}

/** Temporal's built-in query: the workflow's type, its handlers (with descriptions) and its current details. */
export const workflowMetadataQuery: QueryDefinition<WorkflowMetadata> = defineQuery('__temporal_workflow_metadata');
/** Temporal's stack trace queries: the engine does not trace promises, so querying them fails with an explanation. */
export const stackTraceQuery: QueryDefinition<string> = defineQuery('__stack_trace');
export const enhancedStackTraceQuery: QueryDefinition<unknown> = defineQuery('__enhanced_stack_trace');

/** What {@link workflowMetadataQuery} returns (Temporal's `temporal.api.sdk.v1.WorkflowMetadata`). */
export interface WorkflowMetadata {
  definition: {
    type: string;
    queryDefinitions: { name: string; description?: string }[];
    signalDefinitions: { name: string; description?: string }[];
    updateDefinitions: { name: string; description?: string }[];
  };
  currentDetails: string;
}

function metadata(a: Activator): WorkflowMetadata {
  const list = (kind: string, names: Iterable<string>): { name: string; description?: string }[] =>
    [...names].map((name) => {
      const description = a.handlerDescriptions?.get(`${kind}:${name}`);
      return description === undefined ? { name } : { name, description };
    });
  return {
    definition: {
      type: a.info.workflowType,
      // the metadata query itself is listed, as the SDK lists its built-in queries
      queryDefinitions: [{ name: workflowMetadataQuery.name, description: 'Returns metadata associated with this workflow.' }, ...list('query', a.queryHandlers.keys())],
      signalDefinitions: list('signal', a.signalHandlers.keys()),
      updateDefinitions: list('update', a.updateHandlers.keys()),
    },
    currentDetails: a.currentDetails,
  };
}

/** Runs a query handler (host → workflow); throws for an unknown query. */
export function runQuery(name: string, args: unknown[]): unknown {
  const a = getActivator();
  if (name === workflowMetadataQuery.name) return metadata(a);
  if (name === stackTraceQuery.name || name === enhancedStackTraceQuery.name) {
    throw new Error(`query "${name}" is not available on the wfverify engine: it does not trace the promises of workflow code (inspect the run with \`wfverify describe\` and its history instead)`);
  }
  const h = a.queryHandlers.get(name);
  // reserved names never reach the default handler (as in Temporal's SDK)
  if (!h && a.defaultQueryHandler && !name.startsWith('__temporal_')) return a.defaultQueryHandler(name, ...args);
  if (!h) {
    const known = [...a.queryHandlers.keys()].join(', ') || 'none';
    throw new Error(`unknown query "${name}" (known queries: ${known})`);
  }
  return h(...args);
}

/** The update a handler runs for (Temporal's `UpdateInfo`). */
export interface UpdateInfo {
  readonly id: string;
  readonly name: string;
}

/** The host's store of the current update (./context-storage.ts). */
const updates = contextStorage<UpdateInfo>('updateStorage');

/**
 * The update whose handler (or validator) is running, through all its awaits; undefined outside
 * update handlers (Temporal's `currentUpdateInfo`).
 */
export function currentUpdateInfo(): UpdateInfo | undefined {
  getActivator();
  return updates().getStore();
}

/**
 * Delivers an update (host → workflow), as Temporal's SDK does: with no handler for it (nor a
 * default handler) it waits in a buffer until `setHandler` / `setDefaultUpdateHandler` registers
 * one in this activation, and is rejected when the activation ends ({@link rejectBufferedUpdates});
 * otherwise the validator runs (only when not replaying; any error rejects the update), the
 * update is accepted and the handler starts at once — its synchronous part runs before the next
 * job. Its result completes the update; a failure (`TemporalFailure`) completes it as failed;
 * any other error fails the workflow task. The validator and the handler run with the update as
 * {@link currentUpdateInfo}.
 */
export function deliverUpdate(updateId: string, name: string, args: unknown[], replaying: boolean): void {
  updates().run({ id: updateId, name }, () => runUpdate(updateId, name, args, replaying));
}

function runUpdate(updateId: string, name: string, args: unknown[], replaying: boolean): void {
  const a = getActivator();
  const own = a.updateHandlers.get(name);
  const d = a.defaultUpdateHandler;
  if (own === undefined && d !== undefined && name.startsWith('__temporal_')) {
    throw new TypeError(`Cannot use update name: '${name}', with reserved prefix: '__temporal_'`);
  }
  // the default handler takes the update's name first
  const h = own ?? (d === undefined ? undefined : { handler: (...xs: unknown[]) => d.handler(name, ...xs), validator: undefined });
  if (!h) {
    (a.bufferedUpdates ??= []).push({ updateId, name, args, replaying });
    return;
  }
  if (!replaying && h.validator) {
    try {
      h.validator(...args);
    } catch (err) {
      pushCommand(a, { type: 'completeUpdate', updateId, failure: errorToFailure(err) });
      return;
    }
  }
  pushCommand(a, { type: 'acceptUpdate', updateId, name, args });
  a.handlersRunning++;
  // the SDK's promise chain, step for step: the commands of concurrent code interleave as on Temporal
  callHandler(h.handler, args)
    .then((result) => { pushCommand(a, { type: 'completeUpdate', updateId, result }); })
    .catch((err: unknown) => {
      // a failure fails the update; an error of the workflow's failureExceptionTypes, the workflow (as Temporal's SDK does)
      if (failureClass(err) !== undefined) pushCommand(a, { type: 'completeUpdate', updateId, failure: errorToFailure(err) });
      else failFromHandler(err);
    })
    .finally(() => { a.handlersRunning--; });
}

/** Runs an update handler as an `async` step (a synchronous throw becomes a rejection). */
async function callHandler(handler: AnyHandler, args: unknown[]): Promise<unknown> {
  return await handler(...args);
}

/** Delivers the buffered updates that now have a handler (after `setHandler` or `setDefaultUpdateHandler`). */
function dispatchBufferedUpdates(a: Activator): void {
  const buffered = a.bufferedUpdates;
  if (buffered === undefined) return;
  for (let i = 0; i < buffered.length;) {
    const u = buffered[i];
    if (a.defaultUpdateHandler === undefined && !a.updateHandlers.has(u.name)) { i++; continue; }
    buffered.splice(i, 1);
    deliverUpdate(u.updateId, u.name, u.args, u.replaying);
  }
}

/** Rejects the updates still waiting for a handler (the host calls this when an activation ends). */
export function rejectBufferedUpdates(a: Activator): void {
  const buffered = a.bufferedUpdates;
  if (buffered === undefined || buffered.length === 0) return;
  a.bufferedUpdates = undefined;
  for (const u of buffered) {
    pushCommand(a, { type: 'completeUpdate', updateId: u.updateId, failure: { kind: 'application', message: `No registered handler for update: ${u.name}`, type: 'Error', nonRetryable: true } });
  }
}

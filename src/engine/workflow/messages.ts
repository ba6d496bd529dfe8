/**
 * Messages: signals (fire-and-forget, recorded in history), queries (read-only, never recorded)
 * and updates (recorded when accepted and when completed). Definitions and `setHandler` follow
 * Temporal. A signal that arrives before its handler is registered is buffered and delivered,
 * in arrival order, when `setHandler` registers it.
 */
import { errorToFailure } from './failures.js';
import { type AnyHandler, getActivator, pushCommand } from './internals.js';

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

export interface UpdateHandlerOptions<Args extends any[]> {
  validator?: (...args: Args) => void;
  description?: string;
}

export function setHandler<Args extends any[]>(def: SignalDefinition<Args>, handler: ((...args: Args) => void | Promise<void>) | undefined): void;
export function setHandler<Ret, Args extends any[]>(def: QueryDefinition<Ret, Args>, handler: ((...args: Args) => Ret) | undefined): void;
export function setHandler<Ret, Args extends any[]>(def: UpdateDefinition<Ret, Args>, handler: ((...args: Args) => Ret | Promise<Ret>) | undefined, options?: UpdateHandlerOptions<Args>): void;
export function setHandler(
  def: SignalDefinition<any> | QueryDefinition<any, any> | UpdateDefinition<any, any>,
  handler: AnyHandler | undefined,
  options?: UpdateHandlerOptions<any>,
): void {
  const a = getActivator();
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
  getActivator().defaultUpdateHandler = handler === undefined ? undefined : { handler };
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

/** An error escaping a handler: a failure fails the workflow, anything else the workflow task. */
function failFromHandler(err: unknown): void {
  const a = getActivator();
  const name = (err as { name?: string } | undefined)?.name;
  if (name === 'ApplicationFailure' || name === 'CancelledFailure' || name === 'ActivityFailure' || name === 'ChildWorkflowFailure' || name === 'TimeoutFailure') {
    pushCommand(a, { type: 'failWorkflow', failure: errorToFailure(err) });
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

/** Runs a query handler (host → workflow); throws for an unknown query. */
export function runQuery(name: string, args: unknown[]): unknown {
  const a = getActivator();
  const h = a.queryHandlers.get(name);
  if (!h && a.defaultQueryHandler) return a.defaultQueryHandler(name, ...args);
  if (!h) {
    const known = [...a.queryHandlers.keys()].join(', ') || 'none';
    throw new Error(`unknown query "${name}" (known queries: ${known})`);
  }
  return h(...args);
}

/**
 * Delivers an update (host → workflow): validates (only when not replaying), records acceptance,
 * runs the handler and records its outcome.
 */
export function deliverUpdate(updateId: string, name: string, args: unknown[], replaying: boolean): void {
  const a = getActivator();
  const own = a.updateHandlers.get(name);
  const d = a.defaultUpdateHandler;
  // the default handler takes the update's name first
  const h = own ?? (d === undefined ? undefined : { handler: (...xs: unknown[]) => d.handler(name, ...xs), validator: undefined });
  if (!h) {
    pushCommand(a, { type: 'completeUpdate', updateId, failure: { kind: 'application', message: `unknown update "${name}"`, type: 'UnknownUpdate' } });
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
  Promise.resolve()
    .then(() => h.handler(...args))
    .then(
      (result) => { a.handlersRunning--; pushCommand(a, { type: 'completeUpdate', updateId, result }); },
      (err) => { a.handlersRunning--; pushCommand(a, { type: 'completeUpdate', updateId, failure: errorToFailure(err) }); },
    );
}

/**
 * Versioning and determinism helpers: `patched`, `deprecatePatch`, `uuid4`, `workflowInfo`,
 * `log`, `inWorkflowContext`, `getCurrentDetails` / `setCurrentDetails`.
 *
 * `patched(id)` is true when the code runs for the first time (and records a marker), and on
 * replay only if the history has that marker, exactly like Temporal.
 */
import { TYPED_SEARCH_ATTRIBUTES_REFUSED } from './attributes.js';
import { type WorkflowInfo, getActivator, maybeActivator, pushCommand } from './internals.js';
import { legacyUuid4 } from './legacy-random.js';
import { fillFrom, uuid4From } from './random.js';

/** True if this run should take the new code path guarded by `patchId`. */
export function patched(patchId: string): boolean {
  return patchInternal(patchId, false);
}

/** Marks a patch as deprecated: the old code path is gone; always records the marker. */
export function deprecatePatch(patchId: string): void {
  patchInternal(patchId, true);
}

function patchInternal(patchId: string, deprecated: boolean): boolean {
  const a = getActivator();
  if (a.sentPatches.has(patchId)) return true;
  const use = !a.replaying || a.knownPatches.has(patchId) || deprecated;
  if (use) {
    a.sentPatches.add(patchId);
    pushCommand(a, { type: 'setPatchMarker', patchId, deprecated });
  }
  return use;
}

/** A random UUID v4 from the workflow's deterministic PRNG (the same on every replay, and as on Temporal). */
export function uuid4(): string {
  const a = getActivator();
  return a.legacyRandom ? legacyUuid4(a.rng) : uuid4From(a.rng);
}

/**
 * The prototype of every `workflowInfo()` result: `typedSearchAttributes` (not implemented) throws
 * when read, rather than reading as `undefined`. Not enumerable, so spreading or logging the info
 * does not trip it.
 */
const INFO_PROTO: object = Object.freeze(Object.defineProperty({}, 'typedSearchAttributes', {
  enumerable: false,
  get(): never {
    throw new TypeError(`workflowInfo().typedSearchAttributes: ${TYPED_SEARCH_ATTRIBUTES_REFUSED}; read workflowInfo().searchAttributes`);
  },
}));

/**
 * Facts about the running workflow (a fresh object; see {@link WorkflowInfo}). `historySize` is
 * counted when read (an own enumerable getter): the size before the current task's
 * `WorkflowTaskStarted`, the same whenever the object is read, live and replayed.
 */
export function workflowInfo(): WorkflowInfo {
  const a = getActivator();
  const info = Object.assign(Object.create(INFO_PROTO) as WorkflowInfo, a.info, {
    historyLength: a.historyLength, continueAsNewSuggested: a.continueAsNewSuggested,
    unsafe: { isReplaying: a.replaying, isReplayingHistoryEvents: a.replaying, now: unsafeNow, random: UNSAFE_RANDOM },
  });
  const recorded = a.recordedHistorySize;
  const started = a.taskStartedEventId;
  const count = a.historySizeBefore;
  let size = recorded;
  return Object.defineProperty(info, 'historySize', {
    enumerable: true,
    configurable: true,
    get: () => (size >= 0 ? size : (size = count === undefined ? 0 : count(started))),
  });
}

const host = (globalThis as { __wfv_host?: { unsafeNow?: () => number; unsafeRandom?: () => number } }).__wfv_host;
/** The real clock (the host's; outside the engine, this realm's). */
const unsafeNow: () => number = host?.unsafeNow ?? (() => Date.now());
const realRandom: () => number = host?.unsafeRandom ?? (() => Math.random());
/** A real random source (Temporal's `unsafe.random`); left out of JSON, as the SDK's. */
const UNSAFE_RANDOM: WorkflowInfo['unsafe']['random'] = Object.defineProperty({
  random: realRandom,
  uuid4: () => uuid4From(realRandom),
  fillRandom: (bytes: Uint8Array) => fillFrom(realRandom, bytes),
}, 'toJSON', { value: () => undefined, enumerable: true });

/** What the run is doing, in words, as last set by {@link setCurrentDetails} ('' until then). */
export function getCurrentDetails(): string {
  return getActivator().currentDetails;
}

/**
 * Sets what the run is doing, in words (Temporal's "current details"): reported by the
 * `__temporal_workflow_metadata` query; kept in memory only, like the SDK's (not in history).
 */
export function setCurrentDetails(details: string): void {
  getActivator().currentDetails = details;
}

/** A workflow's type name: the string itself, or a workflow function's name (Temporal's `extractWorkflowType`). */
export function extractWorkflowType(workflowTypeOrFunc: string | ((...args: any[]) => unknown)): string {
  if (typeof workflowTypeOrFunc === 'string') return workflowTypeOrFunc;
  if (typeof workflowTypeOrFunc === 'function') {
    if (!workflowTypeOrFunc.name) throw new TypeError('Invalid workflow type: the workflow function is anonymous');
    return workflowTypeOrFunc.name;
  }
  throw new TypeError(`Invalid workflow type: expected either a string or a function, got '${typeof workflowTypeOrFunc}'`);
}

/** True when called from workflow code. */
export function inWorkflowContext(): boolean {
  return maybeActivator() !== undefined;
}

function logAt(level: string) {
  return (message: string, attrs?: Record<string, unknown>): void => {
    const a = maybeActivator();
    if (a?.replaying) return;
    const sink = (globalThis as { __wfv_host?: { log?: (level: string, msg: string, attrs?: unknown, run?: unknown) => void } }).__wfv_host?.log;
    sink?.(level, message, attrs, a === undefined ? undefined : { workflowId: a.info.workflowId, runId: a.info.runId, workflowType: a.info.workflowType });
  };
}

/** A replay-aware logger: messages logged during replay are dropped. */
export const log = { trace: logAt('TRACE'), debug: logAt('DEBUG'), info: logAt('INFO'), warn: logAt('WARN'), error: logAt('ERROR') };

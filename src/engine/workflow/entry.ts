/**
 * Entry points the host runtime calls inside the sandbox (not part of the public workflow API).
 * One activation = `toSandbox` of the jobs (a direct call: the jobs as values of the sandbox realm), then
 * `activate` (deliver them; one sandbox evaluation, after which the host's `vm` call has drained
 * the microtasks), then — only while `pendingConditions` is non-zero —
 * `unblockConditions` until it returns 0, then `conclude` (collect commands; a direct call).
 */
import type { FailureInfo, MemoMap, RetryPolicyMs, SearchAttributeMap } from '../history/events.js';
import { orderJobs, type Command, type Job } from '../model/commands.js';
import { hasUndefinedArg, jsonClone, jsonCloneArgs } from '../model/json-clone.js';
import { resolveActivity } from './activities.js';
import { startedView } from './attributes.js';
import { CancellationScope, newRootScope } from './cancellation.js';
import { resolveChild, resolveChildStart } from './children.js';
import { executionFailure, readDefinitionOptions } from './definition-options.js';
import { errorToFailure, failureClass, failureToError, isCancellation } from './failures.js';
import { type Activator, type AnyHandler, LazyCollections, type WorkflowInfo, pushCommand, setActivator } from './internals.js';
import { legacyRandom } from './legacy-random.js';
import { alea, streamSeed, temporalSeed } from './random.js';
import { currentRandomSource, runWithRandom } from './random-streams.js';
import { deliverSignal, deliverUpdate, rejectBufferedUpdates, runQuery } from './messages.js';
import { fireTimer, unblockConditions as unblock } from './timers.js';

/** The search attributes of a run that has none (frozen, shared: an upsert replaces it, never writes it). */
const NO_SEARCH_ATTRIBUTES: WorkflowInfo['searchAttributes'] = Object.freeze({});
/** The memo of a run that has none, as Temporal's SDK (1.24) gives it: `{}` (frozen, shared: an upsert replaces it). */
const NO_MEMO: Record<string, unknown> = Object.freeze({});

/** The `unsafe` of a run's stored info (a placeholder, shared: `workflowInfo()` gives the live one). */
const NO_UNSAFE: WorkflowInfo['unsafe'] = Object.freeze({
  isReplaying: false, isReplayingHistoryEvents: false, now: () => 0, random: Object.freeze({ random: () => 0, uuid4: () => '', fillRandom: (b: Uint8Array) => b }),
});

/**
 * The workflow-side state of a run as one class instance: its fields are laid out once by the
 * constructor (rather than added to an object one by one), and the PRNG is seeded on first use
 * (most workflows never draw a random number).
 */
class RunActivator extends LazyCollections implements Activator {
  info: WorkflowInfo;
  workflowFn: AnyHandler;
  now: number;
  replaying = false;
  captureSource = false;
  historyLength = 0;
  continueAsNewSuggested = false;
  taskStartedEventId = 0;
  recordedHistorySize = -1;
  /** false until the first activation, which sets `info.runStartTime` */
  activated = false;
  commands: Command[] = [];
  done = false;
  seq = { activity: 0, timer: 0, child: 0, signalExt: 0, cancelExt: 0, condition: 0 };
  bufferedSignals: { name: string; args: unknown[] }[] = [];
  handlersRunning = 0;
  currentDetails = '';
  rootScope: CancellationScope;
  declare defaultSignalHandler?: AnyHandler;
  declare defaultQueryHandler?: AnyHandler;
  declare defaultUpdateHandler?: { handler: AnyHandler };
  declare handlerDescriptions?: Map<string, string>;
  declare bufferedUpdates?: { updateId: string; name: string; args: unknown[]; replaying: boolean }[];
  declare sinkCalls?: { sink: string; fn: string; args: unknown[] }[];
  declare taskFailure?: unknown;
  declare failureExceptionTypes?: readonly (new (...args: any[]) => Error)[];
  declare failureExceptionTypeNames?: readonly string[];
  declare localActivityRuns?: (activityType: string) => boolean;
  declare historySizeBefore?: (beforeEventId: number) => number;
  #random: (() => number) | undefined;
  readonly #seed: string;

  constructor(info: RunFacts, workflowFn: AnyHandler, seed: string) {
    super();
    const { retryPolicy: r, executionExpirationTime, lastFailure, legacyRandom, failureExceptionTypeNames, localActivityRuns, historySizeBefore, searchAttributes, parent, ...facts } = info;
    this.info = {
      namespace: 'default', originalExecutionRunId: info.runId, historySize: 0, continueAsNewSuggested: false, taskTimeoutMs: 10_000, memo: NO_MEMO,
      ...facts, historyLength: 0, unsafe: NO_UNSAFE,
      // as Temporal's SDK shows them: a start Datetime value as a Date, the parent with its namespace
      searchAttributes: searchAttributes === undefined ? NO_SEARCH_ATTRIBUTES : startedView(searchAttributes),
      parent: parent === undefined ? undefined : { workflowId: parent.workflowId, runId: parent.runId, namespace: 'default' },
      // in the order of Temporal's SDK (`decompileRetryPolicy`), so that its JSON is the same
      retryPolicy: r === undefined ? undefined : { backoffCoefficient: r.backoffCoefficient, maximumAttempts: r.maximumAttempts ?? 0, maximumInterval: r.maximumIntervalMs, initialInterval: r.initialIntervalMs, nonRetryableErrorTypes: r.nonRetryableErrorTypes ?? [] },
      executionExpirationTime: executionExpirationTime === undefined ? undefined : new Date(executionExpirationTime),
      lastFailure: lastFailure === undefined ? undefined : failureToError(lastFailure),
    };
    this.workflowFn = workflowFn;
    this.now = info.startTime.getTime();
    this.#seed = seed;
    this.legacyRandom = legacyRandom === true;
    if (failureExceptionTypeNames !== undefined) this.failureExceptionTypeNames = failureExceptionTypeNames;
    if (localActivityRuns !== undefined) this.localActivityRuns = localActivityRuns;
    if (historySizeBefore !== undefined) this.historySizeBefore = historySizeBefore;
    this.rootScope = newRootScope();
  }

  /** Draws from now on from the generators of `runId`'s seed (Temporal's reset: the new run id's). */
  reseed(runId: string): void {
    this.#seedBytes = temporalSeed(runId);
    this.#random = alea(this.#seedBytes);
    this.#named = undefined;
  }

  /** The run's seed as Temporal gives it (made on first use). */
  #seedOf(): number[] {
    return (this.#seedBytes ??= temporalSeed(this.#seed));
  }

  mainRandom(): number {
    return (this.#random ??= this.legacyRandom ? legacyRandom(this.#seed) : alea(this.#seedOf()))();
  }

  namedRandom(name: string): () => number {
    const named = (this.#named ??= new Map());
    let g = named.get(name);
    if (g === undefined) named.set(name, (g = alea(streamSeed(this.#seedOf(), name))));
    return g;
  }

  withRandom<T>(source: { random(): number }, fn: () => T): T {
    return runWithRandom(source, fn);
  }

  /** The run's current PRNG (a property, not a method: callers may detach it). */
  readonly rng = (): number => {
    const source = currentRandomSource();
    return source !== undefined ? source.random() : this.mainRandom();
  };
  readonly legacyRandom: boolean;
  #seedBytes: number[] | undefined;
  #named: Map<string, () => number> | undefined;
}

/** Creates the workflow-side state of a run. */
/** What the host tells the workflow side about a run (the rest of `WorkflowInfo` is filled in here). */
export type RunFacts = Pick<WorkflowInfo, 'workflowId' | 'runId' | 'workflowType' | 'taskQueue' | 'firstExecutionRunId' | 'continuedFromExecutionRunId' | 'attempt' | 'parent' | 'startTime' | 'runStartTime' | 'runTimeoutMs' | 'executionTimeoutMs' | 'memo'>
  & { searchAttributes?: WorkflowInfo['searchAttributes'] }
  & { retryPolicy?: RetryPolicyMs; executionExpirationTime?: number; cronSchedule?: string; lastResult?: unknown; lastFailure?: FailureInfo; legacyRandom?: boolean; failureExceptionTypeNames?: readonly string[]; localActivityRuns?: (activityType: string) => boolean; historySizeBefore?: (beforeEventId: number) => number };

export function newActivator(info: RunFacts, workflowFn: AnyHandler, seed: string): Activator {
  return new RunActivator(info, workflowFn, seed);
}

export interface ActivationOptions {
  now: number;
  replaying: boolean;
  captureSource: boolean;
  historyLength: number;
  /** the `suggestContinueAsNew` of the task's `WorkflowTaskStarted` */
  continueAsNewSuggested: boolean;
  /** the id of the task's `WorkflowTaskStarted`, and the history size recorded there (-1: none) */
  taskStartedEventId: number;
  recordedHistorySize: number;
  patches: readonly string[];
}

/**
 * The JSON round trip of a host value (jobs, workflow info, query arguments), made of values of
 * the sandbox realm: every value workflow code sees belongs to the sandbox. The host calls it
 * directly (it runs no workflow code); throws what `JSON.stringify` throws for a value that is
 * not JSON.
 */
export function toSandbox(v: unknown): unknown {
  return jsonClone(v);
}

/**
 * The jobs of an activation as values of the sandbox realm ({@link toSandbox}), their argument
 * lists copied argument by argument: an `undefined` argument stays `undefined`, as in Temporal's
 * SDK, where each argument is a payload of its own.
 */
export function jobsToSandbox(jobs: readonly Job[]): Job[] {
  const out = jsonClone(jobs) as Job[];
  for (let i = 0; i < jobs.length; i++) {
    const args = (jobs[i] as { args?: unknown }).args;
    if (hasUndefinedArg(args)) (out[i] as unknown as { args: unknown[] }).args = jsonCloneArgs(args as unknown[]);
  }
  return out;
}

/** An argument list as values of the sandbox realm, argument by argument (see {@link jobsToSandbox}). */
export function argsToSandbox(args: readonly unknown[]): unknown[] {
  return jsonCloneArgs(args);
}

/** Conditions waiting to be re-checked (0 = `unblockConditions` has nothing to do). */
export function pendingConditions(a: Activator): number {
  return a.taskFailure === undefined ? (a as Activator & LazyCollections).conditionCount : 0;
}

/** Delivers jobs (ordered like Temporal's core SDK) to the run. */
export function activate(a: Activator, jobs: readonly Job[], o: ActivationOptions): void {
  setActivator(a);
  a.now = o.now;
  a.replaying = o.replaying;
  a.captureSource = o.captureSource;
  a.historyLength = o.historyLength;
  a.continueAsNewSuggested = o.continueAsNewSuggested;
  a.taskStartedEventId = o.taskStartedEventId;
  a.recordedHistorySize = o.recordedHistorySize;
  if (!a.activated) {
    // Temporal's SDK: the time of the first activation (its workflow task's start), not the run's start
    a.activated = true;
    (a.info as { runStartTime: Date }).runStartTime = new Date(o.now);
  }
  if (o.patches.length > 0) for (const p of o.patches) a.knownPatches.add(p);
  const ordered = jobs.length < 2 ? jobs : orderJobs(jobs); // one job (the common case): nothing to order
  for (let i = 0; i < ordered.length; i++) {
    const job = ordered[i];
    try {
      deliver(a, job);
    } catch (err) {
      if (a.taskFailure === undefined) a.taskFailure = err;
    }
  }
}

function deliver(a: Activator, job: Job): void {
  switch (job.type) {
    case 'start':
      startMain(a, job.args as unknown[]);
      break;
    case 'resolveActivity': resolveActivity(job.seq, job.result, job.failure, job.backoff); break;
    case 'fireTimer': fireTimer(job.seq); break;
    case 'signal': deliverSignal(job.name, job.args as unknown[]); break;
    case 'update': deliverUpdate(job.updateId, job.name, job.args as unknown[], job.replaying); break;
    case 'cancelWorkflow': a.rootScope.cancel(); break;
    case 'resolveChildStart': resolveChildStart(job.seq, job.runId, job.failure); break;
    case 'resolveChild': resolveChild(job.seq, job.result, job.failure); break;
    case 'resolveSignalExternal': settle(a.signalsExt, job.seq, job.failure); break;
    case 'resolveCancelExternal': settle(a.cancelsExt, job.seq, job.failure); break;
    case 'updateRandomSeed': (a as RunActivator).reseed(job.runId); break;
    default: {
      const never: never = job;
      throw new Error(`unknown job ${(never as Job).type}`);
    }
  }
}

function settle(map: Activator['signalsExt'], seq: number, failure: Job extends never ? never : import('../history/events.js').FailureInfo | undefined): void {
  const c = map.get(seq);
  if (!c) return;
  map.delete(seq);
  if (failure) c.reject(failureToError(failure));
  else c.resolve(undefined);
}

function startMain(a: Activator, args: unknown[]): void {
  readDefinitionOptions(a); // as Temporal's SDK: before the workflow function, a getter's error fails the task
  const scope = a.rootScope as CancellationScope;
  scope.runAsRoot(() => Promise.resolve().then(() => a.workflowFn(...args))).then(
    (result) => {
      pushCommand(a, { type: 'completeWorkflow', result });
      a.done = true;
    },
    (err: unknown) => {
      const name = (err as { name?: string } | undefined)?.name;
      if (name === 'ContinueAsNew') {
        const c = err as { workflowType: string; args: unknown[]; taskQueue?: string; workflowRunTimeoutMs?: number; backoffStartIntervalMs?: number; memo?: MemoMap; searchAttributes?: SearchAttributeMap };
        pushCommand(a, {
          type: 'continueAsNew', workflowType: c.workflowType, args: c.args, taskQueue: c.taskQueue, ...(c.workflowRunTimeoutMs !== undefined ? { workflowRunTimeoutMs: c.workflowRunTimeoutMs } : {}), ...(c.backoffStartIntervalMs !== undefined ? { backoffStartIntervalMs: c.backoffStartIntervalMs } : {}),
          ...(c.memo !== undefined ? { memo: c.memo } : {}), ...(c.searchAttributes !== undefined ? { searchAttributes: c.searchAttributes } : {}),
        });
      } else if (isCancellation(err) && scope.consideredCancelled) {
        pushCommand(a, { type: 'cancelWorkflow' });
      } else {
        const failure = executionFailure(a, err);
        if (failure === undefined) {
          if (a.taskFailure === undefined) a.taskFailure = err;
          return;
        }
        pushCommand(a, { type: 'failWorkflow', failure });
      }
      a.done = true;
    },
  );
}

/** Resolves conditions that now hold; the host calls this until it returns 0. */
export function unblockConditions(a: Activator): number {
  setActivator(a);
  if (a.taskFailure !== undefined) return 0;
  try {
    return unblock();
  } catch (err) {
    a.taskFailure = err;
    return 0;
  }
}

/** Ends the activation: rejects the updates still without a handler, returns and clears the commands, plus a workflow task failure if any. */
export function conclude(a: Activator): { commands: Command[]; taskFailure?: unknown; sinkCalls?: unknown[] } {
  rejectBufferedUpdates(a);
  const commands = a.commands;
  a.commands = [];
  const taskFailure = a.taskFailure;
  a.taskFailure = undefined;
  const out: { commands: Command[]; taskFailure?: unknown; sinkCalls?: unknown[] } = taskFailure === undefined ? { commands } : { commands, taskFailure };
  if (a.sinkCalls !== undefined) {
    out.sinkCalls = a.sinkCalls;
    a.sinkCalls = undefined;
  }
  return out;
}

/** Runs a query handler; never records anything. */
export function query(a: Activator, name: string, args: unknown[]): unknown {
  setActivator(a);
  const saved = a.commands.length;
  try {
    return runQuery(name, args);
  } finally {
    a.commands.length = saved;
  }
}

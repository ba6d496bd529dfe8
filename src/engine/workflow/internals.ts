/**
 * Workflow-side machinery (Temporal's `Activator`): the per-run state that workflow API calls
 * read and write, and the entry points the host runtime calls inside the sandbox.
 *
 * Contract: the host activates one run at a time and drains the sandbox's microtask queue before
 * activating another, so a single module-level "current activator" is unambiguous. Everything
 * here is deterministic: time comes from the activation, randomness from a PRNG seeded by the
 * run id, ids from per-kind sequence counters.
 */
import type { Command, Job } from '../model/commands.js';
import type { SearchAttributes } from './attributes.js';

/**
 * Facts about the running workflow (Temporal's `WorkflowInfo`). Not tracked on one machine, with
 * a fixed value: `namespace` ('default'), `taskTimeoutMs` (10 s, as recorded) and `root` (none).
 * `historySize` is the size of the history before the current workflow task's `WorkflowTaskStarted`
 * (the engine's count, ../history/history-size.ts, or the one recorded there), counted when read.
 * `memo` and `searchAttributes`
 * are the run's start values with its upserts merged in, updated at once by `upsertMemo` /
 * `upsertSearchAttributes` (a `Date` search attribute value reads as its ISO string).
 * `typedSearchAttributes` is refused: reading it throws a TypeError.
 */
export interface WorkflowInfo {
  readonly workflowId: string;
  readonly runId: string;
  readonly originalExecutionRunId: string;
  readonly workflowType: string;
  readonly taskQueue: string;
  readonly namespace: string;
  readonly firstExecutionRunId: string;
  readonly continuedFromExecutionRunId?: string;
  readonly attempt: number;
  /** the parent of a child workflow (`namespace` 'default') */
  readonly parent?: { workflowId: string; runId: string; namespace: string };
  readonly startTime: Date;
  readonly runStartTime: Date;
  readonly historyLength: number;
  readonly historySize: number;
  /** set (by the engine, recorded in `WorkflowTaskStarted`) once the run's history is long (Temporal: 4,096 events) */
  readonly continueAsNewSuggested: boolean;
  readonly retryPolicy?: { initialInterval: number; backoffCoefficient: number; maximumInterval?: number; maximumAttempts: number; nonRetryableErrorTypes: readonly string[] };
  readonly runTimeoutMs?: number;
  readonly executionTimeoutMs?: number;
  readonly executionExpirationTime?: Date;
  readonly taskTimeoutMs: number;
  /** the run's search attributes ({} when it has none) */
  readonly searchAttributes: SearchAttributes;
  /** the run's memo (`{}` when it started without one and never upserted one, as in Temporal's SDK 1.24) */
  readonly memo?: Record<string, unknown>;
  /** not implemented: reading it throws a TypeError (use `searchAttributes`) */
  readonly typedSearchAttributes?: never;
  /** a cron execution's schedule; in a later cron run, how the previous run ended */
  readonly cronSchedule?: string;
  readonly lastResult?: unknown;
  readonly lastFailure?: Error;
  /**
   * Temporal's escape hatches, not deterministic: `now()` is the real clock (not the workflow
   * time), `random` a real random source; `isReplaying` / `isReplayingHistoryEvents` tell a
   * replay from a first execution.
   */
  readonly unsafe: {
    readonly isReplaying: boolean;
    readonly isReplayingHistoryEvents: boolean;
    readonly now: () => number;
    readonly random: { random(): number; uuid4(): string; fillRandom(bytes: Uint8Array): Uint8Array };
  };
}

export interface Completion {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** Handler function registered with `setHandler`. */
export type AnyHandler = (...args: any[]) => unknown;

/** Per-run state of the workflow side. */
export interface Activator {
  info: WorkflowInfo;
  workflowFn: AnyHandler;
  now: number;
  replaying: boolean;
  captureSource: boolean;
  historyLength: number;
  continueAsNewSuggested: boolean;
  /** false until the run's first activation (which sets `info.runStartTime`) */
  activated: boolean;
  /** the id of the current task's `WorkflowTaskStarted`, and the history size recorded in it (-1: none) */
  taskStartedEventId: number;
  recordedHistorySize: number;
  /** the host's count of the run's history bytes before an event id (absent: not known, the size reads 0) */
  historySizeBefore?: (beforeEventId: number) => number;
  /** draws from the current stream: the one made current with `WorkflowRandomStream.with`, else the main one */
  rng: () => number;
  /** the run was started by an engine whose randomness predates Temporal's (./legacy-random.ts) */
  legacyRandom: boolean;
  /** draws from the run's main generator */
  mainRandom(): number;
  /** the generator of the named stream `name` (./random-streams.ts) */
  namedRandom(name: string): () => number;
  /** runs `fn` with `source` as the current stream */
  withRandom<T>(source: { random(): number }, fn: () => T): T;
  commands: Command[];
  done: boolean;
  seq: { activity: number; timer: number; child: number; signalExt: number; cancelExt: number; condition: number };
  activities: Map<number, Completion & { activityType: string; activityId: string }>;
  timers: Map<number, Completion>;
  childStarts: Map<number, Completion>;
  childResults: Map<number, Completion>;
  signalsExt: Map<number, Completion>;
  cancelsExt: Map<number, Completion>;
  conditions: Map<number, { fn: () => boolean; resolve: () => void }>;
  signalHandlers: Map<string, AnyHandler>;
  defaultSignalHandler?: AnyHandler;
  /** receives queries and updates that have no handler of their own (name first) */
  defaultQueryHandler?: AnyHandler;
  defaultUpdateHandler?: { handler: AnyHandler };
  queryHandlers: Map<string, AnyHandler>;
  /** `kind:name` → the description given to `setHandler` (made on first use) */
  handlerDescriptions?: Map<string, string>;
  /** calls to `proxySinks` functions in this activation (made on first use; the host makes them after the commit) */
  sinkCalls?: { sink: string; fn: string; args: unknown[] }[];
  /** `setCurrentDetails`: what the run is doing, in words (reported by the metadata query) */
  currentDetails: string;
  updateHandlers: Map<string, { handler: AnyHandler; validator?: AnyHandler }>;
  bufferedSignals: { name: string; args: unknown[] }[];
  /** updates delivered before their handler was registered, in arrival order (made on first use; rejected when the activation ends) */
  bufferedUpdates?: { updateId: string; name: string; args: unknown[]; replaying: boolean }[];
  knownPatches: Set<string>;
  sentPatches: Set<string>;
  /** signal and update handlers started and not yet finished (see `allHandlersFinished`) */
  handlersRunning: number;
  /** an error that must fail the workflow task (a bug in workflow code, not a failure) */
  taskFailure?: unknown;
  /** the workflow function's `failureExceptionTypes` (./definition-options.ts), read when it starts */
  failureExceptionTypes?: readonly (new (...args: any[]) => Error)[];
  /** the engine's `workflowFailureErrorTypes` names for this run's type (class names, matched along the constructor chain) */
  failureExceptionTypeNames?: readonly string[];
  /** whether the engine can run a local activity of this type (absent: not known, nothing is checked) */
  localActivityRuns?: (activityType: string) => boolean;
  /** root cancellation scope (typed loosely to avoid an import cycle) */
  rootScope: { cancel(reason?: unknown): void };
}

/**
 * The collections of an activator, each made on first use: a run touches only the few its code
 * uses (an empty `Map` still costs ~200 bytes, and many runs are in flight at once).
 */
export class LazyCollections {
  #activities?: Activator['activities'];
  #timers?: Map<number, Completion>;
  #childStarts?: Map<number, Completion>;
  #childResults?: Map<number, Completion>;
  #signalsExt?: Map<number, Completion>;
  #cancelsExt?: Map<number, Completion>;
  #conditions?: Activator['conditions'];
  #signalHandlers?: Map<string, AnyHandler>;
  #queryHandlers?: Map<string, AnyHandler>;
  #updateHandlers?: Activator['updateHandlers'];
  #knownPatches?: Set<string>;
  #sentPatches?: Set<string>;
  get activities(): Activator['activities'] { return (this.#activities ??= new Map()); }
  get timers(): Map<number, Completion> { return (this.#timers ??= new Map()); }
  get childStarts(): Map<number, Completion> { return (this.#childStarts ??= new Map()); }
  get childResults(): Map<number, Completion> { return (this.#childResults ??= new Map()); }
  get signalsExt(): Map<number, Completion> { return (this.#signalsExt ??= new Map()); }
  get cancelsExt(): Map<number, Completion> { return (this.#cancelsExt ??= new Map()); }
  get conditions(): Activator['conditions'] { return (this.#conditions ??= new Map()); }
  get signalHandlers(): Map<string, AnyHandler> { return (this.#signalHandlers ??= new Map()); }
  get queryHandlers(): Map<string, AnyHandler> { return (this.#queryHandlers ??= new Map()); }
  get updateHandlers(): Activator['updateHandlers'] { return (this.#updateHandlers ??= new Map()); }
  get knownPatches(): Set<string> { return (this.#knownPatches ??= new Set()); }
  get sentPatches(): Set<string> { return (this.#sentPatches ??= new Set()); }
  /** number of waiting conditions, without making the map */
  get conditionCount(): number { return this.#conditions?.size ?? 0; }
}

let current: Activator | undefined;

/** The activator of the running workflow; throws outside workflow code. */
export function getActivator(): Activator {
  if (current === undefined) {
    throw new Error('workflow APIs can only be called from workflow code running on the engine (or on Temporal)');
  }
  return current;
}

/** The activator if workflow code is running, else undefined. */
export function maybeActivator(): Activator | undefined {
  return current;
}

/** Makes `a` the current activator (host entry points only). */
export function setActivator(a: Activator | undefined): void {
  current = a;
}

/** Appends a command, recording the workflow source line when the host asked for it. */
export function pushCommand(a: Activator, c: Command): void {
  if (a.done) return;
  if (a.captureSource) c.source = callerSource();
  a.commands.push(c);
}

/** `file:line:col` of the first stack frame outside the engine's own workflow API files and Node's; undefined if none. */
function callerSource(): string | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    if (/[\\/]engine[\\/]workflow[\\/]/.test(line) || /[( ]node:/.test(line)) continue; // the engine's frames, Node's (a command the engine made has none of the workflow's)
    const m = /\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Refuses, loudly, an option the engine does not implement: a TypeError naming it (the workflow
 * task fails with that message) rather than a run that silently behaves otherwise than on
 * Temporal. `supported` options are implemented; `ignored` ones are accepted and have no effect on
 * one machine (metadata for Temporal's UI, visibility or versioning). Options set to `undefined`
 * count as absent.
 */
export function checkOptions(what: string, o: object | undefined, supported: readonly string[], ignored: readonly string[]): void {
  if (o === undefined || o === null) return;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || supported.includes(k) || ignored.includes(k)) continue;
    throw new TypeError(`${what} option "${k}" is not supported by the wfverify engine (supported: ${supported.join(', ')}; accepted and ignored: ${ignored.join(', ') || 'none'})`);
  }
}

/** Refuses a value of an enumerated option that is none of `allowed` (a TypeError, as {@link checkOptions}). */
export function checkOptionValue(what: string, name: string, value: unknown, allowed: readonly unknown[]): void {
  if (value === undefined || allowed.includes(value)) return;
  const list = [...new Set(allowed.filter((x) => x !== undefined))].map((x) => JSON.stringify(x)).join(', ');
  throw new TypeError(`invalid ${what} option ${name}: ${JSON.stringify(value)} (expected one of ${list})`);
}

/** Parses a Temporal duration: milliseconds as a number, or a string like `30s`, `1.5 minutes`, `2h`. */
export function msOf(d: number | string | undefined, what = 'duration'): number | undefined {
  if (d === undefined) return undefined;
  if (typeof d === 'number') {
    if (!(d >= 0)) throw new TypeError(`invalid ${what}: ${d}`);
    return d;
  }
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(ms|milliseconds?|msecs?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)?\s*$/i.exec(d);
  if (!m) throw new TypeError(`invalid ${what}: ${JSON.stringify(d)}`);
  const n = Number(m[1]);
  const u = (m[2] ?? 'ms').toLowerCase();
  const f = u.startsWith('ms') || u.startsWith('milli') || u.startsWith('msec') ? 1
    : u.startsWith('s') ? 1000 : u.startsWith('m') ? 60_000 : u.startsWith('h') ? 3_600_000 : u.startsWith('d') ? 86_400_000 : 604_800_000;
  return n * f;
}

/** Jobs delivered by the host (re-exported for the entry module). */
export type { Job };

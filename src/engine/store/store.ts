/**
 * The storage seam of the engine (STYLE.md point 4): histories (append-only, event-sourced),
 * execution rows (an index over histories), activity attempt state and an inbox for messages
 * from other processes. Two implementations: {@link ./sqlite.ts} (durable) and
 * {@link ./memory.ts} (for tests and the in-memory benchmark).
 *
 * Contract: `commit` is atomic — all of a batch or nothing — and returns only once the batch is
 * as durable as the sync policy promises. Events are never updated or deleted.
 */
import type { FailureInfo, HistoryEvent } from '../history/events.js';
import type { RunOutcome, RunStatus } from '../model/state.js';

export interface ExecutionRow {
  readonly workflowId: string;
  readonly runId: string;
  readonly workflowType: string;
  readonly status: RunStatus;
  /** absolute path of the workflow module, to reload the code after a restart */
  readonly module: string;
  readonly startTime: number;
  readonly closeTime?: number;
  readonly outcome?: RunOutcome;
}

/** Retry bookkeeping of a pending activity (not part of history, like Temporal's mutable state). */
export interface ActivityAttemptRow {
  readonly runId: string;
  readonly scheduledEventId: number;
  /** the attempt to run next (1-based) */
  readonly attempt: number;
  readonly nextAttemptAt: number;
  readonly heartbeatDetails?: unknown;
  readonly lastFailure?: FailureInfo;
}

export type InboxKind = 'signal' | 'cancel' | 'terminate' | 'update' | 'start';

export interface InboxRow {
  readonly id: number;
  readonly kind: InboxKind;
  readonly workflowId: string;
  readonly payload: {
    name?: string; args?: unknown[]; reason?: string; updateId?: string;
    /** `start` (`wfverify start`): the workflow module, type and start options (signal-with-start when `signal` is set) */
    start?: { module: string; workflowType: string; options: InboxStartOptions };
  };
}

/** The start options an inbox `start` carries (JSON: durations as ms or strings). */
export interface InboxStartOptions {
  readonly workflowId: string;
  readonly args?: unknown[];
  readonly taskQueue?: string;
  readonly workflowRunTimeout?: number | string;
  readonly workflowExecutionTimeout?: number | string;
  readonly workflowIdReusePolicy?: string;
  readonly workflowIdConflictPolicy?: string;
  readonly retry?: Record<string, unknown>;
  readonly cronSchedule?: string;
  readonly memo?: Record<string, unknown>;
  readonly searchAttributes?: Record<string, readonly unknown[]>;
  readonly signal?: string;
  readonly signalArgs?: unknown[];
}

/** Everything one group commit writes. */
export interface WriteBatch {
  readonly events: { runId: string; events: readonly HistoryEvent[] }[];
  readonly executions: ExecutionRow[];
  readonly attempts: ActivityAttemptRow[];
  readonly attemptsDone: { runId: string; scheduledEventId: number }[];
  readonly inboxDone: number[];
  /** outcomes of updates sent through the inbox (`wfverify update` waits for them; a rejection is in no history) */
  readonly updateOutcomes: { updateId: string; outcome: UpdateOutcome }[];
}

/** How an update ended: the handler's result, or its failure (a rejection or a failed handler). */
export interface UpdateOutcome {
  readonly result?: unknown;
  readonly failure?: FailureInfo;
}

export function emptyBatch(): WriteBatch {
  return { events: [], executions: [], attempts: [], attemptsDone: [], inboxDone: [], updateOutcomes: [] };
}

export function batchIsEmpty(b: WriteBatch): boolean {
  return b.events.length === 0 && b.executions.length === 0 && b.attempts.length === 0 && b.attemptsDone.length === 0 && b.inboxDone.length === 0 && b.updateOutcomes.length === 0;
}

export interface EngineStore {
  /** true when commits survive a process crash */
  readonly durable: boolean;
  /** true when other processes can open it and queue inbox messages (a database file), whatever the sync policy */
  readonly shared: boolean;
  commit(batch: WriteBatch): void;
  openRuns(): ExecutionRow[];
  /** the run, or the latest run of the workflow id when `runId` is omitted */
  execution(workflowId: string, runId?: string): ExecutionRow | undefined;
  /** the most recent runs first (`limit`, default 1000), only those with `status` when given */
  executions(limit?: number, status?: RunStatus): ExecutionRow[];
  history(runId: string): HistoryEvent[];
  /**
   * Which randomness the run's workflow code draws from: `temporal` (Temporal's, ../workflow/random.ts)
   * for every run this engine version started; `legacy` for runs an earlier engine started in this
   * database (before it recorded the switch), so that they replay with the values they drew.
   */
  randomness(runId: string): 'temporal' | 'legacy';
  attempts(runId: string): ActivityAttemptRow[];
  enqueueInbox(kind: InboxKind, workflowId: string, payload: InboxRow['payload']): number;
  inbox(afterId: number): InboxRow[];
  /** the recorded outcome of an update sent through the inbox, if it ended; `take` deletes it once read */
  updateOutcome(updateId: string, take?: boolean): UpdateOutcome | undefined;
  /** the pid of the live worker process that owns the store, if one does */
  workerPid(): number | undefined;
  /** claims the single-worker lock; throws if a live process holds it */
  acquireWorkerLock(pid: number): void;
  releaseWorkerLock(pid: number): void;
  close(): void;
}

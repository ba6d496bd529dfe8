/**
 * Recovery at start: every open run is rebuilt from the store and resumes its pending work. The
 * runs' states are folded from their histories; runs that a queued `terminate` ends are
 * terminated first and never replayed; the others' workflow code is brought up to date by
 * replays (in the watchdog's slices, `./replay-slices.ts`); then their pending activities, timers
 * and tasks are resumed. A run whose module cannot load, whose replay diverges (nondeterminism)
 * or loops is blocked with that error, and the others go on.
 */
import { executionAsyncId } from 'node:async_hooks';
import { type EngineError, NondeterminismError, WorkflowTaskError, asTaskError } from '../errors.js';
import type { HistoryEvent } from '../history/events.js';
import { recoveryEffects, type Effect, type StepInput } from '../model/step.js';
import { foldHistory } from '../model/state.js';
import { deadlockMessage, type WorkflowRunner } from '../runtime/runner.js';
import type { EngineStore, ExecutionRow, InboxRow } from '../store/store.js';
import type { ActivityTask } from './activities.js';
import type { LiveRun } from './live-run.js';
import { Batch } from './fill.js';
import type { WorkflowModules } from './modules.js';
import { replayInSlices } from './replay-slices.js';

/** What recovery needs of the executor. */
export interface RecoveryHost {
  readonly store: EngineStore;
  readonly modules: WorkflowModules;
  /** makes `live` the run of `row` (by run id and as its workflow id's current run) */
  register(row: ExecutionRow, live: LiveRun): void;
  rebuildRunner(module: string, history: readonly HistoryEvent[]): WorkflowRunner;
  /** true when a nondeterminism in a run of this type fails its execution (`EngineOptions.workflowFailureErrorTypes`) */
  failsOnNondeterminism(workflowType: string): boolean;
  /** drops a sandbox whose context a timeout may have left inconsistent */
  discardSandbox(module: string): void;
  /** called synchronously when the process must end with `err` */
  onDeadlock(err: EngineError): void;
  applyTo(live: LiveRun, input: StepInput, batch: Batch): void;
  commit(batch: Batch): void;
  effects(live: LiveRun, effects: readonly Effect[], batch: Batch): void;
  dispatch(task: ActivityTask): void;
}

/** Recovers the open runs of `h.store` (see the module comment). */
export function recoverOpenRuns(h: RecoveryHost): void {
  const asyncId = executionAsyncId();
  const open: { live: LiveRun; row: ExecutionRow; history: HistoryEvent[] }[] = [];
  const inbox = h.store.inbox(0);
  const ending = new Set<string>();
  for (const m of inbox) if (m.kind === 'terminate') ending.add(m.workflowId);
  const ended: LiveRun[] = [];
  for (const row of h.store.openRuns()) {
    const history = h.store.history(row.runId);
    if (history.length === 0) continue;
    const live: LiveRun = { state: foldHistory(history), module: row.module, batchSeq: 0, batchIndex: 0, open: undefined, held: undefined };
    h.register(row, live);
    if (ending.has(row.workflowId)) {
      ended.push(live);
      continue;
    }
    try {
      h.modules.get(row.module); // loaded (and transpiled) before the guarded replays
      open.push({ live, row, history });
    } catch (err) {
      live.blocked = asTaskError(err);
    }
  }
  if (ended.length > 0) terminateQueued(h, ended, inbox);
  replayInSlices(open, (r) => r.history.length, h.modules.deadlockTimeoutMs, (r) => {
    try {
      r.live.runner = h.rebuildRunner(r.row.module, r.history);
    } catch (err) {
      // a nondeterminism that fails the execution (`workflowFailureErrorTypes`) is met again, and recorded, at the run's next workflow task
      if (!(err instanceof NondeterminismError && h.failsOnNondeterminism(r.live.state.workflowType))) r.live.blocked = asTaskError(err);
    }
  }, (r) => {
    const err = new WorkflowTaskError('WFE3003', `${deadlockMessage(r.live.state.workflowType, r.live.state.workflowId)} (while its history was replayed at start; the run stays open)`);
    // Cut short inside a promise job while Node's promise hooks are on, the replay left the
    // async-id stack one entry too deep, and Node would abort at the next callback: end the
    // process now with the error, as after a deadlock in a workflow task (nothing is lost:
    // a replay records nothing).
    if (executionAsyncId() !== asyncId) h.onDeadlock(err);
    r.live.blocked = err;
    h.discardSandbox(r.row.module); // its context may hold the interrupted run's jobs; other runners of it replay again when needed
  });
  for (const { live, row } of open) {
    if (live.blocked) continue;
    const state = live.state;
    const attempts = new Map(h.store.attempts(row.runId).map((a) => [a.scheduledEventId, a]));
    const batch = new Batch();
    const effects = recoveryEffects(state);
    h.effects(live, effects.filter((e) => e.kind === 'workflowTaskReady' || e.kind === 'startTimer' || e.kind === 'cancelActivity'), batch);
    for (const e of effects) {
      if (e.kind !== 'dispatchActivity') continue;
      const at = attempts.get(e.activity.scheduledEventId);
      batch.post.unshift(() => h.dispatch({
        runId: row.runId, workflowId: state.workflowId, workflowType: state.workflowType, taskQueue: state.taskQueue, activity: e.activity,
        attempt: at?.attempt ?? 1, notBefore: at?.nextAttemptAt ?? 0, heartbeatDetails: at?.heartbeatDetails, lastFailure: at?.lastFailure,
      }));
    }
    for (const f of batch.post) f();
  }
}

/**
 * Applies, at start, the inbox messages of open runs that a queued `terminate` ends (e.g.
 * `wfverify terminate` while no worker ran), in inbox order, and commits them with their inbox
 * rows done, before any run is replayed: terminating runs no workflow code, so a run whose code
 * now loops (or does not load) when replayed can still be ended. The messages are applied as
 * the inbox poller would have applied them (the ones after the `terminate` find the run closed).
 */
function terminateQueued(h: RecoveryHost, ended: readonly LiveRun[], inbox: readonly InboxRow[]): void {
  const batch = new Batch();
  for (const live of ended) {
    for (const m of inbox) {
      if (m.workflowId !== live.state.workflowId || m.kind === 'start') continue; // starts are applied by the inbox poller
      h.applyTo(live, inboxInput(m), batch);
      batch.write.inboxDone.push(m.id);
    }
  }
  h.commit(batch);
}

/** The step input of an inbox message (a message of another process: `wfverify signal`, `cancel`, `terminate`, …). */
export function inboxInput(m: InboxRow): StepInput {
  const p = m.payload;
  return m.kind === 'signal' ? { kind: 'signal', signalName: p.name ?? '', input: p.args ?? [] }
    : m.kind === 'cancel' ? { kind: 'cancelRequest', cause: p.reason ?? 'cancelled' }
    : m.kind === 'terminate' ? { kind: 'terminate', reason: p.reason ?? 'terminated' }
    : { kind: 'update', updateId: p.updateId ?? String(m.id), name: p.name ?? '', args: p.args ?? [] };
}

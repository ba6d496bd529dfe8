/**
 * Filling one group commit (see {@link ./core.ts}): every queued input plus up to `maxBatch`
 * workflow tasks, the tasks of runs whose code is loaded run in guarded time slices (one deadlock
 * watchdog per slice, see ../runtime/watchdog.ts), and what happens when the watchdog fires.
 */
import { EngineInternalError, WorkflowTaskError, type EngineError } from '../errors.js';
import type { FailureInfo, HistoryEvent } from '../history/events.js';
import type { StepInput } from '../model/step.js';
import type { RunState } from '../model/state.js';
import { deadlockMessage } from '../runtime/runner.js';
import { guarded, isTimeout } from '../runtime/watchdog.js';
import { emptyBatch, type WriteBatch } from '../store/store.js';
import type { ReadyItem, ReadyQueue } from './ready.js';

/** Length of one guarded slice of workflow tasks, ms: a task starts only within it, so each gets the full deadlock timeout. */
export const SLICE_MS = 50;

export type QueueItem = { runId: string; input: StepInput; ack?: () => void; module?: string };

/**
 * A run's place in the batch being filled, kept on the run itself (no look-up by run id per
 * event): the batch's number and the index of the run's entry in `write.events`. Only numbers,
 * so a run does not keep an old batch alive.
 */
export interface BatchSlot {
  batchSeq?: number;
  batchIndex?: number;
}

let batches = 0;
const NO_EVENTS: readonly HistoryEvent[] = Object.freeze([]);

/** One group commit: what to write, then what to do after the write. */
export class Batch {
  readonly write: WriteBatch = emptyBatch();
  readonly post: (() => void)[] = [];
  readonly acks: (() => void)[] = [];
  /** this batch's number (unique in the process) */
  private readonly seq = ++batches;

  /** Appends `events` of run `runId` (whose slot is `slot`) to the batch: one `write.events` entry per run. */
  addEvents(runId: string, events: readonly HistoryEvent[], slot: BatchSlot): void {
    if (events.length === 0) return;
    let l: HistoryEvent[];
    if (slot.batchSeq === this.seq) l = this.write.events[slot.batchIndex!].events as HistoryEvent[];
    else {
      l = [];
      slot.batchSeq = this.seq;
      slot.batchIndex = this.write.events.length;
      this.write.events.push({ runId, events: l });
    }
    for (let i = 0; i < events.length; i++) l.push(events[i]);
  }

  /** The events of the run of `slot` in this batch (in the order added). */
  eventsOf(slot: BatchSlot): readonly HistoryEvent[] {
    return slot.batchSeq === this.seq ? this.write.events[slot.batchIndex!].events : NO_EVENTS;
  }

  /** True if the run of `slot` has events in this batch. */
  touches(slot: BatchSlot): boolean {
    return slot.batchSeq === this.seq;
  }
}

/** What filling a batch needs of the executor. */
export interface FillHost<R extends { state: RunState } & ReadyItem> {
  readonly maxBatch: number;
  readonly deadlockTimeoutMs: number | undefined;
  readonly wftReady: ReadyQueue<R>;
  /** true once a deadlock was recorded (the batch is closed and the process ends after its commit) */
  deadlocked(): boolean;
  applyQueued(batch: Batch): void;
  needsReplay(live: R): boolean;
  workflowTask(live: R, batch: Batch): void;
  /** the run whose workflow code was executing, if any (cleared) */
  takeActiveTask(): R | undefined;
  failTask(live: R, err: EngineError, failure: FailureInfo, batch: Batch): void;
  onDeadlock(err: EngineError): void;
}

/**
 * Fills one batch: every queued input (including cross-run ones made by workflow tasks, so that
 * a cause and its cross-run effects commit atomically) and up to `maxBatch` workflow tasks, in
 * the ready queue's order (which may hold fresh runs back: then the batch ends early).
 * A task that must first replay history runs on its own, each of its activations with its own
 * timeout.
 */
export function fillBatch<R extends { state: RunState } & ReadyItem>(h: FillHost<R>, batch: Batch): void {
  let n = 0;
  const timeout = h.deadlockTimeoutMs;
  for (;;) {
    h.applyQueued(batch);
    const next = h.wftReady.peek(); // undefined also when only fresh runs wait and none may start now
    if (n >= h.maxBatch || next === undefined || h.deadlocked()) return;
    if (timeout === undefined || h.needsReplay(next)) {
      h.wftReady.shift();
      h.workflowTask(next, batch);
      n++;
      continue;
    }
    const sliceEnd = performance.now() + SLICE_MS;
    const limit = h.maxBatch - n;
    try {
      n += guarded(timeout + SLICE_MS, () => runTasks(h, batch, limit, sliceEnd));
    } catch (err) {
      if (!isTimeout(err)) throw err;
      interrupted(h, batch);
      return;
    }
  }
}

/** Runs ready workflow tasks (inputs they cause join the batch) until `limit`, `until` or a run that must replay. */
function runTasks<R extends { state: RunState } & ReadyItem>(h: FillHost<R>, batch: Batch, limit: number, until: number): number {
  let n = 0;
  const ready = h.wftReady;
  while (n < limit) {
    const live = ready.peek();
    if (live === undefined || h.needsReplay(live)) break;
    ready.shift();
    h.workflowTask(live, batch);
    n++;
    h.applyQueued(batch);
    if (performance.now() > until || h.deadlocked()) break;
  }
  return n;
}

/**
 * The guard's timeout ended a slice. If workflow code was running (the active task), only that
 * run's task is lost: it fails with WFE3003 and the batch commits; otherwise host state may be
 * half updated, so nothing of the batch is committed (nothing of it was acknowledged) and the
 * process ends.
 */
function interrupted<R extends { state: RunState } & ReadyItem>(h: FillHost<R>, batch: Batch): void {
  const live = h.takeActiveTask();
  if (!live) {
    h.onDeadlock(new EngineInternalError('the deadlock watchdog interrupted the engine outside workflow code; the uncommitted batch was dropped'));
    return;
  }
  const err = new WorkflowTaskError('WFE3003', deadlockMessage(live.state.workflowType, live.state.workflowId));
  h.failTask(live, err, { kind: 'application', type: 'Error', message: err.message }, batch);
}

/** One run as the executor holds it in memory: its state, its workflow code's runner, and its place in the current batch and the ready queue. */
import type { EngineError } from '../errors.js';
import type { HistoryEvent } from '../history/events.js';
import type { HistorySizer } from '../history/history-size.js';
import type { RunState } from '../model/state.js';
import type { WorkflowRunner } from '../runtime/runner.js';
import type { BatchSlot } from './fill.js';
import type { OpenTask } from './open-task.js';

export interface LiveRun extends BatchSlot {
  state: RunState;
  module: string;
  runner?: WorkflowRunner;
  /**
   * Events of a run whose first workflow task has not run yet: its runner (sandbox state) is made
   * only then (see `workflowTask`) and observes these first. Undefined once the runner exists.
   */
  early?: HistoryEvent[];
  /** started from outside (not a child, not a continuation): its first workflow task waits in the fresh lane (ready.ts) */
  external?: boolean;
  /** true while in the ready queue (set by the queue) */
  ready?: boolean;
  /**
   * The acknowledgement of a start from outside whose first workflow task waits in the fresh
   * lane: given with the batch of that task (or of the run's close), so that a caller who saw the
   * start acknowledged finds the run under way, as when its first task ran in the start's batch.
   */
  startAck?: () => void;
  blocked?: EngineError;
  /** the error of the last workflow task, if it failed (cleared by a successful task) */
  taskError?: EngineError;
  /** the workflow task kept open by local activities, if any: inputs for the run wait in it */
  open?: OpenTask;
  /** the WorkflowTaskStarted of the task being run, until it is recorded with the task's completion or failure */
  held?: readonly HistoryEvent[];
  /** the run's history size, counted once its workflow code has read `workflowInfo().historySize` (it then sees every event recorded) */
  sizer?: HistorySizer;
}

/**
 * Replay testing: runs a recorded history (the engine's, or one recorded by Temporal and read
 * with `historyFromTemporalJson`) against the current workflow code, offline, as Temporal's
 * `Worker.runReplayHistory` does. Nothing is executed but workflow code in its sandbox: no
 * activity runs, no store is opened, no event is written.
 *
 * Contract: returns when every completed workflow task of the history produces the recorded
 * commands; throws {@link NondeterminismError} (WFE3001, with the diverging command and its
 * source line) at the first that does not, {@link WorkflowTaskError} when the code throws
 * (WFE3002) or loops (WFE3003) during the replay, and {@link EngineInputError} for a history
 * that is not one (WFE1008) or names a workflow the module does not export (WFE1001).
 */
import path from 'node:path';
import { EngineInputError } from '../errors.js';
import type { HistoryEvent } from '../history/events.js';
import { foldHistory } from '../model/state.js';
import { WorkflowRunner } from '../runtime/runner.js';
import { replayInfo } from './core.js';
import { WorkflowModules } from './modules.js';

/** What a replay went through. */
export interface ReplayReport {
  readonly workflowType: string;
  readonly workflowId: string;
  readonly runId: string;
  readonly events: number;
  /** completed workflow tasks re-run and checked */
  readonly workflowTasks: number;
  /** false when the history ends before the run closed (a prefix of an open run) */
  readonly closed: boolean;
}

/** Replays histories against the workflows of one module (loaded once, on first use). */
export class Replayer {
  private readonly modules: WorkflowModules;
  private readonly module: string;

  /** `workflows`: the workflow module (`.ts` or `.js`); `deadlockTimeoutMs` as for the engine (default 2000, 0 = none). */
  constructor(workflows: string, options: { deadlockTimeoutMs?: number } = {}) {
    this.module = path.resolve(workflows);
    this.modules = new WorkflowModules({ deadlockTimeoutMs: options.deadlockTimeoutMs });
  }

  /**
   * Replays `history` (`source` names it in messages). `workflowType` overrides the type recorded
   * in its first event.
   */
  replay(history: readonly HistoryEvent[], source: string, workflowType?: string): ReplayReport {
    let state;
    try {
      state = foldHistory(history);
    } catch (err) {
      throw new EngineInputError('WFE1008', `${source}: not a replayable history: ${(err as Error).message}`, { cause: err });
    }
    const info = replayInfo(history);
    const type = workflowType ?? info.workflowType;
    const runner = new WorkflowRunner(this.modules.get(this.module), { ...info, workflowType: type });
    runner.replay(history);
    let workflowTasks = 0;
    for (let i = 1; i < history.length; i++) {
      if (history[i].eventType === 'WorkflowTaskCompleted' && history[i - 1].eventType === 'WorkflowTaskStarted') workflowTasks++;
    }
    return { workflowType: type, workflowId: info.workflowId, runId: info.runId, events: history.length, workflowTasks, closed: state.status !== 'running' };
  }
}

/**
 * The bundled durable workflow engine (DESIGN.md: `src/engine` imports nothing else from `src/`).
 *
 * - {@link Engine}: open a store (SQLite or memory), start workflows, signal, query, update,
 *   cancel, await results, subscribe to committed events. Recovery replays histories.
 * - {@link step} / {@link applyEvent}: the pure state machine of a run (histories fold into it).
 * - {@link historyToTemporalJson} / {@link historyFromTemporalJson}: Temporal's JSON history format.
 * - {@link Replayer}: replay testing of recorded histories against the current workflow code.
 * - The workflow API lives in `./workflow` (`wfverify/workflow`); activities may use {@link Context}.
 *
 * @example
 * ```ts
 * const engine = await Engine.open({ db: 'wf.db', workflows: 'workflows.ts', activities });
 * const { workflowId } = await engine.start('payment', { args: ['order-1', 42] });
 * const outcome = await engine.result(workflowId);
 * ```
 */
export { Engine } from './worker/engine.js';
export { checkStartOptions } from './worker/start-options.js';
export type { EngineOptions, StartOptions } from './worker/engine.js';
export type { EngineEvent, EngineListener } from './worker/observers.js';
export { lineLog } from './worker/log.js';
export type { LogEntry, LogLevel, LogSink } from './worker/log.js';
export { loadActivities, defaultActivitiesFile } from './worker/modules.js';
export type { ActivityFn } from './worker/activities.js';
export { Replayer } from './worker/replay-history.js';
export { describeExecution } from './worker/describe.js';
export type { ExecutionDescription } from './worker/describe.js';
export type { ReplayReport } from './worker/replay-history.js';
export { step, recoveryEffects, ENGINE_IDENTITY } from './model/step.js';
export type { StepInput, Effect, StepResult, ResolvedCommand } from './model/step.js';
export { applyEvent, foldHistory } from './model/state.js';
export { runInfo, replayInfo } from './worker/core.js';
export type { RetryPolicy } from './workflow/retry-policy.js';
export type { RunState, RunStatus, RunOutcome, PendingActivity, PendingTimer } from './model/state.js';
export { decideRetry } from './model/retry.js';
export type { Command, Job } from './model/commands.js';
export { HISTORY_FORMAT_VERSION, EVENT_TYPES, CLOSING_EVENT_TYPES, COMMAND_EVENT_TYPES } from './history/events.js';
export type { HistoryEvent, EventType, EventOf, FailureInfo, RetryPolicyMs } from './history/events.js';
export { historyToTemporalJson, historyFromTemporalJson, toTemporalEventType, fromTemporalEventType } from './history/temporal-json.js';
export { WorkflowSandbox } from './runtime/sandbox.js';
export { WorkflowRunner } from './runtime/runner.js';
export { SqliteStore, STORE_FORMAT_VERSION } from './store/sqlite.js';
export type { SyncPolicy } from './store/sqlite.js';
export { MemoryStore } from './store/memory.js';
export type { EngineStore, ExecutionRow } from './store/store.js';
export { Context, activityInfo } from './activity/context.js';
export {
  ENGINE_ERROR_CATALOG, EngineError, EngineInputError, EngineStoreError, EngineInternalError, NondeterminismError, WorkflowTaskError,
} from './errors.js';
export type { EngineErrorCode } from './errors.js';
export { failureSummary, parseArgsJson, readHistoryFile, reportEngineError, DEFAULT_DB } from './tooling.js';

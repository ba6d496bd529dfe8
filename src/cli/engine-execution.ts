/**
 * The frame shared by the commands that act on one workflow execution of an engine database
 * (`signal`, `cancel`, `terminate`, `query`, `history`): open the store, find the execution
 * (WFE1004 when unknown), act, report engine errors as exit codes without a stack trace, and
 * always close the store.
 */
import { EngineInputError, type ExecutionRow, SqliteStore, reportEngineError } from '../engine/index.js';
import { setExitCode } from './exit.js';

/** Blocks the (CLI) thread for `ms`: a command polling the database has nothing else to do meanwhile. */
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** `prepare` runs first (e.g. parsing `--args`), so bad arguments are reported before the database is opened. */
export function withExecution<T>(
  target: { db: string; workflowId: string; runId?: string; readonly?: boolean },
  prepare: () => T,
  act: (store: SqliteStore, row: ExecutionRow, prepared: T) => void,
): void {
  let store: SqliteStore | undefined;
  try {
    const prepared = prepare();
    store = new SqliteStore(target.db, target.readonly ? { readonly: true } : {});
    const row = store.execution(target.workflowId, target.runId);
    if (!row) throw new EngineInputError('WFE1004', `unknown workflow execution ${target.workflowId} in ${target.db}`);
    act(store, row, prepared);
    setExitCode(0);
  } catch (err) {
    setExitCode(reportEngineError(err));
  } finally {
    store?.close();
  }
}

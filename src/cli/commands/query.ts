/**
 * `wfverify query ID NAME [--args JSON] [--db PATH]`: answers a query by replaying the workflow's
 * recorded history in a fresh sandbox (read-only: nothing is written), prints the result as JSON.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError, SqliteStore, WorkflowRunner, WorkflowSandbox, foldHistory, parseArgsJson, reportEngineError } from '../../engine/index.js';
import { setExitCode } from '../exit.js';

interface QueryArgs {
  id: string;
  name: string;
  args?: string;
  db: string;
}

export const queryCommand: CommandModule<object, QueryArgs> = {
  command: 'query <id> <name>',
  describe: 'query a workflow of an engine database (replays its history)',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true })
      .positional('name', { type: 'string', demandOption: true })
      .option('args', { type: 'string', describe: 'JSON arguments' })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    let store: SqliteStore | undefined;
    try {
      const args = parseArgsJson(argv.args, '--args');
      store = new SqliteStore(argv.db, { readonly: true });
      const row = store.execution(argv.id);
      if (!row) throw new EngineInputError('WFE1004', `unknown workflow execution ${argv.id} in ${argv.db}`);
      const history = store.history(row.runId);
      const s = foldHistory(history);
      const runner = new WorkflowRunner(new WorkflowSandbox(row.module), {
        workflowId: s.workflowId, runId: s.runId, workflowType: s.workflowType, taskQueue: s.taskQueue,
        firstExecutionRunId: s.firstExecutionRunId, attempt: 1, startTime: s.startTime,
      });
      runner.replay(history);
      let result: unknown;
      try {
        result = runner.query(argv.name, args);
      } catch (err) {
        throw new EngineInputError('WFE1006', (err as Error).message);
      }
      process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
      setExitCode(0);
    } catch (err) {
      setExitCode(reportEngineError(err));
    } finally {
      store?.close();
    }
  },
};

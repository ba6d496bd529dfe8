/**
 * `wfverify query ID NAME [--args JSON] [--db PATH]`: answers a query by replaying the workflow's
 * recorded history in a fresh sandbox (read-only: nothing is written), prints the result as JSON.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError, WorkflowRunner, WorkflowSandbox, parseArgsJson, replayInfo } from '../../engine/index.js';
import { withExecution } from '../engine-execution.js';

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
    withExecution({ db: argv.db, workflowId: argv.id, readonly: true }, () => parseArgsJson(argv.args, '--args'), (store, row, args) => {
      const history = store.history(row.runId);
      const runner = new WorkflowRunner(new WorkflowSandbox(row.module), replayInfo(history)); // the run's info, as its live code saw it
      runner.replay(history);
      let result: unknown;
      try {
        result = runner.query(argv.name, args);
      } catch (err) {
        throw new EngineInputError('WFE1006', (err as Error).message);
      }
      process.stdout.write(`${JSON.stringify(result ?? null)}\n`);
    });
  },
};

/**
 * `wfverify signal ID NAME [--args JSON] [--db PATH]`: durably queues a signal for a running
 * workflow; the worker owning the database delivers it (at once if running, else when it starts).
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError, parseArgsJson } from '../../engine/index.js';
import { withExecution } from '../engine-execution.js';

interface SignalArgs {
  id: string;
  name: string;
  args?: string;
  db: string;
}

export const signalCommand: CommandModule<object, SignalArgs> = {
  command: 'signal <id> <name>',
  describe: 'send a signal to a workflow of an engine database',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true, describe: 'workflow id' })
      .positional('name', { type: 'string', demandOption: true, describe: 'signal name' })
      .option('args', { type: 'string', describe: 'JSON arguments (an array, or one value)' })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    withExecution({ db: argv.db, workflowId: argv.id }, () => parseArgsJson(argv.args, '--args'), (store, row, args) => {
      if (row.status !== 'running') throw new EngineInputError('WFE1009', `workflow execution ${argv.id} is closed (${row.status})`);
      store.enqueueInbox('signal', argv.id, { name: argv.name, args });
      process.stdout.write(`signal ${argv.name} queued for ${argv.id}\n`);
    });
  },
};

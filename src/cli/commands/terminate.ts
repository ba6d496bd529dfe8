/**
 * `wfverify terminate ID [--reason TEXT] [--db PATH]`: durably queues the termination of a running
 * workflow; the worker owning the database applies it (at once if running, else when it starts,
 * before it replays any open run). No workflow code runs for it, so this ends a run whose code
 * loops when its history is replayed.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError } from '../../engine/index.js';
import { withExecution } from '../engine-execution.js';

interface TerminateArgs {
  id: string;
  reason?: string;
  db: string;
}

export const terminateCommand: CommandModule<object, TerminateArgs> = {
  command: 'terminate <id>',
  describe: 'terminate a workflow of an engine database (no workflow code runs)',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true, describe: 'workflow id' })
      .option('reason', { type: 'string', describe: 'reason recorded in WorkflowExecutionTerminated (default "terminated")' })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    withExecution({ db: argv.db, workflowId: argv.id }, () => undefined, (store, row) => {
      if (row.status !== 'running') throw new EngineInputError('WFE1009', `workflow execution ${argv.id} is closed (${row.status})`);
      store.enqueueInbox('terminate', argv.id, { reason: argv.reason });
      process.stdout.write(`termination queued for ${argv.id}\n`);
    });
  },
};

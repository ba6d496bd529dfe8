/**
 * `wfverify cancel ID [--reason TEXT] [--db PATH]`: durably queues a cancellation request for a
 * running workflow; the worker owning the database delivers it (at once if running, else when it
 * starts) and the workflow's code sees it as Temporal's cancellation.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError } from '../../engine/index.js';
import { withExecution } from '../engine-execution.js';

interface CancelArgs {
  id: string;
  reason?: string;
  db: string;
}

export const cancelCommand: CommandModule<object, CancelArgs> = {
  command: 'cancel <id>',
  describe: 'request cancellation of a workflow of an engine database',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true, describe: 'workflow id' })
      .option('reason', { type: 'string', describe: 'cause recorded in WorkflowExecutionCancelRequested (default "cancelled")' })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    withExecution({ db: argv.db, workflowId: argv.id }, () => undefined, (store, row) => {
      if (row.status !== 'running') throw new EngineInputError('WFE1009', `workflow execution ${argv.id} is closed (${row.status})`);
      store.enqueueInbox('cancel', argv.id, { reason: argv.reason });
      process.stdout.write(`cancellation requested for ${argv.id}\n`);
    });
  },
};

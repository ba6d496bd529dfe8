/**
 * The commands that queue one message with a reason for a running workflow of an engine database
 * (`cancel`, `terminate`): the worker owning the database applies it (at once if running, else
 * when it starts). A closed run is refused (WFE1009), an unknown one too (WFE1004).
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError } from '../engine/index.js';
import { withExecution } from './engine-execution.js';

export interface ReasonArgs {
  id: string;
  reason?: string;
  db: string;
}

/** A command `<name> <id> [--reason TEXT] [--db PATH]` queuing an inbox message of `kind`. */
export function reasonCommand(o: { kind: 'cancel' | 'terminate'; describe: string; reasonHelp: string; queued: string }): CommandModule<object, ReasonArgs> {
  return {
    command: `${o.kind} <id>`,
    describe: o.describe,
    builder: (y) =>
      y
        .positional('id', { type: 'string', demandOption: true, describe: 'workflow id' })
        .option('reason', { type: 'string', describe: o.reasonHelp })
        .option('db', { type: 'string', default: DEFAULT_DB }),
    handler: (argv) => {
      withExecution({ db: argv.db, workflowId: argv.id }, () => undefined, (store, row) => {
        if (row.status !== 'running') throw new EngineInputError('WFE1009', `workflow execution ${argv.id} is closed (${row.status})`);
        store.enqueueInbox(o.kind, argv.id, { reason: argv.reason });
        process.stdout.write(`${o.queued} ${argv.id}\n`);
      });
    },
  };
}

/**
 * `wfverify history ID [--format temporal-json|json|text] [--db PATH] [--run RUN_ID]`: prints a
 * workflow's history; `temporal-json` is Temporal's JSON history format (replayable by the
 * Temporal SDK's `Worker.runReplayHistory`).
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, HISTORY_FORMAT_VERSION, historyToTemporalJson } from '../../engine/index.js';
import { withExecution } from '../engine-execution.js';

interface HistoryArgs {
  id: string;
  format: 'temporal-json' | 'json' | 'text';
  db: string;
  run?: string;
}

export const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history <id>',
  describe: 'print the event history of a workflow of an engine database',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true })
      .option('format', { choices: ['temporal-json', 'json', 'text'] as const, default: 'text' as const })
      .option('run', { type: 'string', describe: 'run id (default: the latest run)' })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    withExecution({ db: argv.db, workflowId: argv.id, runId: argv.run, readonly: true }, () => undefined, (store, row) => {
      const events = store.history(row.runId);
      if (argv.format === 'temporal-json') process.stdout.write(`${JSON.stringify(historyToTemporalJson(events), null, 2)}\n`);
      else if (argv.format === 'json') process.stdout.write(`${JSON.stringify({ formatVersion: HISTORY_FORMAT_VERSION, workflowId: row.workflowId, runId: row.runId, events }, null, 2)}\n`);
      else {
        for (const e of events) process.stdout.write(`${String(e.eventId).padStart(4)}  ${new Date(e.eventTime).toISOString()}  ${e.eventType}\n`);
        process.stdout.write(`status=${row.status} events=${events.length}\n`);
      }
    });
  },
};

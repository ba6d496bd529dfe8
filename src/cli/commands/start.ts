/**
 * `wfverify start FILE --workflow NAME [--input JSON] [--workflow-id ID] [--cron SPEC] [--retry JSON]
 * [--memo JSON] [--search-attributes JSON] [--id-reuse-policy P] [--id-conflict-policy P]
 * [--signal NAME [--signal-args JSON]] [--db PATH]`: queues a start for the worker that owns the
 * database (Temporal's `workflow start`: it does not wait for the result). Everything is checked
 * first — the module loads, the workflow exists, the options are valid, the id is free (WFE1001,
 * WFE1002, WFE1003, WFE1005, WFE1007; nothing queued) — then the start goes through the inbox. With
 * a live worker it waits (up to 10 s) for the run to be recorded and prints `started ID run RUN`;
 * without one it prints that the start is queued for the next `wfverify worker` on the database.
 * The worker loads the activities beside the workflow module (`activities.ts`).
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineInputError, SqliteStore, WorkflowSandbox, checkStartOptions, reportEngineError } from '../../engine/index.js';
import { sleepSync } from '../engine-execution.js';
import { setExitCode } from '../exit.js';
import { readStartOptions, withStartOptions, type StartArgs } from '../start-options.js';

interface StartCommandArgs extends StartArgs {
  file: string;
  db: string;
}

export const startCommand: CommandModule<object, StartCommandArgs> = {
  command: 'start <file>',
  describe: 'queue a workflow start for the worker of an engine database (does not wait for the result)',
  builder: (y) =>
    withStartOptions(y, true)
      .positional('file', { type: 'string', demandOption: true, describe: 'workflow module (.ts or .js)' })
      .option('db', { type: 'string', default: DEFAULT_DB, describe: 'SQLite database' }),
  handler: (argv) => {
    let store: SqliteStore | undefined;
    try {
      const { options, signal } = readStartOptions(argv);
      const module = path.resolve(argv.file);
      new WorkflowSandbox(module).workflowOrThrow(argv.workflow); // the module loads and exports the workflow
      store = new SqliteStore(argv.db);
      const { workflowId } = options;
      const before = store.execution(workflowId);
      const conflict = checkStartOptions(options).conflictPolicy;
      if (before?.status === 'running' && signal === undefined && conflict === 'USE_EXISTING') {
        // Temporal's USE_EXISTING: no new run, the open one is the answer (nothing queued)
        process.stdout.write(`${workflowId} is running: run ${before.runId} (--id-conflict-policy USE_EXISTING)\n`);
        setExitCode(0);
        return;
      }
      if (before?.status === 'running' && signal === undefined && conflict === undefined) throw new EngineInputError('WFE1005', `workflow execution ${workflowId} is already running`, { hint: '--id-conflict-policy USE_EXISTING or TERMINATE_EXISTING' });
      store.enqueueInbox('start', workflowId, {
        start: {
          module, workflowType: argv.workflow,
          options: { ...options, retry: options.retry as Record<string, unknown> | undefined, args: [...(options.args ?? [])], signal: signal?.name, signalArgs: signal?.args },
        },
      });
      if (store.workerPid() === undefined) {
        process.stdout.write(`start of ${workflowId} queued: the next \`wfverify worker --db ${argv.db}\` starts it\n`);
        setExitCode(0);
        return;
      }
      const run = awaitRun(store, workflowId, before?.runId, signal !== undefined);
      process.stdout.write(run === undefined ? `start of ${workflowId} queued: the worker has not recorded it yet\n` : `started ${workflowId} run ${run}\n`);
      setExitCode(0);
    } catch (err) {
      setExitCode(reportEngineError(err));
    } finally {
      store?.close();
    }
  },
};

/** Polls (up to 10 s) for the run the worker records; with `signalled`, an open run that was there is the answer. */
function awaitRun(store: SqliteStore, workflowId: string, before: string | undefined, signalled: boolean): string | undefined {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = store.execution(workflowId);
    if (row !== undefined && (row.runId !== before || (signalled && row.status === 'running')) && store.inbox(0).every((m) => m.workflowId !== workflowId || m.kind !== 'start')) return row.runId;
    if (Date.now() > deadline) return undefined;
    sleepSync(20);
  }
}

/**
 * `wfverify run FILE --workflow NAME --input JSON [--db PATH]`: starts a workflow on the bundled
 * engine, runs it (with its activities) until it closes, prints the result as JSON (`--memo JSON`
 * and `--search-attributes JSON` set the run's memo and search attributes). With
 * `--signal NAME [--signal-args JSON]` the start is a signal-with-start: the signal is recorded
 * with it, before the workflow's first task (a run of that id still open is signalled instead).
 * Exit codes: 0 completed, 1 failed / cancelled / workflow task failed / blocked, 2 bad input,
 * 70 internal.
 *
 * It waits for the result: pending timers, activity attempts and retry backoffs keep the process
 * alive, and so does the inbox poller of a database file (a signal may come from `wfverify
 * signal`). If nothing at all is left that could advance the workflow (e.g. it waits for a signal
 * with `--db :memory:`), it fails with WFE3004 instead of exiting silently.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, Engine, defaultActivitiesFile, loadActivities, failureSummary, reportEngineError, type RunOutcome } from '../../engine/index.js';
import { setExitCode } from '../exit.js';
import { failureErrorTypesJson, readStartOptions, withStartOptions, type StartArgs } from '../start-options.js';

interface RunArgs extends StartArgs {
  file: string;
  db: string;
  activities?: string;
  sync: 'full' | 'normal' | 'off';
  'failure-error-types'?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <file>',
  describe: 'run a workflow on the bundled durable engine until it completes',
  builder: (y) =>
    withStartOptions(y, false)
      .positional('file', { type: 'string', demandOption: true, describe: 'workflow module (.ts or .js)' })
      .option('db', { type: 'string', default: DEFAULT_DB, describe: 'SQLite database (":memory:" for none)' })
      .option('activities', { type: 'string', describe: 'activity module (default: activities.ts beside FILE)' })
      .option('sync', { choices: ['full', 'normal', 'off'] as const, default: 'full' as const, describe: 'durability of each commit' })
      .option('failure-error-types', { type: 'string', describe: 'JSON: workflow type (or "*") → error class names that fail the execution, not the task (NondeterminismError too)' }),
  handler: async (argv) => {
    let engine: Engine | undefined;
    try {
      const { options, signal } = readStartOptions(argv);
      const actFile = argv.activities ?? defaultActivitiesFile(argv.file);
      const activities = actFile ? loadActivities(actFile) : {};
      engine = await Engine.open({ db: argv.db, sync: argv.sync, activities, workflows: argv.file, workflowFailureErrorTypes: failureErrorTypesJson(argv['failure-error-types']) });
      const { workflowId } = signal === undefined ? await engine.start(argv.workflow, options)
        : await engine.signalWithStart(argv.workflow, { ...options, signal: signal.name, signalArgs: signal.args });
      const outcome = await untilResult(engine, workflowId, argv.db);
      if (outcome.status === 'completed') {
        process.stdout.write(`${JSON.stringify(outcome.result ?? null)}\n`);
        setExitCode(0);
      } else {
        const why = (outcome.failure ? `: ${failureSummary(outcome.failure)}` : '') + (outcome.retryState ? ` (${outcome.retryState})` : '');
        process.stderr.write(`wfverify: workflow ${workflowId} ${outcome.status}${why}\n`);
        setExitCode(1);
      }
    } catch (err) {
      setExitCode(reportEngineError(err));
    } finally {
      await engine?.close();
    }
  },
};

/** `engine.result`, failing clearly (WFE3004, exit 1) if the event loop empties first. */
async function untilResult(engine: Engine, workflowId: string, db: string): Promise<RunOutcome> {
  const blocked = (): void => {
    const why = db === ':memory:' ? ' (with --db :memory: no other process can signal it)' : '';
    process.stderr.write(`wfverify: error WFE3004: workflow ${workflowId} is still open but nothing pending can advance it${why}\n`);
    process.exitCode = 1;
  };
  process.once('beforeExit', blocked);
  try {
    return await engine.result(workflowId);
  } finally {
    process.off('beforeExit', blocked);
  }
}

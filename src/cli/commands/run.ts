/**
 * `wfverify run FILE --workflow NAME --input JSON [--db PATH]`: starts a workflow on the bundled
 * engine, runs it (with its activities) until it closes, prints the result as JSON. With
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
import { randomUUID } from 'node:crypto';
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, Engine, EngineInputError, defaultActivitiesFile, loadActivities, failureSummary, parseArgsJson, reportEngineError, type RetryPolicy, type RunOutcome } from '../../engine/index.js';
import { setExitCode } from '../exit.js';

interface RunArgs {
  file: string;
  workflow: string;
  input?: string;
  db: string;
  activities?: string;
  'workflow-id'?: string;
  sync: 'full' | 'normal' | 'off';
  'run-timeout'?: string;
  'execution-timeout'?: string;
  retry?: string;
  signal?: string;
  'signal-args'?: string;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <file>',
  describe: 'run a workflow on the bundled durable engine until it completes',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'workflow module (.ts or .js)' })
      .option('workflow', { type: 'string', demandOption: true, describe: 'exported workflow function to run' })
      .option('input', { type: 'string', describe: 'JSON arguments (an array, or one value)' })
      .option('db', { type: 'string', default: DEFAULT_DB, describe: 'SQLite database (":memory:" for none)' })
      .option('activities', { type: 'string', describe: 'activity module (default: activities.ts beside FILE)' })
      .option('workflow-id', { type: 'string', describe: 'workflow id (default: a random UUID)' })
      .option('sync', { choices: ['full', 'normal', 'off'] as const, default: 'full' as const, describe: 'durability of each commit' })
      .option('run-timeout', { type: 'string', describe: "the run's timeout (ms or a duration such as 30s, 2h): it times out if still open then" })
      .option('execution-timeout', { type: 'string', describe: "the execution's timeout across continue-as-new (ms or a duration)" })
      .option('signal', { type: 'string', describe: 'signal-with-start: a signal recorded with the start, before the workflow\'s first task' })
      .option('signal-args', { type: 'string', describe: 'JSON arguments of --signal (an array, or one value)', implies: 'signal' })
      .option('retry', { type: 'string', describe: 'the workflow\'s retry policy as JSON: a failed or timed-out run is retried as a new run (e.g. \'{"maximumAttempts":3,"initialInterval":"1s"}\')' }),
  handler: async (argv) => {
    let engine: Engine | undefined;
    try {
      const args = parseArgsJson(argv.input);
      const retry = retryPolicyJson(argv.retry);
      const signalArgs = parseArgsJson(argv['signal-args'], '--signal-args');
      const actFile = argv.activities ?? defaultActivitiesFile(argv.file);
      const activities = actFile ? loadActivities(actFile) : {};
      engine = await Engine.open({ db: argv.db, sync: argv.sync, activities, workflows: argv.file });
      const timeout = (v: string | undefined): number | string | undefined => (v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
      const options = { args, workflowId: argv['workflow-id'] ?? randomUUID(), workflowRunTimeout: timeout(argv['run-timeout']), workflowExecutionTimeout: timeout(argv['execution-timeout']), retry };
      const { workflowId } = argv.signal === undefined ? await engine.start(argv.workflow, options)
        : await engine.signalWithStart(argv.workflow, { ...options, signal: argv.signal, signalArgs });
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

/** The `--retry` option: a JSON object (WFE1002 when not JSON, WFE1007 when not an object; `engine.start` checks its fields). */
function retryPolicyJson(text: string | undefined): RetryPolicy | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new EngineInputError('WFE1002', `--retry is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EngineInputError('WFE1007', `--retry must be a JSON object (a retry policy), not ${text}`, { hint: `for example --retry '{"maximumAttempts":3,"initialInterval":"1s"}'` });
  return v as RetryPolicy;
}

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

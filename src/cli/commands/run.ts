/**
 * `wfverify run FILE --workflow NAME --input JSON [--db PATH]`: starts a workflow on the bundled
 * engine, runs it (with its activities) until it closes, prints the result as JSON.
 * Exit codes: 0 completed, 1 failed / cancelled / workflow task failed, 2 bad input, 70 internal.
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, Engine, defaultActivitiesFile, loadActivities, parseArgsJson, reportEngineError } from '../../engine/index.js';
import { setExitCode } from '../exit.js';

interface RunArgs {
  file: string;
  workflow: string;
  input?: string;
  db: string;
  activities?: string;
  'workflow-id'?: string;
  sync: 'full' | 'normal' | 'off';
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
      .option('sync', { choices: ['full', 'normal', 'off'] as const, default: 'full' as const, describe: 'durability of each commit' }),
  handler: async (argv) => {
    let engine: Engine | undefined;
    try {
      const args = parseArgsJson(argv.input);
      const actFile = argv.activities ?? defaultActivitiesFile(argv.file);
      const activities = actFile ? loadActivities(actFile) : {};
      engine = await Engine.open({ db: argv.db, sync: argv.sync, activities, workflows: argv.file });
      const { workflowId } = await engine.start(argv.workflow, { args, workflowId: argv['workflow-id'] });
      const outcome = await engine.result(workflowId);
      if (outcome.status === 'completed') {
        process.stdout.write(`${JSON.stringify(outcome.result ?? null)}\n`);
        setExitCode(0);
      } else {
        const why = outcome.failure ? `: ${outcome.failure.message}` : '';
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

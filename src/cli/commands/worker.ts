/**
 * `wfverify worker [--db PATH] [--activities FILE] [--until-idle]`: resumes every open workflow of
 * the database (replaying histories) and keeps running them, applying signals sent by other
 * processes, until SIGINT/SIGTERM (or, with `--until-idle`, until no work is left except timers).
 */
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, Engine, defaultActivitiesFile, loadActivities, reportEngineError } from '../../engine/index.js';
import { setExitCode } from '../exit.js';
import { failureErrorTypesJson } from '../start-options.js';

interface WorkerArgs {
  db: string;
  activities?: string;
  'until-idle': boolean;
  sync: 'full' | 'normal' | 'off';
  'failure-error-types'?: string;
}

export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: 'worker',
  describe: 'resume and run the open workflows of an engine database',
  builder: (y) =>
    y
      .option('db', { type: 'string', default: DEFAULT_DB, describe: 'SQLite database' })
      .option('activities', { type: 'string', describe: 'activity module (default: activities.ts beside each workflow module)' })
      .option('until-idle', { type: 'boolean', default: false, describe: 'exit once nothing but timers is pending' })
      .option('sync', { choices: ['full', 'normal', 'off'] as const, default: 'full' as const })
      .option('failure-error-types', { type: 'string', describe: 'JSON: workflow type (or "*") → error class names that fail the execution, not the task (NondeterminismError too)' }),
  handler: async (argv) => {
    let engine: Engine | undefined;
    try {
      // --activities serves every module; else each workflow module brings the activities beside it
      // when first loaded (the open runs' at start, a module a queued `wfverify start` names later)
      const activities = argv.activities ? loadActivities(argv.activities) : {};
      const activitiesFor = argv.activities ? undefined : (module: string) => {
        const f = defaultActivitiesFile(module);
        return f === undefined ? undefined : loadActivities(f);
      };
      engine = await Engine.open({ db: argv.db, sync: argv.sync, activities, activitiesFor, workflowFailureErrorTypes: failureErrorTypesJson(argv['failure-error-types']) });
      process.stderr.write(`wfverify: worker resumed ${engine.openRunCount} open workflow(s)\n`);
      const e = engine;
      // a worker waits for work even when it has none: starts and messages come through the inbox
      const alive = argv['until-idle'] ? undefined : setInterval(() => undefined, 60_000);
      await new Promise<void>((resolve) => {
        const stop = (): void => { if (alive) clearInterval(alive); resolve(); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        if (argv['until-idle']) {
          const check = (): void => {
            void e.idle().then(() => (e.openRunCount === 0 ? resolve() : setTimeout(check, 200).unref()));
          };
          check();
        }
      });
      setExitCode(0);
    } catch (err) {
      setExitCode(reportEngineError(err));
    } finally {
      await engine?.close();
    }
  },
};

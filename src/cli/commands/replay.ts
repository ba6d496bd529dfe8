/**
 * `wfverify replay FILE --history PATH... [--workflow NAME] [--format text|json]`: replay testing.
 * Each history (a file, or every `.json` file of a directory; Temporal's JSON history format or
 * the engine's own) is replayed against the workflow code of FILE, offline — no activity runs,
 * nothing is written — and a change that the recorded executions could not survive is reported
 * with the diverging command and its source line (WFE3001), as Temporal's
 * `Worker.runReplayHistories` does for a cluster's histories.
 *
 * Exit codes: 0 every history replays, 1 some history does not (nondeterminism, code that throws
 * or loops during replay), 2 bad input (unreadable or malformed history, unknown workflow type,
 * workflow module that cannot be loaded), 70 internal.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../../core/index.js';
import { EngineError, NondeterminismError, Replayer, readHistoryFile, reportEngineError, type ReplayReport } from '../../engine/index.js';
import { setExitCode } from '../exit.js';

interface ReplayArgs {
  file: string;
  history: string[];
  workflow?: string;
  format: 'text' | 'json';
  'deadlock-timeout': number;
}

/** The outcome of one history. */
interface Verdict {
  history: string;
  replayed: boolean;
  report?: ReplayReport;
  error?: { code: string; message: string; source?: string; exitCode: number };
}

export const replayCommand: CommandModule<object, ReplayArgs> = {
  command: 'replay <file>',
  describe: 'replay recorded histories against the current workflow code (nondeterminism check)',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'workflow module (.ts or .js)' })
      .option('history', { type: 'string', array: true, demandOption: true, describe: 'history file, or a directory of .json histories (repeatable)' })
      .option('workflow', { type: 'string', describe: 'workflow function to replay (default: the type recorded in each history)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
      .option('deadlock-timeout', { type: 'number', default: 2000, describe: 'ms one activation may run (0 = none)' })
      .check((a) => {
        const t = a['deadlock-timeout'];
        if (!Number.isFinite(t) || t < 0) throw new InputError('WFV1000', `--deadlock-timeout must be a non-negative number of milliseconds, got ${t}`);
        return true;
      }),
  handler: (argv) => {
    try {
      const files = argv.history.flatMap(historyFiles);
      const replayer = new Replayer(argv.file, { deadlockTimeoutMs: argv['deadlock-timeout'] });
      const verdicts = files.map((f) => replayOne(replayer, f, argv.workflow));
      process.stdout.write(argv.format === 'json' ? `${JSON.stringify(verdicts, null, 2)}\n` : text(verdicts));
      setExitCode(Math.max(0, ...verdicts.map((v) => v.error?.exitCode ?? 0)) === 2 ? 2 : verdicts.some((v) => !v.replayed) ? 1 : 0);
    } catch (err) {
      setExitCode(reportEngineError(err));
    }
  },
};

/** `p` itself, or the `.json` files of directory `p` in name order; WFE1008 when `p` is neither. */
function historyFiles(p: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(p).isDirectory();
  } catch {
    return [p]; // reported by readHistoryFile, with the others
  }
  if (!isDir) return [p];
  return readdirSync(p).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(p, f));
}

function replayOne(replayer: Replayer, file: string, workflowType: string | undefined): Verdict {
  try {
    const report = replayer.replay(readHistoryFile(file), file, workflowType);
    return { history: file, replayed: true, report };
  } catch (err) {
    // a module that cannot be loaded concerns every history: the command stops (exit 2)
    if (!(err instanceof EngineError) || err.code === 'WFE1003') throw err;
    const source = err instanceof NondeterminismError ? err.source : undefined;
    return { history: file, replayed: false, error: { code: err.code, message: err.message, source, exitCode: err.exitCode } };
  }
}

function text(verdicts: readonly Verdict[]): string {
  const lines = verdicts.map((v) => {
    if (v.report) {
      const r = v.report;
      return `ok    ${v.history}: ${r.workflowType} (${r.workflowId || 'no id'}), ${r.workflowTasks} workflow task${r.workflowTasks === 1 ? '' : 's'}, ${r.events} events${r.closed ? '' : ', run still open'}`;
    }
    return `FAIL  ${v.history}: ${v.error!.code}: ${v.error!.message}`;
  });
  const failed = verdicts.filter((v) => !v.replayed).length;
  lines.push(`${verdicts.length} histor${verdicts.length === 1 ? 'y' : 'ies'}: ${verdicts.length - failed} replayed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

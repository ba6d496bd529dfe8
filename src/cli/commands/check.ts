/**
 * `wfverify check [PATHS..]`: verify the workflows under PATHS against the built-in checks and
 * their specs (`*.wfspec`), printing one verdict line per property and, for violations, the
 * counterexample at the workflow's source lines. Exit codes per DESIGN.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ExitCode, InputError } from '../../core/index.js';
import { readCheckConfig } from '../check/config.js';
import { renderJson } from '../check/render-json.js';
import { renderJunit } from '../check/render-junit.js';
import { renderSarif } from '../check/render-sarif.js';
import { renderText } from '../check/render-text.js';
import type { CheckReport } from '../check/report.js';
import { runCheck } from '../check/run-check.js';
import { setExitCode } from '../exit.js';
import { clearProgress } from '../progress.js';
import { toolVersion } from '../version.js';

export interface CheckArgs {
  paths?: string[];
  config?: string;
  workflow?: string;
  'max-states'?: number;
  timeout?: number;
  format: 'text' | 'json' | 'sarif' | 'junit';
}

/** 1 if anything is violated, else 3 if anything is inconclusive or unsupported, else 0. */
export function checkExitCode(report: CheckReport): number {
  const all = report.workflows.flatMap((w) => w.properties);
  if (all.some((p) => p.status === 'violated')) return ExitCode.Violated;
  if (all.some((p) => p.status === 'inconclusive' || p.status === 'unsupported')) return ExitCode.Inconclusive;
  return ExitCode.Holds;
}

function sourceReader(baseDir: string): (file: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(path.resolve(baseDir, file), 'utf8'));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file);
  };
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [paths..]',
  describe: 'Verify TypeScript workflows: built-in checks and the properties of their .wfspec files',
  builder: (y: Argv) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'workflow files, .wfspec files or directories (default: the config\'s paths, or .)' })
      .option('config', { type: 'string', describe: 'a wfverify.config.json (default: ./wfverify.config.json when present)' })
      .option('workflow', { type: 'string', describe: 'check only the workflow with this name' })
      .option('max-states', { type: 'number', describe: 'stop (inconclusive) after this many states per model' })
      .option('timeout', { type: 'number', describe: 'stop (inconclusive) after this many seconds per model' })
      .option('format', { choices: ['text', 'json', 'sarif', 'junit'] as const, default: 'text' as const })
      .example('$0 check examples', 'every workflow and spec under examples/')
      .example('$0 check src/workflows --format sarif > wfverify.sarif', 'for code scanning in CI') as unknown as Argv<CheckArgs>,
  handler: async (args) => {
    for (const [name, v] of [['max-states', args['max-states']], ['timeout', args.timeout]] as const) {
      if (v !== undefined && (!Number.isFinite(v) || v < 0)) throw new InputError('WFV1000', `--${name} must be a non-negative number, got ${v}`);
    }
    const baseDir = process.cwd();
    const config = readCheckConfig(args.config, baseDir);
    const paths = args.paths && args.paths.length > 0 ? args.paths : config.paths.length > 0 ? config.paths : ['.'];
    const maxStates = args['max-states'] ?? config.maxStates;
    const timeout = args.timeout ?? config.timeout;
    const bounds = { ...(maxStates !== undefined ? { maxStates } : {}), ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}) };
    if (process.stderr.isTTY) process.stderr.write('wfverify: extracting and checking workflows…');
    const run = runCheck({ paths, baseDir, bounds, ...(args.workflow ? { workflow: args.workflow } : {}), version: toolVersion() });
    clearProgress();
    if (run.errors.length > 0) {
      for (const e of run.errors) process.stderr.write(`${e.span.file}:${e.span.line}:${e.span.column}: error ${e.code}: ${e.message}\n`);
      process.stderr.write(`wfverify: ${run.errors.length} error${run.errors.length === 1 ? '' : 's'} in the input; nothing was checked\n`);
      setExitCode(ExitCode.BadInput);
      return;
    }
    const readSource = sourceReader(baseDir);
    let text: string;
    switch (args.format) {
      case 'json':
        text = renderJson(run.report);
        break;
      case 'sarif':
        text = renderSarif(run.report, { baseDir });
        break;
      case 'junit':
        text = renderJunit(run.report, { readSource, baseDir });
        break;
      default:
        text = renderText(run.report, { readSource, baseDir });
    }
    process.stdout.write(`${text}\n`);
    setExitCode(checkExitCode(run.report));
  },
};

/**
 * `wfverify` command-line entry: parses arguments with yargs, dispatches to a subcommand and
 * returns the process exit code (DESIGN.md "Output conventions"). Subcommands report their own
 * exit code through {@link setExitCode}; errors of wfverify's taxonomy are printed without a stack.
 */
import yargs from 'yargs';
import { ExitCode, InputError, WfvError } from '../core/index.js';
import { COMMANDS } from './commands/registry.js';
import { takeExitCode } from './exit.js';

/** Runs the CLI on `argv` (without `node` and the script) and resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const parser = yargs([...argv])
    .scriptName('wfverify')
    .strict()
    .demandCommand(1, 'name a command: see `wfverify --help`')
    .recommendCommands()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      // Throwing stops yargs before it runs the command's handler.
      throw new InputError('WFV1000', `${msg} (see \`wfverify --help\`)`);
    });
  for (const c of COMMANDS) parser.command(c);
  try {
    await parser.parseAsync();
  } catch (err) {
    return reportError(err);
  }
  return takeExitCode();
}

function reportError(err: unknown): number {
  if (err instanceof WfvError) {
    process.stderr.write(`wfverify: ${err.describe()}\n`);
    return err.exitCode;
  }
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`wfverify: internal error WFV7000 (please report): ${text}\n`);
  return ExitCode.Internal;
}

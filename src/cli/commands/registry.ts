/**
 * The list of `wfverify` subcommands. Each entry is a yargs command module living in its own
 * file beside this one; `main.ts` registers them in this order (the order of `--help`).
 */
import type { CommandModule } from 'yargs';
import { cancelCommand } from './cancel.js';
import { checkCommand } from './check.js';
import { describeCommand } from './describe.js';
import { exportCommand } from './export.js';
import { extractCommand } from './extract.js';
import { netCommand } from './net.js';
import { historyCommand } from './history.js';
import { listCommand } from './list.js';
import { queryCommand } from './query.js';
import { replayCommand } from './replay.js';
import { runCommand } from './run.js';
import { signalCommand } from './signal.js';
import { startCommand } from './start.js';
import { terminateCommand } from './terminate.js';
import { updateCommand } from './update.js';
import { workerCommand } from './worker.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: readonly CommandModule<any, any>[] = [checkCommand, extractCommand, exportCommand, netCommand, runCommand, startCommand, workerCommand, signalCommand, updateCommand, cancelCommand, terminateCommand, queryCommand, historyCommand, describeCommand, listCommand, replayCommand];

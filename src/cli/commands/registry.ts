/**
 * The list of `wfverify` subcommands. Each entry is a yargs command module living in its own
 * file beside this one; `main.ts` registers them in this order (the order of `--help`).
 */
import type { CommandModule } from 'yargs';
import { netCommand } from './net.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const COMMANDS: readonly CommandModule<any, any>[] = [netCommand];

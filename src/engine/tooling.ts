/**
 * Helpers shared by the engine's CLI commands (`run`, `worker`, `signal`, `query`, `history`):
 * JSON argument parsing with clear errors, and uniform error reporting. Kept in the engine so the
 * commands stay thin and the engine's error classes stay the only source of codes.
 */
import { EngineError, EngineInputError } from './errors.js';

/** Parses `--input`/`--args` JSON: an array is the argument list, anything else one argument. */
export function parseArgsJson(text: string | undefined, what = '--input'): unknown[] {
  if (text === undefined || text === '') return [];
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new EngineInputError('WFE1002', `${what} is not valid JSON: ${(err as Error).message}`, { hint: `for example ${what} '["order-1", 42]'` });
  }
  return Array.isArray(v) ? v : [v];
}

/** Prints an error as `wfverify: error <code>: <message>` and returns the exit code to use. */
export function reportEngineError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (err instanceof EngineError) {
    write(`wfverify: error ${err.describe()}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string; exitCode?: number; describe?: () => string };
  if (e && typeof e.describe === 'function' && typeof e.exitCode === 'number') {
    write(`wfverify: error ${e.describe()}\n`);
    return e.exitCode;
  }
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  write(`wfverify: internal error WFE7000 (please report): ${text}\n`);
  return 70;
}

/** Default database file of the CLI commands. */
export const DEFAULT_DB = 'wfverify-engine.db';

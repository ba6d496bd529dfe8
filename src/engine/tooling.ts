/**
 * Helpers shared by the engine's CLI commands (`run`, `worker`, `signal`, `query`, `history`,
 * `replay`): JSON argument parsing with clear errors, history files, and uniform error reporting. Kept in the engine so the
 * commands stay thin and the engine's error classes stay the only source of codes.
 */
import { readFileSync } from 'node:fs';
import { EngineError, EngineInputError } from './errors.js';
import { HISTORY_FORMAT_VERSION, type FailureInfo, type HistoryEvent } from './history/events.js';
import { historyFromTemporalJson } from './history/temporal-json.js';

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

/**
 * Reads a history file: Temporal's JSON history format (`temporal workflow show --output json`,
 * `wfverify history --format temporal-json`; either event-type spelling), or the engine's own
 * (`wfverify history --format json`, recognised by its `formatVersion`). Throws
 * `EngineInputError` WFE1008 naming the file when it cannot be read or is not a history.
 */
export function readHistoryFile(file: string): HistoryEvent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new EngineInputError('WFE1008', `cannot read history file ${file}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new EngineInputError('WFE1008', `${file} is not valid JSON: ${(err as Error).message}`);
  }
  const native = doc as { formatVersion?: unknown; events?: unknown };
  if (native && typeof native === 'object' && native.formatVersion !== undefined) {
    if (native.formatVersion !== HISTORY_FORMAT_VERSION) {
      throw new EngineInputError('WFE1008', `${file} has history format version ${JSON.stringify(native.formatVersion)}; this engine reads version ${HISTORY_FORMAT_VERSION}`);
    }
    if (!Array.isArray(native.events) || native.events.some((e) => !e || typeof e !== 'object' || typeof (e as HistoryEvent).eventType !== 'string' || typeof (e as HistoryEvent).attributes !== 'object')) {
      throw new EngineInputError('WFE1008', `${file}: "events" must be a list of engine history events`);
    }
    return native.events as HistoryEvent[];
  }
  return historyFromTemporalJson(doc, file);
}

/**
 * A failure with its causes on one line: `Activity task failed (work); caused by TypeError: x is
 * not a function` — what a CLI prints for a failed workflow (the outer message alone hides why).
 */
export function failureSummary(f: FailureInfo): string {
  const parts: string[] = [];
  for (let c: FailureInfo | undefined = f, depth = 0; c !== undefined && depth < 8; c = c.cause, depth++) {
    const what = c.kind === 'application' && c.type && c.type !== 'Error' ? `${c.type}: ${c.message}` : c.kind === 'activity' || c.kind === 'child' ? `${c.message}${c.type ? ` (${c.type})` : ''}` : c.message;
    parts.push(depth === 0 ? what : `caused by ${what}`);
  }
  return parts.join('; ');
}

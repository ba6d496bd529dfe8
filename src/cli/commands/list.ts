/**
 * `wfverify list [--status STATUS] [--limit N] [--format text|json] [--db PATH]`: the workflow
 * runs of an engine database, the most recent first — what `temporal workflow list` shows for a
 * cluster. Reads only (the database may be in use by a worker).
 */
import type { CommandModule } from 'yargs';
import { InputError } from '../../core/index.js';
import { DEFAULT_DB, type ExecutionRow, type RunStatus, SqliteStore, reportEngineError } from '../../engine/index.js';
import { setExitCode } from '../exit.js';

const STATUSES: readonly RunStatus[] = ['running', 'completed', 'failed', 'canceled', 'terminated', 'continuedAsNew', 'timedOut'];

interface ListArgs {
  status?: RunStatus;
  limit: number;
  format: 'text' | 'json';
  db: string;
}

export const listCommand: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'list the workflow runs of an engine database, the most recent first',
  builder: (y) =>
    y
      .option('status', { choices: STATUSES, describe: 'only runs with this status' })
      .option('limit', { type: 'number', default: 100, describe: 'at most this many runs' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
      .option('db', { type: 'string', default: DEFAULT_DB })
      .check((a) => {
        if (!Number.isInteger(a.limit) || a.limit < 1) throw new InputError('WFV1000', `--limit must be a positive integer, got ${a.limit}`);
        return true;
      }),
  handler: (argv) => {
    let store: SqliteStore | undefined;
    try {
      store = new SqliteStore(argv.db, { readonly: true });
      const rows = store.executions(argv.limit, argv.status);
      process.stdout.write(argv.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : table(rows));
      setExitCode(0);
    } catch (err) {
      setExitCode(reportEngineError(err));
    } finally {
      store?.close();
    }
  },
};

/** One line per run under a header; times in ISO 8601 (UTC), `-` for a run still open. */
function table(rows: readonly ExecutionRow[]): string {
  const cells = [['WORKFLOW ID', 'RUN ID', 'TYPE', 'STATUS', 'STARTED', 'CLOSED']];
  for (const r of rows) {
    cells.push([r.workflowId, r.runId, r.workflowType, r.status, new Date(r.startTime).toISOString(), r.closeTime === undefined ? '-' : new Date(r.closeTime).toISOString()]);
  }
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  const lines = cells.map((c) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  '));
  return `${lines.join('\n')}\n${rows.length} run${rows.length === 1 ? '' : 's'}\n`;
}

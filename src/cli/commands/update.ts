/**
 * `wfverify update ID NAME [--args JSON] [--timeout MS] [--db PATH]`: sends an update to a running
 * workflow of an engine database and waits for its outcome, as Temporal's `workflow update
 * execute` does. The update goes through the database's inbox to the worker that owns it (a
 * live `wfverify worker` or `run`; without one: WFE1010, nothing queued); the worker records the
 * outcome — the handler's result, or its failure or rejection (which no history holds) — and this
 * command prints it: the result as JSON (exit 0), or the failure (exit 1). WFE3005 (exit 1) when
 * the run closes first or nothing comes within the timeout: an update not yet accepted is not
 * durable (as on Temporal), so a worker restart may drop it; send it again.
 */
import { randomUUID } from 'node:crypto';
import type { CommandModule } from 'yargs';
import { DEFAULT_DB, EngineError, EngineInputError, parseArgsJson, type EngineStore, type ExecutionRow } from '../../engine/index.js';
import { sleepSync, withExecution } from '../engine-execution.js';

interface UpdateArgs {
  id: string;
  name: string;
  args?: string;
  timeout: number;
  db: string;
}

export const updateCommand: CommandModule<object, UpdateArgs> = {
  command: 'update <id> <name>',
  describe: 'send an update to a running workflow of an engine database and print its result',
  builder: (y) =>
    y
      .positional('id', { type: 'string', demandOption: true, describe: 'workflow id' })
      .positional('name', { type: 'string', demandOption: true, describe: 'update name' })
      .option('args', { type: 'string', describe: 'JSON arguments (an array, or one value)' })
      .option('timeout', { type: 'number', default: 60_000, describe: 'how long to wait for the outcome, ms' })
      .option('db', { type: 'string', default: DEFAULT_DB }),
  handler: (argv) => {
    const prepare = (): unknown[] => {
      if (!(argv.timeout > 0)) throw new EngineInputError('WFE1007', `--timeout must be a positive number of milliseconds, got ${argv.timeout}`);
      return parseArgsJson(argv.args, '--args');
    };
    withExecution({ db: argv.db, workflowId: argv.id }, prepare, (store, row, args) => {
      if (row.status !== 'running') throw new EngineInputError('WFE1009', `workflow execution ${argv.id} is closed (${row.status})`);
      if (store.workerPid() === undefined) {
        throw new EngineInputError('WFE1010', `no wfverify worker is running on ${argv.db}: an update needs one to run its handler`, { hint: `start one with \`wfverify worker --db ${argv.db}\` (\`wfverify signal\` queues without one)` });
      }
      const updateId = randomUUID();
      store.enqueueInbox('update', argv.id, { name: argv.name, args, updateId });
      const outcome = awaitOutcome(store, row, updateId, argv.timeout, `update ${argv.name} of ${argv.id}`);
      if (outcome.failure) throw new EngineError('WFE3005', `update ${argv.name} of ${argv.id} failed: ${outcome.failure.message}`, 1);
      process.stdout.write(`${JSON.stringify(outcome.result ?? null)}\n`);
    });
  },
};

/** Polls the store for the update's outcome; WFE3005 when the run closes first or the time is up. */
function awaitOutcome(store: EngineStore, row: ExecutionRow, updateId: string, timeoutMs: number, what: string): { result?: unknown; failure?: { message: string } } {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const o = store.updateOutcome(updateId, true);
    if (o !== undefined) return o;
    const current = store.execution(row.workflowId);
    const closed = current === undefined || current.runId !== row.runId || current.status !== 'running';
    if (closed || Date.now() > deadline) {
      // accepted before a worker restart: the completion is in the history, not in the outcome table
      const done = store.history(row.runId).find((e) => e.eventType === 'WorkflowExecutionUpdateCompleted' && e.attributes.updateId === updateId);
      if (done?.eventType === 'WorkflowExecutionUpdateCompleted') return done.attributes.failure ? { failure: done.attributes.failure } : { result: done.attributes.success };
      const o2 = store.updateOutcome(updateId, true);
      if (o2 !== undefined) return o2;
      if (closed) throw new EngineError('WFE3005', `${what} did not complete: the run closed (${current?.status ?? 'unknown'}) first`, 1);
      throw new EngineError('WFE3005', `${what} did not complete within ${timeoutMs} ms`, 1, { hint: 'an update that was not accepted is not durable: if the worker restarted, send it again' });
    }
    sleepSync(20);
  }
}

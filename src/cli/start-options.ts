/**
 * The start options shared by `wfverify run` (start and wait) and `wfverify start` (queue a start
 * for the database's worker): workflow id, input, timeouts, retry policy, memo and search
 * attributes, signal-with-start, and for `start` a cron schedule. Parsing errors are engine input errors (WFE1002 bad JSON, WFE1007
 * a bad option), reported before anything is opened or queued.
 */
import { randomUUID } from 'node:crypto';
import type { Argv } from 'yargs';
import { EngineInputError, checkStartOptions, parseArgsJson, type RetryPolicy, type StartOptions } from '../engine/index.js';

export interface StartArgs {
  workflow: string;
  input?: string;
  'workflow-id'?: string;
  'run-timeout'?: string;
  'execution-timeout'?: string;
  retry?: string;
  signal?: string;
  'signal-args'?: string;
  cron?: string;
  memo?: string;
  'search-attributes'?: string;
  'id-reuse-policy'?: string;
  'id-conflict-policy'?: string;
}

/** Adds the start options to a command (`cron`: also `--cron`). */
export function withStartOptions<T>(y: Argv<T>, cron: boolean): Argv<T & StartArgs> {
  const out = y
    .option('workflow', { type: 'string', demandOption: true, describe: 'exported workflow function to run' })
    .option('input', { type: 'string', describe: 'JSON arguments (an array, or one value)' })
    .option('workflow-id', { type: 'string', describe: 'workflow id (default: a random UUID)' })
    .option('run-timeout', { type: 'string', describe: "the run's timeout (ms or a duration such as 30s, 2h): it times out if still open then" })
    .option('execution-timeout', { type: 'string', describe: "the execution's timeout across continue-as-new (ms or a duration)" })
    .option('signal', { type: 'string', describe: 'signal-with-start: a signal recorded with the start, before the workflow\'s first task' })
    .option('signal-args', { type: 'string', describe: 'JSON arguments of --signal (an array, or one value)', implies: 'signal' })
    .option('retry', { type: 'string', describe: 'the workflow\'s retry policy as JSON: a failed or timed-out run is retried as a new run (e.g. \'{"maximumAttempts":3,"initialInterval":"1s"}\')' })
    .option('memo', { type: 'string', describe: 'the run\'s memo as a JSON object (e.g. \'{"owner":"ops"}\'): workflowInfo().memo, wfverify describe' })
    .option('search-attributes', { type: 'string', describe: 'the run\'s search attributes as JSON, name → array of values (e.g. \'{"CustomKeywordField":["gold"]}\'): workflowInfo().searchAttributes' })
    .option('id-reuse-policy', { type: 'string', describe: 'may the id of a closed run be reused: ALLOW_DUPLICATE (default), ALLOW_DUPLICATE_FAILED_ONLY, REJECT_DUPLICATE' })
    .option('id-conflict-policy', { type: 'string', describe: 'if the id\'s run is open: FAIL (default), USE_EXISTING (no new run), TERMINATE_EXISTING (terminate it, then start)' });
  return (cron ? out.option('cron', { type: 'string', describe: 'a cron schedule (UTC), e.g. "0 * * * *" or "@every 5m": each run starts at the next time' }) : out) as Argv<T & StartArgs>;
}

/** The start options of `argv`, checked as `engine.start` checks them; `signal` set for signal-with-start. */
export function readStartOptions(argv: StartArgs): { options: StartOptions & { workflowId: string }; signal?: { name: string; args: unknown[] } } {
  const args = parseArgsJson(argv.input);
  const signalArgs = parseArgsJson(argv['signal-args'], '--signal-args');
  const duration = (v: string | undefined): number | string | undefined => (v !== undefined && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  const options = {
    args, workflowId: argv['workflow-id'] ?? randomUUID(), workflowRunTimeout: duration(argv['run-timeout']), workflowExecutionTimeout: duration(argv['execution-timeout']),
    retry: retryPolicyJson(argv.retry), cronSchedule: argv.cron,
    workflowIdReusePolicy: argv['id-reuse-policy'], workflowIdConflictPolicy: argv['id-conflict-policy'],
    memo: objectJson(argv.memo, '--memo', `for example --memo '{"owner":"ops"}'`),
    searchAttributes: objectJson(argv['search-attributes'], '--search-attributes', `for example --search-attributes '{"CustomKeywordField":["gold"]}'`) as Record<string, unknown[]> | undefined,
  };
  checkStartOptions(options);
  return { options, signal: argv.signal === undefined ? undefined : { name: argv.signal, args: signalArgs } };
}

/**
 * The `--failure-error-types` option of `run` and `worker` (`EngineOptions.workflowFailureErrorTypes`):
 * a JSON object of workflow type (or "*") → error class names; its members are checked when the engine opens.
 */
export function failureErrorTypesJson(text: string | undefined): Record<string, string[]> | undefined {
  return objectJson(text, '--failure-error-types', `for example --failure-error-types '{"*":["OutOfStock","NondeterminismError"]}'`) as Record<string, string[]> | undefined;
}

/** An option whose value is a JSON object (WFE1002 when not JSON, WFE1007 when not an object; its members are checked with the other options). */
function objectJson(text: string | undefined, flag: string, hint: string): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new EngineInputError('WFE1002', `${flag} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EngineInputError('WFE1007', `${flag} must be a JSON object, not ${text}`, { hint });
  return v as Record<string, unknown>;
}

/** The `--retry` option: a JSON object (WFE1002 when not JSON, WFE1007 when not an object; its fields are checked with the other options). */
function retryPolicyJson(text: string | undefined): RetryPolicy | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new EngineInputError('WFE1002', `--retry is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new EngineInputError('WFE1007', `--retry must be a JSON object (a retry policy), not ${text}`, { hint: `for example --retry '{"maximumAttempts":3,"initialInterval":"1s"}'` });
  return v as RetryPolicy;
}

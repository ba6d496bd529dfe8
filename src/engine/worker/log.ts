/**
 * Logs of workflow and activity code (`log.info(…)` of `@temporalio/workflow`, `log` and
 * `Context.current().log` of `@temporalio/activity`), and the worker's own ("Activity failed" for
 * each failed attempt, as Temporal's worker logs it). Each line names the run it comes from.
 * Workflow logs are dropped while a run is replayed, so each is emitted once per live execution.
 * The default sink writes INFO and above to stderr, as Temporal's default logger does.
 */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** One log line from workflow or activity code. */
export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly attrs?: unknown;
  /** `engine`: the engine itself (e.g. a queued start it refused) */
  readonly source: 'workflow' | 'activity' | 'engine';
  readonly workflowId?: string;
  readonly runId?: string;
  readonly workflowType?: string;
  readonly activityType?: string;
}

export type LogSink = (entry: LogEntry) => void;

const RANK: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

/** A sink writing entries at `min` and above as one line each (`write`: default stderr). */
export function lineLog(min: LogLevel = 'INFO', write: (line: string) => void = (l) => process.stderr.write(l)): LogSink {
  return (e) => {
    if (RANK[e.level] === undefined || RANK[e.level] < RANK[min]) return;
    const who = e.source === 'activity' ? `activity ${e.activityType} of ${e.workflowType} ${e.workflowId}` : e.source === 'engine' ? 'engine' : `workflow ${e.workflowType} ${e.workflowId}`;
    let attrs = '';
    if (e.attrs !== undefined) {
      try { attrs = ` ${JSON.stringify(e.attrs)}`; } catch { attrs = ' [attributes not JSON]'; }
    }
    write(`wfverify: [${e.level}] ${who}: ${e.message}${attrs}\n`);
  };
}

/**
 * In-process observers of the engine (the runtime monitor subscribes here). Observers are called
 * after the events are committed, in commit order, synchronously; an observer that throws is
 * reported on stderr and does not disturb the engine.
 */
import type { FailureInfo, HistoryEvent } from '../history/events.js';
import type { MetricValue } from '../workflow/metrics.js';

export type EngineEvent =
  | { kind: 'history'; workflowId: string; runId: string; workflowType: string; event: HistoryEvent }
  | { kind: 'activityRetrying'; workflowId: string; runId: string; activityType: string; attempt: number; failure: FailureInfo }
  | { kind: 'workflowTaskFailed'; workflowId: string; runId: string; error: Error }
  | { kind: 'nondeterminism'; workflowId: string; runId: string; error: Error }
  /** a value of a workflow's `metricMeter` instrument (not during replay) */
  | { kind: 'metric'; workflowId: string; runId: string; workflowType: string; metric: MetricValue };

export type EngineListener = (e: EngineEvent) => void;

export class Observers {
  private readonly listeners = new Set<EngineListener>();
  /** the event being emitted (`emit` saves and restores it: an observer may emit) */
  private current: EngineEvent | undefined;
  /**
   * Calls one listener with `current`. `Set.forEach` with this one function visits the listeners
   * as `for…of` does (one added during the call is visited, one deleted before its turn is not)
   * without an iterator result object per listener and event.
   */
  private readonly callOne = (l: EngineListener): void => {
    try {
      l(this.current!);
    } catch (err) {
      process.stderr.write(`wfverify: engine observer threw: ${(err as Error).message}\n`);
    }
  };

  subscribe(l: EngineListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  emit(e: EngineEvent): void {
    const prev = this.current;
    this.current = e;
    try {
      this.listeners.forEach(this.callOne);
    } finally {
      this.current = prev;
    }
  }
}

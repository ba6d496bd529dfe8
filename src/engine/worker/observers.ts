/**
 * In-process observers of the engine (the runtime monitor subscribes here). Observers are called
 * after the events are committed, in commit order, synchronously; an observer that throws is
 * reported on stderr and does not disturb the engine.
 */
import type { FailureInfo, HistoryEvent } from '../history/events.js';

export type EngineEvent =
  | { kind: 'history'; workflowId: string; runId: string; workflowType: string; event: HistoryEvent }
  | { kind: 'activityRetrying'; workflowId: string; runId: string; activityType: string; attempt: number; failure: FailureInfo }
  | { kind: 'workflowTaskFailed'; workflowId: string; runId: string; error: Error }
  | { kind: 'nondeterminism'; workflowId: string; runId: string; error: Error };

export type EngineListener = (e: EngineEvent) => void;

export class Observers {
  private readonly listeners = new Set<EngineListener>();

  subscribe(l: EngineListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  get active(): boolean {
    return this.listeners.size > 0;
  }

  emit(e: EngineEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        process.stderr.write(`wfverify: engine observer threw: ${(err as Error).message}\n`);
      }
    }
  }
}

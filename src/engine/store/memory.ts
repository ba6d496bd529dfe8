/** In-memory {@link EngineStore}: nothing survives the process. Used by tests and benchmarks. */
import type { HistoryEvent } from '../history/events.js';
import type { RunStatus } from '../model/state.js';
import type { ActivityAttemptRow, EngineStore, ExecutionRow, InboxKind, InboxRow, UpdateOutcome, WriteBatch } from './store.js';

export class MemoryStore implements EngineStore {
  readonly durable = false;
  readonly shared = false;
  private readonly runs = new Map<string, ExecutionRow>();
  private readonly latest = new Map<string, string>();
  private readonly events = new Map<string, HistoryEvent[]>();
  private readonly attemptRows = new Map<string, ActivityAttemptRow>();
  private readonly inboxRows: InboxRow[] = [];
  private nextInbox = 1;
  private readonly updates = new Map<string, UpdateOutcome>();

  commit(b: WriteBatch): void {
    // Indexed loops: a commit is one long loop in a rarely called function (no iterator objects).
    for (let i = 0; i < b.events.length; i++) {
      const { runId, events } = b.events[i];
      let h = this.events.get(runId);
      if (!h) this.events.set(runId, (h = []));
      for (let j = 0; j < events.length; j++) {
        const e = events[j];
        if (e.eventId !== h.length + 1) throw new Error(`event ${e.eventId} of run ${runId} out of order`);
        h.push(e);
      }
    }
    for (const r of b.executions) {
      const prev = this.runs.get(r.runId);
      if (!prev || prev.startTime <= r.startTime) this.latest.set(r.workflowId, r.runId);
      this.runs.set(r.runId, r);
    }
    for (const a of b.attempts) this.attemptRows.set(`${a.runId}/${a.scheduledEventId}`, a);
    for (const a of b.attemptsDone) this.attemptRows.delete(`${a.runId}/${a.scheduledEventId}`);
    for (const u of b.updateOutcomes) this.updates.set(u.updateId, u.outcome);
    if (b.inboxDone.length) {
      const done = new Set(b.inboxDone);
      for (let i = this.inboxRows.length - 1; i >= 0; i--) if (done.has(this.inboxRows[i].id)) this.inboxRows.splice(i, 1);
    }
  }

  openRuns(): ExecutionRow[] {
    return [...this.runs.values()].filter((r) => r.status === 'running');
  }

  execution(workflowId: string, runId?: string): ExecutionRow | undefined {
    const id = runId ?? this.latest.get(workflowId);
    const r = id === undefined ? undefined : this.runs.get(id);
    return r && r.workflowId === workflowId ? r : undefined;
  }

  executions(limit = 1000, status?: RunStatus): ExecutionRow[] {
    const rows = [...this.runs.values()].filter((r) => status === undefined || r.status === status);
    return rows.slice(-limit).reverse(); // the most recent first, as in SQLite
  }

  history(runId: string): HistoryEvent[] {
    return [...(this.events.get(runId) ?? [])];
  }

  /** An in-memory store holds only runs of this engine. */
  randomness(): 'temporal' {
    return 'temporal';
  }

  attempts(runId: string): ActivityAttemptRow[] {
    return [...this.attemptRows.values()].filter((a) => a.runId === runId);
  }

  enqueueInbox(kind: InboxKind, workflowId: string, payload: InboxRow['payload']): number {
    const id = this.nextInbox++;
    this.inboxRows.push({ id, kind, workflowId, payload });
    return id;
  }

  inbox(afterId: number): InboxRow[] {
    return this.inboxRows.filter((r) => r.id > afterId);
  }

  updateOutcome(updateId: string, take = false): UpdateOutcome | undefined {
    const o = this.updates.get(updateId);
    if (take) this.updates.delete(updateId);
    return o;
  }

  /** The in-memory store has no other process to serve (its worker is the process itself). */
  workerPid(): number | undefined {
    return undefined;
  }

  acquireWorkerLock(): void {}
  releaseWorkerLock(): void {}
  close(): void {}
}

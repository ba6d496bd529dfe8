/**
 * Events as data: a canonical string key per {@link ModelEvent} (equal events, equal keys) and
 * the event table of a model, which numbers the distinct events `1 … n` so a packed state can
 * hold "the event of the step that led here" in one small field (0 = none: the initial state or
 * an internal step).
 */
import type { ModelEvent } from './types.js';

/** The canonical key of an event: `activityCompleted(lockFunds)`, `timerFired`, `signal(approve)`. */
export function eventKey(e: ModelEvent): string {
  switch (e.kind) {
    case 'activityScheduled':
    case 'activityCompleted':
    case 'activityFailed':
      return `${e.kind}(${e.activity})`;
    case 'signal':
    case 'update':
      return `${e.kind}(${e.name})`;
    case 'childStarted':
    case 'childCompleted':
    case 'childFailed':
      return `${e.kind}(${e.workflow})`;
    default:
      return e.kind;
  }
}

/** Numbers the distinct events of a model; index 0 is "no event". */
export class EventTable {
  private readonly index = new Map<string, number>();
  private readonly list: ModelEvent[] = [];

  /** The index of `e` (1-based), adding it when new; 0 for null. */
  add(e: ModelEvent | null): number {
    if (e === null) return 0;
    const k = eventKey(e);
    const known = this.index.get(k);
    if (known !== undefined) return known;
    this.list.push(e);
    this.index.set(k, this.list.length);
    return this.list.length;
  }

  /** The index of the event with this key, or 0 when the model has no such event. */
  lookup(key: string): number {
    return this.index.get(key) ?? 0;
  }

  /** The event with index `i` (1-based), or null for 0. */
  event(i: number): ModelEvent | null {
    return i === 0 ? null : this.list[i - 1];
  }

  /** Number of distinct events (the largest index). */
  get size(): number {
    return this.list.length;
  }
}

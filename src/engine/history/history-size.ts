/**
 * The size of a history in bytes, as `workflowInfo().historySize` reports it.
 *
 * Temporal's server records the size of the history so far in each `WorkflowTaskStarted`
 * (`historySizeBytes`: the protobuf bytes it stored before that event) and its SDK reads it there.
 * The engine does not encode protobuf; its measure of an event is the UTF-8 length of the event's
 * JSON `{eventId, eventTime, eventType, attributes}` — a pure function of the event, the same for
 * the live event and the one read back from the store (a JSON round trip keeps the length: it
 * may reorder keys, and it drops only `undefined` members, which `JSON.stringify` drops too). The
 * two measures are of the same order, not equal.
 *
 * The size a workflow task sees is that of the events before its `WorkflowTaskStarted`:
 * {@link historyBytesBefore}, or the value recorded in that event when there is one (a history
 * written by Temporal, or re-imported). Nothing is counted until workflow code asks (the engine
 * does not pay for a size no one reads), so the engine never records the size itself; its Temporal
 * JSON export writes it into every `WorkflowTaskStarted`, where Temporal's SDK reads it.
 */
import type { HistoryEvent } from './events.js';

/** The bytes of one event: the UTF-8 length of its JSON. */
export function eventBytes(e: HistoryEvent): number {
  return Buffer.byteLength(JSON.stringify({ eventId: e.eventId, eventTime: e.eventTime, eventType: e.eventType, attributes: e.attributes }), 'utf8');
}

/** The bytes of the events of `events` whose id is below `beforeEventId` (the reference definition). */
export function historyBytesBefore(events: readonly HistoryEvent[], beforeEventId: number): number {
  let bytes = 0;
  for (const e of events) if (e.eventId < beforeEventId) bytes += eventBytes(e);
  return bytes;
}

/** The size a workflow task that starts with `started` sees: the recorded one, else the bytes before it in `events`. */
export function taskHistorySize(events: readonly HistoryEvent[], started: Extract<HistoryEvent, { eventType: 'WorkflowTaskStarted' }>): number {
  return started.attributes.historySizeBytes ?? historyBytesBefore(events, started.eventId);
}

/**
 * Counts a run's history as it grows, each event once: events are added in any grouping (in
 * increasing id order; an event already added is skipped), and {@link bytesBefore} sizes only the
 * events added since the last call that it needs. Sizes before earlier ids stay answerable (a
 * `workflowInfo()` result of an earlier task may be read later): one cumulative count per event.
 */
export class HistorySizer {
  /** the highest event id added so far */
  #last = 0;
  /** ids of the counted events, increasing */
  #ids: number[] = [];
  /** `#sums[k]`: the bytes of the counted events up to and including `#ids[k]` */
  #sums: number[] = [];
  /** events added and not yet counted, in id order, from `#next` on */
  #waiting: HistoryEvent[] = [];
  #next = 0;

  /** Adds events of the run; an event whose id is not above the last one added is skipped (already added). */
  add(events: readonly HistoryEvent[]): void {
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (e.eventId <= this.#last) continue;
      this.#last = e.eventId;
      this.#waiting.push(e);
    }
  }

  /** The bytes of the added events whose id is below `beforeEventId`. */
  bytesBefore(beforeEventId: number): number {
    const w = this.#waiting;
    const ids = this.#ids;
    const sums = this.#sums;
    let total = sums.length > 0 ? sums[sums.length - 1] : 0;
    while (this.#next < w.length && w[this.#next].eventId < beforeEventId) {
      const e = w[this.#next++];
      total += eventBytes(e);
      ids.push(e.eventId);
      sums.push(total);
    }
    if (this.#next === w.length) { this.#waiting = []; this.#next = 0; }
    // the last counted event below `beforeEventId`
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < beforeEventId) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : sums[lo - 1];
  }
}

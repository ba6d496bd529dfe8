/**
 * The history size count (`workflowInfo().historySize`): the incremental {@link HistorySizer}
 * against the reference definition, and the invariance the count relies on (an event read back
 * from the store has the size it had live).
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HistorySizer, eventBytes, historyBytesBefore } from '../../../src/engine/history/history-size.js';
import type { HistoryEvent } from '../../../src/engine/index.js';

/** A history of `n` events with arbitrary JSON attributes (non-ASCII text included). */
const history = fc.array(fc.record({ type: fc.constantFrom('WorkflowExecutionSignaled', 'TimerStarted', 'WorkflowTaskStarted', 'MarkerRecorded'), time: fc.nat(), attributes: fc.dictionary(fc.string({ unit: 'grapheme' }), fc.jsonValue()) }), { maxLength: 40 })
  .map((xs) => xs.map((x, i) => ({ eventId: i + 1, eventTime: x.time, eventType: x.type, attributes: x.attributes }) as unknown as HistoryEvent));

describe('history size', () => {
  test('the sizer, fed in any grouping (with repeats) and asked about any ids in any order, gives the reference count of what it was fed', () => {
    fc.assert(fc.property(history, fc.array(fc.tuple(fc.nat(8), fc.nat(45)), { maxLength: 30 }), (events, steps) => {
      const sizer = new HistorySizer();
      let fed = 0;
      for (const [take, ask] of steps) {
        // a group that may repeat the last events already fed (as the executor's first count and its batch may)
        const from = Math.max(0, fed - (take % 3));
        const to = Math.min(events.length, fed + take);
        sizer.add(events.slice(from, to));
        fed = Math.max(fed, to);
        expect(sizer.bytesBefore(ask)).toBe(historyBytesBefore(events.slice(0, fed), ask));
      }
    }));
  });

  test("an event's size survives the store's JSON round trip and a reordering of its keys", () => {
    fc.assert(fc.property(history, (events) => {
      for (const e of events) {
        const back = JSON.parse(JSON.stringify({ attributes: e.attributes, eventType: e.eventType, eventTime: e.eventTime, eventId: e.eventId })) as HistoryEvent;
        const reordered = { ...back, attributes: Object.fromEntries(Object.entries(back.attributes).reverse()) } as HistoryEvent;
        expect(eventBytes(back)).toBe(eventBytes(e));
        expect(eventBytes(reordered)).toBe(eventBytes(e));
      }
    }));
  });

  test('the size is the UTF-8 length of the JSON (a non-ASCII character counts its bytes)', () => {
    const e = { eventId: 7, eventTime: 0, eventType: 'WorkflowExecutionSignaled', attributes: { signalName: 'é€😀', input: [], identity: '' } } as unknown as HistoryEvent;
    const text = '{"eventId":7,"eventTime":0,"eventType":"WorkflowExecutionSignaled","attributes":{"signalName":"é€😀","input":[],"identity":""}}';
    expect(eventBytes(e)).toBe(text.length - 4 + 2 + 3 + 4);
    expect(historyBytesBefore([e], 7)).toBe(0);
    expect(historyBytesBefore([e], 8)).toBe(eventBytes(e));
  });
});

/** Engine observers: call order, listeners added or removed while an event is delivered, a throwing listener, nested emits. */
import { describe, expect, test, vi } from 'vitest';
import { Observers, type EngineEvent } from '../../../src/engine/worker/observers.js';

const ev = (runId: string): EngineEvent => ({ kind: 'workflowTaskFailed', workflowId: 'w', runId, error: new Error('x') });

describe('Observers', () => {
  test('delivers like iterating the listener set while it changes', () => {
    const o = new Observers();
    const seen: string[] = [];
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let unsubscribeC: () => void = () => undefined;
    const late = (e: EngineEvent): void => { seen.push(`late ${e.runId}`); };
    o.subscribe((e) => {
      seen.push(`a ${e.runId}`);
      if (e.runId === '1') {
        o.subscribe(late); // added during delivery: also called for this event
        unsubscribeC(); // removed before its turn: not called
        o.emit(ev('nested')); // an observer may emit: the outer event is restored afterwards
      }
    });
    o.subscribe(() => { throw new Error('observer bug'); });
    unsubscribeC = o.subscribe((e) => { seen.push(`c ${e.runId}`); });
    o.emit(ev('1'));
    o.emit(ev('2'));
    stderr.mockRestore();
    expect(seen).toEqual(['a 1', 'a nested', 'late nested', 'late 1', 'a 2', 'late 2']);
    expect(o.active).toBe(true);
  });
});

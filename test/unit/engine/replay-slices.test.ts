/** The restart replays in watchdog slices: which run inside a guard, and what a timeout cuts short. */
import { describe, expect, test } from 'vitest';
import { replayInSlices, SLICED_REPLAY_MAX_EVENTS } from '../../../src/engine/worker/replay-slices.js';
import { insideGuard } from '../../../src/engine/runtime/watchdog.js';

interface Item { id: string; events: number; loops?: boolean }

function run(items: Item[], timeoutMs: number | undefined): { replayed: string[]; interrupted: string[] } {
  const replayed: string[] = [];
  const interrupted: string[] = [];
  replayInSlices(items, (i) => i.events, timeoutMs, (i) => {
    replayed.push(`${i.id}${insideGuard() ? ' guarded' : ''}`);
    if (i.loops) for (;;) { /* workflow code that never yields */ }
  }, (i) => interrupted.push(i.id));
  return { replayed, interrupted };
}

describe('replayInSlices', () => {
  test('short histories replay under the guard, long ones on their own; a loop is cut short and the rest go on', () => {
    const items: Item[] = [
      { id: 'a', events: 10 }, { id: 'b', events: 12, loops: true }, { id: 'c', events: SLICED_REPLAY_MAX_EVENTS },
      { id: 'long', events: SLICED_REPLAY_MAX_EVENTS + 1 }, { id: 'd', events: 3 },
    ];
    expect(run(items, 100)).toEqual({ replayed: ['a guarded', 'b guarded', 'c guarded', 'long', 'd guarded'], interrupted: ['b'] });
    expect(insideGuard()).toBe(false);
  });

  test('without a deadlock timeout nothing is guarded', () => {
    expect(run([{ id: 'a', events: 1 }, { id: 'b', events: 5000 }], undefined)).toEqual({ replayed: ['a', 'b'], interrupted: [] });
  });

  test('thousands of short replays all run, in order, under the guard', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: String(i), events: 8 }));
    const { replayed, interrupted } = run(items, 1000);
    expect(replayed).toEqual(items.map((i) => `${i.id} guarded`));
    expect(interrupted).toEqual([]);
  });
});

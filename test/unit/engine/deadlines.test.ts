/** The deadline heap: entries come due in time order, also after dead ones were pruned. */
import { describe, expect, test } from 'vitest';
import { Deadlines } from '../../../src/engine/worker/deadlines.js';

describe('Deadlines', () => {
  test('prune drops dead entries and keeps the rest in time order', async () => {
    const due: number[] = [];
    const done = new Promise<void>((resolve) => {
      const d = new Deadlines<number>((item) => {
        due.push(item);
        if (due.length === 25) resolve();
      });
      const base = Date.now() - 1000; // all due at once
      const order = Array.from({ length: 50 }, (_, i) => (i * 37) % 50); // a permutation
      for (const i of order) d.add(base + i, i);
      d.prune((i) => i % 2 === 1);
      expect(d.size).toBe(25);
    });
    await done;
    expect(due).toEqual(Array.from({ length: 25 }, (_, k) => 2 * k));
  });
});

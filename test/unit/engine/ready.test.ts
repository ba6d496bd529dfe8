/** The ready queue: runs under way before fresh runs, but fresh runs are never starved. */
import { describe, expect, test } from 'vitest';
import { FRESH_EVERY, ReadyQueue } from '../../../src/engine/worker/ready.js';

type Item = { id: string; ready?: boolean };
const items = new Map<string, Item>();
const item = (id: string): Item => {
  let it = items.get(id);
  if (!it) items.set(id, (it = { id }));
  return it;
};

function drain(q: ReadyQueue<Item>): string[] {
  const out: string[] = [];
  for (let it = q.peek(); it !== undefined; it = q.peek()) {
    expect(q.shift()).toBe(it);
    out.push(it.id);
  }
  return out;
}

describe('ReadyQueue', () => {
  test('is FIFO within a lane and holds each item once', () => {
    const q = new ReadyQueue<Item>();
    for (const id of ['a', 'b', 'a', 'c']) q.add(item(id));
    expect(q.size).toBe(3);
    expect(drain(q)).toEqual(['a', 'b', 'c']);
    expect(q.size).toBe(0);
    q.add(item('a'));
    expect(drain(q)).toEqual(['a']);
  });

  test('takes continuing runs first, and a fresh one after FRESH_EVERY continuing ones', () => {
    const q = new ReadyQueue<Item>();
    q.add(item('f1'), true);
    q.add(item('f2'), true);
    expect(q.onlyFresh).toBe(true);
    const cont = Array.from({ length: FRESH_EVERY + 2 }, (_, i) => `c${i}`);
    for (const id of cont) q.add(item(id));
    expect(q.onlyFresh).toBe(false);
    expect(drain(q)).toEqual([...cont.slice(0, FRESH_EVERY), 'f1', ...cont.slice(FRESH_EVERY), 'f2']);
  });
});

describe('ReadyQueue fresh budget', () => {
  test('allowFresh(n) lets at most n fresh items through until the next call', () => {
    const q = new ReadyQueue<Item>();
    for (const id of ['b1', 'b2', 'b3']) q.add(item(id), true);
    q.allowFresh(2);
    expect(drain(q)).toEqual(['b1', 'b2']);
    expect(q.size).toBe(1);
    expect(q.onlyFresh).toBe(true);
    q.add(item('k'));
    expect(drain(q)).toEqual(['k']); // continuing items are not limited
    q.allowFresh(2);
    expect(drain(q)).toEqual(['b3']);
  });
});

describe('a burst of starts', () => {
  test('every run completes, with runs under way finishing before fresh ones start', async () => {
    const { Engine } = await import('../../../src/engine/index.js');
    const path = await import('node:path');
    const basic = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');
    const e = await Engine.open({ activities: { hello: async (n: string) => `hello ${n}` }, workflows: basic });
    try {
      const order: string[] = [];
      e.subscribe((ev) => { if (ev.kind === 'history' && ev.event.eventType === 'WorkflowTaskStarted') order.push(ev.workflowId); });
      const n = 3000;
      await Promise.all(Array.from({ length: n }, (_, i) => e.start('greet', { workflowId: `g${i}`, args: [String(i)] })));
      const results = await Promise.all(Array.from({ length: n }, (_, i) => e.result(`g${i}`)));
      results.forEach((r, i) => expect(r).toEqual({ status: 'completed', result: `hello ${i}` }));
      // the last run's first task comes after the first run's last task: fresh runs waited
      expect(order.lastIndexOf('g0')).toBeLessThan(order.indexOf(`g${n - 1}`));
    } finally {
      await e.close();
    }
  });

  test('a start is acknowledged once its first workflow task ran: the run answers queries', async () => {
    const { Engine } = await import('../../../src/engine/index.js');
    const path = await import('node:path');
    const basic = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');
    const e = await Engine.open({ activities: { hello: async (n: string) => `hello ${n}` }, workflows: basic });
    try {
      const starts = Array.from({ length: 2000 }, (_, i) => e.start('greet', { workflowId: `q${i}`, args: [String(i)] }));
      starts.push(e.start('counter', { workflowId: 'counter', args: [3] }));
      await Promise.all(starts);
      expect(e.query('counter', 'total')).toBe(0); // its handlers are set: the first task ran
      await e.signal('counter', 'add', 5);
      expect(await e.result('counter')).toEqual({ status: 'completed', result: 5 });
      for (let i = 0; i < 2000; i++) await e.result(`q${i}`);
    } finally {
      await e.close();
    }
  });
});

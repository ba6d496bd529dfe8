/** `Trigger` and `allHandlersFinished` on the engine, as in Temporal's workflow API. */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const workflows = path.resolve(__dirname, '../../fixtures/engine/workflows/handlers.ts');

async function withEngine(fn: (e: Engine) => Promise<void>): Promise<void> {
  const e = await Engine.open({ activities: {}, workflows, deadlockTimeoutMs: 1000 });
  try { await fn(e); } finally { await e.close(); }
}

describe('Trigger', () => {
  test('resolves from a signal handler', async () => {
    await withEngine(async (e) => {
      await e.start('triggered', { workflowId: 't' });
      await e.signal('t', 'go', 'green');
      expect(await e.result('t')).toEqual({ status: 'completed', result: 'green' });
    });
  });

  test('made in a cancellable scope, rejects when the scope is cancelled', async () => {
    await withEngine(async (e) => {
      await e.start('triggerCancelled', { workflowId: 'c' });
      expect(await e.result('c')).toEqual({ status: 'completed', result: 'cancelled' });
    });
  });
});

describe('allHandlersFinished', () => {
  test('is false while an async signal or update handler runs, and condition(allHandlersFinished) waits for both', async () => {
    await withEngine(async (e) => {
      await e.start('drains', { workflowId: 'd' });
      await Promise.all([e.signal('d', 'slowSignal', 30), e.update('d', 'slowUpdate', 80)]);
      const { result } = await e.result('d');
      const log = result as string[];
      expect(new Set(log.slice(0, 2))).toEqual(new Set(['signal start', 'update start']));
      expect(log[2]).toBe('all finished: false');
      expect(log.slice(3)).toEqual(['signal end', 'update end', 'all finished: true']);
    });
  });
});

describe('default query and update handlers, rootCause', () => {
  test('queries and updates without a handler of their own reach the defaults, with their name', async () => {
    await withEngine(async (e) => {
      await e.start('catchAll', { workflowId: 'a' });
      await e.idle();
      expect(e.query('a', 'anything', 1, 2)).toBe('query anything(1,2)');
      expect(await e.update('a', 'bump', 5)).toBe(1);
      await expect(e.update('a', 'forbidden')).rejects.toThrow('no forbidden');
      expect(await e.update('a', 'stop')).toBe(2);
      expect(await e.result('a')).toEqual({ status: 'completed', result: ['bump(5)', 'stop()'] });
      // all three were accepted (the failed one completed with its failure)
      expect(e.history('a').filter((x) => x.eventType === 'WorkflowExecutionUpdateAccepted')).toHaveLength(3);
    });
  });

  test('rootCause gives the innermost cause\'s message', async () => {
    await withEngine(async (e) => {
      await e.start('deepest', { workflowId: 'r' });
      expect(await e.result('r')).toEqual({ status: 'completed', result: 'disk full' });
    });
  });
});

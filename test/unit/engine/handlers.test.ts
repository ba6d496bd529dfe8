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

describe('currentUpdateInfo, handler descriptions and the metadata query', () => {
  test('each update handler sees its own update through its awaits; the validator sees it too; outside handlers it is undefined', async () => {
    await withEngine(async (e) => {
      await e.start('introspect', { workflowId: 'u' });
      await e.idle();
      const [slow, fast] = await Promise.all([e.update('u', 'named', 60), e.update('u', 'named', 10)]) as string[];
      expect(slow).not.toBe(fast);
      await expect(e.update('u', 'named', -1)).rejects.toThrow('bad -1');
      await e.signal('u', 'finish');
      // the fast one finished first; each saw its own update before and after its sleep
      expect(await e.result('u')).toEqual({ status: 'completed', result: ['outside: true', `named/${fast} -> named/${fast}`, `named/${slow} -> named/${slow}`] });
    });
  });

  test('__temporal_workflow_metadata lists the handlers with their descriptions and the current details', async () => {
    await withEngine(async (e) => {
      await e.start('introspect', { workflowId: 'm' });
      await e.idle();
      expect(e.query('m', 'details')).toBe('waiting for updates');
      const first = await e.update('m', 'named', 1);
      expect(e.query('m', '__temporal_workflow_metadata')).toEqual({
        definition: {
          type: 'introspect',
          queryDefinitions: [{ name: '__temporal_workflow_metadata', description: 'Returns metadata associated with this workflow.' }, { name: 'details', description: 'what it does now' }],
          signalDefinitions: [{ name: 'finish', description: 'ends the run' }],
          updateDefinitions: [{ name: 'named', description: 'sleeps, then answers with its id' }],
        },
        currentDetails: `handled ${first}`,
      });
      expect(() => e.query('m', '__stack_trace')).toThrow(/not available on the wfverify engine/);
      await e.signal('m', 'finish');
      await e.result('m');
    });
  });

  test('reserved handler names are refused, and __temporal_ queries never reach the default handler', async () => {
    await withEngine(async (e) => {
      await e.start('reservedName', { workflowId: 'r' });
      await expect(e.result('r')).rejects.toMatchObject({ code: 'WFE3002', message: expect.stringContaining("query name \"__temporal_mine\" is reserved") });
      await e.start('catchAll', { workflowId: 'c' });
      await e.idle();
      expect(() => e.query('c', '__temporal_other')).toThrow(/unknown query/);
      expect(e.query('c', '__other')).toBe('query __other()');
      await e.update('c', 'stop');
    });
  });
});

describe('update delivery as in Temporal\'s SDK', () => {
  test('an update without a handler waits for one registered later in the same activation; at its end, it is rejected', async () => {
    await withEngine(async (e) => {
      await e.start('lateHandler', { workflowId: 'l' });
      await e.idle();
      // no handler yet, none registered in this activation: rejected, and not recorded
      await expect(e.update('l', 'late', 1)).rejects.toThrow('No registered handler for update: late');
      // the signal and the update arrive together: the handler is registered after an await of the signal's handler
      const [, doubled] = await Promise.all([e.signal('l', 'enable'), e.update('l', 'late', 21)]);
      expect(doubled).toBe(42);
      expect(await e.update('l', 'late', 0)).toBe(0);
      expect(await e.result('l')).toEqual({ status: 'completed', result: [21, 0] });
      expect(e.history('l').filter((x) => x.eventType === 'WorkflowExecutionUpdateAccepted')).toHaveLength(2);
    });
  });

  test('a handler\'s failure fails the update; any other error fails the workflow task', async () => {
    await withEngine(async (e) => {
      await e.start('lateHandler', { workflowId: 't' });
      await e.idle();
      await expect(e.update('t', 'throwing', 'failure')).rejects.toThrow('refused on purpose');
      void e.update('t', 'throwing', 'bug').catch(() => undefined);
      await expect(e.result('t')).rejects.toMatchObject({ code: 'WFE3002', message: expect.stringContaining('a bug in the handler') });
    });
  });
});

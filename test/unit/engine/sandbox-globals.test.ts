/**
 * The sandbox binds standard globals once per module (`LoaderOptions.bindGlobals`) to spare each
 * use a call into the context's global interceptor. A module's own declarations of those names
 * still win, `Date` stays the deterministic one of the current workflow task, and line numbers
 * (for nondeterminism reports) are those of the transpiled code.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Engine } from '../../../src/engine/index.js';

const fixtures = path.resolve(__dirname, '../../fixtures/engine/workflows');

describe('sandbox globals bound per module', () => {
  test('module declarations shadow the bound names; Date is the workflow clock', async () => {
    const e = await Engine.open({ workflows: path.join(fixtures, 'shadowing.ts'), activities: {} });
    try {
      await e.start('shadows', { workflowId: 's' });
      const outcome = await e.result('s');
      // the two workflow tasks' recorded start times: what `Date` must read in each
      const started = e.history('s').filter((x) => x.eventType === 'WorkflowTaskStarted').map((x) => x.eventTime);
      expect(started).toHaveLength(2);
      expect(outcome).toEqual({ status: 'completed', result: ['a', 'b', 'custom:1', 'function', 'same Math', started[0], started[1]] });
    } finally {
      await e.close();
    }
  });
});

/**
 * Activity modules that cannot reach the activity API run without an activity `Context` (and
 * without the async context that carries it); those that import it keep `Context.current()`
 * across awaits.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Engine, loadActivities } from '../../../src/engine/index.js';
import { isContextFree } from '../../../src/engine/activity/context.js';

const basic = path.resolve(__dirname, '../../fixtures/engine/workflows/basic.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'wfv-actctx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function module(name: string, source: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

async function greet(activities: Record<string, (...a: any[]) => unknown>): Promise<unknown> {
  const e = await Engine.open({ activities, workflows: basic });
  try {
    await e.start('greet', { workflowId: 'g', args: ['ann'] });
    return await e.result('g');
  } finally {
    await e.close();
  }
}

describe('activity context', () => {
  test('a member of @temporalio/activity the engine lacks is refused at load, with its position', () => {
    const file = module('metrics.ts', `import { heartbeat, metricMeter } from '@temporalio/activity';\nexport async function work(): Promise<void> {\n  heartbeat();\n  metricMeter.createCounter('x');\n}\n`);
    expect(() => loadActivities(file)).toThrow(expect.objectContaining({
      code: 'WFE1003', message: expect.stringMatching(/metrics\.ts:4:3: "@temporalio\/activity" has no export "metricMeter" in the engine \(the engine's "@temporalio\/activity" has: .*heartbeat, log, sleep\)/),
    }));
  });

  test('a module that imports nothing (or only Node built-ins) is context-free', async () => {
    const plain = loadActivities(module('plain.ts', `import { createHash } from 'node:crypto';\nexport async function hello(n: string): Promise<string> { await null; return 'hello ' + n + createHash('sha1').digest('hex').length; }\n`));
    expect(isContextFree(plain.hello)).toBe(true);
    expect(await greet(plain)).toEqual({ status: 'completed', result: 'hello ann40' });
  });

  test('a module that imports the activity API keeps Context.current() across awaits', async () => {
    const withApi = loadActivities(module('api.ts', `import { Context } from '@temporalio/activity';\nexport async function hello(n: string): Promise<string> { await new Promise((r) => setTimeout(r, 1)); return n + ':' + Context.current().info.activityType; }\n`));
    expect(isContextFree(withApi.hello)).toBe(false);
    expect(await greet(withApi)).toEqual({ status: 'completed', result: 'ann:hello' });
  });

  test('lazy imports, other packages and plain functions keep the context', () => {
    const lazy = loadActivities(module('lazy.ts', `export async function hello(n: string): Promise<string> { const m = await import('@temporalio/activity'); return n + m.Context.current().info.activityType; }\n`));
    expect(isContextFree(lazy.hello)).toBe(false);
    mkdirSync(path.join(dir, 'node_modules', 'some-pkg'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', 'some-pkg', 'index.js'), 'exports.x = 1;\n');
    const pkg = loadActivities(module('pkg.ts', `import path from 'node:path';\nimport { x } from 'some-pkg';\nexport function hello(n: string): string { return path.basename(n) + x; }\n`));
    expect(isContextFree(pkg.hello)).toBe(false);
    expect(isContextFree(async () => 1)).toBe(false);
  });
});

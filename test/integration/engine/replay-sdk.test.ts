/**
 * Acceptance: the official Temporal TypeScript SDK replays the engine's histories of the example
 * workflows offline (`Worker.runReplayHistory`), and every history of the shared corpus is read.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { Engine, historyFromTemporalJson, historyToTemporalJson } from '../../../src/engine/index.js';
import * as paymentActs from '../../../examples/workflows/payment/activities.js';
import * as transferActs from '../../../examples/workflows/transfer/activities.js';

const root = path.resolve(__dirname, '../../..');

async function paymentHistories(): Promise<{ workflowId: string; json: unknown }[]> {
  const e = await Engine.open({ activities: paymentActs as never, workflows: path.join(root, 'examples/workflows/payment/workflows.ts') });
  const ids: string[] = [];
  ids.push((await e.start('threeSteps', { args: ['o1', 5], workflowId: 'three-1' })).workflowId);
  ids.push((await e.start('payment', { args: ['o2', 7], workflowId: 'pay-1' })).workflowId);
  ids.push((await e.start('payment', { args: ['o3', 9], workflowId: 'pay-2' })).workflowId);
  await e.idle();
  await e.signal('pay-1', 'approve', true);
  await e.signal('pay-2', 'approve', false);
  for (const id of ids) await e.result(id);
  const out = ids.map((id) => ({ workflowId: id, json: historyToTemporalJson(e.history(id)) }));
  await e.close();
  return out;
}

async function transferHistories(): Promise<{ workflowId: string; json: unknown }[]> {
  const e = await Engine.open({ activities: transferActs as never, workflows: path.join(root, 'examples/workflows/transfer/workflows.ts') });
  await e.start('transfer', { workflowId: 'ok', args: [{ from: 'a', to: 'b', amount: 5 }] });
  await e.start('transfer', { workflowId: 'compensated', args: [{ from: 'a', to: 'frozen', amount: 5 }] });
  expect((await e.result('ok')).status).toBe('completed');
  expect((await e.result('compensated')).status).toBe('failed');
  const out = ['ok', 'compensated'].map((id) => ({ workflowId: id, json: historyToTemporalJson(e.history(id)) }));
  await e.close();
  return out;
}

async function replayAll(workflowsPath: string, histories: { workflowId: string; json: unknown }[]): Promise<void> {
  const { Worker, bundleWorkflowCode, Runtime, DefaultLogger } = await import('@temporalio/worker');
  try { Runtime.install({ logger: new DefaultLogger('WARN') }); } catch { /* already installed */ }
  const workflowBundle = await bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') });
  for (const h of histories) {
    await Worker.runReplayHistory({ workflowBundle, replayName: h.workflowId }, h.json as never);
  }
}

describe('Temporal SDK replays engine histories', () => {
  // All engine runs happen before the Temporal worker is loaded: the SDK installs process-wide
  // promise hooks for its own sandboxes, which must not see the engine's workflow contexts.
  let payment: { workflowId: string; json: unknown }[] = [];
  let transfer: { workflowId: string; json: unknown }[] = [];
  beforeAll(async () => {
    payment = await paymentHistories();
    transfer = await transferHistories();
  }, 120_000);

  test('payment example (activities, signal, condition with timeout)', async () => {
    await replayAll(path.join(root, 'examples/workflows/payment/workflows.ts'), payment);
  }, 120_000);

  test('transfer saga example (retries, failure, compensation)', async () => {
    await replayAll(path.join(root, 'examples/workflows/transfer/workflows.ts'), transfer);
  }, 120_000);

  test('a changed workflow is rejected by the SDK (the replay really checks)', async () => {
    const h = payment.filter((x) => x.workflowId === 'pay-1');
    await expect(replayAll(path.join(root, 'test/fixtures/engine/workflows/payment-changed.ts'), h)).rejects.toThrow(/[Nn]ondetermin|DeterminismViolation/);
  }, 120_000);
});

describe('corpus histories', () => {
  const dir = path.resolve(root, '../shared/corpus/histories');
  if (!existsSync(dir)) throw new Error(`test corpus not found at ${dir}: put the shared/ folder beside the project`);
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.json'));
  test.each(files)('%s is read', (f) => {
    const events = historyFromTemporalJson(readFileSync(path.join(dir, f), 'utf8'), f);
    expect(events.length).toBeGreaterThan(0);
    expect(events[0].eventType).toBe('WorkflowExecutionStarted');
    const back = historyFromTemporalJson(historyToTemporalJson(events));
    expect(back.map((e) => e.eventType)).toEqual(events.map((e) => e.eventType));
  });
});

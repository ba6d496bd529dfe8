/**
 * Kernel upgrade rollout over three batches of a cluster: upgrade a batch, let it soak, check its
 * health. If a batch is unhealthy (or an upgrade fails), every batch touched so far is rolled back,
 * newest first (saga compensations), and the rollout fails. Runs on the bundled engine.
 */
import { ApplicationFailure, proxyActivities, sleep } from 'wfverify/workflow';
import type * as activities from './activities.js';
import type { RolloutRequest } from './activities.js';

const { upgradeBatch, checkHealth } = proxyActivities<typeof activities>({
  startToCloseTimeout: '45 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['BatchUnhealthy', 'KernelNotFound'] },
});
const { rollbackBatch } = proxyActivities<typeof activities>({
  startToCloseTimeout: '45 minutes',
  retry: { maximumAttempts: 20, nonRetryableErrorTypes: [] },
});

export async function kernelUpgradeRollout(req: RolloutRequest): Promise<number> {
  const rollbacks: (() => Promise<void>)[] = [];
  let upgraded = 0;
  try {
    for (let batch = 0; batch < 3; batch++) {
      // Registered before the upgrade: a half-upgraded batch is rolled back too (rollback is idempotent).
      rollbacks.unshift(() => rollbackBatch(req.cluster, batch, req.fromKernel));
      await upgradeBatch(req.cluster, batch, req.toKernel);
      upgraded++;
      await sleep(req.soakTime);
      await checkHealth(req.cluster, batch);
    }
  } catch (err) {
    for (const rollback of rollbacks) await rollback();
    throw ApplicationFailure.nonRetryable(
      `rollout of ${req.toKernel} on ${req.cluster} aborted after ${upgraded} batch(es), all rolled back: ${(err as Error).message}`,
      'RolloutAborted',
    );
  }
  return upgraded;
}

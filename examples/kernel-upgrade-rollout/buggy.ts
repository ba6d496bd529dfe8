/**
 * Buggy twin of `kernelUpgradeRollout` (workflow.ts). "A flaky health probe should not abort a
 * 72-hour rollout": a failed health check is only logged, so the rollout moves on to the next
 * batch, nothing is rolled back and the rollout completes with unhealthy hosts.
 */
import { ApplicationFailure, log, proxyActivities, sleep } from 'wfverify/workflow';
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

export async function kernelUpgradeRolloutBuggy(req: RolloutRequest): Promise<number> {
  const rollbacks: (() => Promise<void>)[] = [];
  let upgraded = 0;
  try {
    for (let batch = 0; batch < 3; batch++) {
      // Registered before the upgrade: a half-upgraded batch is rolled back too (rollback is idempotent).
      rollbacks.unshift(() => rollbackBatch(req.cluster, batch, req.fromKernel));
      await upgradeBatch(req.cluster, batch, req.toKernel);
      upgraded++;
      await sleep(req.soakTime);
      try {
        await checkHealth(req.cluster, batch);
      } catch (err) {
        // BUG: the failed health check is swallowed; the rollout continues with the next batch.
        log.warn('health check failed, continuing the rollout', { batch, error: (err as Error).message });
      }
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

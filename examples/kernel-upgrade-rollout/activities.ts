/**
 * Activities of the kernel upgrade rollout. Simulated: a cluster name containing `sick-N` makes
 * batch N fail its health check (non-retryable `BatchUnhealthy`).
 */
import { ApplicationFailure } from '@temporalio/activity';

export interface RolloutRequest {
  cluster: string;
  fromKernel: string;
  toKernel: string;
  /** How long each batch soaks under production traffic before its health check, e.g. '15 minutes'. */
  soakTime: string;
}

export async function upgradeBatch(cluster: string, batch: number, kernel: string): Promise<number> {
  void kernel;
  return cluster.length * 10 + batch; // number of hosts upgraded
}

export async function checkHealth(cluster: string, batch: number): Promise<void> {
  if (cluster.includes(`sick-${batch}`)) {
    throw ApplicationFailure.nonRetryable(`batch ${batch} of ${cluster}: error rate above threshold`, 'BatchUnhealthy');
  }
}

export async function rollbackBatch(cluster: string, batch: number, kernel: string): Promise<void> {
  void cluster;
  void batch;
  void kernel;
}

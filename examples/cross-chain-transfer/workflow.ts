/**
 * Cross-chain transfer: lock the amount on the source chain, wait up to 24 hours for the bridge
 * relayer to confirm the lock (signal `confirmLock`), then release the amount on the target chain.
 * If a step fails or the confirmation does not come in time, the registered compensations run
 * (unlock the escrowed funds) and the workflow fails.
 */
import { ApplicationFailure, condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.js';
import type { TransferRequest, TransferStatus } from './activities.js';

const { lockFunds, releaseFunds } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['InsufficientFunds', 'AddressBlocked'] },
});
// A compensation must not give up: no attempt limit (Temporal's default), no non-retryable types.
const { unlockFunds } = proxyActivities<typeof activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes' },
});

export const confirmLock = defineSignal('confirmLock');
export const status = defineQuery<TransferStatus>('status');

export async function crossChainTransfer(req: TransferRequest): Promise<string> {
  let state: TransferStatus = 'locking';
  let confirmed = false;
  setHandler(confirmLock, () => {
    confirmed = true;
  });
  setHandler(status, () => state);

  const compensations: (() => Promise<void>)[] = [];
  try {
    const lockId = await lockFunds(req.sourceChain, req.from, req.amount, req.transferId);
    compensations.unshift(() => unlockFunds(req.sourceChain, lockId));

    state = 'awaiting confirmation';
    if (!(await condition(() => confirmed, '24 hours'))) {
      throw ApplicationFailure.nonRetryable(`lock ${lockId} was not confirmed within 24 hours`, 'ConfirmationTimeout');
    }

    state = 'releasing';
    const txId = await releaseFunds(req.targetChain, req.to, req.amount, req.transferId);
    state = 'completed';
    return txId;
  } catch (err) {
    state = 'compensating';
    for (const compensate of compensations) await compensate();
    state = 'compensated';
    throw ApplicationFailure.nonRetryable(`transfer ${req.transferId} failed and was rolled back: ${(err as Error).message}`, 'TransferFailed');
  }
}

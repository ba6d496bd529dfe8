/**
 * Buggy twin of `crossChainTransfer` (workflow.ts). The unlock compensation is registered only
 * after the confirmation arrived ("an unconfirmed lock needs no unlock"), so when the 24-hour
 * confirmation window runs out the compensation list is still empty: the workflow fails and the
 * funds stay escrowed on the source chain for good.
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

export async function crossChainTransferBuggy(req: TransferRequest): Promise<string> {
  let state: TransferStatus = 'locking';
  let confirmed = false;
  setHandler(confirmLock, () => {
    confirmed = true;
  });
  setHandler(status, () => state);

  const compensations: (() => Promise<void>)[] = [];
  try {
    const lockId = await lockFunds(req.sourceChain, req.from, req.amount, req.transferId);

    state = 'awaiting confirmation';
    if (!(await condition(() => confirmed, '24 hours'))) {
      throw ApplicationFailure.nonRetryable(`lock ${lockId} was not confirmed within 24 hours`, 'ConfirmationTimeout');
    }
    // BUG: registered after the risky step; on a timeout there is nothing to compensate yet.
    compensations.unshift(() => unlockFunds(req.sourceChain, lockId));

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

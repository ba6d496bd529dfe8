/**
 * Saga-style money transfer: withdraw, then deposit; if the deposit fails, run the compensations
 * registered so far (refund) in reverse order and fail. Imports `@temporalio/workflow`: the same
 * file runs on Temporal and, unchanged, on the bundled engine.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities.js';

const { withdraw, deposit, refund, notify } = proxyActivities<typeof activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '50ms', maximumAttempts: 3 },
});

export interface Transfer {
  from: string;
  to: string;
  amount: number;
}

export async function transfer(t: Transfer): Promise<string[]> {
  const compensations: (() => Promise<unknown>)[] = [];
  const done: string[] = [];
  try {
    done.push(await withdraw(t.from, t.amount));
    compensations.unshift(() => refund(t.from, t.amount));
    done.push(await deposit(t.to, t.amount));
  } catch (err) {
    for (const compensate of compensations) await compensate();
    throw ApplicationFailure.nonRetryable(`transfer failed and was compensated: ${(err as Error).message}`, 'TransferFailed');
  }
  await notify(`moved ${t.amount} from ${t.from} to ${t.to}`);
  return done;
}

/**
 * Payment: reserve funds, wait (up to a day) for the customer's approval signal, charge the card,
 * send a receipt. Runs unchanged on the bundled engine and on Temporal.
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.js';

const { reserveFunds, chargeCard, sendReceipt } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '100ms', maximumAttempts: 5 },
});

export const approve = defineSignal<[boolean]>('approve');
export const status = defineQuery<string>('status');

export interface PaymentResult {
  status: 'charged' | 'rejected' | 'expired';
  reservation: string;
  charge?: string;
}

export async function payment(orderId: string, amount: number): Promise<PaymentResult> {
  let state = 'reserving';
  let approved: boolean | undefined;
  setHandler(approve, (ok) => {
    approved = ok;
  });
  setHandler(status, () => state);
  const reservation = await reserveFunds(orderId, amount);
  state = 'awaiting approval';
  if (!(await condition(() => approved !== undefined, '1 day'))) {
    state = 'expired';
    return { status: 'expired', reservation };
  }
  if (!approved) {
    state = 'rejected';
    return { status: 'rejected', reservation };
  }
  state = 'charging';
  const charge = await chargeCard(orderId, amount);
  await sendReceipt(orderId, charge);
  state = 'done';
  return { status: 'charged', reservation, charge };
}

/** Three activities in a row, no waiting: the benchmark workflow. */
export async function threeSteps(orderId: string, amount: number): Promise<string> {
  const r = await reserveFunds(orderId, amount);
  const c = await chargeCard(orderId, amount);
  await sendReceipt(orderId, c);
  return `${r}/${c}`;
}

/**
 * Buggy twin of `paymentOrchestration` (workflow.ts). To get the invoice out sooner, the invoice
 * email is sent in parallel with the charge: the customer can receive an invoice before the
 * payment went through, and even for a charge that is then declined.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type * as activities from './activities.js';
import type { Order } from './activities.js';

const { screenForFraud, calculateTax, chargePayment, sendInvoiceEmail } = proxyActivities<typeof activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['CardDeclined', 'InvalidEmail'] },
});

export interface PaymentResult {
  chargeId: string;
  totalCents: number;
}

export async function paymentOrchestrationBuggy(order: Order): Promise<PaymentResult> {
  const [verdict, taxCents] = await Promise.all([screenForFraud(order), calculateTax(order)]);
  if (verdict === 'block') {
    throw ApplicationFailure.nonRetryable(`order ${order.orderId} blocked by fraud screening`, 'FraudSuspected');
  }
  const totalCents = order.amountCents + taxCents;

  // BUG: the invoice goes out while the card is still being charged.
  const [chargeId] = await Promise.all([chargePayment(order, totalCents), sendInvoiceEmail(order, totalCents)]);
  return { chargeId, totalCents };
}

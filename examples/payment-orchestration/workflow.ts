/**
 * Payment orchestration: screen the order for fraud and compute the tax in parallel, charge the
 * customer, and only then email the invoice. A blocked or declined order fails the workflow
 * without an invoice.
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

export async function paymentOrchestration(order: Order): Promise<PaymentResult> {
  const [verdict, taxCents] = await Promise.all([screenForFraud(order), calculateTax(order)]);
  if (verdict === 'block') {
    throw ApplicationFailure.nonRetryable(`order ${order.orderId} blocked by fraud screening`, 'FraudSuspected');
  }
  const totalCents = order.amountCents + taxCents;

  const chargeId = await chargePayment(order, totalCents);
  await sendInvoiceEmail(order, totalCents);
  return { chargeId, totalCents };
}

/**
 * Activities of the payment orchestration. Simulated: the card token "tok_declined" is declined,
 * the customer "fraudster" is blocked by the fraud screen.
 */
import { ApplicationFailure } from '@temporalio/activity';

export interface Order {
  orderId: string;
  customerId: string;
  email: string;
  amountCents: number;
  country: string;
  cardToken: string;
}

export type FraudVerdict = 'allow' | 'block';

export async function screenForFraud(order: Order): Promise<FraudVerdict> {
  return order.customerId === 'fraudster' ? 'block' : 'allow';
}

export async function calculateTax(order: Order): Promise<number> {
  const rate = order.country === 'DE' ? 0.19 : 0.08;
  return Math.round(order.amountCents * rate);
}

export async function chargePayment(order: Order, totalCents: number): Promise<string> {
  if (order.cardToken === 'tok_declined') {
    throw ApplicationFailure.nonRetryable(`card of ${order.customerId} declined for ${totalCents}`, 'CardDeclined');
  }
  return `ch_${order.orderId}_${totalCents}`;
}

export async function sendInvoiceEmail(order: Order, totalCents: number): Promise<void> {
  if (!order.email.includes('@')) throw ApplicationFailure.nonRetryable(`bad address ${order.email}`, 'InvalidEmail');
  void totalCents;
}

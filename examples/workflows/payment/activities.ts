/** Activities of the payment example: plain async functions, run at least once by the engine. */
export async function reserveFunds(orderId: string, amount: number): Promise<string> {
  return `res-${orderId}-${amount}`;
}

export async function chargeCard(orderId: string, amount: number): Promise<string> {
  if (amount <= 0) throw new Error(`invalid amount ${amount}`);
  return `charge-${orderId}`;
}

export async function sendReceipt(orderId: string, chargeId: string): Promise<void> {
  void orderId;
  void chargeId;
}

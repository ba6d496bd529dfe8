/**
 * Activities of the cross-chain transfer. They stand in for bridge contracts: `lockFunds` escrows the
 * amount on the source chain, `releaseFunds` pays it out on the target chain, `unlockFunds` returns
 * an escrowed amount to its owner. All three are idempotent per transfer id (they run at least once).
 */
import { ApplicationFailure } from '@temporalio/activity';

export interface TransferRequest {
  transferId: string;
  sourceChain: string;
  targetChain: string;
  from: string;
  to: string;
  amount: number;
}

export type TransferStatus = 'locking' | 'awaiting confirmation' | 'releasing' | 'completed' | 'compensating' | 'compensated';

export async function lockFunds(chain: string, account: string, amount: number, transferId: string): Promise<string> {
  if (amount <= 0 || account === 'empty') {
    throw ApplicationFailure.nonRetryable(`cannot lock ${amount} from ${account} on ${chain}`, 'InsufficientFunds');
  }
  return `lock-${chain}-${transferId}`;
}

export async function releaseFunds(chain: string, account: string, amount: number, transferId: string): Promise<string> {
  if (account === 'blocked') {
    throw ApplicationFailure.nonRetryable(`${account} may not receive funds on ${chain}`, 'AddressBlocked');
  }
  return `tx-${chain}-${transferId}-${amount}`;
}

export async function unlockFunds(chain: string, lockId: string): Promise<void> {
  void chain;
  void lockId;
}

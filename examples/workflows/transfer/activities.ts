/** Activities of the transfer saga. `deposit` fails for the account "frozen". */
export async function withdraw(account: string, amount: number): Promise<string> {
  return `w-${account}-${amount}`;
}

export async function deposit(account: string, amount: number): Promise<string> {
  if (account === 'frozen') throw new Error(`account ${account} is frozen`);
  return `d-${account}-${amount}`;
}

export async function refund(account: string, amount: number): Promise<string> {
  return `r-${account}-${amount}`;
}

export async function notify(message: string): Promise<void> {
  void message;
}

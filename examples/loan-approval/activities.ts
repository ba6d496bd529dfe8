/**
 * Activities of the loan approval. `recordDecision` writes the decision to the loan system of
 * record (idempotent per application id); `notifyApplicant` emails the applicant.
 */
export interface LoanApplication {
  applicationId: string;
  applicant: string;
  email: string;
  amount: number;
}

export type Decision = 'approved' | 'rejected';
export type DecisionSource = 'reviewer' | 'expired';

const decisions = new Map<string, Decision>();

export async function recordDecision(applicationId: string, decision: Decision, source: DecisionSource): Promise<void> {
  void source;
  decisions.set(applicationId, decision);
}

export async function notifyApplicant(email: string, applicationId: string, decision: Decision): Promise<void> {
  void email;
  void applicationId;
  void decision;
}

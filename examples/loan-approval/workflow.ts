/**
 * Loan approval: wait up to 7 days for a reviewer's `approve(true|false)` signal, record the
 * decision exactly once, tell the applicant. An application nobody reviewed in time is declined.
 * The first decision wins: later signals (also those arriving after the deadline) are ignored.
 */
import { condition, defineQuery, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';
import type * as activities from './activities.js';
import type { Decision, LoanApplication } from './activities.js';

const { recordDecision, notifyApplicant } = proxyActivities<typeof activities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10, nonRetryableErrorTypes: ['ApplicationNotFound'] },
});

export const approve = defineSignal<[boolean]>('approve');
export const status = defineQuery<Decision | 'pending'>('status');

export async function loanApproval(app: LoanApplication): Promise<Decision> {
  let decision: Decision | undefined;
  setHandler(approve, (approved) => {
    if (decision === undefined) decision = approved ? 'approved' : 'rejected';
  });
  setHandler(status, () => decision ?? 'pending');

  const reviewed = await condition(() => decision !== undefined, '7 days');
  // Not reviewed within a week: declined. Setting it also makes the handler ignore late signals.
  if (decision === undefined) decision = 'rejected';

  await recordDecision(app.applicationId, decision, reviewed ? 'reviewer' : 'expired');
  await notifyApplicant(app.email, app.applicationId, decision);
  return decision;
}

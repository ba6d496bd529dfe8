/**
 * Buggy twin of `loanApproval` (workflow.ts). A special branch for applications nobody reviewed in
 * time records and announces the rejection, but has no `return`: execution falls through and the
 * decision is recorded (and announced) a second time. A reviewer's signal that arrives between
 * the two recordings even makes the second one an approval.
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

export async function loanApprovalBuggy(app: LoanApplication): Promise<Decision> {
  let decision: Decision | undefined;
  setHandler(approve, (approved) => {
    if (decision === undefined) decision = approved ? 'approved' : 'rejected';
  });
  setHandler(status, () => decision ?? 'pending');

  const reviewed = await condition(() => decision !== undefined, '7 days');
  if (!reviewed) {
    // Not reviewed within a week: decline and tell the applicant.
    await recordDecision(app.applicationId, 'rejected', 'expired');
    await notifyApplicant(app.email, app.applicationId, 'rejected');
    // BUG: missing `return 'rejected';` — execution falls through to the normal path.
  }
  if (decision === undefined) decision = 'rejected';

  await recordDecision(app.applicationId, decision, reviewed ? 'reviewer' : 'expired');
  await notifyApplicant(app.email, app.applicationId, decision);
  return decision;
}

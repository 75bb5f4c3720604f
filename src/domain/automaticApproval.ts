// Automatic decisions where the policy is sure: a request that the policy would approve in full,
// with nothing in doubt, is approved by the system on arrival when its policy version allows it
// (automaticApprovalMaxFen). Clean means: inside the window, no coins spent, the information
// complete, the account in good standing, no other open request on the order, nothing held by
// another request, not a tipping order, and refundable within the version's amount (which never
// exceeds the second-approval threshold, so no second pair of eyes is ever needed).
import type { RefundRequest } from './model';
import type { PolicyResult } from './refundPolicy';

export function mayApproveAutomatically(
  request: Pick<RefundRequest, 'status' | 'assigneeId'>,
  policy: PolicyResult,
): boolean {
  const max = policy.parameters.automaticApprovalMaxFen;
  const { flags } = policy;
  return (
    max !== null &&
    request.status === 'pending' &&
    request.assigneeId === null &&
    policy.suggestion === 'approve' &&
    policy.approvalBlockers.length === 0 &&
    policy.refundableLimit === 'none' &&
    policy.refundableFen > 0 &&
    policy.refundableFen <= max &&
    policy.refundableFen <= policy.parameters.secondApprovalThresholdFen &&
    !flags.outsideWindow &&
    !flags.hasSpentCoins &&
    !flags.tipping &&
    !flags.infoIncomplete &&
    !flags.accountRestricted &&
    !flags.duplicate &&
    !flags.purchaseAfterSubmission
  );
}

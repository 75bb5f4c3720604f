// Automatic approval on arrival (src/domain/automaticApproval.ts): a request its policy version
// approves by itself is approved in full by the system in the intake's own transaction, through
// the refund workflow's auto_approve, so the coins, the history, the customer's message and the
// webhooks follow as for any approval.
import { mayApproveAutomatically } from '../src/domain/automaticApproval';
import { approvalTemplate, formatArrival } from '../src/domain/messageTemplates';
import type { RefundRequest } from '../src/domain/model';
import { fenToYuan } from '../src/domain/money';
import type { PolicyResult } from '../src/domain/refundPolicy';
import { expectedArrivalAt } from '../src/domain/sla';
import type { DeskWriter } from './deskData';
import { executeRefundCommand } from './refundService';

/**
 * `request` (just written by the intake, in `tx`, with `policy` as the intake judged it: the
 * order's other requests only had their derived fields brought up to date since) approved by the
 * system, or null when its policy does not.
 */
export async function approveOnArrival(
  tx: DeskWriter,
  request: RefundRequest,
  policy: PolicyResult,
  nowIso: string,
): Promise<RefundRequest | null> {
  if (!mayApproveAutomatically(request, policy)) return null;
  const locale = request.customerLocale;
  const customerMessage = approvalTemplate(locale, {
    orderNumber: request.orderNumber,
    amountYuan: fenToYuan(policy.refundableFen),
    partial: false,
    limit: 'none',
    expectedArrival: formatArrival(expectedArrivalAt(request.paymentChannel, nowIso), locale),
  });
  const outcome = await executeRefundCommand(
    tx,
    request,
    { action: 'auto_approve', customerMessage },
    { kind: 'system' },
    nowIso,
  );
  // the workflow refuses only what mayApproveAutomatically refused above
  if (!outcome.ok) throw new Error(`Automatic approval of ${request.id} was refused: ${outcome.code}`);
  return outcome.request;
}

// The customer's refund profile shown beside a request: how often they ask, how often they get
// money back, and whether other accounts pay with the same payment account.
import type { RefundRequest } from './model';
import { DAY_MS, toMs } from './sla';

/** Above this many requests in 90 days, or this approval share with ≥ 3 requests, the rate is unusual. */
export const UNUSUAL_REQUESTS_90D = 5;
export const UNUSUAL_REQUESTS_7D = 3;

export interface CustomerRefundProfile {
  customerId: string;
  requests90d: number;
  approvals90d: number;
  refundedFen90d: number;
  requests7d: number;
  linkedAccounts: { id: string; name: string }[];
  unusualRate: boolean;
  /** i18n keys under `profile.unusual.` saying why the rate is unusual */
  unusualReasons: ('many_requests_90d' | 'many_requests_7d' | 'linked_accounts')[];
}

const APPROVED = new Set(['approved', 'partially_approved', 'refunded']);

export function customerRefundProfile(input: {
  customerId: string;
  requests: readonly RefundRequest[];
  linkedCustomers: { id: string; name: string }[];
  nowMs: number;
}): CustomerRefundProfile {
  let requests90d = 0;
  let approvals90d = 0;
  let refundedFen90d = 0;
  let requests7d = 0;
  for (const r of input.requests) {
    const age = input.nowMs - toMs(r.submittedAt);
    if (age < 0 || age > 90 * DAY_MS) continue;
    requests90d++;
    if (APPROVED.has(r.status)) {
      approvals90d++;
      refundedFen90d += r.approvedFen ?? 0;
    }
    if (age <= 7 * DAY_MS) requests7d++;
  }
  const unusualReasons: CustomerRefundProfile['unusualReasons'] = [];
  if (requests90d >= UNUSUAL_REQUESTS_90D) unusualReasons.push('many_requests_90d');
  if (requests7d >= UNUSUAL_REQUESTS_7D) unusualReasons.push('many_requests_7d');
  if (input.linkedCustomers.length > 0) unusualReasons.push('linked_accounts');
  return {
    customerId: input.customerId,
    requests90d,
    approvals90d,
    refundedFen90d,
    requests7d,
    linkedAccounts: input.linkedCustomers,
    unusualRate: unusualReasons.length > 0,
    unusualReasons,
  };
}

// Hand-made metrics records for the metrics tests (metrics.test.ts, metricsTime.test.ts).
import type { AuditEvent, Complaint, RefundRequest } from '../../src/domain/model';
import * as make from '../../src/domain/records';

export const H = 3_600_000;

export function refund(id: string, submittedAt: string, over: Partial<RefundRequest> = {}): RefundRequest {
  return make.refundRequest({
    id,
    orderId: `o-${id}`,
    orderNumber: `CZ-${id}`,
    customerName: 'Test',
    customerLocale: 'zh-CN',
    paidFen: 1000,
    coins: 100,
    purchasedAt: submittedAt,
    description: '',
    evidenceFiles: [],
    providedItems: [],
    status: 'refunded',
    submittedAt,
    ...over,
  });
}

let seq = 0;
export function ev(refundId: string, action: string, at: string, over: Partial<AuditEvent> = {}): AuditEvent {
  return make.auditEvent({ id: `e${++seq}`, refundId, action, at, amountFen: null, details: {}, ...over });
}
export const approve = (refundId: string, at: string, by: string, amountFen: number, refundableFen = 1000) =>
  ev(refundId, 'approve', at, {
    actorId: by,
    amountFen,
    details: { refundableFen, againstSuggestion: false },
  });
export const reply = (refundId: string, at: string) =>
  ev(refundId, 'customer_reply', at, { actorId: null, actorKind: 'customer' });
export const payout = (refundId: string, at: string, amountFen: number) =>
  ev(refundId, 'payout', at, { actorId: null, actorKind: 'system', amountFen });

export function complaint(
  id: string,
  refundId: string,
  openedAt: string,
  over: Partial<Complaint> = {},
): Complaint {
  return make.complaint({
    id,
    refundId,
    customerName: 'Test',
    orderNumber: 'CZ',
    description: '',
    openedAt,
    dueAt: openedAt,
    ...over,
  });
}
export const resolved = (outcome: 'upheld' | 'overturned' | 'goodwill', at: string): Partial<Complaint> => ({
  status: 'resolved',
  resolvedAt: at,
  resolution: { outcome, by: 'u3', at, customerMessage: 'ok' },
});

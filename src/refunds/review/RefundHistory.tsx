// The request's history: every audit event of the request in context (its complaints' too),
// oldest first — the one timeline of src/workflow/AuditTimeline.tsx in the refund page's words.
import { useRecordContext } from 'react-admin';
import type { RefundRequest } from '../../domain/model';
import { AuditTimeline } from '../../workflow/AuditTimeline';

export function RefundHistory() {
  const record = useRecordContext<RefundRequest>();
  if (!record) return null;
  return (
    <AuditTimeline
      filter={{ refundId: record.id }}
      wording="refund"
      testId="refund-history"
      enabled={Boolean(record.id)}
    />
  );
}

// The status of a refund request as a coloured chip: a plain element styled by the theme (see
// layout/plainMarks.ts), because every row of the queue shows one.
import { useRecordContext, useTranslate } from 'react-admin';
import type { RefundRequest, RefundStatus } from '../domain/model';
import { STATUS_COLORS } from './choices';

export function RefundStatusChip({ status }: { status: RefundStatus }) {
  const translate = useTranslate();
  return (
    <span
      className="rd-chip"
      data-color={STATUS_COLORS[status]}
      data-variant={
        status === 'partially_approved' || status === 'awaiting_second_approval' ? 'outlined' : 'filled'
      }
      data-status={status}
    >
      {translate(`refunds.status.${status}`)}
    </span>
  );
}

/** Reads the status from the record context: for list columns and show layouts. */
export function RefundStatusField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  return record ? <RefundStatusChip status={record.status} /> : null;
}

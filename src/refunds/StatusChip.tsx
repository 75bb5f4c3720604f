// The status of a refund request as a coloured chip.
import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { RefundRequest, RefundStatus } from '../domain/model';
import { STATUS_COLORS } from './choices';

export function RefundStatusChip({ status }: { status: RefundStatus }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[status]}
      variant={
        status === 'partially_approved' || status === 'awaiting_second_approval' ? 'outlined' : 'filled'
      }
      label={translate(`refunds.status.${status}`)}
      data-status={status}
      sx={{ width: 'fit-content' }}
    />
  );
}

/** Reads the status from the record context: for list columns and show layouts. */
export function RefundStatusField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  return record ? <RefundStatusChip status={record.status} /> : null;
}

// A customer's account status as a coloured chip: restricted and banned accounts stand out.
import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { ACCOUNT_STATUSES, type AccountStatus, type Customer } from '../domain/model';
import { choicesFor, type PaletteColor } from '../refunds/choices';

export const accountStatusChoices = choicesFor(ACCOUNT_STATUSES, 'customers.accountStatus');

export const ACCOUNT_STATUS_COLORS: Record<AccountStatus, PaletteColor> = {
  normal: 'success',
  restricted: 'warning',
  banned: 'error',
};

export function AccountStatusChip({ status }: { status: AccountStatus }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={ACCOUNT_STATUS_COLORS[status]}
      variant={status === 'normal' ? 'outlined' : 'filled'}
      label={translate(`customers.accountStatus.${status}`)}
      data-account-status={status}
      sx={{ width: 'fit-content' }}
    />
  );
}

/** Reads the status from the record context: for list columns and show layouts. */
export function AccountStatusField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<Customer>();
  return record ? <AccountStatusChip status={record.accountStatus} /> : null;
}

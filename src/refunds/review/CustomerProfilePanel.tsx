// The customer's refund profile beside the request: how often they ask and get money back (90 and
// 7 days), other accounts paying with the same payment account, and a flag with its reasons when
// the refund rate is unusual.
import FlagIcon from '@mui/icons-material/Flag';
import { Alert, AlertTitle, Box, CircularProgress, Link, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import { useCreatePath, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import {
  UNUSUAL_REQUESTS_7D,
  UNUSUAL_REQUESTS_90D,
  type CustomerRefundProfile,
} from '../../domain/customerProfile';
import type { RefundRequest } from '../../domain/model';
import { useLocale } from '../../i18n/fields';
import { formatFen, formatInteger } from '../../i18n/format';
import { CustomerText } from '../../layout/CustomerText';
import type { RefundDeskDataProvider } from '../../providers/dataProvider';

/** The profile of the request's customer; cached under "refunds" so a decision refreshes it. */
export function useCustomerRefundProfile(refundId: string | undefined) {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  return useQuery<CustomerRefundProfile>({
    queryKey: ['refunds', 'profile', refundId],
    queryFn: async () => (await dataProvider.getRefundProfile(refundId!)).data,
    enabled: Boolean(refundId),
    staleTime: 60_000,
    retry: 1,
  });
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Box data-testid={testId}>
      <Typography variant="caption" color="text.secondary" component="p">
        {label}
      </Typography>
      <Typography variant="h6" component="p" sx={{ fontVariantNumeric: 'tabular-nums', lineHeight: 1.3 }}>
        {value}
      </Typography>
    </Box>
  );
}

export function CustomerProfilePanel() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const locale = useLocale();
  const createPath = useCreatePath();
  const { data: profile, isPending, error } = useCustomerRefundProfile(record?.id);
  if (!record) return null;
  if (error) return <Alert severity="error">{translate('refunds.profile.unavailable')}</Alert>;
  if (isPending) return <CircularProgress size={16} />;
  return (
    <Stack spacing={1.5} data-testid="customer-profile" data-unusual={profile.unusualRate}>
      {profile.unusualRate && (
        <Alert severity="warning" icon={<FlagIcon />} data-testid="profile-unusual">
          <AlertTitle>{translate('refunds.profile.unusual.title')}</AlertTitle>
          {profile.unusualReasons.map((reason) => (
            <Typography key={reason} variant="body2" component="p">
              {translate(`refunds.profile.unusual.${reason}`, {
                count90: UNUSUAL_REQUESTS_90D,
                count7: UNUSUAL_REQUESTS_7D,
                smart_count: profile.linkedAccounts.length,
              })}
            </Typography>
          ))}
        </Alert>
      )}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: 1.5 }}>
        <Figure
          testId="profile-requests-90d"
          label={translate('refunds.profile.requests_90d')}
          value={formatInteger(profile.requests90d, locale)}
        />
        <Figure
          testId="profile-approvals-90d"
          label={translate('refunds.profile.approvals_90d')}
          value={formatInteger(profile.approvals90d, locale)}
        />
        <Figure
          testId="profile-requests-7d"
          label={translate('refunds.profile.requests_7d')}
          value={formatInteger(profile.requests7d, locale)}
        />
        <Figure
          testId="profile-refunded-90d"
          label={translate('refunds.profile.refunded_90d')}
          value={formatFen(profile.refundedFen90d, locale)}
        />
      </Box>
      <Box data-testid="profile-linked">
        <Typography variant="caption" color="text.secondary" component="p">
          {translate('refunds.profile.linked')}
        </Typography>
        {profile.linkedAccounts.length === 0 ? (
          <Typography variant="body2">{translate('refunds.profile.no_linked')}</Typography>
        ) : (
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {profile.linkedAccounts.map((account) => (
              <Link
                key={account.id}
                component={RouterLink}
                to={createPath({ resource: 'customers', type: 'show', id: account.id })}
                variant="body2"
              >
                <CustomerText text={account.name} />
              </Link>
            ))}
          </Stack>
        )}
      </Box>
    </Stack>
  );
}

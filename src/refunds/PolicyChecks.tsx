// The refund policy applied to one request: each check with ✓ or ⚠ and its reason in the viewer's
// language, then the decision the policy suggests. The rules are src/domain/refundPolicy.ts; this
// file only gathers the inputs (the customer's account status, other open requests for the order)
// and explains the result.
import OkIcon from '@mui/icons-material/CheckCircleOutlined';
import WarningIcon from '@mui/icons-material/WarningAmber';
import {
  Alert,
  AlertTitle,
  Box,
  CircularProgress,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Typography,
  type AlertColor,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { type PolicySuggestion, type RefundRequest } from '../domain/model';
import { needsSecondApproval, type PolicyCheck, type PolicyResult } from '../domain/refundPolicy';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen, formatInteger } from '../i18n/format';
import type { RefundDeskDataProvider } from '../providers/dataProvider';

type Translate = ReturnType<typeof useTranslate>;

/** The parameters of a check's message, formatted for display (money, counts, item names). */
export function checkMessageParams(
  check: PolicyCheck,
  translate: Translate,
  locale: string,
): Record<string, string | number> {
  const params: Record<string, string | number> = { ...check.params };
  // the count that picks the singular or plural form of the message
  const count = check.params.days ?? check.params.tipped;
  if (typeof count === 'number') params.smart_count = count;
  for (const key of ['spent', 'coins', 'unspent', 'tipped'] as const) {
    const value = params[key];
    if (typeof value === 'number') params[key] = formatInteger(value, locale);
  }
  for (const key of ['purchasedAt', 'submittedAt'] as const) {
    const value = params[key];
    if (typeof value === 'string') params[key] = formatDateTime(value, locale);
  }
  if (typeof check.params.committedFen === 'number') {
    params.committed = formatFen(check.params.committedFen, locale);
  }
  if (typeof check.params.refundableFen === 'number') {
    params.refundable = formatFen(check.params.refundableFen, locale);
  }
  if (typeof check.params.items === 'string') {
    params.items = translateItems(check.params.items.split(', '), translate, locale);
  }
  return params;
}

function translateItems(items: readonly string[], translate: Translate, locale: string): string {
  const names = items.filter(Boolean).map((item) => translate(`refunds.infoItem.${item}`));
  return names.join(listSeparator(locale));
}

const listSeparator = (locale: string) => (locale.startsWith('zh') ? '、' : ', ');

const SUGGESTION_SEVERITY: Record<PolicySuggestion, AlertColor> = {
  approve: 'success',
  approve_partial: 'info',
  reject: 'error',
  request_info: 'warning',
};

export function PolicyCheckItem({ check }: { check: PolicyCheck }) {
  const translate = useTranslate();
  const locale = useLocale();
  const status = translate(check.ok ? 'common.ok' : 'common.warning');
  return (
    <ListItem disableGutters data-testid={`policy-check-${check.key}`} data-ok={check.ok}>
      <ListItemIcon sx={{ minWidth: 36 }}>
        {check.ok ? (
          <OkIcon color="success" titleAccess={status} />
        ) : (
          <WarningIcon color="warning" titleAccess={status} />
        )}
      </ListItemIcon>
      <ListItemText
        primary={translate(`policy.check.${check.key}`)}
        secondary={translate(`policy.${check.reasonKey}`, checkMessageParams(check, translate, locale))}
      />
    </ListItem>
  );
}

export function PolicySuggestionBox({ result, tipping }: { result: PolicyResult; tipping: boolean }) {
  const translate = useTranslate();
  const locale = useLocale();
  const { suggestion } = result;
  const approving = suggestion === 'approve' || suggestion === 'approve_partial';
  return (
    <Alert
      severity={SUGGESTION_SEVERITY[suggestion]}
      data-testid="policy-suggestion"
      data-suggestion={suggestion}
    >
      <AlertTitle>
        {translate('policy.suggestion.title', { decision: translate(`policy.suggestion.${suggestion}`) })}
      </AlertTitle>
      {approving && (
        <Typography variant="body2">
          {translate('policy.detail.amount', { amount: formatFen(result.refundableFen, locale) })}
        </Typography>
      )}
      {approving && needsSecondApproval(result.refundableFen, tipping, result.parameters) && (
        <Typography variant="body2">{translate('policy.detail.second_approval')}</Typography>
      )}
      {suggestion === 'reject' && result.suggestedRejection && (
        <Typography variant="body2">
          {translate('policy.detail.rejection', {
            reason: translate(`refunds.rejectionReason.${result.suggestedRejection}`),
          })}
        </Typography>
      )}
      {suggestion === 'request_info' && (
        <Typography variant="body2">
          {translate('policy.detail.missing', {
            items: translateItems(result.suggestedMissingItems, translate, locale),
          })}
        </Typography>
      )}
      {result.approvalBlockers.length > 0 && (
        <Typography variant="body2">
          {translate('policy.blockers.title', {
            reasons: result.approvalBlockers
              .map((blocker) => translate(`policy.blockers.${blocker}`))
              .join(listSeparator(locale)),
          })}
        </Typography>
      )}
    </Alert>
  );
}

/** Presentational: the checks and the suggestion of an evaluated policy. */
export function PolicyChecksList({ result, tipping }: { result: PolicyResult; tipping: boolean }) {
  return (
    <Box data-testid="policy-checks">
      <List dense disablePadding>
        {result.checks.map((check) => (
          <PolicyCheckItem key={check.key} check={check} />
        ))}
      </List>
      <PolicySuggestionBox result={result} tipping={tipping} />
      <PolicyVersionLine version={result.policyVersion} />
    </Box>
  );
}

/** Which version of the policy judged the request (every request keeps the one of its submission). */
function PolicyVersionLine({ version }: { version: number }) {
  const translate = useTranslate();
  return (
    <Typography
      variant="caption"
      color="text.secondary"
      component="p"
      sx={{ mt: 1 }}
      data-testid="policy-version"
    >
      {translate('policyVersions.request_version', { version })}
    </Typography>
  );
}

/**
 * The policy for a request, as the server evaluates it (refundPolicy.ts over the request, its
 * customer and the order's other requests): the page explains exactly what the actions enforce.
 * Shared by the checks panel and the action bar, so the suggestion the reviewer reads is the one
 * the buttons follow. Cached under "refunds", so every decision refreshes it.
 */
export function useRefundPolicy(record: RefundRequest | undefined): {
  result: PolicyResult | null;
  error: boolean;
} {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const id = record?.id;
  const version = record?.version;
  const policy = useQuery<PolicyResult>({
    queryKey: ['refunds', 'policy', id, version],
    queryFn: async () => (await dataProvider.getRefundPolicy(id!)).data,
    enabled: id !== undefined,
    staleTime: 30_000,
    retry: 1,
  });
  return { result: policy.data ?? null, error: Boolean(policy.error) };
}

/** The policy checks of the request in context, each with its reason, and the suggested decision. */
export function RefundPolicyPanel() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const { result, error } = useRefundPolicy(record);

  if (!record) return null;
  if (error) {
    return <Alert severity="error">{translate('policy.unavailable')}</Alert>;
  }
  if (!result) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
        <CircularProgress size={16} />
        <Typography variant="body2">{translate('policy.loading')}</Typography>
      </Box>
    );
  }
  return <PolicyChecksList result={result} tipping={record.coinsSpentOnTips > 0} />;
}

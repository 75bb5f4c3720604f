// Approve, in full or in part: the amount in yuan (default and maximum: the refundable amount;
// less is a partial approval), the customer's message from the approval template in the
// customer's language, and a reason when the policy suggested something else. Opened with `a`,
// everything is prefilled and the confirm button has the focus: Enter approves.
import { Alert, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useGetIdentity, useTranslate } from 'react-admin';
import { isSelfOverride, secondApprovalNeed } from '../../domain/fourEyes';
import { approvalTemplate, fenToYuan, formatArrival } from '../../domain/messageTemplates';
import { followsSuggestion } from '../../domain/refundPolicy';
import { expectedArrivalAt } from '../../domain/sla';
import { hasVisibleContent } from '../../domain/visibleText';
import { useLocale } from '../../i18n/fields';
import { formatFen } from '../../i18n/format';
import { useNow } from '../../layout/clock';
import {
  AGAINST_REASON_MAX,
  AgainstSuggestionField,
  CustomerMessageField,
  DialogFrame,
  MESSAGE_MAX,
  useTemplatedText,
} from './DialogFrame';
import { parseYuan, useDialogSubmit, yuanText, type WorkflowDialogProps } from './dialogCommon';

export function ApproveDialog({ record, policy, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const locale = useLocale();
  const refundable = policy.refundableFen;
  const [amountText, setAmountText] = useState(() => yuanText(refundable));
  const [reason, setReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  // the arrival promised in the message: the channel's latest payout time from now
  const now = useNow(60_000);
  const [arrival] = useState(() =>
    formatArrival(
      expectedArrivalAt(record.paymentChannel, new Date(now).toISOString()),
      record.customerLocale,
    ),
  );
  const { submit, isPending, error } = useDialogSubmit('approveRefund', record, onDone);

  const amountFen = parseYuan(amountText);
  const amountError =
    amountFen === null || amountFen <= 0
      ? translate('refunds.review.approve.amount_invalid')
      : amountFen > refundable
        ? translate('refunds.review.approve.amount_too_high', { max: formatFen(refundable, locale) })
        : null;
  const effectiveFen = amountError ? refundable : (amountFen ?? refundable);
  const partial = !amountError && effectiveFen < refundable;
  const { identity } = useGetIdentity();
  // the same four-eyes rule the server applies (an override by the approver counts too)
  const secondApproval =
    secondApprovalNeed({
      amountFen: effectiveFen,
      tipping: record.tipping || record.coinsSpentOnTips > 0,
      selfOverride: isSelfOverride(
        policy.approvalBlockers.length > 0,
        record.overrideBy,
        String(identity?.id ?? ''),
      ),
    }).length > 0;
  const against = !followsSuggestion(policy.suggestion, 'approve');

  const template = useMemo(
    () =>
      approvalTemplate(record.customerLocale, {
        orderNumber: record.orderNumber,
        amountYuan: fenToYuan(effectiveFen),
        // the customer gets less than they paid: the message explains why (spent coins, money
        // other requests on the order hold, or the reviewer's own amount)
        partial: effectiveFen < record.paidFen,
        limit: effectiveFen < refundable ? 'none' : policy.refundableLimit,
        heldByRequestIds: policy.heldByRequestIds,
        expectedArrival: arrival,
      }),
    [
      record.customerLocale,
      record.orderNumber,
      record.paidFen,
      effectiveFen,
      refundable,
      policy.refundableLimit,
      policy.heldByRequestIds,
      arrival,
    ],
  );
  const message = useTemplatedText(template);

  const invalid =
    Boolean(amountError) ||
    !hasVisibleContent(message.value) ||
    message.value.trim().length > MESSAGE_MAX ||
    (against && (reason.trim() === '' || reason.trim().length > AGAINST_REASON_MAX));

  const onSubmit = () => {
    if (invalid || amountFen === null) {
      setShowErrors(true);
      return;
    }
    submit(
      {
        version: record.version,
        amountFen,
        customerMessage: message.value.trim(),
        ...(against ? { againstSuggestionReason: reason.trim() } : {}),
      },
      (updated) => ({
        key:
          updated.status === 'awaiting_second_approval'
            ? 'refunds.review.done.approve_second'
            : updated.status === 'partially_approved'
              ? 'refunds.review.done.approve_partial'
              : 'refunds.review.done.approve',
        args: {
          orderNumber: updated.orderNumber,
          amount: formatFen(updated.approvedFen ?? amountFen, locale),
        },
      }),
    );
  };

  return (
    <DialogFrame
      title={translate('refunds.review.approve.title', { orderNumber: record.orderNumber })}
      testId="approve-dialog"
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={translate(
        partial ? 'refunds.review.approve.submit_partial' : 'refunds.review.approve.submit',
        {
          amount: formatFen(effectiveFen, locale),
        },
      )}
      submitColor="success"
      focusSubmit={!against}
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
    >
      <Stack spacing={1}>
        <TextField
          label={translate('refunds.review.approve.amount')}
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          onBlur={() => {
            const fen = parseYuan(amountText);
            if (fen !== null) setAmountText(yuanText(fen));
          }}
          required
          error={Boolean(amountError) || Boolean(error?.errors.amountFen)}
          helperText={
            amountError ??
            error?.errors.amountFen ??
            translate('refunds.review.approve.amount_help', { max: formatFen(refundable, locale) })
          }
          slotProps={{
            input: { startAdornment: <InputAdornment position="start">¥</InputAdornment> },
            htmlInput: { inputMode: 'decimal', 'data-testid': 'approve-amount' },
          }}
        />
        {partial && (
          <Alert severity="info" data-testid="partial-approval">
            {translate('refunds.review.approve.partial', {
              amount: formatFen(effectiveFen, locale),
              refundable: formatFen(refundable, locale),
            })}
          </Alert>
        )}
        {secondApproval && (
          <Alert severity="warning" data-testid="needs-second-approval">
            {translate('refunds.review.approve.second_approval')}
          </Alert>
        )}
        {record.overrideBy && (
          <Typography variant="body2" color="text.secondary">
            {translate('refunds.review.approve.overridden')}
          </Typography>
        )}
      </Stack>
      {against && (
        <AgainstSuggestionField
          suggestion={policy.suggestion}
          value={reason}
          onChange={setReason}
          showError={showErrors}
          serverError={error?.errors.againstSuggestionReason}
          autoFocus
        />
      )}
      <CustomerMessageField
        value={message.value}
        onChange={message.onChange}
        edited={message.edited}
        onReset={message.reset}
        customerLocale={record.customerLocale}
        showError={showErrors}
        serverError={error?.errors.customerMessage}
      />
    </DialogFrame>
  );
}

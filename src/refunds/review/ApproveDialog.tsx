// Approve, in full or in part: the amount in yuan (default and maximum: the refundable amount;
// less is a partial approval), the customer's message from the approval template in the
// customer's language, and a reason when the policy suggested something else. Opened with `a`,
// everything is prefilled and the confirm button has the focus: Enter approves. One react-admin
// <Form>: what the dialog says (partial, four eyes, the message, the button) follows the amount.
import { Alert, InputAdornment, Stack, TextField, Typography } from '@mui/material';
import { useMemo, useState, type ReactNode } from 'react';
import {
  ValidationError,
  FormDataConsumer,
  useGetIdentity,
  useInput,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { RefundRequest } from '../../domain/model';
import { isSelfOverride, secondApprovalNeed } from '../../domain/fourEyes';
import { approvalTemplate, fenToYuan, formatArrival } from '../../domain/messageTemplates';
import { followsSuggestion, type PolicyResult } from '../../domain/refundPolicy';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { expectedArrivalAt } from '../../domain/sla';
import { useLocale } from '../../i18n/fields';
import { formatFen } from '../../i18n/format';
import { useNow } from '../../layout/clock';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { fieldValidator } from '../../workflow/validators';
import { AgainstReasonInput, CustomerMessageInput } from './DecisionFields';
import { parseYuan, useDialogSubmit, yuanText, type WorkflowDialogProps } from './dialogCommon';

interface ApproveValues extends Record<string, unknown> {
  amountYuan: string;
  customerMessage: string;
  againstSuggestionReason?: string;
}

const amountSchema = fieldValidator(refundActionBodySchemas.approve, 'amountFen', {
  required: 'refunds.review.approve.amount_invalid',
});

/** The amount as the approve body's schema takes it (whole fen, positive), at most the refundable. */
function amountValidator(refundableFen: number, max: string): Validator {
  return (value: unknown) => {
    const fen = typeof value === 'string' ? parseYuan(value) : null;
    if (fen === null || amountSchema(fen, {}, {}) !== undefined)
      return 'refunds.review.approve.amount_invalid';
    return fen > refundableFen
      ? { message: 'refunds.review.approve.amount_too_high', args: { max } }
      : undefined;
  };
}

/** The amount to approve, or the refundable amount while the field holds no valid amount. */
function effectiveFen(text: unknown, refundableFen: number): number {
  const fen = typeof text === 'string' ? parseYuan(text) : null;
  return fen !== null && fen > 0 && fen <= refundableFen ? fen : refundableFen;
}

/** Renders what follows the amount the form holds now. */
function WithAmount({
  refundableFen,
  children,
}: {
  refundableFen: number;
  children: (fen: number) => ReactNode;
}) {
  return (
    <FormDataConsumer<ApproveValues>>
      {({ formData }) => children(effectiveFen(formData.amountYuan, refundableFen))}
    </FormDataConsumer>
  );
}

function AmountInput({ refundableFen }: { refundableFen: number }) {
  const translate = useTranslate();
  const locale = useLocale();
  const max = formatFen(refundableFen, locale);
  const validate = useMemo(() => amountValidator(refundableFen, max), [refundableFen, max]);
  const { field, fieldState, formState } = useInput({ source: 'amountYuan', validate });
  const shown = fieldState.invalid && (fieldState.isDirty || fieldState.isTouched || formState.isSubmitted);
  return (
    <TextField
      label={translate('refunds.review.approve.amount')}
      name={field.name}
      value={field.value ?? ''}
      onChange={(event) => field.onChange(event.target.value)}
      onBlur={() => {
        const fen = parseYuan(String(field.value ?? ''));
        if (fen !== null) field.onChange(yuanText(fen));
        field.onBlur();
      }}
      inputRef={field.ref}
      required
      error={shown}
      helperText={
        shown && fieldState.error?.message ? (
          <ValidationError error={fieldState.error.message} />
        ) : (
          translate('refunds.review.approve.amount_help', { max })
        )
      }
      slotProps={{
        input: { startAdornment: <InputAdornment position="start">¥</InputAdornment> },
        htmlInput: { inputMode: 'decimal', 'data-testid': 'approve-amount' },
      }}
    />
  );
}

/** What follows the amount: a partial approval, four eyes. */
function AmountNotes({
  record,
  policy,
  effectiveFen,
}: {
  record: RefundRequest;
  policy: PolicyResult;
  effectiveFen: number;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const { identity } = useGetIdentity();
  const refundable = policy.refundableFen;
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
      rule: policy.parameters,
    }).length > 0;
  return (
    <>
      {effectiveFen < refundable && (
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
    </>
  );
}

/** The approval template for an amount, in the customer's language. */
function approvalMessage(record: RefundRequest, policy: PolicyResult, arrival: string, amountFen: number) {
  return approvalTemplate(record.customerLocale, {
    orderNumber: record.orderNumber,
    amountYuan: fenToYuan(amountFen),
    // the customer gets less than they paid: the message explains why (spent coins, money other
    // requests on the order hold, or the reviewer's own amount)
    partial: amountFen < record.paidFen,
    limit: amountFen < policy.refundableFen ? 'none' : policy.refundableLimit,
    heldByRequestIds: policy.heldByRequestIds,
    expectedArrival: arrival,
  });
}

function SubmitLabel({ refundableFen }: { refundableFen: number }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <WithAmount refundableFen={refundableFen}>
      {(fen) =>
        translate(
          fen < refundableFen ? 'refunds.review.approve.submit_partial' : 'refunds.review.approve.submit',
          { amount: formatFen(fen, locale) },
        )
      }
    </WithAmount>
  );
}

export function ApproveDialog(props: WorkflowDialogProps) {
  const { record, policy } = props;
  const translate = useTranslate();
  const locale = useLocale();
  const refundable = policy.refundableFen;
  // the arrival promised in the message: the channel's latest payout time from now
  const now = useNow(60_000);
  const [arrival] = useState(() =>
    formatArrival(
      expectedArrivalAt(record.paymentChannel, new Date(now).toISOString()),
      record.customerLocale,
    ),
  );
  const [defaults] = useState<Partial<ApproveValues>>(() => ({
    amountYuan: yuanText(refundable),
    customerMessage: approvalMessage(record, policy, arrival, refundable),
  }));
  const { submit, frame } = useDialogSubmit('approveRefund', props);
  const against = !followsSuggestion(policy.suggestion, 'approve');

  const onSubmit = ({ amountYuan, customerMessage, againstSuggestionReason }: ApproveValues) => {
    const amountFen = parseYuan(amountYuan) ?? refundable;
    return submit(
      {
        version: record.version,
        amountFen,
        customerMessage: customerMessage.trim(),
        ...(against ? { againstSuggestionReason: (againstSuggestionReason ?? '').trim() } : {}),
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
    <ActionFormDialog<ApproveValues>
      {...frame}
      title={translate('refunds.review.approve.title', { orderNumber: record.orderNumber })}
      testId="approve-dialog"
      mode="onChange"
      defaultValues={defaults}
      onSubmit={onSubmit}
      submitLabel={<SubmitLabel refundableFen={refundable} />}
      submitColor="success"
      focusSubmit={!against}
    >
      <Stack spacing={1}>
        <AmountInput refundableFen={refundable} />
        <WithAmount refundableFen={refundable}>
          {(fen) => <AmountNotes record={record} policy={policy} effectiveFen={fen} />}
        </WithAmount>
      </Stack>
      {against && <AgainstReasonInput suggestion={policy.suggestion} autoFocus />}
      <WithAmount refundableFen={refundable}>
        {(fen) => (
          <CustomerMessageInput
            template={approvalMessage(record, policy, arrival, fen)}
            customerLocale={record.customerLocale}
          />
        )}
      </WithAmount>
    </ActionFormDialog>
  );
}

// Reject with a reason code (default: the policy's suggested rejection) and a message the customer
// can act on: the template of the reason, following the reason until the reviewer edits it. The
// note is internal, and required for "other". One react-admin <Form>; the inputs are the bulk
// rejection's too (RejectFields.tsx).
import { useState } from 'react';
import { FormDataConsumer, useTranslate } from 'react-admin';
import { rejectionTemplate } from '../../domain/messageTemplates';
import { followsSuggestion } from '../../domain/refundPolicy';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';
import { AgainstReasonInput, CustomerMessageInput } from './DecisionFields';
import { RejectNoteInput, RejectionReasonInput, type RejectValues } from './RejectFields';

export function RejectDialog(props: WorkflowDialogProps) {
  const { record, policy } = props;
  const translate = useTranslate();
  const { submit, frame } = useDialogSubmit('rejectRefund', props);
  const against = !followsSuggestion(policy.suggestion, 'reject');
  const templateOf = (reasonCode: RejectValues['reasonCode'] | undefined) =>
    reasonCode
      ? rejectionTemplate(reasonCode, record.customerLocale, {
          orderNumber: record.orderNumber,
          heldByRequestIds: policy.heldByRequestIds,
          someCoinsSpent: record.coinsSpent > 0,
        })
      : '';
  const [defaults] = useState<Partial<RejectValues>>(() => ({
    reasonCode: policy.suggestedRejection ?? '',
    customerMessage: templateOf(policy.suggestedRejection ?? ''),
  }));
  const suggested = policy.suggestedRejection;

  const onSubmit = ({ reasonCode, customerMessage, note, againstSuggestionReason }: RejectValues) => {
    if (reasonCode === '') return;
    return submit(
      {
        version: record.version,
        reasonCode,
        customerMessage: customerMessage.trim(),
        ...(note?.trim() ? { note: note.trim() } : {}),
        ...(against ? { againstSuggestionReason: (againstSuggestionReason ?? '').trim() } : {}),
      },
      (updated) => ({ key: 'refunds.review.done.reject', args: { orderNumber: updated.orderNumber } }),
    );
  };

  return (
    <ActionFormDialog<RejectValues>
      {...frame}
      title={translate('refunds.review.reject.title', { orderNumber: record.orderNumber })}
      testId="reject-dialog"
      onSubmit={onSubmit}
      defaultValues={defaults}
      submitLabel={translate('refunds.review.reject.submit')}
      submitColor="error"
      focusSubmit={!against && Boolean(suggested)}
    >
      <RejectionReasonInput
        autoFocus={!suggested}
        helperText={
          suggested
            ? translate('refunds.review.reject.suggested', {
                reason: translate(`refunds.rejectionReason.${suggested}`),
              })
            : undefined
        }
      />
      {against && <AgainstReasonInput suggestion={policy.suggestion} autoFocus={Boolean(suggested)} />}
      <FormDataConsumer<RejectValues>>
        {({ formData }) => (
          <>
            <CustomerMessageInput
              template={templateOf(formData.reasonCode)}
              customerLocale={record.customerLocale}
            />
            <RejectNoteInput reasonCode={formData.reasonCode} />
          </>
        )}
      </FormDataConsumer>
    </ActionFormDialog>
  );
}

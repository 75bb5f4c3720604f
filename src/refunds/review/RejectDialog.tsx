// Reject with a reason code (default: the policy's suggested rejection) and a message the customer
// can act on: the template of the reason, following the reason until the reviewer edits it. The
// note is internal, and required for "other". One react-admin <Form>; the inputs are the bulk
// rejection's too (RejectFields.tsx).
import { useState } from 'react';
import { FormDataConsumer, TextInput, useTranslate } from 'react-admin';
import { rejectionTemplate } from '../../domain/messageTemplates';
import { followsSuggestion } from '../../domain/refundPolicy';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { fieldValidator, requiredText } from '../../workflow/validators';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';
import { AgainstSuggestionNotice, NoLongerAllowed } from './DialogFrame';
import {
  CustomerMessageInput,
  RejectNoteInput,
  RejectionReasonInput,
  type RejectValues,
} from './RejectFields';

// optional in the schema: the workflow requires it when the decision goes against the suggestion
const againstValidators = [
  requiredText('refunds.review.against.required'),
  fieldValidator(refundActionBodySchemas.reject, 'againstSuggestionReason'),
];

export function RejectDialog({ record, policy, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const { submit, isPending, error } = useDialogSubmit('rejectRefund', record, onDone);
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
    submit(
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
      resource="refunds"
      title={translate('refunds.review.reject.title', { orderNumber: record.orderNumber })}
      testId="reject-dialog"
      onClose={onClose}
      onSubmit={onSubmit}
      defaultValues={defaults}
      submitLabel={translate('refunds.review.reject.submit')}
      submitColor="error"
      focusSubmit={!against && Boolean(suggested)}
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
      notAllowed={<NoLongerAllowed />}
    >
      <RejectionReasonInput
        autoFocus={!suggested}
        helperText={
          error?.errors.reasonCode ??
          (suggested
            ? translate('refunds.review.reject.suggested', {
                reason: translate(`refunds.rejectionReason.${suggested}`),
              })
            : undefined)
        }
      />
      {against && (
        <AgainstSuggestionNotice suggestion={policy.suggestion}>
          <TextInput
            source="againstSuggestionReason"
            label={translate('refunds.review.against.label')}
            helperText={error?.errors.againstSuggestionReason ?? translate('refunds.review.against.help')}
            autoFocus={Boolean(suggested)}
            isRequired
            validate={againstValidators}
            slotProps={{ htmlInput: { 'data-testid': 'against-reason' } }}
          />
        </AgainstSuggestionNotice>
      )}
      <FormDataConsumer<RejectValues>>
        {({ formData }) => (
          <>
            <CustomerMessageInput
              template={templateOf(formData.reasonCode)}
              customerLocale={record.customerLocale}
              serverError={error?.errors.customerMessage}
            />
            <RejectNoteInput reasonCode={formData.reasonCode} />
          </>
        )}
      </FormDataConsumer>
    </ActionFormDialog>
  );
}

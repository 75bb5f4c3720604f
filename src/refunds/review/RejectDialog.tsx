// Reject with a reason code (default: the policy's suggested rejection) and a message the customer
// can act on: the template of the reason, following the reason until the reviewer edits it. The
// note is internal, and required for "other".
import { MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { rejectionTemplate } from '../../domain/messageTemplates';
import { REJECTION_REASONS, type RejectionReason } from '../../domain/model';
import { followsSuggestion } from '../../domain/refundPolicy';
import { hasVisibleContent } from '../../domain/visibleText';
import {
  AGAINST_REASON_MAX,
  AgainstSuggestionField,
  CustomerMessageField,
  DialogFrame,
  MESSAGE_MAX,
  useTemplatedText,
} from './DialogFrame';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';

export function RejectDialog({ record, policy, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const [reasonCode, setReasonCode] = useState<RejectionReason | ''>(policy.suggestedRejection ?? '');
  const [note, setNote] = useState('');
  const [againstReason, setAgainstReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const { submit, isPending, error } = useDialogSubmit('rejectRefund', record, onDone);
  const against = !followsSuggestion(policy.suggestion, 'reject');

  const template = reasonCode
    ? rejectionTemplate(reasonCode, record.customerLocale, {
        orderNumber: record.orderNumber,
        heldByRequestIds: policy.heldByRequestIds,
        someCoinsSpent: record.coinsSpent > 0,
      })
    : '';
  const message = useTemplatedText(template);
  const noteRequired = reasonCode === 'other';
  const noteMissing = noteRequired && note.trim() === '';

  const invalid =
    noteMissing ||
    note.trim().length > MESSAGE_MAX ||
    !hasVisibleContent(message.value) ||
    message.value.trim().length > MESSAGE_MAX ||
    (against && (againstReason.trim() === '' || againstReason.trim().length > AGAINST_REASON_MAX));

  const onSubmit = () => {
    if (invalid || reasonCode === '') {
      setShowErrors(true);
      return;
    }
    submit(
      {
        version: record.version,
        reasonCode,
        customerMessage: message.value.trim(),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(against ? { againstSuggestionReason: againstReason.trim() } : {}),
      },
      (updated) => ({ key: 'refunds.review.done.reject', args: { orderNumber: updated.orderNumber } }),
    );
  };

  return (
    <DialogFrame
      title={translate('refunds.review.reject.title', { orderNumber: record.orderNumber })}
      testId="reject-dialog"
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={translate('refunds.review.reject.submit')}
      submitColor="error"
      focusSubmit={!against && reasonCode !== ''}
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
    >
      <TextField
        select
        label={translate('refunds.review.reject.reason')}
        value={reasonCode}
        onChange={(event) => setReasonCode(event.target.value as RejectionReason)}
        required
        autoFocus={reasonCode === ''}
        error={(showErrors && reasonCode === '') || Boolean(error?.errors.reasonCode)}
        helperText={
          showErrors && reasonCode === ''
            ? translate('refunds.review.reject.reason_required')
            : (error?.errors.reasonCode ??
              (policy.suggestedRejection
                ? translate('refunds.review.reject.suggested', {
                    reason: translate(`refunds.rejectionReason.${policy.suggestedRejection}`),
                  })
                : ' '))
        }
        slotProps={{ htmlInput: { 'data-testid': 'reject-reason' } }}
      >
        {REJECTION_REASONS.map((reason) => (
          <MenuItem key={reason} value={reason}>
            {translate(`refunds.rejectionReason.${reason}`)}
          </MenuItem>
        ))}
      </TextField>
      {against && (
        <AgainstSuggestionField
          suggestion={policy.suggestion}
          value={againstReason}
          onChange={setAgainstReason}
          showError={showErrors}
          serverError={error?.errors.againstSuggestionReason}
          autoFocus={reasonCode !== ''}
        />
      )}
      <CustomerMessageField
        value={message.value}
        onChange={message.onChange}
        edited={message.edited}
        onReset={message.reset}
        customerLocale={record.customerLocale}
        showError={showErrors && reasonCode !== ''}
        serverError={error?.errors.customerMessage}
      />
      <TextField
        label={translate(
          noteRequired ? 'refunds.review.reject.note_required_label' : 'refunds.review.reject.note',
        )}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        multiline
        minRows={2}
        required={noteRequired}
        error={(showErrors && noteMissing) || Boolean(error?.errors.note)}
        helperText={
          showErrors && noteMissing
            ? translate('refunds.review.reject.note_missing')
            : (error?.errors.note ?? translate('refunds.review.reject.note_help'))
        }
        slotProps={{ htmlInput: { 'data-testid': 'reject-note' } }}
      />
    </DialogFrame>
  );
}

// The inputs of a rejection, shared by the single and the bulk reject dialogs (react-admin demo's
// AcceptButton / BulkAcceptButton: one action written once): the reason and the internal note
// that the reason "other" requires (the message to the customer is DecisionFields.tsx's).
// Validators: the reject body schema's own limits.
import { SelectInput, TextInput, useTranslate, type Validator } from 'react-admin';
import { REJECTION_REASONS, type RejectionReason } from '../../domain/model';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { fieldValidator } from '../../workflow/validators';

const rejectBody = refundActionBodySchemas.reject;

export interface RejectValues extends Record<string, unknown> {
  reasonCode: RejectionReason | '';
  customerMessage: string;
  note?: string;
  againstSuggestionReason?: string;
}

export function RejectionReasonInput({
  helperText,
  autoFocus,
}: {
  helperText?: string;
  autoFocus?: boolean;
}) {
  const translate = useTranslate();
  return (
    <SelectInput
      source="reasonCode"
      label={translate('refunds.review.reject.reason')}
      choices={REJECTION_REASONS.map((reason) => ({
        id: reason,
        name: translate(`refunds.rejectionReason.${reason}`),
      }))}
      translateChoice={false}
      emptyText=""
      autoFocus={autoFocus}
      helperText={helperText ?? ' '}
      validate={fieldValidator(rejectBody, 'reasonCode', {
        required: 'refunds.review.reject.reason_required',
      })}
      slotProps={{ htmlInput: { 'data-testid': 'reject-reason' } }}
    />
  );
}

const noteValidators: Validator[] = [
  fieldValidator(rejectBody, 'note'),
  (value: unknown, values: Partial<RejectValues>) =>
    values.reasonCode === 'other' && (typeof value !== 'string' || value.trim() === '')
      ? 'refunds.review.reject.note_missing'
      : undefined,
];

/** The internal note: optional, required for the reason "other". */
export function RejectNoteInput({ reasonCode }: { reasonCode: RejectionReason | '' | undefined }) {
  const translate = useTranslate();
  const required = reasonCode === 'other';
  return (
    <TextInput
      source="note"
      label={translate(required ? 'refunds.review.reject.note_required_label' : 'refunds.review.reject.note')}
      helperText={translate('refunds.review.reject.note_help')}
      multiline
      minRows={2}
      isRequired={required}
      validate={noteValidators}
      slotProps={{ htmlInput: { 'data-testid': 'reject-note' } }}
    />
  );
}

// The inputs of a rejection, shared by the single and the bulk reject dialogs (react-admin demo's
// AcceptButton / BulkAcceptButton: one action written once): the reason, the message to the
// customer that follows its template until the reviewer edits it, and the internal note that the
// reason "other" requires. Validators: the reject body schema's own limits.
import { Button, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { SelectInput, TextInput, ValidationError, useInput, useTranslate, type Validator } from 'react-admin';
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

const messageValidator = fieldValidator(rejectBody, 'customerMessage', {
  required: 'refunds.review.message.required',
  invisible: 'refunds.review.message.required',
});

/**
 * The message the customer receives (`customerMessage` of the form it is in): the template in the
 * customer's language, following it until the reviewer edits it; "back to the template" undoes that.
 */
export function CustomerMessageInput({
  template,
  customerLocale,
  serverError,
}: {
  template: string;
  customerLocale: string;
  serverError?: string;
}) {
  const translate = useTranslate();
  const { field, fieldState, formState } = useInput({
    source: 'customerMessage',
    validate: messageValidator,
  });
  const [edited, setEdited] = useState(false);
  const { onChange } = field;
  useEffect(() => {
    if (!edited) onChange(template);
  }, [edited, template, onChange]);
  const shown = fieldState.invalid && (fieldState.isTouched || formState.isSubmitted);
  const error =
    shown && fieldState.error?.message ? <ValidationError error={fieldState.error.message} /> : null;
  return (
    <Stack spacing={0.5}>
      <TextField
        label={translate('refunds.review.message.label', {
          language: translate(`locales.${customerLocale}`, { _: customerLocale }),
        })}
        name={field.name}
        value={field.value ?? ''}
        onChange={(event) => {
          setEdited(true);
          onChange(event.target.value);
        }}
        onBlur={field.onBlur}
        inputRef={field.ref}
        multiline
        minRows={4}
        maxRows={12}
        required
        error={Boolean(error || serverError)}
        helperText={
          error ??
          serverError ??
          translate(edited ? 'refunds.review.message.edited' : 'refunds.review.message.template')
        }
        slotProps={{ htmlInput: { 'data-testid': 'customer-message' } }}
      />
      {edited && (
        <Button size="small" onClick={() => setEdited(false)} sx={{ alignSelf: 'flex-start' }}>
          {translate('refunds.review.message.reset')}
        </Button>
      )}
    </Stack>
  );
}

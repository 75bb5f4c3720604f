// The inputs the refund decisions share (approve, reject, request information; single and bulk):
// the message the customer receives, which follows its template until the reviewer edits it, and
// the reason given when the decision goes against the policy's suggestion. Their validators are
// the decision bodies' own (refundActionBodySchemas: the same limits as the API); a server's
// message for a field arrives through the form (ActionFormDialog) and shows on the input.
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { TextInput, ValidationError, useInput, useTranslate } from 'react-admin';
import type { PolicySuggestion } from '../../domain/model';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { fieldValidator, requiredText } from '../../workflow/validators';

/** The decisions with a message to the customer: their bodies share its rules. */
type DecisionBody = (typeof refundActionBodySchemas)['approve' | 'reject' | 'request_info'];

const decisionBody: DecisionBody = refundActionBodySchemas.reject;

const messageValidator = fieldValidator(decisionBody, 'customerMessage', {
  required: 'refunds.review.message.required',
  invisible: 'refunds.review.message.required',
});

// optional in the schema: the workflow requires it when the decision goes against the suggestion
const againstValidators = [
  requiredText('refunds.review.against.required'),
  fieldValidator(decisionBody, 'againstSuggestionReason'),
];

/** The notice that the policy suggested something else, above the reason the reviewer gives. */
export function AgainstSuggestionNotice({
  suggestion,
  children,
}: {
  suggestion: PolicySuggestion;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Stack spacing={1} data-testid="against-suggestion">
      <Alert severity="warning">
        {translate('refunds.review.against.notice', {
          suggestion: translate(`policy.suggestion.${suggestion}`),
        })}
      </Alert>
      {children}
    </Stack>
  );
}

/** Going against the policy's suggestion needs a short reason, sent as againstSuggestionReason. */
export function AgainstReasonInput({
  suggestion,
  autoFocus,
}: {
  suggestion: PolicySuggestion;
  autoFocus?: boolean;
}) {
  const translate = useTranslate();
  return (
    <AgainstSuggestionNotice suggestion={suggestion}>
      <TextInput
        source="againstSuggestionReason"
        label={translate('refunds.review.against.label')}
        helperText={translate('refunds.review.against.help')}
        autoFocus={autoFocus}
        isRequired
        validate={againstValidators}
        slotProps={{ htmlInput: { 'data-testid': 'against-reason' } }}
      />
    </AgainstSuggestionNotice>
  );
}

/**
 * The message the customer receives (`customerMessage` of the form it is in): the template in the
 * customer's language, following it until the reviewer edits it; "back to the template" undoes that.
 */
export function CustomerMessageInput({
  template,
  customerLocale,
}: {
  template: string;
  customerLocale: string;
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
        error={Boolean(error)}
        helperText={
          error ?? translate(edited ? 'refunds.review.message.edited' : 'refunds.review.message.template')
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

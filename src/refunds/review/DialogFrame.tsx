// The frame of the refund dialogs: the one action dialog (src/workflow/ActionFormDialog.tsx, a
// Dialog around react-admin's <Form>) with the refund's "no longer allowed" notice, and the fields
// several refund dialogs share (the customer's message, the reason against the suggestion).
import { Alert, Button, Stack, TextField } from '@mui/material';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { PolicySuggestion } from '../../domain/model';
import { hasVisibleContent } from '../../domain/visibleText';
import type { WorkflowError } from '../../workflow/errors';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';

export interface DialogFrameProps {
  title: string;
  testId: string;
  onClose: () => void;
  onSubmit: () => void;
  submitLabel: string;
  /** the button that submits is focused when the dialog opens (the suggestion is taken as is) */
  focusSubmit?: boolean;
  submitColor?: 'primary' | 'error' | 'warning' | 'success';
  isPending: boolean;
  error: WorkflowError | null;
  /** false when the request, as it is now, no longer allows this action (after a 409) */
  stillAllowed?: boolean;
  /** extra buttons before the submit button (second approval: send back) */
  extraActions?: ReactNode;
  children: ReactNode;
  maxWidth?: 'xs' | 'sm' | 'md';
}

export function DialogFrame({ stillAllowed = true, onSubmit, ...props }: DialogFrameProps) {
  return (
    <ActionFormDialog
      {...props}
      resource="refunds"
      onSubmit={() => onSubmit()}
      stillAllowed={stillAllowed}
      notAllowed={<NoLongerAllowed />}
    />
  );
}

/** After a 409: the request, as it is now, no longer allows this action. */
export function NoLongerAllowed() {
  const translate = useTranslate();
  return (
    <Alert severity="warning" data-testid="action-no-longer-allowed">
      {translate('refunds.review.no_longer_allowed')}
    </Alert>
  );
}

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
export function AgainstSuggestionField({
  suggestion,
  value,
  onChange,
  showError,
  serverError,
  autoFocus,
}: {
  suggestion: PolicySuggestion;
  value: string;
  onChange: (value: string) => void;
  showError: boolean;
  serverError?: string;
  autoFocus?: boolean;
}) {
  const translate = useTranslate();
  const missing = value.trim() === '';
  const tooLong = value.trim().length > AGAINST_REASON_MAX;
  const clientError = showError && missing ? translate('refunds.review.against.required') : null;
  return (
    <AgainstSuggestionNotice suggestion={suggestion}>
      <TextField
        label={translate('refunds.review.against.label')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required
        autoFocus={autoFocus}
        error={Boolean(clientError || serverError) || tooLong}
        helperText={
          clientError ??
          (tooLong ? translate('refunds.review.too_long', { max: AGAINST_REASON_MAX }) : serverError) ??
          translate('refunds.review.against.help')
        }
        slotProps={{ htmlInput: { maxLength: AGAINST_REASON_MAX + 50, 'data-testid': 'against-reason' } }}
      />
    </AgainstSuggestionNotice>
  );
}

export const AGAINST_REASON_MAX = 500;
export const MESSAGE_MAX = 2000;

/** The message the customer receives: prefilled from a template, editable, in the customer's language. */
export function CustomerMessageField({
  value,
  onChange,
  customerLocale,
  showError,
  serverError,
  onReset,
  edited,
}: {
  value: string;
  onChange: (value: string) => void;
  customerLocale: string;
  showError: boolean;
  serverError?: string;
  onReset?: () => void;
  edited?: boolean;
}) {
  const translate = useTranslate();
  // the server's rule: a message of only invisible characters is as empty as no message
  const empty = !hasVisibleContent(value);
  const tooLong = value.trim().length > MESSAGE_MAX;
  const error = showError && empty ? translate('refunds.review.message.required') : null;
  return (
    <Stack spacing={0.5}>
      <TextField
        label={translate('refunds.review.message.label', {
          language: translate(`locales.${customerLocale}`, { _: customerLocale }),
        })}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        multiline
        minRows={4}
        maxRows={12}
        required
        error={Boolean(error || serverError) || tooLong}
        helperText={
          error ??
          (tooLong ? translate('refunds.review.too_long', { max: MESSAGE_MAX }) : serverError) ??
          translate(edited ? 'refunds.review.message.edited' : 'refunds.review.message.template')
        }
        slotProps={{ htmlInput: { 'data-testid': 'customer-message' } }}
      />
      {edited && onReset && (
        <Button size="small" onClick={onReset} sx={{ alignSelf: 'flex-start' }}>
          {translate('refunds.review.message.reset')}
        </Button>
      )}
    </Stack>
  );
}

/** A message prefilled from a template that follows its inputs until the reviewer edits it. */
export function useTemplatedText(template: string) {
  const [edited, setEdited] = useState<string | null>(null);
  return {
    value: edited ?? template,
    edited: edited !== null,
    onChange: (text: string) => setEdited(text),
    reset: () => setEdited(null),
  };
}

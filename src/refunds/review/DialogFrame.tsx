// The frame every workflow dialog shares: a form (Enter in a one-line field or on the focused
// confirm button submits), the refusal of the last attempt (a 409 says who changed the request and
// that the reviewer's input is kept), and the confirm / cancel buttons.
import {
  Alert,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import type { FormEvent, ReactNode } from 'react';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { PolicySuggestion } from '../../domain/model';
import { hasVisibleContent } from '../../domain/visibleText';
import type { WorkflowError } from '../../workflow/errors';
import { WorkflowErrorAlert } from '../../workflow/WorkflowErrorAlert';

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

export function DialogFrame({
  title,
  testId,
  onClose,
  onSubmit,
  submitLabel,
  focusSubmit = false,
  submitColor = 'primary',
  isPending,
  error,
  stillAllowed = true,
  extraActions,
  children,
  maxWidth = 'sm',
}: DialogFrameProps) {
  const translate = useTranslate();
  const titleId = useId();
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!isPending && stillAllowed) onSubmit();
  };
  return (
    <Dialog
      open
      onClose={isPending ? undefined : onClose}
      fullWidth
      maxWidth={maxWidth}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      {/* display: contents keeps the dialog's own layout (title, scrolling content, actions) */}
      <form onSubmit={handleSubmit} noValidate style={{ display: 'contents' }}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            {error && <WorkflowErrorAlert error={error} resource="refunds" />}
            {!stillAllowed && (
              <Alert severity="warning" data-testid="action-no-longer-allowed">
                {translate('refunds.review.no_longer_allowed')}
              </Alert>
            )}
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={isPending}>
            {translate('ra.action.cancel')}
          </Button>
          {extraActions}
          <Button
            type="submit"
            variant="contained"
            color={submitColor}
            autoFocus={focusSubmit}
            disabled={isPending || !stillAllowed}
            startIcon={isPending ? <CircularProgress size={16} color="inherit" /> : undefined}
            data-testid="dialog-submit"
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
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
    <Stack spacing={1} data-testid="against-suggestion">
      <Alert severity="warning">
        {translate('refunds.review.against.notice', {
          suggestion: translate(`policy.suggestion.${suggestion}`),
        })}
      </Alert>
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
    </Stack>
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

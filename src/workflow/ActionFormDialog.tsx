// The frame of every action dialog, refund or complaint, single or bulk: a Material UI Dialog
// around react-admin's <Form> (the shape of react-admin's PostQuickCreate example). The form owns
// the values and their validation; the dialog shows the last refusal of the command (a 409 says
// who changed the record and that the input is kept), and the cancel / confirm buttons. Enter in
// a one-line field, or on the focused confirm button, submits. A submit that resolves to a
// refusal hands its per-field messages back to the form (react-admin's server-side validation),
// so a 422 shows each message on its own input.
import {
  Box,
  type ButtonProps,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId, type ReactNode } from 'react';
import { Form, useTranslate, type RaRecord } from 'react-admin';
import type { WorkflowError } from './errors';
import type { CommandOutcome } from './useWorkflowCommand';
import type { WorkflowResource } from './useWorkflowCommand';
import { WorkflowErrorAlert } from './WorkflowErrorAlert';

// The form must not follow the page's record: a 409 refreshes it, and the input must stay.
const NO_RECORD: Partial<RaRecord> = {};

export interface ActionFormDialogProps<V extends Record<string, unknown>> {
  open?: boolean;
  resource: WorkflowResource;
  title: string;
  testId: string;
  onClose: () => void;
  /** runs the command; what it resolves to decides which inputs show a server message */
  onSubmit: (values: V) => CommandOutcome | void;
  /** react-hook-form's validation mode: "onChange" for a dialog whose inputs drive what it shows */
  mode?: 'onSubmit' | 'onChange';
  /** the form's first values; read once, when the dialog opens */
  defaultValues?: Partial<V>;
  submitLabel: ReactNode;
  submitColor?: 'primary' | 'secondary' | 'error' | 'warning' | 'success';
  submitTestId?: string;
  /** called as the confirm button is pressed, before the form validates (which button was it) */
  onSubmitPress?: () => void;
  cancelLabel?: string;
  /** the button that submits is focused when the dialog opens (the suggestion is taken as is) */
  focusSubmit?: boolean;
  isPending: boolean;
  error: WorkflowError | null;
  /** false when the record, as it is now, no longer allows this action (after a 409) */
  stillAllowed?: boolean;
  /** a notice shown when the action is no longer allowed */
  notAllowed?: ReactNode;
  /** extra buttons before the submit button (second approval: send back) */
  extraActions?: ReactNode;
  children: ReactNode;
  maxWidth?: 'xs' | 'sm' | 'md';
  dividers?: boolean;
}

export function ActionFormDialog<V extends Record<string, unknown>>({
  open = true,
  resource,
  title,
  testId,
  onClose,
  onSubmit,
  mode = 'onSubmit',
  defaultValues,
  submitLabel,
  submitColor = 'primary',
  submitTestId = 'dialog-submit',
  onSubmitPress,
  cancelLabel = 'ra.action.cancel',
  focusSubmit = false,
  isPending,
  error,
  stillAllowed = true,
  notAllowed,
  extraActions,
  children,
  maxWidth = 'sm',
  dividers = true,
}: ActionFormDialogProps<V>) {
  const translate = useTranslate();
  const titleId = useId();
  return (
    <Dialog
      open={open}
      onClose={isPending ? undefined : onClose}
      fullWidth
      maxWidth={maxWidth}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      {/* display: contents keeps the dialog's own layout (title, scrolling content, actions) */}
      <Box sx={{ display: 'contents', '& > form': { display: 'contents' } }}>
        <Form
          record={NO_RECORD}
          defaultValues={defaultValues as Record<string, unknown> | undefined}
          mode={mode}
          onSubmit={async (values: Record<string, unknown>) => {
            if (isPending || !stillAllowed) return undefined;
            const refusal = await onSubmit(values as V);
            return refusal ? fieldErrorsOf(refusal, values) : undefined;
          }}
          noValidate
        >
          <DialogTitle id={titleId}>{title}</DialogTitle>
          <DialogContent dividers={dividers}>
            <Stack spacing={2}>
              {error && <WorkflowErrorAlert error={error} resource={resource} />}
              {!stillAllowed && notAllowed}
              {children}
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={isPending}>
              {translate(cancelLabel)}
            </Button>
            {extraActions}
            <SubmitButton
              variant="contained"
              color={submitColor}
              autoFocus={focusSubmit}
              disabled={isPending || !stillAllowed}
              isPending={isPending}
              onPress={onSubmitPress}
              testId={submitTestId}
            >
              {submitLabel}
            </SubmitButton>
          </DialogActions>
        </Form>
      </Box>
    </Dialog>
  );
}

/**
 * The refusal's per-field messages for the inputs this form has: a message for a field the form
 * does not show would keep the form invalid with nothing to correct (it is in the alert's text).
 */
export function fieldErrorsOf(
  refusal: WorkflowError,
  values: Record<string, unknown>,
): Record<string, string> | undefined {
  const shown = Object.entries(refusal.errors).filter(([field]) => Object.hasOwn(values, field));
  return shown.length > 0 ? Object.fromEntries(shown) : undefined;
}

/**
 * A button that submits the form it is in; `onPress` runs first (a dialog with two decisions,
 * confirm and send back, is one form with two submit buttons).
 */
export function SubmitButton({
  onPress,
  isPending = false,
  testId,
  children,
  ...props
}: Omit<ButtonProps, 'type' | 'onClick'> & { onPress?: () => void; isPending?: boolean; testId?: string }) {
  return (
    <Button
      {...props}
      type="submit"
      startIcon={isPending ? <CircularProgress size={16} color="inherit" /> : props.startIcon}
      onClick={onPress}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}

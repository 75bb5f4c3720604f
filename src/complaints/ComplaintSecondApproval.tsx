// Four eyes on a complaint's money: the resolution waiting for a second approval (what it would
// do, who proposed it, why it waits), and the dialog in which another supervisor confirms it or
// sends it back. Whether this user may give it comes from availableComplaintActions (the same
// rule as the server: nobody who logged, holds or resolved the complaint).
import ApproveIcon from '@mui/icons-material/HowToReg';
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { TextInput, useTranslate, type Validator } from 'react-admin';
import { complaintActionBodySchemas } from '../domain/complaintWorkflow';
import type { Complaint, SecondApprovalReason } from '../domain/model';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen, formatInteger } from '../i18n/format';
import { ActionFormDialog, SubmitButton } from '../workflow/ActionFormDialog';
import { useComplaintCommand } from '../workflow/commands';
import { useStaffName } from '../workflow/staff';
import { fieldValidator } from '../workflow/validators';
import { OutcomeChip } from './ComplaintFields';

/** "more than ¥500, a tipping order": the reasons in the reader's language. */
export function useReasonsText(): (reasons: readonly SecondApprovalReason[]) => string {
  const translate = useTranslate();
  return (reasons) => reasons.map((r) => translate(`complaints.pending.reason.${r}`)).join(', ');
}

/** The pending resolution of a complaint, shown where the resolution will be. */
export function PendingResolutionPanel({
  complaint,
  canApprove,
}: {
  complaint: Complaint;
  canApprove: boolean;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const reasonsText = useReasonsText();
  const pending = complaint.pendingResolution;
  const by = useStaffName(pending?.by);
  if (!pending) return null;
  return (
    <Alert
      severity="warning"
      data-testid="complaint-pending-resolution"
      sx={{ '& .MuiAlert-message': { width: '100%' } }}
    >
      <Stack spacing={1}>
        <Typography variant="subtitle2" component="h3">
          {translate('complaints.pending.title')}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <OutcomeChip outcome={pending.outcome} />
          {pending.amountFen !== undefined && (
            <Typography variant="body2">
              {translate('complaints.show.amount', { amount: formatFen(pending.amountFen, locale) })}
            </Typography>
          )}
          {pending.goodwillCoins !== undefined && (
            <Typography variant="body2">
              {translate('complaints.pending.goodwill', {
                coins: formatInteger(pending.goodwillCoins, locale),
              })}
            </Typography>
          )}
        </Stack>
        <Typography variant="body2">
          {translate('complaints.pending.summary', {
            name: by ?? pending.by,
            date: formatDateTime(pending.at, locale),
            reasons: reasonsText(pending.reasons),
          })}
        </Typography>
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {translate('complaints.timeline.message', { message: pending.customerMessage })}
        </Typography>
        {!canApprove && (
          <Typography variant="body2" color="text.secondary" data-testid="complaint-pending-not-you">
            {translate('complaints.pending.not_you')}
          </Typography>
        )}
      </Stack>
    </Alert>
  );
}

type Decision = 'confirm' | 'send_back';
interface SecondApprovalValues extends Record<string, unknown> {
  note?: string;
}

/** The note may be empty when confirming; sending back says why. Limits: the domain's schema. */
const noteValidators = (decision: { current: Decision }): Validator[] => [
  fieldValidator(complaintActionBodySchemas.second_approval, 'note'),
  (value: unknown) =>
    decision.current === 'send_back' && (typeof value !== 'string' || value.trim() === '')
      ? 'complaints.actions.errors.send_back_note'
      : undefined,
];

/** Confirm (the money moves, the complaint is resolved) or send back with a note: one form, two buttons. */
export function ComplaintSecondApprovalButton({ complaint }: { complaint: Complaint }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const command = useComplaintCommand('secondApproveComplaint');
  // which of the two submit buttons was pressed
  const pressed = useRef<Decision>('confirm');
  const submit = ({ note }: SecondApprovalValues) => {
    const decision = pressed.current;
    command.run(
      {
        id: complaint.id,
        payload: { version: complaint.version, decision, ...(note?.trim() ? { note: note.trim() } : {}) },
      },
      {
        done: `complaints.actions.done.${decision === 'confirm' ? 'second_confirm' : 'second_send_back'}`,
        onSuccess: () => setOpen(false),
      },
    );
  };
  return (
    <>
      <Button
        variant="contained"
        color="success"
        size="small"
        startIcon={<ApproveIcon />}
        onClick={() => {
          command.clearError();
          setOpen(true);
        }}
        data-testid="complaint-action-second_approval"
      >
        {translate('complaints.actions.second_approval')}
      </Button>
      {open && (
        <ActionFormDialog<SecondApprovalValues>
          resource="complaints"
          title={translate('complaints.actions.titles.second_approval')}
          testId="complaint-dialog-second_approval"
          onClose={() => setOpen(false)}
          onSubmit={submit}
          submitLabel={translate('complaints.actions.confirm')}
          submitColor="success"
          onSubmitPress={() => (pressed.current = 'confirm')}
          submitTestId="complaint-second-approval-confirm"
          cancelLabel="complaints.actions.cancel"
          isPending={command.isPending}
          error={command.error}
          dividers={false}
          extraActions={
            <SubmitButton
              color="warning"
              variant="outlined"
              disabled={command.isPending}
              onPress={() => (pressed.current = 'send_back')}
              testId="complaint-second-approval-send-back"
            >
              {translate('complaints.actions.send_back')}
            </SubmitButton>
          }
        >
          <PendingResolutionPanel complaint={complaint} canApprove />
          <TextInput
            source="note"
            label="complaints.actions.fields.second_note"
            multiline
            minRows={2}
            validate={noteValidators(pressed)}
            slotProps={{ htmlInput: { 'data-testid': 'complaint-second-approval-note' } }}
          />
        </ActionFormDialog>
      )}
    </>
  );
}

// Four eyes on a complaint's money: the resolution waiting for a second approval (what it would
// do, who proposed it, why it waits), and the dialog in which another supervisor confirms it or
// sends it back. Whether this user may give it comes from availableComplaintActions (the same
// rule as the server: nobody who logged, holds or resolved the complaint).
import ApproveIcon from '@mui/icons-material/HowToReg';
import { Alert, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { complaintActionBodySchemas } from '../domain/complaintWorkflow';
import type { Complaint, SecondApprovalReason } from '../domain/model';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen, formatInteger } from '../i18n/format';
import { useComplaintCommand } from '../workflow/commands';
import { useStaffName } from '../workflow/staff';
import { FourEyesDialog, type FourEyesDecision } from '../workflow/FourEyesDialog';
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

/** Confirm (the money moves, the complaint is resolved) or send back with a note. */
export function ComplaintSecondApprovalButton({ complaint }: { complaint: Complaint }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const command = useComplaintCommand('secondApproveComplaint');
  const decide = (decision: FourEyesDecision, note: string | undefined) =>
    command.run(
      { id: complaint.id, payload: { version: complaint.version, decision, ...(note ? { note } : {}) } },
      {
        done: `complaints.actions.done.${decision === 'confirm' ? 'second_confirm' : 'second_send_back'}`,
        onSuccess: () => setOpen(false),
      },
    );
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
        <FourEyesDialog
          resource="complaints"
          title={translate('complaints.actions.titles.second_approval')}
          testId="complaint-dialog-second_approval"
          schema={complaintActionBodySchemas.second_approval}
          onDecide={decide}
          onClose={() => setOpen(false)}
          labels={{
            confirm: translate('complaints.actions.confirm'),
            sendBack: translate('complaints.actions.send_back'),
            cancel: 'complaints.actions.cancel',
            note: 'complaints.actions.fields.second_note',
          }}
          noteRequiredKey="complaints.actions.errors.send_back_note"
          testIds={{
            confirm: 'complaint-second-approval-confirm',
            sendBack: 'complaint-second-approval-send-back',
            note: 'complaint-second-approval-note',
          }}
          isPending={command.isPending}
          error={command.error}
          dividers={false}
        >
          <PendingResolutionPanel complaint={complaint} canApprove />
        </FourEyesDialog>
      )}
    </>
  );
}

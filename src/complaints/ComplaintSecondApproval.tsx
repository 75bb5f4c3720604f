// Four eyes on a complaint's money: the resolution waiting for a second approval (what it would
// do, who proposed it, why it waits), and the dialog in which another supervisor confirms it or
// sends it back. Whether this user may give it comes from availableComplaintActions (the same
// rule as the server: nobody who logged, holds or resolved the complaint).
import ApproveIcon from '@mui/icons-material/HowToReg';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { Complaint, SecondApprovalReason } from '../domain/model';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatFen, formatInteger } from '../i18n/format';
import { OutcomeChip, useStaffName } from './ComplaintFields';
import { runComplaintAction, useComplaintMutation } from './complaintActions';

const NOTE_MAX = 2000;

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
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const confirm = useComplaintMutation(
    () =>
      runComplaintAction(complaint.id, 'second-approval', {
        version: complaint.version,
        decision: 'confirm',
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    'complaints.actions.done.second_confirm',
  );
  const sendBack = useComplaintMutation(
    () =>
      runComplaintAction(complaint.id, 'second-approval', {
        version: complaint.version,
        decision: 'send_back',
        note: note.trim(),
      }),
    'complaints.actions.done.second_send_back',
  );
  const pending = confirm.isPending || sendBack.isPending;
  const close = () => {
    setOpen(false);
    setNote('');
    setNoteMissing(false);
  };
  const titleId = 'complaint-dialog-second-approval-title';
  return (
    <>
      <Button
        variant="contained"
        color="success"
        size="small"
        startIcon={<ApproveIcon />}
        onClick={() => setOpen(true)}
        data-testid="complaint-action-second_approval"
      >
        {translate('complaints.actions.second_approval')}
      </Button>
      <Dialog
        open={open}
        onClose={() => !pending && close()}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
        data-testid="complaint-dialog-second_approval"
      >
        <DialogTitle id={titleId}>{translate('complaints.actions.titles.second_approval')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <PendingResolutionPanel complaint={complaint} canApprove />
            <TextField
              label={translate('complaints.actions.fields.second_note')}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              multiline
              minRows={2}
              error={noteMissing || note.trim().length > NOTE_MAX}
              helperText={noteMissing ? translate('complaints.actions.errors.send_back_note') : undefined}
              slotProps={{
                htmlInput: { 'data-testid': 'complaint-second-approval-note', maxLength: NOTE_MAX },
              }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={pending}>
            {translate('complaints.actions.cancel')}
          </Button>
          <Button
            color="warning"
            variant="outlined"
            disabled={pending}
            data-testid="complaint-second-approval-send-back"
            onClick={() => {
              if (note.trim() === '') {
                setNoteMissing(true);
                return;
              }
              sendBack.mutate(undefined, { onSuccess: close });
            }}
          >
            {translate('complaints.actions.send_back')}
          </Button>
          <Button
            color="success"
            variant="contained"
            disabled={pending}
            data-testid="complaint-second-approval-confirm"
            onClick={() => confirm.mutate(undefined, { onSuccess: close })}
          >
            {translate('complaints.actions.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

// The supervisors' dialogs: second approval (confirm, or send back to the reviewer with a note),
// policy override (a note saying why) and reassignment (to an active reviewer or supervisor).
import { Alert, Box, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useLocale } from '../../i18n/fields';
import { formatFen } from '../../i18n/format';
import { CustomerText } from '../../layout/CustomerText';
import { DialogFrame, MESSAGE_MAX } from './DialogFrame';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';
import { useStaffDirectory } from '../../workflow/staff';

export function SecondApprovalDialog({ record, policy, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const locale = useLocale();
  const { nameOf } = useStaffDirectory();
  const [note, setNote] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const { submit, isPending, error } = useDialogSubmit('secondApproval', record, onDone);
  const amount = record.approvedFen ?? 0;

  const send = (decision: 'confirm' | 'send_back') => {
    if (decision === 'send_back' && note.trim() === '') {
      setShowErrors(true);
      return;
    }
    if (note.trim().length > MESSAGE_MAX) return;
    submit(
      { version: record.version, decision, ...(note.trim() ? { note: note.trim() } : {}) },
      (updated) => ({
        key:
          decision === 'confirm'
            ? 'refunds.review.done.second_confirm'
            : 'refunds.review.done.second_send_back',
        args: { orderNumber: updated.orderNumber },
      }),
    );
  };

  return (
    <DialogFrame
      title={translate('refunds.review.second_approval.title', { orderNumber: record.orderNumber })}
      testId="second-approval-dialog"
      onClose={onClose}
      onSubmit={() => send('confirm')}
      submitLabel={translate('refunds.review.second_approval.confirm')}
      submitColor="success"
      focusSubmit
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
      extraActions={
        <Button
          color="warning"
          variant="outlined"
          disabled={isPending || !stillAllowed}
          onClick={() => send('send_back')}
          data-testid="second-approval-send-back"
        >
          {translate('refunds.review.second_approval.send_back')}
        </Button>
      }
    >
      <Box>
        <Typography variant="body2">
          {translate('refunds.review.second_approval.summary', {
            name: nameOf(record.firstApproverId ?? record.decision?.by) ?? translate('common.none'),
            amount: formatFen(amount, locale),
            refundable: formatFen(policy.refundableFen, locale),
          })}
        </Typography>
        {amount > policy.refundableFen && (
          <Alert severity="error" sx={{ mt: 1 }}>
            {translate('refunds.review.second_approval.over_refundable')}
          </Alert>
        )}
      </Box>
      {record.decision?.customerMessage && (
        <Box>
          <Typography variant="caption" color="text.secondary">
            {translate('refunds.review.second_approval.message')}
          </Typography>
          <Typography
            variant="body2"
            sx={{ whiteSpace: 'pre-wrap', bgcolor: 'action.hover', p: 1, borderRadius: 1 }}
          >
            <CustomerText text={record.decision.customerMessage} />
          </Typography>
        </Box>
      )}
      <TextField
        label={translate('refunds.review.second_approval.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        multiline
        minRows={2}
        error={(showErrors && note.trim() === '') || Boolean(error?.errors.note)}
        helperText={
          showErrors && note.trim() === ''
            ? translate('refunds.review.second_approval.note_required')
            : (error?.errors.note ?? translate('refunds.review.second_approval.note_help'))
        }
        slotProps={{ htmlInput: { 'data-testid': 'second-approval-note' } }}
      />
    </DialogFrame>
  );
}

export function OverrideDialog({ record, policy, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const { submit, isPending, error } = useDialogSubmit('overrideRefund', record, onDone);
  const missing = note.trim() === '';

  const onSubmit = () => {
    if (missing || note.trim().length > MESSAGE_MAX) {
      setShowErrors(true);
      return;
    }
    submit({ version: record.version, note: note.trim() }, (updated) => ({
      key: 'refunds.review.done.override',
      args: { orderNumber: updated.orderNumber },
    }));
  };

  return (
    <DialogFrame
      title={translate('refunds.review.override.title', { orderNumber: record.orderNumber })}
      testId="override-dialog"
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={translate('refunds.review.override.submit')}
      submitColor="warning"
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
    >
      <Alert severity="warning">
        {translate('refunds.review.override.blockers', {
          reasons: policy.approvalBlockers.map((b) => translate(`policy.blockers.${b}`)).join(', '),
        })}
      </Alert>
      <TextField
        label={translate('refunds.review.override.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        multiline
        minRows={3}
        required
        autoFocus
        error={(showErrors && missing) || Boolean(error?.errors.note)}
        helperText={
          showErrors && missing
            ? translate('refunds.review.override.note_required')
            : (error?.errors.note ?? translate('refunds.review.override.note_help'))
        }
        slotProps={{ htmlInput: { 'data-testid': 'override-note' } }}
      />
    </DialogFrame>
  );
}

export function ReassignDialog({ record, stillAllowed, onClose, onDone }: WorkflowDialogProps) {
  const translate = useTranslate();
  const { users, nameOf } = useStaffDirectory();
  const [assigneeId, setAssigneeId] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const { submit, isPending, error } = useDialogSubmit('reassignRefund', record, onDone);
  const candidates = users.filter((u) => u.active && u.role !== 'manager' && u.id !== record.assigneeId);

  const onSubmit = () => {
    if (!assigneeId) {
      setShowErrors(true);
      return;
    }
    submit({ version: record.version, assigneeId }, (updated) => ({
      key: 'refunds.review.done.reassign',
      args: { orderNumber: updated.orderNumber, name: nameOf(assigneeId) ?? assigneeId },
    }));
  };

  return (
    <DialogFrame
      title={translate('refunds.review.reassign.title', { orderNumber: record.orderNumber })}
      testId="reassign-dialog"
      onClose={onClose}
      onSubmit={onSubmit}
      submitLabel={translate('refunds.review.reassign.submit')}
      isPending={isPending}
      error={error}
      stillAllowed={stillAllowed}
      maxWidth="xs"
    >
      <Stack spacing={1}>
        <Typography variant="body2">
          {translate('refunds.review.reassign.current', {
            name: nameOf(record.assigneeId) ?? translate('common.unassigned'),
          })}
        </Typography>
        <AssigneeSelect
          value={assigneeId}
          onChange={setAssigneeId}
          candidates={candidates}
          error={(showErrors && !assigneeId) || Boolean(error?.errors.assigneeId)}
          helperText={
            showErrors && !assigneeId
              ? translate('refunds.review.reassign.required')
              : (error?.errors.assigneeId ?? ' ')
          }
        />
      </Stack>
    </DialogFrame>
  );
}

/** A reviewer or supervisor to assign requests to, with their role. */
export function AssigneeSelect({
  value,
  onChange,
  candidates,
  error,
  helperText,
}: {
  value: string;
  onChange: (id: string) => void;
  candidates: { id: string; fullName: string; role: string }[];
  error: boolean;
  helperText: string;
}) {
  const translate = useTranslate();
  return (
    <TextField
      select
      label={translate('refunds.review.reassign.assignee')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      required
      autoFocus
      error={error}
      helperText={helperText}
      slotProps={{ htmlInput: { 'data-testid': 'assignee-select' } }}
    >
      {candidates.map((user) => (
        <MenuItem key={user.id} value={user.id}>
          {`${user.fullName} · ${translate(`roles.${user.role}`)}`}
        </MenuItem>
      ))}
    </TextField>
  );
}

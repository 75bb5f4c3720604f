// The supervisors' dialogs: second approval (confirm, or send back to the reviewer with a note),
// policy override (a note saying why) and reassignment (to an active reviewer or supervisor).
import { Alert, Box, Stack, Typography } from '@mui/material';
import { SelectInput, TextInput, useTranslate } from 'react-admin';
import { refundActionBodySchemas } from '../../domain/refundWorkflow';
import { offeredAssignee } from '../../domain/reviewerRouting';
import { useLocale } from '../../i18n/fields';
import { formatFen } from '../../i18n/format';
import { CustomerText } from '../../layout/CustomerText';
import { ActionFormDialog } from '../../workflow/ActionFormDialog';
import { FourEyesDialog, type FourEyesDecision } from '../../workflow/FourEyesDialog';
import { fieldValidator } from '../../workflow/validators';
import { useDialogSubmit, type WorkflowDialogProps } from './dialogCommon';
import { useStaffDirectory } from '../../workflow/staff';

export function SecondApprovalDialog(props: WorkflowDialogProps) {
  const { record, policy } = props;
  const translate = useTranslate();
  const locale = useLocale();
  const { nameOf } = useStaffDirectory();
  const { submit, frame } = useDialogSubmit('secondApproval', props);
  const amount = record.approvedFen ?? 0;
  const decide = (decision: FourEyesDecision, note: string | undefined) =>
    submit({ version: record.version, decision, ...(note ? { note } : {}) }, (updated) => ({
      key:
        decision === 'confirm'
          ? 'refunds.review.done.second_confirm'
          : 'refunds.review.done.second_send_back',
      args: { orderNumber: updated.orderNumber },
    }));

  return (
    <FourEyesDialog
      {...frame}
      title={translate('refunds.review.second_approval.title', { orderNumber: record.orderNumber })}
      testId="second-approval-dialog"
      schema={refundActionBodySchemas.second_approval}
      onDecide={decide}
      labels={{
        confirm: translate('refunds.review.second_approval.confirm'),
        sendBack: translate('refunds.review.second_approval.send_back'),
        note: translate('refunds.review.second_approval.note'),
        noteHelp: translate('refunds.review.second_approval.note_help'),
      }}
      noteRequiredKey="refunds.review.second_approval.note_required"
      testIds={{
        confirm: 'dialog-submit',
        sendBack: 'second-approval-send-back',
        note: 'second-approval-note',
      }}
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
    </FourEyesDialog>
  );
}

interface OverrideValues extends Record<string, unknown> {
  note: string;
}

export function OverrideDialog(props: WorkflowDialogProps) {
  const { record, policy } = props;
  const translate = useTranslate();
  const { submit, frame } = useDialogSubmit('overrideRefund', props);
  return (
    <ActionFormDialog<OverrideValues>
      {...frame}
      title={translate('refunds.review.override.title', { orderNumber: record.orderNumber })}
      testId="override-dialog"
      onSubmit={({ note }) =>
        submit({ version: record.version, note: note.trim() }, (updated) => ({
          key: 'refunds.review.done.override',
          args: { orderNumber: updated.orderNumber },
        }))
      }
      submitLabel={translate('refunds.review.override.submit')}
      submitColor="warning"
    >
      <Alert severity="warning">
        {translate('refunds.review.override.blockers', {
          reasons: policy.approvalBlockers.map((b) => translate(`policy.blockers.${b}`)).join(', '),
        })}
      </Alert>
      <TextInput
        source="note"
        label={translate('refunds.review.override.note')}
        helperText={translate('refunds.review.override.note_help')}
        multiline
        minRows={3}
        autoFocus
        validate={fieldValidator(refundActionBodySchemas.override, 'note', {
          required: 'refunds.review.override.note_required',
        })}
        slotProps={{ htmlInput: { 'data-testid': 'override-note' } }}
      />
    </ActionFormDialog>
  );
}

interface ReassignValues extends Record<string, unknown> {
  assigneeId: string;
}

export function ReassignDialog(props: WorkflowDialogProps) {
  const { record } = props;
  const translate = useTranslate();
  const { users, nameOf } = useStaffDirectory();
  const { submit, frame } = useDialogSubmit('reassignRefund', props);
  // a reviewer routing would refuse (language, senior skill) is not offered
  const candidates = users.filter(
    (u) =>
      u.active &&
      u.role !== 'manager' &&
      u.role !== 'admin' &&
      u.id !== record.assigneeId &&
      offeredAssignee(u, record),
  );
  return (
    <ActionFormDialog<ReassignValues>
      {...frame}
      title={translate('refunds.review.reassign.title', { orderNumber: record.orderNumber })}
      testId="reassign-dialog"
      onSubmit={({ assigneeId }) =>
        submit({ version: record.version, assigneeId }, (updated) => ({
          key: 'refunds.review.done.reassign',
          args: { orderNumber: updated.orderNumber, name: nameOf(assigneeId) ?? assigneeId },
        }))
      }
      submitLabel={translate('refunds.review.reassign.submit')}
      maxWidth="xs"
    >
      <Stack spacing={1}>
        <Typography variant="body2">
          {translate('refunds.review.reassign.current', {
            name: nameOf(record.assigneeId) ?? translate('common.unassigned'),
          })}
        </Typography>
        <AssigneeInput candidates={candidates} />
      </Stack>
    </ActionFormDialog>
  );
}

/**
 * A reviewer or supervisor to assign requests to, with their role: the `assigneeId` of the form
 * it is in (the single and the bulk reassignment use the same input).
 */
export function AssigneeInput({
  candidates,
}: {
  candidates: { id: string; fullName: string; role: string }[];
}) {
  const translate = useTranslate();
  return (
    <SelectInput
      source="assigneeId"
      label={translate('refunds.review.reassign.assignee')}
      choices={candidates.map((user) => ({
        id: user.id,
        name: `${user.fullName} · ${translate(`roles.${user.role}`)}`,
      }))}
      translateChoice={false}
      emptyText=""
      autoFocus
      validate={fieldValidator(refundActionBodySchemas.reassign, 'assigneeId', {
        required: 'refunds.review.reassign.required',
      })}
      slotProps={{ htmlInput: { 'data-testid': 'assignee-select' } }}
    />
  );
}

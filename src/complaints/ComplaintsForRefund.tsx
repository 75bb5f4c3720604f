// For the refund request page: the complaints about the request in context (each opens the
// complaint), the "overturned" mark when a complaint overturned its decision, and a button to log
// a complaint taken by phone (reviewers and supervisors). Embed it inside the refund <Show>.
import AddIcon from '@mui/icons-material/AddComment';
import { Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  ReferenceManyField,
  SelectInput,
  TextInput,
  useCanAccess,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { complaintActionBodySchemas, complaintCategoriesFor } from '../domain/complaintWorkflow';
import { ACTIVE_COMPLAINT_STATUSES } from '../domain/model';
import type { Complaint, ComplaintCategory, ComplaintChannel, RefundRequest } from '../domain/model';
import { RelativeTimeField } from '../i18n/fields';
import { complaintCategoryChoices, complaintChannelChoices } from './choices';
import type { CreateComplaintPayload } from '../providers/dataProvider';
import { ActionFormDialog } from '../workflow/ActionFormDialog';
import { useWorkflowCommand } from '../workflow/useWorkflowCommand';
import { fieldValidator } from '../workflow/validators';
import {
  ComplaintDueField,
  ComplaintStatusField,
  LevelField,
  OutcomeField,
  OverturnedMark,
} from './ComplaintFields';

const Column = DataTable.Col<Complaint>;

interface LogValues extends Record<string, unknown> {
  channel: ComplaintChannel;
  category: ComplaintCategory;
  description: string;
}
const validateCreate = (field: 'channel' | 'category' | 'description') =>
  fieldValidator(complaintActionBodySchemas.create, field);

/** Logs a complaint about the request in context; hidden while one is already being worked. */
export function LogComplaintButton() {
  const refund = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'complaints', action: 'create' });
  const active = useGetList<Complaint>(
    'complaints',
    {
      filter: { refundId: refund?.id, status: [...ACTIVE_COMPLAINT_STATUSES] },
      pagination: { page: 1, perPage: 1 },
    },
    { enabled: Boolean(refund?.id) },
  );
  // logging is a command like the others: the same pipeline (busy, refusal, refresh, notification)
  const command = useWorkflowCommand('complaints', (dp, payload: CreateComplaintPayload) =>
    dp.createComplaint(payload),
  );
  if (!refund || !canAccess || active.isPending || (active.total ?? 0) > 0) return null;
  const categories = complaintCategoriesFor(refund);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<AddIcon />}
        onClick={() => {
          command.clearError();
          setOpen(true);
        }}
        data-testid="complaint-action-log"
      >
        {translate('complaints.actions.log')}
      </Button>
      {open && (
        <ActionFormDialog<LogValues>
          resource="complaints"
          title={translate('complaints.actions.titles.log')}
          testId="complaint-dialog-log"
          onClose={() => setOpen(false)}
          onSubmit={(values) =>
            command.run(
              {
                refundId: refund.id,
                channel: values.channel,
                category: values.category,
                description: values.description.trim(),
              },
              { done: 'complaints.actions.done.log', onSuccess: () => setOpen(false) },
            )
          }
          defaultValues={{ channel: 'phone', category: categories[0] }}
          submitLabel={translate('complaints.actions.log')}
          submitTestId="complaint-dialog-log-submit"
          cancelLabel="complaints.actions.cancel"
          isPending={command.isPending}
          error={command.error}
          dividers={false}
        >
          <SelectInput
            source="channel"
            label="complaints.actions.fields.channel"
            choices={complaintChannelChoices}
            validate={validateCreate('channel')}
          />
          <SelectInput
            source="category"
            label="complaints.actions.fields.category"
            choices={complaintCategoryChoices.filter((c) => categories.includes(c.id))}
            validate={validateCreate('category')}
          />
          <TextInput
            source="description"
            label="complaints.actions.fields.description"
            multiline
            minRows={3}
            validate={validateCreate('description')}
          />
        </ActionFormDialog>
      )}
    </>
  );
}

/** The complaints panel of a refund request (reads the request from the record context). */
export function ComplaintsForRefund() {
  const refund = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  if (!refund) return null;
  return (
    <Stack spacing={1.5} data-testid="refund-complaints">
      {refund.overturned && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <OverturnedMark />
          <Typography variant="body2" color="text.secondary">
            {translate('complaints.panel.overturned')}
          </Typography>
        </Stack>
      )}
      <ReferenceManyField
        reference="complaints"
        target="refundId"
        sort={{ field: 'openedAt', order: 'DESC' }}
        perPage={20}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('complaints.panel.none')}
          </Typography>
        }
      >
        <DataTable<Complaint> resource="complaints" rowClick="show" bulkActionButtons={false}>
          <Column source="id" />
          <Column source="openedAt">
            <RelativeTimeField source="openedAt" />
          </Column>
          <Column source="category" disableSort>
            <ComplaintCategoryText />
          </Column>
          <Column source="status">
            <ComplaintStatusField />
          </Column>
          <Column source="level">
            <LevelField />
          </Column>
          <Column source="dueAt">
            <ComplaintDueField />
          </Column>
          <Column source="outcome" disableSort>
            <OutcomeField />
          </Column>
        </DataTable>
      </ReferenceManyField>
      <div>
        <LogComplaintButton />
      </div>
    </Stack>
  );
}

function ComplaintCategoryText() {
  const record = useRecordContext<Complaint>();
  const translate = useTranslate();
  return record ? (
    <Typography variant="body2" component="span">
      {translate(`complaints.category.${record.category}`)}
    </Typography>
  ) : null;
}

// For the refund request page: the complaints about the request in context (each opens the
// complaint), the "overturned" mark when a complaint overturned its decision, and a button to log
// a complaint taken by phone (reviewers and supervisors). Embed it inside the refund <Show>.
import AddIcon from '@mui/icons-material/AddComment';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  Form,
  ReferenceManyField,
  SelectInput,
  TextInput,
  maxLength,
  required,
  useCanAccess,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { complaintCategoriesFor } from '../domain/complaintWorkflow';
import { ACTIVE_COMPLAINT_STATUSES } from '../domain/model';
import type { Complaint, ComplaintCategory, ComplaintChannel, RefundRequest } from '../domain/model';
import { RelativeTimeField } from '../i18n/fields';
import { complaintCategoryChoices, complaintChannelChoices } from './choices';
import { createComplaint, useComplaintMutation } from './complaintActions';
import {
  ComplaintDueField,
  ComplaintStatusField,
  LevelField,
  OutcomeField,
  OverturnedMark,
} from './ComplaintFields';

const Column = DataTable.Col<Complaint>;

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
  const mutation = useComplaintMutation(
    (values: { channel: ComplaintChannel; category: ComplaintCategory; description: string }) =>
      createComplaint({ refundId: refund!.id, ...values }),
    'complaints.actions.done.log',
  );
  if (!refund || !canAccess || active.isPending || (active.total ?? 0) > 0) return null;
  const categories = complaintCategoriesFor(refund);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
        data-testid="complaint-action-log"
      >
        {translate('complaints.actions.log')}
      </Button>
      <Dialog
        open={open}
        onClose={() => !mutation.isPending && setOpen(false)}
        fullWidth
        maxWidth="sm"
        aria-labelledby="complaint-dialog-log-title"
        data-testid="complaint-dialog-log"
      >
        <Form
          defaultValues={{ channel: 'phone', category: categories[0] }}
          onSubmit={(values: Record<string, unknown>) =>
            mutation.mutate(
              {
                channel: values.channel as ComplaintChannel,
                category: values.category as ComplaintCategory,
                description: String(values.description ?? ''),
              },
              { onSuccess: () => setOpen(false) },
            )
          }
        >
          <DialogTitle id="complaint-dialog-log-title">
            {translate('complaints.actions.titles.log')}
          </DialogTitle>
          <DialogContent>
            <SelectInput
              source="channel"
              label="complaints.actions.fields.channel"
              choices={complaintChannelChoices}
              validate={required()}
            />
            <SelectInput
              source="category"
              label="complaints.actions.fields.category"
              choices={complaintCategoryChoices.filter((c) => categories.includes(c.id))}
              validate={required()}
            />
            <TextInput
              source="description"
              label="complaints.actions.fields.description"
              multiline
              minRows={3}
              validate={[required(), maxLength(4000)]}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={mutation.isPending}>
              {translate('complaints.actions.cancel')}
            </Button>
            <Button type="submit" variant="contained" disabled={mutation.isPending}>
              {translate('complaints.actions.log')}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
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

// The links between a rejected request and its resubmission, on both request pages: "Resubmission
// of r12" on the new one, "Resubmitted as r40" on the rejected one (found by the list's
// resubmissionOf filter). Nothing is shown when the request has neither.
import { Link as MuiLink, Stack } from '@mui/material';
import { Labeled, useCreatePath, useGetList, useRecordContext } from 'react-admin';
import { Link } from 'react-router-dom';
import type { RefundRequest } from '../domain/model';

function RequestLink({ id, testId }: { id: string; testId: string }) {
  const createPath = useCreatePath();
  return (
    <MuiLink component={Link} to={createPath({ resource: 'refunds', id, type: 'show' })} data-testid={testId}>
      {id}
    </MuiLink>
  );
}

export function ResubmissionLinks() {
  const record = useRecordContext<RefundRequest>();
  const { data: later } = useGetList<RefundRequest>(
    'refunds',
    {
      filter: { resubmissionOf: record?.id },
      sort: { field: 'submittedAt', order: 'ASC' },
      pagination: { page: 1, perPage: 5 },
    },
    { enabled: Boolean(record?.id) && record?.status === 'rejected' },
  );
  if (!record) return null;
  const resubmissions = record.status === 'rejected' ? (later ?? []) : [];
  return (
    <>
      {record.resubmissionOf && (
        <Labeled label="resources.refunds.fields.resubmissionOf">
          <RequestLink id={record.resubmissionOf} testId="resubmission-of" />
        </Labeled>
      )}
      {resubmissions.length > 0 && (
        <Labeled label="resources.refunds.fields.resubmittedAs">
          <Stack direction="row" spacing={1}>
            {resubmissions.map((r) => (
              <RequestLink key={r.id} id={r.id} testId="resubmitted-as" />
            ))}
          </Stack>
        </Labeled>
      )}
    </>
  );
}

// The last refusal inside an action dialog: the heading in the reader's language, who changed the
// record (409), that the input is kept, and the provider's message.
import { Alert, AlertTitle, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { errorHeadingKey, type WorkflowError } from './errors';
import { useDescribeConflict, type WorkflowResource } from './useWorkflowCommand';

export function WorkflowErrorAlert({
  error,
  resource,
}: {
  error: WorkflowError;
  resource: WorkflowResource;
}) {
  const translate = useTranslate();
  const who = useDescribeConflict(resource)(error);
  const conflict = error.status === 409;
  return (
    <Alert
      severity={conflict ? 'warning' : 'error'}
      data-testid="workflow-error"
      data-status={error.status ?? ''}
    >
      <AlertTitle>{translate(errorHeadingKey(error.status, resource))}</AlertTitle>
      {who && (
        <Typography variant="body2" data-testid="conflict-who">
          {who}
        </Typography>
      )}
      {conflict && (
        <Typography variant="body2">
          {translate(
            resource === 'complaints' ? 'complaints.actions.conflict.kept' : 'refunds.review.conflict.kept',
          )}
        </Typography>
      )}
      {error.message && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {error.message}
        </Typography>
      )}
    </Alert>
  );
}

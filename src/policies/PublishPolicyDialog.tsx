// "Publish a version" (admins): a dialog built on react-admin's <Form>, prefilled with the latest
// version's parameters, asking why and from when; created with useCreate (POST /api/policies).
// A refusal (a time too soon, someone published meanwhile) is shown as the server says it.
import AddIcon from '@mui/icons-material/Add';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { Form, TextInput, required, useCreate, useNotify, useTranslate } from 'react-admin';
import { MAX_POLICY_NOTE_LENGTH, type PolicyParameters } from '../domain/policyVersions';
import { toWorkflowError } from '../workflow/errors';
import { PolicyParameterInputs } from './PolicyParameterInputs';
import type { PolicyVersionRecord } from './usePolicyVersion';

interface PublishValues {
  parameters: PolicyParameters;
  note: string;
  /** datetime-local: the admin's wall time */
  effectiveAt: string;
}

/** "YYYY-MM-DDTHH:mm" in the browser's zone, for a datetime-local input. */
function localInputValue(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

export function PublishPolicyButton({ latest }: { latest: PolicyVersionRecord }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [create, { isPending }] = useCreate<PolicyVersionRecord>();
  const tomorrow = new Date();
  tomorrow.setHours(24, 0, 0, 0);
  const submit = (values: PublishValues) =>
    create(
      'policies',
      {
        data: {
          parameters: values.parameters,
          note: values.note.trim(),
          effectiveAt: new Date(values.effectiveAt).toISOString(),
        },
      },
      {
        onSuccess: (made) => {
          setOpen(false);
          notify('policyVersions.published', { type: 'success', messageArgs: { version: made.version } });
        },
        onError: (error) =>
          notify('policyVersions.failed', {
            type: 'error',
            messageArgs: { message: toWorkflowError(error).message },
          }),
      },
    );
  return (
    <>
      <Button startIcon={<AddIcon />} onClick={() => setOpen(true)} data-testid="publish-policy">
        {translate('policyVersions.publish')}
      </Button>
      <Dialog open={open} onClose={isPending ? undefined : () => setOpen(false)} fullWidth maxWidth="sm">
        <Form
          defaultValues={{
            parameters: latest.parameters,
            note: '',
            effectiveAt: localInputValue(tomorrow.getTime()),
          }}
          onSubmit={(values: object) => submit(values as PublishValues)}
        >
          <DialogTitle>{translate('policyVersions.publish_title')}</DialogTitle>
          <DialogContent>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('policyVersions.publish_help')}
            </Typography>
            <PolicyParameterInputs disabled={isPending} />
            <TextInput
              source="note"
              label="policyVersions.note_label"
              validate={required('policyVersions.note_required')}
              multiline
              minRows={2}
              fullWidth
              disabled={isPending}
              slotProps={{ htmlInput: { maxLength: MAX_POLICY_NOTE_LENGTH, 'data-testid': 'policy-note' } }}
            />
            <TextInput
              source="effectiveAt"
              type="datetime-local"
              label="policyVersions.effective_label"
              validate={required('policyVersions.time_required')}
              disabled={isPending}
              slotProps={{ htmlInput: { 'data-testid': 'policy-effective-at' } }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)} disabled={isPending}>
              {translate('policyVersions.cancel')}
            </Button>
            <Button
              type="submit"
              variant="contained"
              disabled={isPending}
              data-testid="publish-policy-submit"
            >
              {translate('policyVersions.submit')}
            </Button>
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}

// "New platform client": a dialog built on react-admin's <Form> that asks for a name, creates the
// client (dataProvider.createPlatformClient, through useMutation) and then shows its key this one
// time, with a copy button and a warning that it cannot be shown again. Closing the dialog forgets
// the key: it lives in this component's state only, never in react-admin's cache or store.
import AddIcon from '@mui/icons-material/Add';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Form,
  TextInput,
  maxLength,
  useDataProvider,
  useNotify,
  useTranslate,
  type Validator,
} from 'react-admin';
import { PLATFORM_CLIENT_NAME_MAX, type PlatformClientWithKey } from '../domain/platformClient';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import { toWorkflowError } from '../workflow/errors';

const notBlank: Validator = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? undefined : 'platformClients.name_required';
const validateName = [notBlank, maxLength(PLATFORM_CLIENT_NAME_MAX, 'platformClients.name_required')];

function KeyShownOnce({ created, onDone }: { created: PlatformClientWithKey; onDone: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      notify('platformClients.copied', { type: 'success' });
    } catch {
      notify('platformClients.copy_failed', { type: 'warning' });
    }
  };
  return (
    <>
      <DialogTitle>{translate('platformClients.created_title', { name: created.name })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="key-warning">
          {translate('platformClients.key_warning')}
        </Alert>
        <TextField
          label={translate('platformClients.key_label')}
          value={created.key}
          fullWidth
          slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'platform-key', spellCheck: false } }}
          onFocus={(event) => event.target.select()}
        />
      </DialogContent>
      <DialogActions>
        <Button startIcon={<ContentCopyIcon />} onClick={() => void copy()} data-testid="copy-key">
          {translate('platformClients.copy')}
        </Button>
        <Button variant="contained" onClick={onDone} data-testid="key-saved">
          {translate('platformClients.done')}
        </Button>
      </DialogActions>
    </>
  );
}

export function CreatePlatformClientButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<PlatformClientWithKey | null>(null);
  const { mutate, isPending } = useMutation<PlatformClientWithKey, unknown, string>({
    mutationFn: async (name) => (await dataProvider.createPlatformClient({ name })).data,
    onSuccess: (client) => {
      setCreated(client);
      void queryClient.invalidateQueries({ queryKey: ['platform-clients'] });
    },
    onError: (error) => {
      notify('platformClients.failed', {
        type: 'error',
        messageArgs: { message: toWorkflowError(error).message },
      });
    },
  });
  const close = () => {
    setOpen(false);
    setCreated(null);
  };
  return (
    <>
      <Button startIcon={<AddIcon />} onClick={() => setOpen(true)} data-testid="create-platform-client">
        {translate('platformClients.create')}
      </Button>
      {/* a key on screen is closed only by saying it was saved, never by a click beside the dialog */}
      <Dialog open={open} onClose={created ? undefined : close} fullWidth maxWidth="sm">
        {created ? (
          <KeyShownOnce created={created} onDone={close} />
        ) : (
          <Form
            defaultValues={{ name: '' }}
            onSubmit={(values: { name?: unknown }) => mutate(String(values.name ?? '').trim())}
          >
            <DialogTitle>{translate('platformClients.create_title')}</DialogTitle>
            <DialogContent>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {translate('platformClients.create_help')}
              </Typography>
              <TextInput
                source="name"
                label="resources.platform-clients.fields.name"
                validate={validateName}
                fullWidth
                autoFocus
                disabled={isPending}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={close} disabled={isPending}>
                {translate('platformClients.cancel')}
              </Button>
              <Button type="submit" variant="contained" disabled={isPending} data-testid="create-key">
                {translate('platformClients.submit')}
              </Button>
            </DialogActions>
          </Form>
        )}
      </Dialog>
    </>
  );
}

// The admin's webhook endpoints: a list (URL, events, active), "disable" per row, and a create
// dialog built on <Form> that shows the new endpoint's signing secret once.
import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField as MuiTextField,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  BooleanField,
  CheckboxGroupInput,
  DataTable,
  DateField,
  DeleteButton,
  Form,
  FunctionField,
  List,
  SaveButton,
  TextInput,
  TopToolbar,
  required,
  useDataProvider,
  useNotify,
  useRefresh,
  useTranslate,
  type Validator,
} from 'react-admin';
import { WEBHOOK_EVENT_TYPES, isDeliverableUrl } from '../domain/webhookEvents';
import { ListEmpty } from '../layout/EmptyState';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import { toWorkflowError } from '../workflow/errors';

interface EndpointRecord {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

const ALL = '*';
const eventChoices = [ALL, ...WEBHOOK_EVENT_TYPES].map((id) => ({
  id,
  name: `webhooks.events.${id === ALL ? 'all' : id}`,
}));

const httpUrl: Validator = (value: unknown) =>
  typeof value === 'string' && value !== '' && !isDeliverableUrl(value)
    ? 'webhooks.create.urlInvalid'
    : undefined;
const someEvents: Validator = (value: unknown) =>
  Array.isArray(value) && value.length > 0 ? undefined : 'webhooks.create.eventsRequired';

function CreateEndpointButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const { mutate, isPending } = useMutation({
    mutationKey: ['webhook-endpoints', 'create'],
    mutationFn: async (values: { url: string; events: string[] }) =>
      (await dataProvider.createWebhookEndpoint(values)).data,
    onSuccess: (created) => {
      setSecret(created.secret);
      refresh();
    },
    onError: (error) => notify(toWorkflowError(error).message, { type: 'error' }),
  });
  const close = () => {
    setOpen(false);
    setSecret(null);
  };
  return (
    <>
      <Button
        size="small"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
        data-testid="webhook-create-open"
      >
        {translate('webhooks.create.open')}
      </Button>
      <Dialog
        open={open}
        onClose={secret ? undefined : close}
        fullWidth
        maxWidth="sm"
        aria-labelledby="webhook-create-title"
      >
        <DialogTitle id="webhook-create-title">{translate('webhooks.create.title')}</DialogTitle>
        {secret ? (
          <>
            <DialogContent>
              <Alert severity="warning" sx={{ mb: 2 }}>
                {translate('webhooks.create.secretOnce')}
              </Alert>
              <MuiTextField
                label={translate('webhooks.create.secret')}
                value={secret}
                fullWidth
                slotProps={{ htmlInput: { readOnly: true, 'data-testid': 'webhook-secret' } }}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={close} variant="contained">
                {translate('webhooks.create.done')}
              </Button>
            </DialogActions>
          </>
        ) : (
          <Form
            defaultValues={{ url: '', events: [ALL] }}
            onSubmit={(values: { url?: unknown; events?: unknown }) => {
              const chosen = Array.isArray(values.events) ? values.events.map(String) : [];
              const events = chosen.includes(ALL) ? [ALL] : chosen;
              mutate({ url: String(values.url ?? '').trim(), events });
            }}
          >
            <DialogContent>
              <TextInput
                source="url"
                label="webhooks.create.url"
                validate={[required(), httpUrl]}
                fullWidth
              />
              <CheckboxGroupInput
                source="events"
                label="webhooks.create.events"
                choices={eventChoices}
                validate={someEvents}
                row={false}
              />
            </DialogContent>
            <DialogActions>
              <Button onClick={close}>{translate('ra.action.cancel')}</Button>
              <SaveButton label="webhooks.create.submit" disabled={isPending} alwaysEnable={!isPending} />
            </DialogActions>
          </Form>
        )}
      </Dialog>
    </>
  );
}

const empty = <ListEmpty title="webhooks.endpoints.emptyTitle" hint="webhooks.endpoints.emptyHint" />;

export function WebhookEndpointList() {
  const translate = useTranslate();
  return (
    <List
      exporter={false}
      perPage={25}
      actions={
        <TopToolbar>
          <CreateEndpointButton />
        </TopToolbar>
      }
      empty={false}
    >
      <DataTable<EndpointRecord> bulkActionButtons={false} empty={empty}>
        <DataTable.Col source="url" />
        <DataTable.Col source="events">
          <FunctionField<EndpointRecord>
            render={(r) =>
              r.events.includes(ALL)
                ? translate('webhooks.events.all')
                : r.events.map((e) => translate(`webhooks.events.${e}`)).join(', ')
            }
          />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col label="">
          <FunctionField<EndpointRecord>
            render={(r) =>
              r.active ? (
                <DeleteButton
                  label="webhooks.endpoints.disable"
                  mutationMode="pessimistic"
                  confirmTitle="webhooks.endpoints.disableTitle"
                  confirmContent="webhooks.endpoints.disableContent"
                  redirect={false}
                />
              ) : null
            }
          />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

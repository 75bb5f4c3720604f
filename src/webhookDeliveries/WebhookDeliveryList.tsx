// What was sent to the webhook endpoints: a react-admin list with filters (status, type,
// endpoint) and a "redeliver" button per row (a custom data-provider method, through useMutation).
import ReplayIcon from '@mui/icons-material/Replay';
import { Button, Chip } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import {
  DataTable,
  DateField,
  FunctionField,
  List,
  NumberField,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhookEvents';
import { ListEmpty } from '../layout/EmptyState';
import type { RefundDeskDataProvider } from '../providers/dataProvider';
import { choicesFor } from '../refunds/choices';
import { toWorkflowError } from '../workflow/errors';

interface DeliveryRecord {
  id: string;
  eventId: string;
  type: string;
  endpointId: string;
  refundId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  createdAt: string;
  lastStatus: number | null;
  lastError: string | null;
}

const STATUSES = ['pending', 'delivered', 'failed'] as const;
const statusChoices = choicesFor(STATUSES, 'webhooks.status');
const typeChoices = choicesFor(WEBHOOK_EVENT_TYPES, 'webhooks.events');
const COLOURS = { pending: 'warning', delivered: 'success', failed: 'error' } as const;

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <SelectInput key="type" source="type" choices={typeChoices} alwaysOn />,
  <ReferenceInput key="endpointId" source="endpointId" reference="webhook-endpoints" alwaysOn>
    <SelectInput optionText="url" />
  </ReferenceInput>,
  <TextInput key="refundId" source="refundId" />,
];

function RedeliverButton() {
  const record = useRecordContext<DeliveryRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const { mutate, isPending } = useMutation({
    mutationKey: ['webhook-deliveries', 'redeliver', record?.id],
    mutationFn: async (id: string) => (await dataProvider.redeliverWebhook(id)).data,
    onSuccess: () => {
      notify('webhooks.deliveries.redelivered', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(toWorkflowError(error).message, { type: 'error' }),
  });
  if (!record) return null;
  return (
    <Button
      size="small"
      startIcon={<ReplayIcon />}
      disabled={isPending}
      onClick={(event) => {
        event.stopPropagation();
        mutate(record.id);
      }}
      data-testid={`redeliver-${record.id}`}
    >
      {translate('webhooks.deliveries.redeliver')}
    </Button>
  );
}

const empty = <ListEmpty title="webhooks.deliveries.emptyTitle" hint="webhooks.deliveries.emptyHint" />;

export function WebhookDeliveryList() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      perPage={25}
      empty={false}
    >
      <DataTable<DeliveryRecord> bulkActionButtons={false} empty={empty}>
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="type">
          <FunctionField<DeliveryRecord> render={(r) => translate(`webhooks.events.${r.type}`)} />
        </DataTable.Col>
        <DataTable.Col source="refundId">
          <TextField source="refundId" />
        </DataTable.Col>
        <DataTable.Col source="endpointId">
          <ReferenceField source="endpointId" reference="webhook-endpoints" link={false} />
        </DataTable.Col>
        <DataTable.Col source="status">
          <FunctionField<DeliveryRecord>
            render={(r) => (
              <Chip
                size="small"
                color={COLOURS[r.status]}
                label={translate(`webhooks.status.${r.status}`)}
                data-testid="delivery-status"
              />
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="attempts">
          <NumberField source="attempts" />
        </DataTable.Col>
        <DataTable.Col source="lastError">
          <FunctionField<DeliveryRecord>
            render={(r) => r.lastError ?? (r.lastStatus === null ? '' : String(r.lastStatus))}
          />
        </DataTable.Col>
        <DataTable.Col label="">
          <RedeliverButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

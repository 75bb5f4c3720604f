// One coin order, with the refund requests made for it.
import {
  DataTable,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
} from 'react-admin';
import type { RefundRequest } from '../domain/model';
import { DateTimeField, FenField, IntegerField, RelativeTimeField } from '../i18n/fields';
import { paymentChannelChoices } from '../refunds/choices';
import { ListEmpty } from '../layout/EmptyState';
import { RefundStatusField } from '../refunds/StatusChip';

export function OrderShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="orderNumber" />
        <ReferenceField source="customerId" reference="customers" />
        <DateTimeField source="purchasedAt" />
        <FenField source="paidFen" />
        <SelectField source="paymentChannel" choices={paymentChannelChoices} />
        <IntegerField source="coins" />
        <IntegerField source="coinsSpent" />
        <IntegerField source="coinsSpentOnTips" />
        <ReferenceManyField
          label="orders.sections.refunds"
          reference="refunds"
          target="orderId"
          sort={{ field: 'submittedAt', order: 'DESC' }}
        >
          <DataTable<RefundRequest>
            rowClick="show"
            bulkActionButtons={false}
            empty={<ListEmpty compact title="orders.empty.refunds" />}
          >
            <DataTable.Col source="submittedAt">
              <RelativeTimeField source="submittedAt" />
            </DataTable.Col>
            <DataTable.Col source="refundableFen" align="right">
              <FenField source="refundableFen" />
            </DataTable.Col>
            <DataTable.Col source="status">
              <RefundStatusField />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

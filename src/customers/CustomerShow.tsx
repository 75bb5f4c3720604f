// One customer: account details, their refund requests and their orders.
import { DataTable, ReferenceManyField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import type { CoinOrder, RefundRequest } from '../domain/model';
import { DateTimeField, FenField, RelativeTimeField } from '../i18n/fields';
import { paymentChannelChoices } from '../refunds/choices';
import { RefundStatusField } from '../refunds/StatusChip';
import { ListEmpty } from '../layout/EmptyState';
import { CustomerTextField } from '../layout/CustomerText';
import { AccountStatusField } from './AccountStatusChip';
import { localeChoices } from './CustomerList';

export function CustomerShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <CustomerTextField source="name" />
        <AccountStatusField source="accountStatus" />
        <SelectField source="locale" choices={localeChoices} />
        <DateTimeField source="registeredAt" />
        <TextField source="paymentAccountId" />
        <ReferenceManyField
          label="customers.sections.refunds"
          reference="refunds"
          target="customerId"
          sort={{ field: 'submittedAt', order: 'DESC' }}
        >
          <DataTable<RefundRequest>
            rowClick="show"
            bulkActionButtons={false}
            empty={<ListEmpty compact title="customers.empty.refunds" />}
          >
            <DataTable.Col source="orderNumber" />
            <DataTable.Col source="submittedAt">
              <RelativeTimeField source="submittedAt" />
            </DataTable.Col>
            <DataTable.Col source="paidFen" align="right">
              <FenField source="paidFen" />
            </DataTable.Col>
            <DataTable.Col source="status">
              <RefundStatusField />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
        <ReferenceManyField
          label="customers.sections.orders"
          reference="orders"
          target="customerId"
          sort={{ field: 'purchasedAt', order: 'DESC' }}
        >
          <DataTable<CoinOrder>
            rowClick="show"
            bulkActionButtons={false}
            empty={<ListEmpty compact title="customers.empty.orders" />}
          >
            <DataTable.Col source="orderNumber" />
            <DataTable.Col source="purchasedAt">
              <DateTimeField source="purchasedAt" />
            </DataTable.Col>
            <DataTable.Col source="paidFen" align="right">
              <FenField source="paidFen" />
            </DataTable.Col>
            <DataTable.Col source="paymentChannel">
              <SelectField source="paymentChannel" choices={paymentChannelChoices} />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}

// Coin orders (top-ups): a read-only list so refund requests can link to what was bought.
import { DataTable, List, ReferenceField, SearchInput, SelectField, SelectInput } from 'react-admin';
import type { CoinOrder } from '../domain/model';
import { DateTimeField, FenField, IntegerField } from '../i18n/fields';
import { paymentChannelChoices } from '../refunds/choices';
import { ListEmpty } from '../layout/EmptyState';

const orderFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="paymentChannel" source="paymentChannel" choices={paymentChannelChoices} />,
];

const ordersEmpty = <ListEmpty title="orders.empty.title" hint="orders.empty.hint" />;

export function OrderList() {
  return (
    <List
      sort={{ field: 'purchasedAt', order: 'DESC' }}
      filters={orderFilters}
      exporter={false}
      perPage={25}
      empty={ordersEmpty}
    >
      <DataTable<CoinOrder> rowClick="show" bulkActionButtons={false} empty={ordersEmpty}>
        <DataTable.Col source="orderNumber" />
        <DataTable.Col source="customerId">
          <ReferenceField source="customerId" reference="customers" />
        </DataTable.Col>
        <DataTable.Col source="purchasedAt">
          <DateTimeField source="purchasedAt" />
        </DataTable.Col>
        <DataTable.Col source="paidFen" align="right">
          <FenField source="paidFen" />
        </DataTable.Col>
        <DataTable.Col source="coins" align="right">
          <IntegerField source="coins" />
        </DataTable.Col>
        <DataTable.Col source="coinsSpent" align="right">
          <IntegerField source="coinsSpent" />
        </DataTable.Col>
        <DataTable.Col source="paymentChannel">
          <SelectField source="paymentChannel" choices={paymentChannelChoices} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

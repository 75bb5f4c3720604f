// Customers: a read-only list (search by name, filter by account status).
import { DataTable, List, SearchInput, SelectField, SelectInput, TextField } from 'react-admin';
import { LOCALES, type Customer } from '../domain/model';
import { DateTimeField } from '../i18n/fields';
import { choicesFor } from '../refunds/choices';
import { AccountStatusField, accountStatusChoices } from './AccountStatusChip';
import { ListEmpty } from '../layout/EmptyState';
import { CustomerTextField } from '../layout/CustomerText';

export const localeChoices = choicesFor(LOCALES, 'locales');

const customerFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="accountStatus" source="accountStatus" choices={accountStatusChoices} />,
];

const customersEmpty = <ListEmpty title="customers.empty.title" hint="customers.empty.hint" />;

export function CustomerList() {
  return (
    <List
      sort={{ field: 'name', order: 'ASC' }}
      filters={customerFilters}
      exporter={false}
      perPage={25}
      empty={customersEmpty}
    >
      <DataTable<Customer> rowClick="show" bulkActionButtons={false} empty={customersEmpty}>
        <DataTable.Col source="name" field={CustomerTextField} />
        <DataTable.Col source="accountStatus">
          <AccountStatusField />
        </DataTable.Col>
        <DataTable.Col source="locale">
          <SelectField source="locale" choices={localeChoices} />
        </DataTable.Col>
        <DataTable.Col source="registeredAt">
          <DateTimeField source="registeredAt" />
        </DataTable.Col>
        <DataTable.Col source="paymentAccountId" field={TextField} />
      </DataTable>
    </List>
  );
}

// Staff members: a read-only list so assignees and approvers resolve to names.
import { BooleanField, DataTable, List, SearchInput, SelectField, SelectInput } from 'react-admin';
import { ROLES, type StaffUser } from '../domain/model';
import { choicesFor } from '../refunds/choices';
import { ListEmpty } from '../layout/EmptyState';

export const roleChoices = choicesFor(ROLES, 'roles');

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
];

const usersEmpty = <ListEmpty title="users.empty.title" hint="users.empty.hint" />;

export function UserList() {
  return (
    <List
      sort={{ field: 'fullName', order: 'ASC' }}
      filters={userFilters}
      exporter={false}
      perPage={25}
      empty={usersEmpty}
    >
      <DataTable<StaffUser> rowClick="show" bulkActionButtons={false} empty={usersEmpty}>
        <DataTable.Col source="fullName" />
        <DataTable.Col source="username" />
        <DataTable.Col source="role">
          <SelectField source="role" choices={roleChoices} />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

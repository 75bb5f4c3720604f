// Staff members: the list assignees and approvers resolve to names, and where an administrator
// sees each account's status and creates new ones (the Create button follows canAccess).
import { Chip } from '@mui/material';
import {
  BooleanInput,
  DataTable,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { ROLES, type StaffUser } from '../domain/model';
import { choicesFor } from '../refunds/choices';
import { ListEmpty } from '../layout/EmptyState';

export const roleChoices = choicesFor(ROLES, 'roles');

const userFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <BooleanInput key="active" source="active" />,
];

const usersEmpty = <ListEmpty title="users.empty.title" hint="users.empty.hint" />;

/** Active or deactivated, as a chip (the label says it; the colour only repeats it). */
export function UserStatusField(_props: { source: 'active'; label?: string }) {
  const user = useRecordContext<StaffUser>();
  const translate = useTranslate();
  if (!user) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={user.active ? 'success' : 'default'}
      label={translate(user.active ? 'users.status.active' : 'users.status.inactive')}
      data-testid="user-status"
    />
  );
}

/** Away, as a chip beside the status (nothing while the account is here). */
export function UserAwayField(_props: { source: 'away'; label?: string }) {
  const user = useRecordContext<StaffUser>();
  const translate = useTranslate();
  if (user?.away !== true) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color="warning"
      label={translate('users.away.label')}
      data-testid="user-away"
    />
  );
}

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
          <UserStatusField source="active" />
        </DataTable.Col>
        <DataTable.Col source="away" disableSort>
          <UserAwayField source="away" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

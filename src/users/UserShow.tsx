// One staff member, with the administrator's buttons (UserActions.tsx).
import { SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { UserShowActions } from './UserActions';
import { RoutingFields } from './RoutingDialog';
import { UserChanges } from './UserChanges';
import { roleChoices, UserAwayField, UserStatusField } from './UserList';

/** `id`: the account to show when not read from the route (a test's page) */
export function UserShow({ id }: { id?: string }) {
  return (
    <Show id={id} actions={<UserShowActions />}>
      <SimpleShowLayout>
        <TextField source="fullName" />
        <TextField source="username" />
        <SelectField source="role" choices={roleChoices} />
        <UserStatusField source="active" />
        <UserAwayField source="away" />
        <RoutingFields />
        <UserChanges />
      </SimpleShowLayout>
    </Show>
  );
}

// One staff member, with the administrator's buttons (UserActions.tsx).
import { SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { UserShowActions } from './UserActions';
import { roleChoices, UserStatusField } from './UserList';

export function UserShow() {
  return (
    <Show actions={<UserShowActions />}>
      <SimpleShowLayout>
        <TextField source="fullName" />
        <TextField source="username" />
        <SelectField source="role" choices={roleChoices} />
        <UserStatusField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}

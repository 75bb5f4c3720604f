// One staff member.
import { BooleanField, SelectField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { roleChoices } from './UserList';

export function UserShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="fullName" />
        <TextField source="username" />
        <SelectField source="role" choices={roleChoices} />
        <BooleanField source="active" />
      </SimpleShowLayout>
    </Show>
  );
}

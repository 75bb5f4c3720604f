// An administrator creates a staff account: username, name, role and an initial password (the
// server checks it with the same rules, src/domain/staffAccounts.ts, and answers a taken username
// on its field). The new account is shown once created.
import {
  Create,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  minLength,
  regex,
  required,
} from 'react-admin';
import { FULL_NAME_MAX, PASSWORD_MIN, USERNAME_PATTERN } from '../domain/staffAccounts';
import { roleChoices } from './UserList';

const validateUsername = [required(), regex(USERNAME_PATTERN, 'users.create.username_hint')];
const validateName = [required(), maxLength(FULL_NAME_MAX)];
const validatePassword = [required(), minLength(PASSWORD_MIN)];

export function UserCreate() {
  return (
    <Create redirect="show" title="users.create.title">
      <SimpleForm defaultValues={{ role: 'reviewer' }}>
        <TextInput
          source="username"
          validate={validateUsername}
          helperText="users.create.username_hint"
          autoComplete="off"
        />
        <TextInput source="fullName" validate={validateName} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <PasswordInput
          source="password"
          label="users.create.password"
          validate={validatePassword}
          helperText="users.create.password_hint"
          autoComplete="new-password"
        />
      </SimpleForm>
    </Create>
  );
}

// The administrator's buttons on a staff account: change the role (a dialog on react-admin's
// <Form>), deactivate or reactivate (each after a confirmation). Only a role that may edit staff
// accounts sees them (the permission table's users: edit), and never on their own account; the
// account itself or a supervisor (for a reviewer) sees the away switch instead (AwaySwitch.tsx).
import BlockIcon from '@mui/icons-material/Block';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import RestoreIcon from '@mui/icons-material/Restore';
import TuneIcon from '@mui/icons-material/Tune';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import { useId, useState } from 'react';
import {
  Confirm,
  Form,
  SaveButton,
  SelectInput,
  TopToolbar,
  required,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Role, StaffUser } from '../domain/model';
import { canAccess } from '../domain/permissions';
import { useWhoAmI } from '../workflow/identity';
import { UserAwaySwitch } from './AwaySwitch';
import { RoutingDialog } from './RoutingDialog';
import { roleChoices } from './UserList';
import { useUserCommand } from './useUserCommand';

function RoleDialog({ user, onClose }: { user: StaffUser; onClose: () => void }) {
  const translate = useTranslate();
  const titleId = useId();
  const { mutateAsync, isPending } = useUserCommand(user.id, user.version ?? 1);
  return (
    <Dialog open onClose={isPending ? undefined : onClose} fullWidth maxWidth="xs" aria-labelledby={titleId}>
      <Form
        record={{ id: user.id, role: user.role }}
        onSubmit={async (values: Record<string, unknown>) => {
          try {
            await mutateAsync({ kind: 'role', role: values.role as Role });
            onClose();
          } catch {
            // said by the notification; the dialog stays open
          }
        }}
      >
        <DialogTitle id={titleId}>
          {translate('users.role_dialog.title', { name: user.fullName })}
        </DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <SelectInput source="role" choices={roleChoices} validate={required()} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={isPending}>
            {translate('ra.action.cancel')}
          </Button>
          <SaveButton
            label="users.role_dialog.submit"
            alwaysEnable={!isPending}
            icon={<ManageAccountsIcon />}
          />
        </DialogActions>
      </Form>
    </Dialog>
  );
}

function StatusButton({ user }: { user: StaffUser }) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useUserCommand(user.id, user.version ?? 1);
  const kind = user.active ? 'deactivate' : 'reactivate';
  return (
    <>
      <Button
        color={user.active ? 'error' : 'primary'}
        startIcon={user.active ? <BlockIcon /> : <RestoreIcon />}
        onClick={() => setOpen(true)}
        disabled={isPending}
        data-testid={`user-${kind}`}
      >
        {translate(`users.actions.${kind}`)}
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={`users.confirm.${kind}_title`}
        content={`users.confirm.${kind}_content`}
        translateOptions={{ name: user.fullName }}
        confirmColor={user.active ? 'warning' : 'primary'}
        onConfirm={() => mutate({ kind }, { onSettled: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

export function UserShowActions() {
  const user = useRecordContext<StaffUser>();
  const { actor } = useWhoAmI();
  const translate = useTranslate();
  const [roleOpen, setRoleOpen] = useState(false);
  const [routingOpen, setRoutingOpen] = useState(false);
  if (!user || !actor) return <TopToolbar />;
  if (!canAccess(actor.role, { resource: 'users', action: 'edit' }) || user.id === actor.id) {
    // away mode is the account's own, or a supervisor's for a reviewer
    return (
      <TopToolbar>
        <UserAwaySwitch user={user} />
      </TopToolbar>
    );
  }
  return (
    <TopToolbar>
      <Button
        startIcon={<ManageAccountsIcon />}
        onClick={() => setRoleOpen(true)}
        data-testid="user-change-role"
      >
        {translate('users.actions.change_role')}
      </Button>
      <Button startIcon={<TuneIcon />} onClick={() => setRoutingOpen(true)} data-testid="user-routing-edit">
        {translate('users.routing.action')}
      </Button>
      <StatusButton user={user} />
      {roleOpen && <RoleDialog user={user} onClose={() => setRoleOpen(false)} />}
      {routingOpen && <RoutingDialog user={user} onClose={() => setRoutingOpen(false)} />}
    </TopToolbar>
  );
}

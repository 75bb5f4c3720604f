// Away mode (POST /api/users/:id/away): a switch for the signed-in reviewer in the app bar, and for
// a supervisor on a reviewer's page. Going away hands back the requests held (the notice says how
// many); while away, claim next is refused with the server's catalogued reviewer_away notice.
import { FormControlLabel, Switch, Tooltip } from '@mui/material';
import { useGetOne, useTranslate } from 'react-admin';
import type { StaffUser } from '../domain/model';
import { canAccess, mayMarkAway } from '../domain/permissions';
import { useWhoAmI } from '../workflow/identity';
import { useUserCommand } from './useUserCommand';

export function AwaySwitch({ user, label, color }: { user: StaffUser; label: string; color?: 'inherit' }) {
  const translate = useTranslate();
  const { mutate, isPending } = useUserCommand(user.id, user.version ?? 1);
  const away = user.away === true;
  return (
    <Tooltip title={translate('users.away.hint')}>
      <FormControlLabel
        sx={color ? { color } : undefined}
        control={
          <Switch
            checked={away}
            disabled={isPending}
            onChange={() => mutate({ kind: away ? 'back' : 'away' })}
            color={color ? 'default' : 'warning'}
            data-testid={`user-away-${user.id}`}
          />
        }
        label={translate(label)}
      />
    </Tooltip>
  );
}

/** The signed-in account's own switch (only for roles that hold claims: users: away). */
export function MyAwaySwitch() {
  const { actor } = useWhoAmI();
  const may = actor !== null && canAccess(actor.role, { resource: 'users', action: 'away' });
  const { data: me } = useGetOne<StaffUser>('users', { id: actor?.id ?? '' }, { enabled: may });
  if (!may || !me) return null;
  return <AwaySwitch user={me} label="users.away.my_label" color="inherit" />;
}

/** On a staff member's page: the switch for whoever may mark this account away (mayMarkAway). */
export function UserAwaySwitch({ user }: { user: StaffUser }) {
  const { actor } = useWhoAmI();
  if (!actor || !canAccess(actor.role, { resource: 'users', action: 'away' })) return null;
  if (!user.active || !mayMarkAway(actor, user)) return null;
  return <AwaySwitch user={user} label="users.away.label" />;
}

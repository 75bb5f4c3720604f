// The account's audit on its page (GET /api/users/:id/changes, the administrator's): each change
// newest first, with when, who made it, each field from → to in the reader's words, and how many
// requests it handed back to the queue; only for whoever may change accounts. Read again whenever an account command succeeds (the
// users' queries are invalidated by prefix).
import { List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  useCanAccess,
  useDataProvider,
  useGetMany,
  useRecordContext,
  useTranslate,
  type TranslateFunction,
} from 'react-admin';
import type { StaffUser } from '../domain/model';
import { DEFAULT_REVIEWER_CAP } from '../domain/reviewerRouting';
import type {
  AccountFieldChange,
  AccountFieldValue,
  StaffAccountChange,
} from '../domain/staffAccountChanges';
import { useLocale } from '../i18n/fields';
import { formatDateTime } from '../i18n/format';
import type { RefundDeskDataProvider } from '../providers/dataProvider';

/** A recorded value in the reader's words (null: the default the account then had). */
export function accountValueText(
  field: AccountFieldChange['field'],
  value: AccountFieldValue,
  translate: TranslateFunction,
) {
  const list = (values: AccountFieldValue, key: string, none: string) =>
    Array.isArray(values) && values.length > 0
      ? values.map((v) => translate(`${key}.${v}`)).join(', ')
      : translate(none);
  switch (field) {
    case 'role':
      return translate(`roles.${String(value)}`);
    case 'active':
      return translate(value ? 'users.status.active' : 'users.status.inactive');
    case 'away':
      return translate(value ? 'users.away.on' : 'users.away.off');
    case 'languages':
      return value === null
        ? translate('users.routing.every_language')
        : list(value, 'users.routing.language', 'users.routing.no_language');
    case 'skills':
      return list(value, 'users.routing.skill', 'users.routing.no_skill');
    case 'claimCap':
      return value === null
        ? translate('users.routing.default_cap', { cap: DEFAULT_REVIEWER_CAP })
        : String(value);
    default:
      return String(value ?? '—');
  }
}

function changeText(change: StaffAccountChange, translate: TranslateFunction): string {
  const fields = change.fields.filter((f) => f.from !== null || change.version !== 1);
  const parts =
    change.version === 1
      ? [translate('users.history.created')]
      : fields.map((f) =>
          translate('users.history.field', {
            field: translate(`resources.users.fields.${f.field}`),
            from: accountValueText(f.field, f.from, translate),
            to: accountValueText(f.field, f.to, translate),
          }),
        );
  if (change.releasedRefundIds.length > 0)
    parts.push(translate('users.history.released', { smart_count: change.releasedRefundIds.length }));
  return parts.join(' · ');
}

export function UserChanges() {
  const user = useRecordContext<StaffUser>();
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  // the audit is the administrator's (users/edit), like the buttons beside it
  const { canAccess } = useCanAccess({ resource: 'users', action: 'edit' });
  const { data: changes, error } = useQuery({
    queryKey: ['users', 'changes', user?.id],
    queryFn: async () => (await dataProvider.getUserChanges(user!.id)).data,
    enabled: Boolean(user) && canAccess === true,
  });
  const actorIds = [...new Set((changes ?? []).map((c) => c.changedBy))];
  const { data: actors } = useGetMany<StaffUser>(
    'users',
    { ids: actorIds },
    { enabled: actorIds.length > 0 },
  );
  const nameOf = (id: string) => actors?.find((a) => a.id === id)?.fullName ?? id;
  if (!user || !canAccess) return null;
  return (
    <section aria-labelledby="user-changes-title" data-testid="user-changes">
      <Typography id="user-changes-title" variant="subtitle2" component="h2">
        {translate('users.history.title')}
      </Typography>
      {error ? (
        <Typography color="error">{translate('users.history.failed')}</Typography>
      ) : changes?.length === 0 ? (
        <Typography color="text.secondary">{translate('users.history.empty')}</Typography>
      ) : (
        <List dense disablePadding>
          {(changes ?? []).map((change) => (
            <ListItem key={change.version} disableGutters data-testid="user-change">
              <ListItemText
                primary={changeText(change, translate)}
                secondary={translate('users.history.by', {
                  date: formatDateTime(change.changedAt, locale),
                  name: nameOf(change.changedBy),
                })}
              />
            </ListItem>
          ))}
        </List>
      )}
    </section>
  );
}

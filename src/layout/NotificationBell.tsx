// The app bar's bell: a button whose badge and accessible name carry my unread count, opening my
// notifications newest first. Each is written from the catalogue by its kind and params (times in
// the reader's language and zone) and links to its record or list; following it marks it read.
import NotificationsIcon from '@mui/icons-material/Notifications';
import {
  Badge,
  Button,
  Divider,
  IconButton,
  List,
  ListItemButton,
  ListItemText,
  Popover,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate, type TranslateFunction } from 'react-admin';
import type { StaffNotification } from '../domain/notifications';
import { useLocale } from '../i18n/fields';
import { formatDateTime, formatInteger, formatRelative } from '../i18n/format';
import type { LiveStream } from '../providers/stream';
import { useNow } from './clock';
import { useMarkNotificationsRead, useNotifications } from './notificationsQuery';

/** Params that are instants ("dueAt", "waitingSince") are shown as dates, counts with grouping. */
const isInstant = (name: string) => /(At|Since)$/.test(name);

/** A notification's sentence in the reader's language. */
export function notificationText(
  translate: TranslateFunction,
  locale: string,
  n: Pick<StaffNotification, 'kind' | 'params'>,
): string {
  const params = Object.fromEntries(
    Object.entries(n.params).map(([name, value]) => [
      name,
      typeof value === 'number'
        ? formatInteger(value, locale)
        : isInstant(name)
          ? formatDateTime(value, locale)
          : value,
    ]),
  );
  return translate(`notifications.kinds.${n.kind}`, { ...params, _: n.kind });
}

function NotificationItem({
  notification: n,
  nowMs,
  onFollow,
}: {
  notification: StaffNotification;
  nowMs: number;
  onFollow: (n: StaffNotification) => void;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const unread = n.readAt === null;
  const when = formatRelative(n.createdAt, nowMs, locale);
  return (
    <ListItemButton
      component="a"
      href={n.link}
      onClick={() => onFollow(n)}
      data-testid="notification-item"
      data-unread={unread}
      sx={{ alignItems: 'flex-start' }}
    >
      <ListItemText
        primary={notificationText(translate, locale, n)}
        secondary={
          <time dateTime={n.createdAt} title={formatDateTime(n.createdAt, locale)}>
            {unread ? `${translate('notifications.unread')} · ${when}` : when}
          </time>
        }
        slotProps={{ primary: { sx: { fontWeight: unread ? 600 : 400 } } }}
      />
    </ListItemButton>
  );
}

export function NotificationBell({ stream }: { stream?: LiveStream }) {
  const translate = useTranslate();
  const nowMs = useNow(60_000);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data, isError } = useNotifications(stream);
  const { mutate } = useMarkNotificationsRead();
  const unread = data?.unread ?? 0;
  const label =
    unread > 0
      ? translate('notifications.bell_unread', { smart_count: unread })
      : translate('notifications.bell');
  const open = anchor !== null;
  const close = () => setAnchor(null);
  const follow = (n: StaffNotification) => {
    if (n.readAt === null) mutate({ id: n.id });
    close();
  };
  const list = data?.data ?? [];
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          aria-label={label}
          aria-haspopup="true"
          aria-expanded={open}
          aria-controls={open ? 'notification-popover' : undefined}
          onClick={(event) => setAnchor(event.currentTarget)}
          data-testid="notification-bell"
        >
          <Badge badgeContent={unread} max={99} color="error" data-testid="notification-badge">
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        id="notification-popover"
        open={open}
        anchorEl={anchor}
        onClose={close}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { width: 400, maxWidth: '100vw', maxHeight: '70vh' } } }}
      >
        <Stack direction="row" sx={{ px: 2, py: 1, alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography variant="subtitle1" component="h2" id="notification-list-title">
            {translate('notifications.title')}
          </Typography>
          <Button
            size="small"
            disabled={unread === 0}
            onClick={() => mutate({})}
            data-testid="notification-read-all"
          >
            {translate('notifications.mark_all_read')}
          </Button>
        </Stack>
        <Divider />
        {isError || list.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            {translate(isError ? 'notifications.failed' : 'notifications.empty')}
          </Typography>
        ) : (
          <List dense aria-labelledby="notification-list-title" data-testid="notification-list">
            {list.map((n) => (
              <NotificationItem key={n.id} notification={n} nowMs={nowMs} onFollow={follow} />
            ))}
          </List>
        )}
      </Popover>
    </>
  );
}

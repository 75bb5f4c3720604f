// The bell's data: one query of my notifications (GET /api/notifications), kept current by the live
// stream. A notification the stream brings is added to the list at once (each id once, however it
// arrives: the stream, a refetch, or both) and the list is refetched behind it; a (re)connection's
// `ready` refetches too, since notifications missed while disconnected are not replayed. Marking
// read updates the list in place, then asks the server again.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useDataProvider } from 'react-admin';
import type { StaffNotification } from '../domain/notifications';
import type { NotificationPage, RefundDeskDataProvider } from '../providers/dataProvider';
import { liveStream, type LiveStream } from '../providers/stream';

export const NOTIFICATIONS_QUERY_KEY = ['notifications', 'bell'] as const;

/** A fallback for a signed-in role the stream does not serve (an admin): ask again this often. */
const POLL_MS = 60_000;

const newestFirst = (a: StaffNotification, b: StaffNotification) => b.createdAt.localeCompare(a.createdAt);

/** Each id once (the first seen wins), newest first. */
export function uniqueNotifications(list: readonly StaffNotification[]): StaffNotification[] {
  const seen = new Set<string>();
  const unique: StaffNotification[] = [];
  for (const n of list) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    unique.push(n);
  }
  return unique.sort(newestFirst);
}

/** The page with a notification the stream brought: unchanged when it already holds that id. */
export function withNotification(page: NotificationPage, n: StaffNotification): NotificationPage {
  if (page.data.some((held) => held.id === n.id)) return page;
  return {
    data: uniqueNotifications([n, ...page.data]),
    total: page.total + 1,
    unread: page.unread + (n.readAt ? 0 : 1),
  };
}

/** The page once `ids` (or, with none, every one of mine) have been read at `readAt`. */
export function withRead(page: NotificationPage, readAt: string, ids?: readonly string[]): NotificationPage {
  if (!ids) return { ...page, data: page.data.map((n) => ({ ...n, readAt: n.readAt ?? readAt })), unread: 0 };
  const newlyRead = page.data.filter((n) => ids.includes(n.id) && !n.readAt).length;
  return {
    ...page,
    data: page.data.map((n) => (ids.includes(n.id) && !n.readAt ? { ...n, readAt } : n)),
    unread: Math.max(0, page.unread - newlyRead),
  };
}

function update(queryClient: QueryClient, change: (page: NotificationPage) => NotificationPage): void {
  queryClient.setQueryData<NotificationPage>(NOTIFICATIONS_QUERY_KEY, (page) => page && change(page));
}

const refetch = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_QUERY_KEY });

/** My notifications, and the stream's new ones as they come. */
export function useNotifications(stream: LiveStream = liveStream) {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      stream.subscribe((message) => {
        if (message.kind === 'notification') {
          update(queryClient, (page) => withNotification(page, message.notification));
          void refetch(queryClient);
        } else if (message.kind === 'ready') void refetch(queryClient);
      }),
    [stream, queryClient],
  );
  return useQuery({
    queryKey: NOTIFICATIONS_QUERY_KEY,
    queryFn: async () => {
      const page = await dataProvider.getNotifications();
      return { ...page, data: uniqueNotifications(page.data) };
    },
    refetchInterval: POLL_MS,
  });
}

/** Marks one of mine read (`id`), or all of them (no id). */
export function useMarkNotificationsRead() {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const queryClient = useQueryClient();
  return useMutation<unknown, unknown, { id?: string }>({
    mutationFn: ({ id }) =>
      id === undefined ? dataProvider.markAllNotificationsRead() : dataProvider.markNotificationRead(id),
    onMutate: ({ id }) =>
      update(queryClient, (page) =>
        withRead(page, new Date().toISOString(), id === undefined ? undefined : [id]),
      ),
    onSettled: () => refetch(queryClient),
  });
}

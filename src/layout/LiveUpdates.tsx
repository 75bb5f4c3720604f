// Keeps what the page shows current without a reload: the live stream's changes invalidate the
// react-query caches they touch (queue rows, tab counts, the record shown, its history), a `reset`
// refetches everything. The stream connects only once the first page has rendered and the browser
// is idle, so the queue's first rows are never kept waiting for it.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveStream, type LiveMessage } from '../providers/stream';

/** Changes arriving together are applied once, after this pause. */
const BATCH_MS = 60;

function keysFor(message: LiveMessage): string[] {
  if (message.kind === 'reset') return ['*'];
  if (message.kind !== 'change') return [];
  // a complaint's change moves its request's complaint panel; a request's change its history
  return message.change.type === 'complaint.changed'
    ? ['complaints', 'events', 'refunds']
    : ['refunds', 'events', 'complaints'];
}

export function LiveUpdates() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      if (pending.has('*')) void queryClient.invalidateQueries();
      else for (const key of pending) void queryClient.invalidateQueries({ queryKey: [key] });
      pending.clear();
    };
    const unsubscribe = liveStream.subscribe((message) => {
      const keys = keysFor(message);
      if (keys.length === 0) return;
      for (const key of keys) pending.add(key);
      timer ??= setTimeout(flush, BATCH_MS);
    });
    // after the first paint: the browser's idle time, or a second at most
    const idle = globalThis.requestIdleCallback as
      ((cb: () => void, o?: { timeout: number }) => number) | undefined;
    const begin = setTimeout(() => {
      if (idle) idle(() => liveStream.start(), { timeout: 1_000 });
      else liveStream.start();
    }, 0);
    return () => {
      clearTimeout(begin);
      if (timer) clearTimeout(timer);
      unsubscribe();
      liveStream.stop();
    };
  }, [queryClient]);
  return null;
}

// "Who is viewing" (POST /api/presence): the page's heartbeat, answered with the viewers.
import type { PresenceResource } from '../domain/liveEvents';
import { resolveUrl } from './apiUrl';
import { getToken } from './session';

export interface PresentViewer {
  userId: string;
  fullName: string;
  seenAt: string;
}

export async function sendPresence(
  resource: PresenceResource,
  id: string,
  leaving = false,
): Promise<PresentViewer[]> {
  const token = getToken();
  if (!token) return [];
  const res = await fetch(resolveUrl('presence'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(leaving ? { resource, id, leaving } : { resource, id }),
    // a page being left still says so
    keepalive: leaving,
  });
  if (!res.ok) return [];
  return ((await res.json()) as { viewers: PresentViewer[] }).viewers;
}

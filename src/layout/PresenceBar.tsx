// "Who is viewing" on a request or complaint page: this page's heartbeat (POST /api/presence every
// PRESENCE_HEARTBEAT_MS) answers with the viewers; the others are shown as avatars and names.
import { Avatar, AvatarGroup, Stack, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { PRESENCE_HEARTBEAT_MS, type PresenceResource } from '../domain/liveEvents';
import { sendPresence, type PresentViewer } from '../providers/presence';

function initials(name: string): string {
  const latin = name.match(/[A-Za-z]+/g);
  if (latin && latin.length > 0)
    return latin
      .map((w) => w[0])
      .join('')
      .slice(0, 2)
      .toUpperCase();
  return Array.from(name.trim())[0] ?? '?';
}

export function PresenceBar({ resource }: { resource: PresenceResource }) {
  const record = useRecordContext<{ id: string }>();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const [viewers, setViewers] = useState<PresentViewer[]>([]);
  const id = record ? String(record.id) : null;
  useEffect(() => {
    if (!id) return;
    let live = true;
    const beat = () =>
      sendPresence(resource, id).then(
        (list) => live && setViewers(list),
        () => undefined,
      );
    void beat();
    const timer = setInterval(() => void beat(), PRESENCE_HEARTBEAT_MS);
    return () => {
      live = false;
      clearInterval(timer);
      void sendPresence(resource, id, true).catch(() => undefined);
    };
  }, [resource, id]);
  const others = viewers.filter((v) => !identity || v.userId !== String(identity.id));
  if (others.length === 0) return null;
  const names = others.map((v) => v.fullName).join(', ');
  return (
    <Stack
      direction="row"
      spacing={1}
      role="status"
      aria-label={translate('live.presence.region')}
      data-testid="presence"
      sx={{ mb: 1, alignItems: 'center' }}
    >
      <AvatarGroup max={5} sx={{ '& .MuiAvatar-root': { width: 28, height: 28, fontSize: 13 } }}>
        {others.map((v) => (
          <Tooltip key={v.userId} title={v.fullName}>
            <Avatar alt={v.fullName}>{initials(v.fullName)}</Avatar>
          </Tooltip>
        ))}
      </AvatarGroup>
      <Typography variant="body2" color="text.secondary">
        {translate('live.presence.label', { names })}
      </Typography>
    </Stack>
  );
}

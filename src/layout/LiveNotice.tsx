// On a request page: a notice at once when someone else claims, releases or decides the request
// shown ("Li Na claimed this request a moment ago"), before a write of this page meets a 409.
import { Alert } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { claimNoticeFor, type ClaimNotice } from '../domain/liveEvents';
import { liveStream } from '../providers/stream';

export function LiveNotice() {
  const record = useRecordContext<{ id: string; version: number }>();
  const { identity } = useGetIdentity();
  const translate = useTranslate();
  const [notice, setNotice] = useState<{ id: string; notice: ClaimNotice } | null>(null);
  const shown = useRef<{ id: string; version: number } | null>(null);
  shown.current = record ? { id: String(record.id), version: record.version } : null;
  const me = identity ? String(identity.id) : '';
  useEffect(
    () =>
      liveStream.subscribe((message) => {
        const current = shown.current;
        if (message.kind !== 'change' || !current) return;
        const found = claimNoticeFor(message.change, current, me);
        if (found) setNotice({ id: current.id, notice: found });
      }),
    [me],
  );
  if (!record || !notice || notice.id !== String(record.id)) return null;
  const name = notice.notice.actorName || translate('live.notice.someone');
  return (
    <Alert
      severity="warning"
      role="alert"
      data-testid="live-notice"
      onClose={() => setNotice(null)}
      slotProps={{ closeButton: { title: translate('live.notice.dismiss') } }}
      sx={{ mb: 1 }}
    >
      {translate(`live.notice.${notice.notice.kind}`, { name })}
    </Alert>
  );
}

// When the API cannot be reached (no answer, or a 5xx), the page is replaced by a message saying so,
// with a "try again" button, and the desk checks by itself every few seconds. As soon as the API
// answers, the page comes back (it stayed mounted, hidden: a half-written form is not lost) and
// every query is refreshed.
import CloudOffIcon from '@mui/icons-material/CloudOff';
import RefreshIcon from '@mui/icons-material/Refresh';
import { Box, Button, CircularProgress, Paper, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { apiHealth, probeApi, type ApiHealth } from '../providers/http';
import { useNow } from './clock';

/** How often the desk asks the API whether it is back. */
export const API_RETRY_MS = 5_000;

export function useApiHealth(): ApiHealth {
  return useSyncExternalStore(apiHealth.subscribe, apiHealth.get, apiHealth.get);
}

type Down = Extract<ApiHealth, { state: 'down' }>;

export function ApiOutagePage({ health, onRetry }: { health: Down; onRetry: () => Promise<boolean> }) {
  const translate = useTranslate();
  const [checking, setChecking] = useState(false);
  const [nextAt, setNextAt] = useState(() => Date.now() + API_RETRY_MS);
  const now = useNow();
  const heading = useRef<HTMLHeadingElement>(null);

  const retry = useCallback(async () => {
    setChecking(true);
    const back = await onRetry();
    setChecking(false);
    if (!back) setNextAt(Date.now() + API_RETRY_MS);
  }, [onRetry]);

  useEffect(() => {
    const timer = setTimeout(() => void retry(), Math.max(0, nextAt - Date.now()));
    return () => clearTimeout(timer);
  }, [nextAt, retry]);

  // the page changed under the user: take the focus to the message, so screen readers read it
  useEffect(() => heading.current?.focus(), []);

  const seconds = Math.max(1, Math.ceil((nextAt - now) / 1000));
  return (
    <Box
      component="section"
      role="alert"
      aria-labelledby="api-down-title"
      data-testid="api-down"
      sx={{ display: 'grid', placeItems: 'center', minHeight: 'calc(100vh - 64px)', p: 2 }}
    >
      <Paper variant="outlined" sx={{ p: 4, maxWidth: 520, textAlign: 'center', display: 'grid', gap: 2 }}>
        <CloudOffIcon sx={{ fontSize: 56, mx: 'auto', color: 'text.secondary' }} aria-hidden />
        <Typography id="api-down-title" ref={heading} tabIndex={-1} variant="h5" component="h1">
          {translate('layout.api_down.title')}
        </Typography>
        <Typography>
          {health.reason === 'server'
            ? translate('layout.api_down.server', { status: health.status ?? 500 })
            : translate('layout.api_down.network')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('layout.api_down.auto', { seconds: API_RETRY_MS / 1000 })}{' '}
          <span aria-live="off">
            {checking
              ? translate('layout.api_down.checking')
              : translate('layout.api_down.next', { seconds })}
          </span>
        </Typography>
        <Box>
          <Button
            variant="contained"
            startIcon={checking ? <CircularProgress size={18} color="inherit" /> : <RefreshIcon />}
            disabled={checking}
            onClick={() => void retry()}
          >
            {translate('layout.api_down.retry')}
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}

/** Shows the outage page instead of `children` while the API is down; refreshes everything after. */
export function ApiStatusGate({ children }: { children: ReactNode }) {
  const health = useApiHealth();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const wasDown = useRef(false);
  const down = health.state === 'down';

  useEffect(() => {
    if (down) {
      wasDown.current = true;
    } else if (wasDown.current) {
      wasDown.current = false;
      void queryClient.invalidateQueries();
      notify('layout.api_down.back', { type: 'success' });
    }
  }, [down, queryClient, notify]);

  const onRetry = useCallback(() => probeApi(), []);

  return (
    <>
      {down && <ApiOutagePage health={health} onRetry={onRetry} />}
      <div style={{ display: down ? 'none' : 'contents' }} inert={down}>
        {children}
      </div>
    </>
  );
}

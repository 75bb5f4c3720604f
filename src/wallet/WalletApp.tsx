// The demo wallet (wallet.html): act as one of the platform's customers — 我的钱包 / 购买记录 →
// 申请退款 — pick a purchase, apply, watch the status and the messages and coins arrive through the
// desk's webhooks, answer an information request, resubmit, complain, rate the decision. Plain
// Material UI, its own small catalogue (messages.ts) in both languages; it talks only to its
// backend (walletApi.ts).
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  AppBar,
  Autocomplete,
  Box,
  Button,
  Card,
  CardContent,
  Container,
  CssBaseline,
  Grid,
  List,
  ListItem,
  ListItemText,
  Snackbar,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Toolbar,
  Typography,
} from '@mui/material';
import type { Locale } from '../domain/model';
import { walletTranslator } from './translate';
import { walletApi } from './walletApi';
import { ApplyDialog, ComplainDialog, ReplyDialog, ResubmitDialog, type DialogSubmit } from './WalletDialogs';
import { formatFen, formatWhen, initialLocale } from './walletFormat';
import { RequestCard } from './RequestCard';
import type { PlatformRefundView, WalletCustomer, WalletCustomerAnswer } from './walletTypes';

type OpenDialog =
  | { kind: 'apply'; orderNumber: string }
  | { kind: 'reply' | 'resubmit' | 'complain'; request: PlatformRefundView }
  | null;

const POLL_MS = 3_000;
/** an order whose coins were refunded cannot be refunded again (the desk would refuse) */
const REFUNDED: readonly string[] = ['approved', 'partially_approved', 'refunded'];

export function WalletApp() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t = useMemo(() => walletTranslator(locale), [locale]);
  const api = useMemo(() => walletApi(locale), [locale]);
  const [search, setSearch] = useState('');
  const [customers, setCustomers] = useState<WalletCustomer[]>([]);
  const [picked, setPicked] = useState<WalletCustomer | null>(null);
  const [data, setData] = useState<WalletCustomerAnswer | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('title');
    localStorage.setItem('wallet.locale', locale);
  }, [locale, t]);

  useEffect(() => {
    const timer = setTimeout(() => {
      api.customers(search).then(setCustomers, () => setFailure(t('errors.unreachable')));
    }, 250);
    return () => clearTimeout(timer);
  }, [api, search, t]);

  const load = useCallback(() => {
    if (!picked) return;
    api.customer(picked.id).then(
      (answer) => {
        setData(answer);
        setFailure(null);
      },
      () => setFailure(t('errors.unreachable')),
    );
  }, [api, picked, t]);

  useEffect(() => {
    setData(null);
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const done = (message?: string) => {
    if (message) setNotice(message);
    load();
  };
  const submitFor = (open: NonNullable<OpenDialog>): DialogSubmit => {
    if (open.kind === 'apply') {
      return async (body) => {
        await api.apply(picked!.id, body);
        done(t('apply.sent'));
      };
    }
    const id = open.request.id;
    if (open.kind === 'reply') return async (body) => void (await api.reply(id, body), done());
    if (open.kind === 'resubmit')
      return async (body) => void (await api.resubmit(id, body), done(t('apply.sent')));
    return async (body) => void (await api.complain(id, body), done(t('complain.sent')));
  };

  return (
    <>
      <CssBaseline />
      <AppBar position="static">
        <Toolbar sx={{ gap: 2, flexWrap: 'wrap' }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="h6" component="h1">
              {t('title')}
            </Typography>
            <Typography variant="caption">{t('subtitle')}</Typography>
          </Box>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={locale}
            aria-label={t('language')}
            onChange={(_e, value: Locale | null) => value && setLocale(value)}
            sx={{ bgcolor: 'background.paper' }}
          >
            <ToggleButton value="zh-CN" lang="zh-CN">
              中文
            </ToggleButton>
            <ToggleButton value="en" lang="en">
              English
            </ToggleButton>
          </ToggleButtonGroup>
        </Toolbar>
      </AppBar>
      <Container maxWidth="lg" sx={{ py: 3 }}>
        <Autocomplete
          options={customers}
          value={picked}
          onChange={(_e, value) => setPicked(value)}
          onInputChange={(_e, value, reason) => reason === 'input' && setSearch(value)}
          getOptionLabel={(c) => `${c.name} (${c.id})`}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          filterOptions={(x) => x}
          renderInput={(params) => (
            <TextField {...params} label={t('customer.pick')} placeholder={t('customer.search')} />
          )}
          sx={{ mb: 2, maxWidth: 480 }}
        />
        {failure && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {failure}
          </Alert>
        )}
        {data && !data.connected && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('connection.missing')}
          </Alert>
        )}
        {!picked && <Typography color="text.secondary">{t('customer.none')}</Typography>}
        {picked && data && (
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 5 }}>
              <Stack spacing={2}>
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="h6" component="h2">
                      {t('balance.title')}
                    </Typography>
                    <Typography
                      variant="h4"
                      data-testid="wallet-available"
                      data-coins={data.balance.available}
                    >
                      {t('balance.coins', { coins: data.balance.available })}
                    </Typography>
                    <Typography variant="body2" data-testid="wallet-held" data-coins={data.balance.held}>
                      {t('balance.held', { coins: data.balance.held })}
                    </Typography>
                    <Typography
                      variant="body2"
                      data-testid="wallet-revoked"
                      data-coins={data.balance.revoked}
                    >
                      {t('balance.revoked', { coins: data.balance.revoked })}
                    </Typography>
                    <Typography variant="caption" color="text.secondary">
                      {t('customer.account', { status: t(`accountStatus.${data.customer.accountStatus}`) })}
                    </Typography>
                  </CardContent>
                </Card>
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="h6" component="h2">
                      {t('purchases.title')}
                    </Typography>
                    {data.purchases.length === 0 && <Typography>{t('purchases.empty')}</Typography>}
                    <List dense>
                      {data.purchases.map((p) => (
                        <ListItem
                          key={p.id}
                          divider
                          sx={{ display: 'block', px: 0 }}
                          data-testid={`wallet-purchase-${p.orderNumber}`}
                        >
                          <ListItemText
                            primary={t('purchases.order', { orderNumber: p.orderNumber })}
                            secondary={[
                              t('purchases.detail', {
                                coins: p.coins,
                                paid: formatFen(p.paidFen, locale),
                                channel: t(`channel.${p.paymentChannel}`),
                                when: formatWhen(p.purchasedAt, locale),
                              }),
                              t('purchases.spent', { spent: p.coinsSpent, coins: p.coins }),
                              ...p.requests
                                .slice(0, 1)
                                .map((r) => t('purchases.earlier', { status: t(`status.${r.status}`) })),
                            ].join(' · ')}
                          />
                          <Button
                            size="small"
                            variant="outlined"
                            disabled={p.requests.some((r) => REFUNDED.includes(r.status))}
                            onClick={() => setDialog({ kind: 'apply', orderNumber: p.orderNumber })}
                          >
                            {t('purchases.apply')}
                          </Button>
                        </ListItem>
                      ))}
                    </List>
                  </CardContent>
                </Card>
              </Stack>
            </Grid>
            <Grid size={{ xs: 12, md: 7 }}>
              <Stack spacing={2}>
                <Typography variant="h6" component="h2">
                  {t('requests.title')}
                </Typography>
                {data.requests.length === 0 && (
                  <Typography color="text.secondary">{t('requests.empty')}</Typography>
                )}
                {data.requests.map((r) => (
                  <RequestCard
                    key={r.id}
                    t={t}
                    locale={locale}
                    request={r}
                    actions={{
                      refresh: () =>
                        void api.refresh(r.id).then(
                          () => load(),
                          () => load(),
                        ),
                      reply: () => setDialog({ kind: 'reply', request: r }),
                      resubmit: () => setDialog({ kind: 'resubmit', request: r }),
                      complain: () => setDialog({ kind: 'complain', request: r }),
                      rate: async (body) => {
                        await api.rate(r.id, body);
                        done(t('rating.thanks'));
                      },
                    }}
                  />
                ))}
                <Card variant="outlined">
                  <CardContent>
                    <Typography variant="h6" component="h2">
                      {t('inbox.title')}
                    </Typography>
                    {data.inbox.length === 0 && (
                      <Typography color="text.secondary">{t('inbox.empty')}</Typography>
                    )}
                    <List dense>
                      {data.inbox.map((e) => (
                        <ListItem key={e.eventId} data-testid="wallet-inbox-entry" data-event={e.type}>
                          <ListItemText
                            primary={t('inbox.entry', {
                              event:
                                t(`event.${e.type}`) === `event.${e.type}`
                                  ? t('event.other')
                                  : t(`event.${e.type}`),
                              id: e.refundId ?? '',
                            })}
                            secondary={formatWhen(e.at, locale)}
                          />
                        </ListItem>
                      ))}
                    </List>
                  </CardContent>
                </Card>
              </Stack>
            </Grid>
          </Grid>
        )}
      </Container>
      {dialog?.kind === 'apply' && (
        <ApplyDialog
          t={t}
          orderNumber={dialog.orderNumber}
          onClose={() => setDialog(null)}
          onSubmit={submitFor(dialog)}
        />
      )}
      {dialog?.kind === 'reply' && (
        <ReplyDialog
          t={t}
          missing={dialog.request.missingItems}
          onClose={() => setDialog(null)}
          onSubmit={submitFor(dialog)}
        />
      )}
      {dialog?.kind === 'resubmit' && (
        <ResubmitDialog
          t={t}
          provided={dialog.request.providedItems}
          onClose={() => setDialog(null)}
          onSubmit={submitFor(dialog)}
        />
      )}
      {dialog?.kind === 'complain' && (
        <ComplainDialog
          t={t}
          refundId={dialog.request.id}
          onClose={() => setDialog(null)}
          onSubmit={submitFor(dialog)}
        />
      )}
      <Snackbar
        open={notice !== null}
        autoHideDuration={4000}
        onClose={() => setNotice(null)}
        message={notice ?? ''}
      />
    </>
  );
}

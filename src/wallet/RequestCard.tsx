// One of the customer's refund requests as the wallet shows it: status, what is missing, the
// decision and payout, the coin hold, the messages the desk sent, what the customer can do now, and
// once it is decided, their rating of it (asked for until they give it).
import { Box, Button, Card, CardActions, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import type { Locale } from '../domain/model';
import { RatingPrompt } from './RatingPrompt';
import type { WalletTranslate } from './translate';
import { formatFen, formatWhen } from './walletFormat';
import type { PlatformRefundView } from './walletTypes';

const STATUS_COLOR = {
  received: 'info',
  in_review: 'info',
  awaiting_info: 'warning',
  approved: 'success',
  partially_approved: 'success',
  rejected: 'error',
  refunded: 'success',
} as const;

export interface RequestActions {
  refresh(): void;
  reply(): void;
  resubmit(): void;
  complain(): void;
  rate(body: { score: number; comment?: string }): Promise<void>;
}

export function RequestCard(props: {
  t: WalletTranslate;
  locale: Locale;
  request: PlatformRefundView;
  actions: RequestActions;
}) {
  const { t, locale, request: r, actions } = props;
  const when = (iso: string) => formatWhen(iso, locale);
  const lines: string[] = [t('requests.submitted', { when: when(r.submittedAt) })];
  if (r.expectedDecisionAt) lines.push(t('requests.expected', { when: when(r.expectedDecisionAt) }));
  if (r.missingItems.length > 0) {
    lines.push(
      t('requests.missing', {
        items: r.missingItems.map((i) => t(`item.${i}`)).join(locale === 'en' ? ', ' : '、'),
      }),
    );
  }
  if (r.approvedFen !== null && r.status !== 'rejected') {
    lines.push(t('requests.approved', { amount: formatFen(r.approvedFen, locale) }));
  }
  if (r.expectedArrivalAt && !r.refundedAt) {
    lines.push(
      t('requests.arrival', { when: when(r.expectedArrivalAt), channel: t(`channel.${r.paymentChannel}`) }),
    );
  }
  if (r.refundedAt) lines.push(t('requests.refunded', { when: when(r.refundedAt) }));
  if (r.rejectionReason) lines.push(t('requests.rejection', { reason: t(`rejection.${r.rejectionReason}`) }));
  if (r.resubmissionOf) lines.push(t('requests.resubmissionOf', { id: r.resubmissionOf }));
  if (r.coinHold) {
    const coins =
      r.coinHold.status === 'revoked' ? (r.coinHold.revokedCoins ?? r.coinHold.coins) : r.coinHold.coins;
    lines.push(t('requests.coinHold', { status: t(`coinHold.${r.coinHold.status}`), coins }));
  }
  const decided =
    r.status === 'rejected' ||
    r.status === 'partially_approved' ||
    r.status === 'approved' ||
    r.status === 'refunded';
  return (
    <Card variant="outlined" data-testid={`wallet-request-${r.id}`}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" component="h3">
            {t('requests.heading', { id: r.id, orderNumber: r.orderNumber })}
          </Typography>
          <Chip
            size="small"
            color={STATUS_COLOR[r.status]}
            label={t(`status.${r.status}`)}
            data-testid="wallet-request-status"
            data-status={r.status}
          />
        </Stack>
        {lines.map((line) => (
          <Typography key={line} variant="body2" color="text.secondary">
            {line}
          </Typography>
        ))}
        <Divider sx={{ my: 1 }} />
        <Typography variant="subtitle2">{t('requests.messages')}</Typography>
        {r.messages.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('requests.noMessages')}
          </Typography>
        ) : (
          r.messages.map((m) => (
            <Box key={`${m.at}-${m.action}`} sx={{ my: 0.5 }} data-testid="wallet-request-message">
              <Typography variant="caption" color="text.secondary">
                {when(m.at)}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {m.text}
              </Typography>
            </Box>
          ))
        )}
        {decided &&
          (r.rating ? (
            <Typography
              variant="body2"
              sx={{ mt: 1 }}
              data-testid="wallet-rating-given"
              data-score={r.rating.score}
            >
              {t('rating.given', { score: r.rating.score })}
            </Typography>
          ) : (
            <RatingPrompt t={t} onSubmit={actions.rate} />
          ))}
      </CardContent>
      <CardActions>
        <Button size="small" onClick={actions.refresh}>
          {t('requests.refresh')}
        </Button>
        {r.status === 'awaiting_info' && (
          <Button size="small" variant="contained" onClick={actions.reply}>
            {t('requests.reply')}
          </Button>
        )}
        {r.status === 'rejected' && (
          <Button size="small" onClick={actions.resubmit}>
            {t('requests.resubmit')}
          </Button>
        )}
        {decided && (
          <Button size="small" onClick={actions.complain}>
            {t('requests.complain')}
          </Button>
        )}
      </CardActions>
    </Card>
  );
}

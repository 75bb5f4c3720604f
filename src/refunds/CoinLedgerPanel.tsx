// For the refund request page: the coins held for the request (its coinHold, coinHold.ts) and the
// ledger lines that held, released and revoked them (GET /api/coin-movements, oldest first), with
// who moved them, when and why. Read-only: the ledger is written with the request's own changes.
import { Chip, Stack, Typography } from '@mui/material';
import { DataTable, ReferenceManyField, useRecordContext, useTranslate } from 'react-admin';
import type { CoinMovement, RefundRequest } from '../domain/model';
import { DateTimeField, useLocale } from '../i18n/fields';
import { useStaffDirectory } from '../workflow/staff';

const Column = DataTable.Col<CoinMovement>;

function HoldSummary() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const locale = useLocale();
  const hold = record?.coinHold;
  if (!hold) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="coin-hold-none">
        {translate('coins.panel.no_hold')}
      </Typography>
    );
  }
  const count = (n: number) => n.toLocaleString(locale);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
      <Chip
        size="small"
        color={hold.status === 'held' ? 'warning' : hold.status === 'revoked' ? 'default' : 'success'}
        label={translate(`coins.hold_status.${hold.status}`)}
        data-testid="coin-hold-status"
      />
      <Typography variant="body2" data-testid="coin-hold-summary">
        {hold.revokedCoins !== undefined
          ? translate('coins.panel.partly_revoked', {
              coins: count(hold.coins),
              revoked: count(hold.revokedCoins),
              released: count(hold.coins - hold.revokedCoins),
            })
          : translate('coins.panel.coins', { coins: count(hold.coins) })}
      </Typography>
    </Stack>
  );
}

function KindField() {
  const movement = useRecordContext<CoinMovement>();
  const translate = useTranslate();
  return movement ? <>{translate(`coins.kind.${movement.kind}`)}</> : null;
}

function CoinsField() {
  const movement = useRecordContext<CoinMovement>();
  const locale = useLocale();
  if (!movement) return null;
  const sign = movement.kind === 'held' ? '' : movement.kind === 'revoked' ? '−' : '+';
  return <>{`${sign}${movement.coins.toLocaleString(locale)}`}</>;
}

function ReasonField() {
  const movement = useRecordContext<CoinMovement>();
  const translate = useTranslate();
  return movement ? <>{translate(`coins.reason.${movement.reason}`)}</> : null;
}

function ActorField() {
  const movement = useRecordContext<CoinMovement>();
  const translate = useTranslate();
  const { nameOf } = useStaffDirectory();
  if (!movement) return null;
  return <>{nameOf(movement.actorId) ?? translate('coins.panel.system')}</>;
}

/** The coins panel of the request in context. Embed it inside the refund <Show>. */
export function CoinLedgerPanel() {
  const translate = useTranslate();
  return (
    <Stack spacing={1}>
      <HoldSummary />
      <ReferenceManyField<RefundRequest, CoinMovement>
        reference="coin-movements"
        target="refundId"
        sort={{ field: 'at', order: 'ASC' }}
        perPage={50}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('coins.panel.empty')}
          </Typography>
        }
      >
        <DataTable<CoinMovement> bulkActionButtons={false} rowClick={false} data-testid="coin-ledger">
          <Column source="at" label="coins.columns.at">
            <DateTimeField source="at" />
          </Column>
          <Column source="kind" label="coins.columns.kind">
            <KindField />
          </Column>
          <Column source="coins" label="coins.columns.coins" align="right">
            <CoinsField />
          </Column>
          <Column source="reason" label="coins.columns.reason">
            <ReasonField />
          </Column>
          <Column source="actorId" label="coins.columns.actor">
            <ActorField />
          </Column>
        </DataTable>
      </ReferenceManyField>
    </Stack>
  );
}

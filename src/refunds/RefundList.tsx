// The reviewer's queue: every open request, most urgent SLA first, 25 a page. Queue tabs with
// counts above it, filters in the bar and the sidebar (with saved queries), CSV export, a row per
// request coloured by status, bulk actions, and the keyboard: j/k move, Enter opens, n claims next.
import NextIcon from '@mui/icons-material/SkipNext';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import {
  ColumnsButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  ListClasses,
  ReferenceField,
  SelectField,
  TextField,
  TopToolbar,
  useCreatePath,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { OPEN_REFUND_STATUSES, type RefundRequest } from '../domain/model';
import { RelativeTimeField, useLocale } from '../i18n/fields';
import { formatFen, formatInteger } from '../i18n/format';
import { paymentChannelChoices, reasonChoices, STATUS_COLORS } from './choices';
import { refundExporter } from './exporter';
import { PolicyFlagsField } from './PolicyFlagIcons';
import { RefundFilterSidebar, refundFilters } from './RefundFilters';
import { SlaCountdownField } from './SlaCountdown';
import { RefundBulkActions } from './review/BulkActions';
import { useActor } from './review/hooks';
import { useQueue } from './review/queue';
import { QueueTabs } from './review/QueueTabs';
import { useKeyboardShortcuts } from './review/shortcuts';
import { RefundStatusField } from './StatusChip';
import { OverturnedField } from '../complaints/ComplaintFields';

const Column = DataTable.Col<RefundRequest>;

export function AmountCell() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', whiteSpace: 'nowrap' }}>
      <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatFen(record.paidFen, locale)}
      </Typography>
      <Typography component="span" variant="caption" color="text.secondary">
        {translate('refunds.list.refundable', { amount: formatFen(record.refundableFen, locale) })}
      </Typography>
    </Box>
  );
}

export function CoinsCell() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!record) return null;
  const params = {
    spent: formatInteger(record.coinsSpent, locale),
    total: formatInteger(record.coins, locale),
  };
  return (
    <Typography
      component="span"
      variant="body2"
      title={translate('refunds.list.coins_title', params)}
      sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
    >
      {translate('refunds.list.coins', params)}
    </Typography>
  );
}

/** A bar in the status colour at the start of each row (palette paths, resolved by sx). */
export const refundRowSx = (record: RefundRequest) => {
  const color = STATUS_COLORS[record.status];
  return {
    '& > td:first-of-type': {
      borderLeft: '4px solid',
      borderLeftColor: color === 'default' ? 'grey.400' : `${color}.main`,
    },
  };
};

/** "Claim next" (shortcut n) for those who may: the most urgent unassigned request opens, claimed. */
function ClaimNextButton() {
  const translate = useTranslate();
  const queue = useQueue();
  useKeyboardShortcuts({ n: () => void queue.claimNext() }, queue.mayClaimNext && !queue.busy);
  if (!queue.mayClaimNext) return null;
  return (
    <Tooltip title={translate('shortcuts.hint', { key: 'N' })}>
      <span>
        <Button
          size="small"
          variant="contained"
          startIcon={<NextIcon />}
          disabled={queue.busy}
          aria-keyshortcuts="n"
          onClick={() => void queue.claimNext()}
          data-testid="claim-next"
        >
          {translate('refunds.review.actions.claim_next')}
        </Button>
      </span>
    </Tooltip>
  );
}

function RefundListActions() {
  return (
    <TopToolbar>
      <ClaimNextButton />
      <FilterButton />
      <ColumnsButton />
      <ExportButton maxResults={1000} />
    </TopToolbar>
  );
}

/** The row the keyboard cursor is on: outlined, so j/k show where Enter will go. */
const cursorSx = {
  outline: '2px solid',
  outlineColor: 'primary.main',
  outlineOffset: -2,
};

export function RefundTable({
  cursor = -1,
  bulkActionButtons = false,
}: {
  /** index of the row the keyboard cursor is on (-1: none) */
  cursor?: number;
  bulkActionButtons?: ReactNode | false;
}) {
  return (
    <DataTable<RefundRequest>
      rowClick="show"
      rowSx={(record, index) =>
        index === cursor ? { ...refundRowSx(record), ...cursorSx } : refundRowSx(record)
      }
      bulkActionButtons={bulkActionButtons}
      sx={{
        '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
        '& .MuiTableCell-root': { px: 1 },
        '& .MuiTableCell-root:first-of-type': { pl: 2 },
      }}
    >
      <Column source="orderNumber" />
      {/* what a reviewer scans first stays in view on a laptop or a tablet */}
      <Column source="slaDueAt">
        <SlaCountdownField />
      </Column>
      <Column source="status">
        <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
          <RefundStatusField />
          <OverturnedField />
        </Box>
      </Column>
      <Column source="customerName" field={TextField} />
      <Column source="paidFen" align="right">
        <AmountCell />
      </Column>
      <Column source="coins" align="right">
        <CoinsCell />
      </Column>
      <Column source="reasonCategory">
        <SelectField source="reasonCategory" choices={reasonChoices} />
      </Column>
      <Column source="paymentChannel">
        <SelectField source="paymentChannel" choices={paymentChannelChoices} />
      </Column>
      <Column source="submittedAt">
        <RelativeTimeField source="submittedAt" />
      </Column>
      <Column source="assigneeId">
        <ReferenceField source="assigneeId" reference="users" link={false} emptyText="common.unassigned" />
      </Column>
      <Column label="resources.refunds.fields.flags" disableSort>
        <PolicyFlagsField />
      </Column>
    </DataTable>
  );
}

export function RefundList() {
  return (
    <List
      sort={{ field: 'slaDueAt', order: 'ASC' }}
      perPage={25}
      filters={refundFilters}
      filterDefaultValues={{ status: [...OPEN_REFUND_STATUSES] }}
      aside={<RefundFilterSidebar />}
      actions={<RefundListActions />}
      exporter={refundExporter}
      sx={{ [`& .${ListClasses.main}`]: { minWidth: 0 } }}
    >
      <QueueTabs />
      <KeyboardRefundTable />
    </List>
  );
}

/** The table with the keyboard cursor (j next, k previous, Enter opens) and the role's bulk actions. */
function KeyboardRefundTable() {
  const { data } = useListContext<RefundRequest>();
  const { actor } = useActor();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [cursor, setCursor] = useState(-1);
  const rows = data ?? [];
  const at = Math.min(cursor, rows.length - 1);
  useKeyboardShortcuts({
    j: () => setCursor(Math.min(at + 1, rows.length - 1)),
    k: () => setCursor(Math.max(at - 1, 0)),
    Enter: () => {
      const record = rows[at];
      if (record) navigate(createPath({ resource: 'refunds', type: 'show', id: record.id }));
    },
  });
  const decides = actor?.role === 'reviewer' || actor?.role === 'supervisor';
  return <RefundTable cursor={at} bulkActionButtons={decides ? <RefundBulkActions /> : false} />;
}

// The reviewer's queue: every open request, most urgent SLA first, 25 a page. Filters in the bar
// and the sidebar (with saved queries), CSV export, a row per request coloured by status.
import { Box, Typography } from '@mui/material';
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
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { OPEN_REFUND_STATUSES, type RefundRequest } from '../domain/model';
import { RelativeTimeField, useLocale } from '../i18n/fields';
import { formatFen, formatInteger } from '../i18n/format';
import { paymentChannelChoices, reasonChoices, STATUS_COLORS } from './choices';
import { refundExporter } from './exporter';
import { PolicyFlagsField } from './PolicyFlagIcons';
import { RefundFilterSidebar, refundFilters } from './RefundFilters';
import { SlaCountdownField } from './SlaCountdown';
import { RefundStatusField } from './StatusChip';

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

function RefundListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <ColumnsButton />
      <ExportButton maxResults={1000} />
    </TopToolbar>
  );
}

export function RefundTable() {
  return (
    <DataTable<RefundRequest>
      rowClick="show"
      rowSx={refundRowSx}
      bulkActionButtons={false}
      sx={{
        '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
        '& .MuiTableCell-root': { px: 1 },
        '& .MuiTableCell-root:first-of-type': { pl: 2 },
      }}
    >
      <Column source="orderNumber" />
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
      <Column source="slaDueAt">
        <SlaCountdownField />
      </Column>
      <Column source="status">
        <RefundStatusField />
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
      <RefundTable />
    </List>
  );
}

// The reviewer's queue: every open request, most urgent SLA first, 25 a page. Queue tabs with
// counts above it, filters in the bar and the sidebar (with saved queries), CSV export, a row per
// request coloured by status, bulk actions, and the keyboard: j/k move, Enter opens, n claims next.
import { createContext, Fragment, useContext, useState, type ReactNode } from 'react';
import {
  DataTable,
  List,
  ListClasses,
  useCreatePath,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { RefundRequest } from '../domain/model';
import { RelativeTime, useLocale } from '../i18n/fields';
import { formatFen, formatInteger } from '../i18n/format';
import { STATUS_COLORS } from './choices';
import { PolicyFlagsField } from './PolicyFlagIcons';
import { QUEUE_PER_PAGE, QUEUE_SORT, queueDefaultFilter } from './queueDefaults';
import {
  FilterSidebarPlaceholder,
  ListActionsPlaceholder,
  LoadControlsAfterRows,
  QueueTabsPlaceholder,
  loadedQueueControls,
  type QueueControls,
} from './AfterRows';
import { refundFilters } from './RefundFilters';
import { SlaCountdownField } from './SlaCountdown';
import { ExpectedDecisionField, ExpectedDecisionsProvider } from './ExpectedDecision';
import { useWhoAmI as useActor } from '../workflow/identity';
import { useStaffDirectory } from '../workflow/staff';
import { useKeyboardShortcuts } from './review/shortcuts';
import { RefundStatusField } from './StatusChip';
import { OverturnedField } from '../complaints/ComplaintFields';
import { CustomerTextField } from '../layout/CustomerText';

const Column = DataTable.Col<RefundRequest>;

/**
 * The table's own cells are plain elements styled once by the table (REFUND_CELLS_SX), not a
 * Material UI component with its own `sx` in each of 25–100 rows.
 */
export function AmountCell() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!record) return null;
  return (
    <span className="refund-amount">
      <span className="refund-number">{formatFen(record.paidFen, locale)}</span>
      <span className="refund-caption">
        {translate('refunds.list.refundable', { amount: formatFen(record.refundableFen, locale) })}
      </span>
    </span>
  );
}

/** A choice's translated name (reason, payment channel): `prefix.value`, as choicesFor names them. */
function ChoiceText({ source, prefix }: { source: 'reasonCategory' | 'paymentChannel'; prefix: string }) {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  return record ? <>{translate(`${prefix}.${record[source]}`)}</> : null;
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
    <span className="refund-number refund-nowrap" title={translate('refunds.list.coins_title', params)}>
      {translate('refunds.list.coins', params)}
    </span>
  );
}

/**
 * A bar in the status colour at the start of each row, chosen by the status chip the row holds:
 * one rule per colour in the table's styles instead of an `sx` (and an Emotion class) per row.
 */
const STATUS_BAR_SX = Object.fromEntries(
  [...new Set(Object.values(STATUS_COLORS))].map((color) => [
    `& .RaDataTable-row:has(.rd-chip[data-status][data-color="${color}"]) > td:first-of-type`,
    {
      borderLeft: '4px solid',
      borderLeftColor: color === 'default' ? 'grey.400' : `${color}.main`,
    },
  ]),
);

/** Staff names by id for the table's assignee column: one list of the users for the whole page. */
const StaffNames = createContext<{
  nameOf: (id: string | null | undefined) => string | null;
  isPending: boolean;
}>({
  nameOf: () => null,
  isPending: true,
});

/** The assignee's name (a ReferenceField per row would run its own machinery 25–100 times a page). */
function AssigneeField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const { nameOf, isPending } = useContext(StaffNames);
  if (!record) return null;
  if (!record.assigneeId) return <span className="refund-secondary">{translate('common.unassigned')}</span>;
  return isPending ? null : <>{nameOf(record.assigneeId)}</>;
}

/** The styles of the plain cells above, for the `sx` of any table that shows them. */
export const REFUND_CELLS_SX = {
  '& .refund-amount': {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-end',
    whiteSpace: 'nowrap',
  },
  '& .refund-number': { fontVariantNumeric: 'tabular-nums' },
  '& .refund-nowrap': { whiteSpace: 'nowrap' },
  '& .refund-caption': { typography: 'caption', color: 'text.secondary' },
  '& .refund-secondary': { color: 'text.secondary' },
  '& .refund-status': { display: 'flex', gap: 0.5, alignItems: 'center', flexWrap: 'wrap' },
  '& .refund-due': { display: 'flex', flexDirection: 'column' },
} as const;

/** The queue table's layout and its cells' styles, in one place. */
const TABLE_SX = {
  '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
  '& .MuiTableCell-root': { px: 1 },
  '& .MuiTableCell-root:first-of-type': { pl: 2 },
  ...REFUND_CELLS_SX,
  ...STATUS_BAR_SX,
} as const;

/** The row the keyboard cursor is on: outlined, so j/k show where Enter will go. */
const cursorSx = {
  outline: '2px solid',
  outlineColor: 'primary.main',
  outlineOffset: -2,
};

const NO_ROWS: RefundRequest[] = [];

/** Every other row: one shared object, so its styles are resolved once. */
const PLAIN_ROW_SX = {};

export function RefundTable({
  cursor = -1,
  bulkActionButtons = false,
}: {
  /** index of the row the keyboard cursor is on (-1: none) */
  cursor?: number;
  bulkActionButtons?: ReactNode | false;
}) {
  const staff = useStaffDirectory();
  const { data } = useListContext<RefundRequest>();
  return (
    <StaffNames.Provider value={staff}>
      <ExpectedDecisionsProvider rows={data ?? NO_ROWS}>
        <DataTable<RefundRequest>
          rowClick="show"
          rowSx={(_record, index) => (index === cursor ? cursorSx : PLAIN_ROW_SX)}
          bulkActionButtons={bulkActionButtons}
          sx={TABLE_SX}
        >
          <Column source="orderNumber" />
          {/* what a reviewer scans first stays in view on a laptop or a tablet */}
          <Column source="slaDueAt">
            <span className="refund-due">
              <SlaCountdownField />
              <ExpectedDecisionField />
            </span>
          </Column>
          <Column source="status">
            <span className="refund-status">
              <RefundStatusField />
              <OverturnedField />
            </span>
          </Column>
          <Column source="customerName">
            <CustomerTextField source="customerName" />
          </Column>
          <Column source="paidFen" align="right">
            <AmountCell />
          </Column>
          <Column source="coins" align="right">
            <CoinsCell />
          </Column>
          <Column source="reasonCategory">
            <ChoiceText source="reasonCategory" prefix="refunds.reason" />
          </Column>
          <Column source="paymentChannel">
            <ChoiceText source="paymentChannel" prefix="refunds.paymentChannel" />
          </Column>
          <Column source="submittedAt">
            <RelativeTime source="submittedAt" />
          </Column>
          <Column source="assigneeId">
            <AssigneeField />
          </Column>
          <Column label="resources.refunds.fields.flags" disableSort>
            <PolicyFlagsField />
          </Column>
        </DataTable>
      </ExpectedDecisionsProvider>
    </StaffNames.Provider>
  );
}

export function RefundList() {
  // the controls around the rows load after the first rows are painted (AfterRows)
  const [controls, setControls] = useState(loadedQueueControls);
  return (
    <List
      sort={QUEUE_SORT}
      perPage={QUEUE_PER_PAGE}
      filters={refundFilters}
      filterDefaultValues={queueDefaultFilter()}
      aside={controls ? <controls.RefundFilterSidebar /> : <FilterSidebarPlaceholder />}
      actions={controls ? <controls.RefundListActions /> : <ListActionsPlaceholder />}
      exporter={controls?.refundExporter ?? false}
      sx={{ [`& .${ListClasses.main}`]: { minWidth: 0 } }}
    >
      {controls ? <controls.QueueTabs /> : <QueueTabsPlaceholder />}
      {!controls && <LoadControlsAfterRows onLoad={setControls} />}
      <KeyboardRefundTable controls={controls} />
    </List>
  );
}

/** The table with the keyboard cursor (j next, k previous, Enter opens) and the role's bulk actions. */
function KeyboardRefundTable({ controls }: { controls: QueueControls | null }) {
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
  // the selection checkboxes are there from the first rows; their buttons come with the controls
  const bulkActions = controls ? <controls.RefundBulkActions /> : <Fragment />;
  return <RefundTable cursor={at} bulkActionButtons={decides ? bulkActions : false} />;
}

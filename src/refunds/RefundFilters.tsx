// The refund queue's filters: the filter bar (every field the API can filter on) and the sidebar
// (saved queries and one-click filters for status, SLA and assignee).
import AssigneeIcon from '@mui/icons-material/AssignmentInd';
import TimerIcon from '@mui/icons-material/Timer';
import StatusIcon from '@mui/icons-material/Flag';
import { Card, CardContent } from '@mui/material';
import {
  BooleanInput,
  DateInput,
  FilterList,
  NumberInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  useTranslate,
  type SearchInputProps,
} from 'react-admin';
import { OPEN_REFUND_STATUSES, POLICY_FLAGS, REFUND_STATUSES, type RefundStatus } from '../domain/model';
// accessible versions of react-admin's (labelled remove buttons, valid list markup)
import { FILTER_SIDEBAR_SX } from '../layout/filterSidebar';
import { FilterListItem } from '../layout/FilterListItem';
import { SavedQueriesList } from '../layout/SavedQueriesList';
import { fenToYuanInput, yuanToFen } from '../i18n/format';
import { ME } from '../providers/dataProvider';
import {
  choicesFor,
  paymentChannelChoices,
  reasonChoices,
  slaFilterChoices,
  statusChoices,
  submissionChannelChoices,
} from './choices';

/** A date typed in a filter (YYYY-MM-DD, the viewer's day) as the instant its day starts. */
export function startOfLocalDay(value: string): string | null {
  if (!value) return null;
  const date = new Date(`${value}T00:00:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** ... and as the last millisecond of that day, so "until the 5th" includes the 5th. */
export function endOfLocalDay(value: string): string | null {
  if (!value) return null;
  const date = new Date(`${value}T23:59:59.999`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

const assigneeChoices = choicesFor([ME, 'unassigned'], 'refunds.filters.assignee');

const moneyInputProps = {
  parse: (value: number | string) => yuanToFen(value),
  format: (value: number | null | undefined) => fenToYuanInput(value),
  min: 0,
};

/** Full-text search, with a placeholder saying what it searches. */
function RefundSearchInput(props: SearchInputProps) {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('refunds.filters.search')} sx={{ minWidth: 280 }} />;
}

export const refundFilters = [
  <RefundSearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={statusChoices} />,
  <SelectInput key="reasonCategory" source="reasonCategory" choices={reasonChoices} />,
  <SelectInput key="paymentChannel" source="paymentChannel" choices={paymentChannelChoices} />,
  <SelectArrayInput key="submissionChannel" source="submissionChannel" choices={submissionChannelChoices} />,
  <SelectInput
    key="assigneeId"
    source="assigneeId"
    choices={assigneeChoices}
    emptyText="refunds.filters.assignee.anyone"
  />,
  <DateInput
    key="submittedAt_gte"
    source="submittedAt_gte"
    label="refunds.filters.submitted_from"
    parse={startOfLocalDay}
  />,
  <DateInput
    key="submittedAt_lte"
    source="submittedAt_lte"
    label="refunds.filters.submitted_to"
    parse={endOfLocalDay}
  />,
  <NumberInput
    key="refundableFen_gte"
    source="refundableFen_gte"
    label="refunds.filters.refundable_min"
    {...moneyInputProps}
  />,
  <NumberInput
    key="refundableFen_lte"
    source="refundableFen_lte"
    label="refunds.filters.refundable_max"
    {...moneyInputProps}
  />,
  <NumberInput
    key="paidFen_gte"
    source="paidFen_gte"
    label="refunds.filters.paid_min"
    {...moneyInputProps}
  />,
  <NumberInput
    key="paidFen_lte"
    source="paidFen_lte"
    label="refunds.filters.paid_max"
    {...moneyInputProps}
  />,
  <SelectInput key="slaState" source="slaState" choices={slaFilterChoices} />,
  ...POLICY_FLAGS.map((flag) => <BooleanInput key={flag} source={flag} defaultValue={true} />),
];

type Filters = Record<string, unknown>;

function statusesOf(filters: Filters): RefundStatus[] {
  const value = filters.status;
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((s): s is RefundStatus => (REFUND_STATUSES as readonly unknown[]).includes(s));
}

/** The status filter is any-of: each sidebar item adds or removes its status. */
export function isStatusSelected(value: { status: RefundStatus }, filters: Filters): boolean {
  return statusesOf(filters).includes(value.status);
}

export function toggleStatus(value: { status: RefundStatus }, filters: Filters): Filters {
  const current = statusesOf(filters);
  const next = current.includes(value.status)
    ? current.filter((s) => s !== value.status)
    : [...current, value.status];
  const { status: _previous, ...rest } = filters;
  return next.length > 0 ? { ...rest, status: next } : rest;
}

const sameStatuses = (a: readonly RefundStatus[], b: readonly RefundStatus[]) =>
  a.length === b.length && a.every((s) => b.includes(s));

const isOpenSelected = (_value: unknown, filters: Filters) =>
  sameStatuses(statusesOf(filters), OPEN_REFUND_STATUSES);

function toggleOpen(_value: unknown, filters: Filters): Filters {
  const { status: _previous, ...rest } = filters;
  return isOpenSelected(_value, filters) ? rest : { ...rest, status: [...OPEN_REFUND_STATUSES] };
}

export function RefundFilterSidebar() {
  return (
    <Card sx={FILTER_SIDEBAR_SX} data-testid="refund-filter-sidebar">
      <CardContent sx={{ pt: 1 }}>
        <SavedQueriesList />
        <FilterList label="refunds.filters.sidebar.status" icon={<StatusIcon />}>
          <FilterListItem
            label="refunds.filters.sidebar.open"
            value={{ status: [...OPEN_REFUND_STATUSES] }}
            isSelected={isOpenSelected}
            toggleFilter={toggleOpen}
          />
          {statusChoices.map((choice) => (
            <FilterListItem
              key={choice.id}
              label={choice.name}
              value={{ status: choice.id }}
              isSelected={isStatusSelected}
              toggleFilter={toggleStatus}
            />
          ))}
        </FilterList>
        <FilterList label="refunds.filters.sidebar.sla" icon={<TimerIcon />}>
          {slaFilterChoices.map((choice) => (
            <FilterListItem key={choice.id} label={choice.name} value={{ slaState: choice.id }} />
          ))}
        </FilterList>
        <FilterList label="refunds.filters.sidebar.assignee" icon={<AssigneeIcon />}>
          {assigneeChoices.map((choice) => (
            <FilterListItem key={choice.id} label={choice.name} value={{ assigneeId: choice.id }} />
          ))}
        </FilterList>
      </CardContent>
    </Card>
  );
}

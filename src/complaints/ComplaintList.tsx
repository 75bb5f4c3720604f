// The complaints queue: every complaint still being worked, soonest due first, with its due-time
// countdown, level, category, status, assignee and the decision it disputes. Filters for every
// field (and quick ones: mine, overdue, flagged, overturned decisions). Reviewers see the
// complaints about their own requests only (the API scopes the list); managers read.
import AssigneeIcon from '@mui/icons-material/AssignmentInd';
import StatusIcon from '@mui/icons-material/Flag';
import OutcomeIcon from '@mui/icons-material/Gavel';
import LevelIcon from '@mui/icons-material/MoveUp';
import { Card, CardContent } from '@mui/material';
import {
  BooleanInput,
  ColumnsButton,
  DataTable,
  ExportButton,
  FilterButton,
  FilterList,
  List,
  ListClasses,
  ReferenceField,
  SearchInput,
  SelectArrayInput,
  SelectField,
  SelectInput,
  TopToolbar,
  useGetList,
  useTranslate,
  type SearchInputProps,
} from 'react-admin';
import { ACTIVE_COMPLAINT_STATUSES } from '../domain/model';
import type { Complaint, StaffUser } from '../domain/model';
import { ListEmpty } from '../layout/EmptyState';
import { CustomerTextField } from '../layout/CustomerText';
import { complaintExporter } from './exporter';
import { FILTER_SIDEBAR_SX } from '../layout/filterSidebar';
import { FilterListItem } from '../layout/FilterListItem';
import { ME } from '../providers/dataProvider';
import {
  COMPLAINT_STATUS_COLORS,
  complaintCategoryChoices,
  complaintChannelChoices,
  complaintLevelChoices,
  complaintOutcomeChoices,
  complaintPriorityChoices,
  complaintStatusChoices,
} from './choices';
import {
  ComplaintDueField,
  ComplaintStatusField,
  LevelField,
  OriginalDecisionField,
  OutcomeField,
  PriorityField,
} from './ComplaintFields';

const Column = DataTable.Col<Complaint>;

/** Full-text search, with a placeholder saying what it searches. */
function ComplaintSearchInput(props: SearchInputProps) {
  const translate = useTranslate();
  return (
    <SearchInput {...props} placeholder={translate('complaints.filters.search')} sx={{ minWidth: 260 }} />
  );
}

/** Assignee: me, nobody, or one of the supervisors. */
function AssigneeFilterInput(props: { source: string; alwaysOn?: boolean }) {
  const translate = useTranslate();
  const { data } = useGetList<StaffUser>('users', {
    filter: { role: 'supervisor' },
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'fullName', order: 'ASC' },
  });
  const choices = [
    { id: ME, name: translate('complaints.filters.assignee.me') },
    { id: 'unassigned', name: translate('complaints.filters.assignee.unassigned') },
    ...(data ?? []).map((u) => ({ id: u.id, name: u.fullName })),
  ];
  return (
    <SelectInput
      {...props}
      label="resources.complaints.fields.assigneeId"
      choices={choices}
      translateChoice={false}
    />
  );
}

export const complaintFilters = [
  <ComplaintSearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={complaintStatusChoices} />,
  <SelectInput key="level" source="level" choices={complaintLevelChoices} />,
  <SelectArrayInput key="category" source="category" choices={complaintCategoryChoices} />,
  <SelectArrayInput key="channel" source="channel" choices={complaintChannelChoices} />,
  <SelectArrayInput key="priority" source="priority" choices={complaintPriorityChoices} />,
  <AssigneeFilterInput key="assigneeId" source="assigneeId" />,
  <BooleanInput key="overdue" source="overdue" label="complaints.filters.overdue" defaultValue={true} />,
  <BooleanInput
    key="overdueFlag"
    source="overdueFlag"
    label="complaints.filters.flagged"
    defaultValue={true}
  />,
  <SelectArrayInput
    key="outcome"
    source="outcome"
    label="resources.complaints.fields.outcome"
    choices={complaintOutcomeChoices}
  />,
];

type Filters = Record<string, unknown>;
const ACTIVE = [...ACTIVE_COMPLAINT_STATUSES];

function statusesOf(filters: Filters): string[] {
  const value = filters.status;
  return Array.isArray(value) ? (value as string[]) : value === undefined ? [] : [String(value)];
}
const isActiveSelected = (_value: unknown, filters: Filters) => {
  const current = statusesOf(filters);
  return current.length === ACTIVE.length && ACTIVE.every((s) => current.includes(s));
};
function toggleActive(value: unknown, filters: Filters): Filters {
  const { status: _previous, ...rest } = filters;
  return isActiveSelected(value, filters) ? rest : { ...rest, status: ACTIVE };
}
const isStatusSelected = (value: { status: string }, filters: Filters) => {
  const current = statusesOf(filters);
  return current.length === 1 && current[0] === value.status;
};
function toggleStatus(value: { status: string }, filters: Filters): Filters {
  const { status: _previous, ...rest } = filters;
  return isStatusSelected(value, filters) ? rest : { ...rest, status: [value.status] };
}
const OVERTURN_OUTCOMES = ['overturned', 'partially_overturned'];
const isOverturnedSelected = (_value: unknown, filters: Filters) =>
  Array.isArray(filters.outcome) && OVERTURN_OUTCOMES.every((o) => (filters.outcome as string[]).includes(o));
function toggleOverturned(value: unknown, filters: Filters): Filters {
  const { outcome: _previous, ...rest } = filters;
  return isOverturnedSelected(value, filters) ? rest : { ...rest, outcome: OVERTURN_OUTCOMES };
}

/** One-click filters: status, level, assignee, overdue and flagged, overturned decisions. */
export function ComplaintFilterSidebar() {
  return (
    <Card sx={FILTER_SIDEBAR_SX} data-testid="complaint-filter-sidebar">
      <CardContent sx={{ pt: 1 }}>
        <FilterList label="complaints.filters.sidebar.status" icon={<StatusIcon />}>
          <FilterListItem
            label="complaints.filters.active"
            value={{ status: ACTIVE }}
            isSelected={isActiveSelected}
            toggleFilter={toggleActive}
          />
          {complaintStatusChoices.map((choice) => (
            <FilterListItem
              key={choice.id}
              label={choice.name}
              value={{ status: choice.id }}
              isSelected={isStatusSelected}
              toggleFilter={toggleStatus}
            />
          ))}
        </FilterList>
        <FilterList label="complaints.filters.sidebar.level" icon={<LevelIcon />}>
          {complaintLevelChoices.map((choice) => (
            <FilterListItem key={choice.id} label={choice.name} value={{ level: choice.id }} />
          ))}
          <FilterListItem label="complaints.filters.overdue" value={{ overdue: true }} />
          <FilterListItem label="complaints.filters.flagged" value={{ overdueFlag: true }} />
        </FilterList>
        <FilterList label="complaints.filters.sidebar.assignee" icon={<AssigneeIcon />}>
          <FilterListItem label="complaints.filters.assignee.me" value={{ assigneeId: ME }} />
          <FilterListItem
            label="complaints.filters.assignee.unassigned"
            value={{ assigneeId: 'unassigned' }}
          />
        </FilterList>
        <FilterList label="complaints.filters.sidebar.outcome" icon={<OutcomeIcon />}>
          <FilterListItem
            label="complaints.filters.overturned"
            value={{ outcome: OVERTURN_OUTCOMES }}
            isSelected={isOverturnedSelected}
            toggleFilter={toggleOverturned}
          />
        </FilterList>
      </CardContent>
    </Card>
  );
}

/** A bar in the status colour at the start of each row. */
export const complaintRowSx = (record: Complaint) => {
  const color = COMPLAINT_STATUS_COLORS[record.status];
  return {
    '& > td:first-of-type': {
      borderLeft: '4px solid',
      borderLeftColor: color === 'default' ? 'grey.400' : `${color}.main`,
    },
  };
};

function ComplaintListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <ColumnsButton />
      <ExportButton maxResults={1000} />
    </TopToolbar>
  );
}

const complaintsEmpty = <ListEmpty title="complaints.empty.title" hint="complaints.empty.hint" />;

export function ComplaintTable() {
  return (
    <DataTable<Complaint>
      empty={complaintsEmpty}
      rowClick="show"
      rowSx={complaintRowSx}
      bulkActionButtons={false}
      sx={{
        '& .RaDataTable-tableWrapper': { overflowX: 'auto' },
        '& .MuiTableCell-root': { px: 1 },
        '& .MuiTableCell-root:first-of-type': { pl: 2 },
      }}
    >
      <Column source="id" />
      <Column source="orderNumber" />
      <Column source="customerName" field={CustomerTextField} />
      <Column source="dueAt">
        <ComplaintDueField />
      </Column>
      <Column source="level">
        <LevelField />
      </Column>
      <Column source="priority">
        <PriorityField />
      </Column>
      <Column source="category">
        <SelectField source="category" choices={complaintCategoryChoices} />
      </Column>
      <Column source="channel">
        <SelectField source="channel" choices={complaintChannelChoices} />
      </Column>
      <Column source="status">
        <ComplaintStatusField />
      </Column>
      <Column source="assigneeId">
        <ReferenceField source="assigneeId" reference="users" link={false} emptyText="common.unassigned" />
      </Column>
      <Column source="originalDecision" disableSort>
        <OriginalDecisionField />
      </Column>
      <Column source="outcome" disableSort>
        <OutcomeField />
      </Column>
    </DataTable>
  );
}

export function ComplaintList() {
  return (
    <List
      sort={{ field: 'dueAt', order: 'ASC' }}
      perPage={25}
      filters={complaintFilters}
      filterDefaultValues={{ status: [...ACTIVE_COMPLAINT_STATUSES] }}
      aside={<ComplaintFilterSidebar />}
      actions={<ComplaintListActions />}
      exporter={complaintExporter}
      empty={complaintsEmpty}
      sx={{ [`& .${ListClasses.main}`]: { minWidth: 0 } }}
    >
      <ComplaintTable />
    </List>
  );
}

// The period (presets or custom days), the granularity and the filters of the dashboard. Every change
// goes to the URL (see dashboardState.ts), which is the only state.
import {
  Box,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  type SelectChangeEvent,
} from '@mui/material';
import { useId } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { addDays, GRANULARITIES, type Granularity, type LocalDate } from '../domain/metrics';
import type { StaffUser } from '../domain/model';
import {
  FILTER_KEYS,
  FILTER_VALUES,
  formatLocalDate,
  parseLocalDate,
  periodDates,
  RANGE_PRESETS,
  type DashboardState,
  type FilterKey,
  type RangePreset,
} from './dashboardState';

const FILTER_LABEL_PREFIX: Record<FilterKey, string> = {
  reasonCategory: 'refunds.reason',
  paymentChannel: 'refunds.paymentChannel',
  submissionChannel: 'refunds.submissionChannel',
};

function FilterSelect({
  name,
  value,
  onChange,
}: {
  name: FilterKey;
  value: string[];
  onChange: (values: string[]) => void;
}) {
  const translate = useTranslate();
  const labelId = useId();
  const label = translate(`dashboard.controls.${name}`);
  return (
    <FormControl size="small" fullWidth={false} margin="none" sx={{ minWidth: 180, maxWidth: 260 }}>
      <InputLabel id={labelId} shrink>
        {label}
      </InputLabel>
      <Select<string[]>
        labelId={labelId}
        label={label}
        multiple
        value={value}
        onChange={(e: SelectChangeEvent<string[]>) => {
          const v = e.target.value;
          onChange(typeof v === 'string' ? v.split(',') : v);
        }}
        renderValue={(selected) =>
          selected.length === 0
            ? translate('dashboard.controls.all')
            : selected.map((s) => translate(`${FILTER_LABEL_PREFIX[name]}.${s}`)).join(', ')
        }
        displayEmpty
      >
        {FILTER_VALUES[name].map((v) => (
          <MenuItem key={v} value={v}>
            {translate(`${FILTER_LABEL_PREFIX[name]}.${v}`)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

function ReviewerSelect({ value, onChange }: { value?: string; onChange: (id?: string) => void }) {
  const translate = useTranslate();
  const labelId = useId();
  const { data } = useGetList<StaffUser>('users', {
    filter: { role: ['reviewer', 'supervisor'] },
    sort: { field: 'fullName', order: 'ASC' },
    pagination: { page: 1, perPage: 100 },
  });
  const label = translate('dashboard.controls.reviewer');
  return (
    <FormControl size="small" fullWidth={false} margin="none" sx={{ minWidth: 180 }}>
      <InputLabel id={labelId} shrink>
        {label}
      </InputLabel>
      <Select<string>
        labelId={labelId}
        label={label}
        value={value ?? ''}
        displayEmpty
        onChange={(e) => onChange(e.target.value || undefined)}
        renderValue={(v) =>
          v
            ? ((data ?? []).find((u) => u.id === v)?.fullName ?? v)
            : translate('dashboard.controls.allReviewers')
        }
      >
        <MenuItem value="">{translate('dashboard.controls.allReviewers')}</MenuItem>
        {(data ?? []).map((u) => (
          <MenuItem key={u.id} value={u.id}>
            {u.fullName}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

export function DashboardControls({
  state,
  today,
  onChange,
}: {
  state: DashboardState;
  today: LocalDate;
  onChange: (next: DashboardState) => void;
}) {
  const translate = useTranslate();
  const setRange = (range: RangePreset) => {
    if (range === 'custom') {
      // start the custom range from what is shown now
      const shown = periodDates(state, today);
      onChange({
        ...state,
        range,
        from: shown.from,
        to: formatLocalDate(addDays(parseLocalDate(shown.to)!, -1)),
      });
    } else {
      onChange({ ...state, range, from: undefined, to: undefined });
    }
  };
  const setDate = (which: 'from' | 'to', value: string) => {
    if (!parseLocalDate(value)) return;
    const next = { ...state, [which]: value };
    if (next.from && next.to && next.from > next.to) {
      if (which === 'from') next.to = value;
      else next.from = value;
    }
    onChange(next);
  };
  const hasFilters = FILTER_KEYS.some((k) => state.filters[k].length > 0) || Boolean(state.reviewerId);

  return (
    <Box
      component="form"
      role="search"
      aria-label={translate('dashboard.controls.label')}
      onSubmit={(e) => e.preventDefault()}
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}
    >
      <ToggleButtonGroup
        size="small"
        exclusive
        value={state.range}
        onChange={(_, next: RangePreset | null) => next && setRange(next)}
        aria-label={translate('dashboard.controls.range')}
      >
        {RANGE_PRESETS.map((preset) => (
          <ToggleButton key={preset} value={preset}>
            {translate(`dashboard.controls.presets.${preset}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {state.range === 'custom' && (
        <>
          <TextField
            size="small"
            type="date"
            label={translate('dashboard.controls.from')}
            value={state.from ?? ''}
            onChange={(e) => setDate('from', e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: formatLocalDate(today) } }}
          />
          <TextField
            size="small"
            type="date"
            label={translate('dashboard.controls.to')}
            value={state.to ?? ''}
            onChange={(e) => setDate('to', e.target.value)}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </>
      )}
      <ToggleButtonGroup
        size="small"
        exclusive
        value={state.granularity}
        onChange={(_, next: Granularity | null) => next && onChange({ ...state, granularity: next })}
        aria-label={translate('dashboard.controls.granularity')}
      >
        {GRANULARITIES.map((g) => (
          <ToggleButton key={g} value={g}>
            {translate(`dashboard.controls.granularities.${g}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {FILTER_KEYS.map((key) => (
        <FilterSelect
          key={key}
          name={key}
          value={state.filters[key]}
          onChange={(values) => onChange({ ...state, filters: { ...state.filters, [key]: values } })}
        />
      ))}
      <ReviewerSelect
        value={state.reviewerId}
        onChange={(reviewerId) => onChange({ ...state, reviewerId })}
      />
      {hasFilters && (
        <Button
          size="small"
          onClick={() =>
            onChange({
              ...state,
              filters: { reasonCategory: [], paymentChannel: [], submissionChannel: [] },
              reviewerId: undefined,
            })
          }
        >
          {translate('dashboard.controls.clear')}
        </Button>
      )}
    </Box>
  );
}

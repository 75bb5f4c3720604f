// The dashboard's state, kept in the URL so a view can be bookmarked and shared:
//   ?range=30d&granularity=day&reasonCategory=other,duplicate_charge&reviewerId=u2
//   ?range=custom&from=2026-11-01&to=2026-11-30        (custom dates are inclusive, local days)
// Pure functions: the current local date comes in as an argument.
import {
  addDays,
  GRANULARITIES,
  type Granularity,
  type LocalDate,
  type MetricsFilters,
} from '../domain/metrics';
import { PAYMENT_CHANNELS, REASON_CATEGORIES, SUBMISSION_CHANNELS } from '../domain/model';
import type { GetMetricsParams } from './metricsProvider';

export const RANGE_PRESETS = ['today', '7d', '30d', '90d', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

const PRESET_DAYS: Record<Exclude<RangePreset, 'custom'>, number> = {
  today: 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
};

export const FILTER_KEYS = ['reasonCategory', 'paymentChannel', 'submissionChannel'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const FILTER_VALUES: Record<FilterKey, readonly string[]> = {
  reasonCategory: REASON_CATEGORIES,
  paymentChannel: PAYMENT_CHANNELS,
  submissionChannel: SUBMISSION_CHANNELS,
};

export interface DashboardState {
  range: RangePreset;
  /** custom range only: first and last local day shown (inclusive), YYYY-MM-DD */
  from?: string;
  to?: string;
  granularity: Granularity;
  filters: Record<FilterKey, string[]>;
  reviewerId?: string;
}

export const DEFAULT_STATE: DashboardState = {
  range: '30d',
  granularity: 'day',
  filters: { reasonCategory: [], paymentChannel: [], submissionChannel: [] },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.y, 4)}-${pad(date.m)}-${pad(date.d)}`;
}

export function parseLocalDate(value: string | null | undefined): LocalDate | null {
  if (!value || !DATE.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number);
  const check = addDays({ y, m, d }, 0);
  return check.y === y && check.m === m && check.d === d ? check : null;
}

export function parseDashboardSearch(search: string): DashboardState {
  const params = new URLSearchParams(search);
  const range = (RANGE_PRESETS as readonly string[]).includes(params.get('range') ?? '')
    ? (params.get('range') as RangePreset)
    : DEFAULT_STATE.range;
  const granularity = (GRANULARITIES as readonly string[]).includes(params.get('granularity') ?? '')
    ? (params.get('granularity') as Granularity)
    : DEFAULT_STATE.granularity;
  const filters = { reasonCategory: [], paymentChannel: [], submissionChannel: [] } as Record<
    FilterKey,
    string[]
  >;
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (!raw) continue;
    filters[key] = raw
      .split(',')
      .filter((v, i, all) => FILTER_VALUES[key].includes(v) && all.indexOf(v) === i);
  }
  const state: DashboardState = { range, granularity, filters };
  const reviewerId = params.get('reviewerId');
  if (reviewerId) state.reviewerId = reviewerId;
  if (range === 'custom') {
    const from = parseLocalDate(params.get('from'));
    const to = parseLocalDate(params.get('to'));
    if (from && to && formatLocalDate(from) <= formatLocalDate(to)) {
      state.from = formatLocalDate(from);
      state.to = formatLocalDate(to);
    } else {
      return { ...state, range: DEFAULT_STATE.range };
    }
  }
  return state;
}

/** The search string of a state; defaults are left out so URLs stay short. */
export function dashboardSearch(state: DashboardState): string {
  const params = new URLSearchParams();
  if (state.range !== DEFAULT_STATE.range) params.set('range', state.range);
  if (state.range === 'custom' && state.from && state.to) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.granularity !== DEFAULT_STATE.granularity) params.set('granularity', state.granularity);
  for (const key of FILTER_KEYS) {
    if (state.filters[key].length > 0) params.set(key, state.filters[key].join(','));
  }
  if (state.reviewerId) params.set('reviewerId', state.reviewerId);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The local days of the period: [from, to) as YYYY-MM-DD, `to` exclusive. */
export function periodDates(state: DashboardState, today: LocalDate): { from: string; to: string } {
  if (state.range === 'custom' && state.from && state.to) {
    const last = parseLocalDate(state.to)!;
    return { from: state.from, to: formatLocalDate(addDays(last, 1)) };
  }
  const preset = state.range === 'custom' ? DEFAULT_STATE.range : state.range;
  const days = PRESET_DAYS[preset as Exclude<RangePreset, 'custom'>];
  return {
    from: formatLocalDate(addDays(today, 1 - days)),
    to: formatLocalDate(addDays(today, 1)),
  };
}

export function metricsFilters(state: DashboardState): MetricsFilters {
  const filters: MetricsFilters = {};
  for (const key of FILTER_KEYS) if (state.filters[key].length > 0) filters[key] = state.filters[key];
  if (state.reviewerId) filters.reviewerId = state.reviewerId;
  return filters;
}

export function metricsParams(state: DashboardState, today: LocalDate, tz: string): GetMetricsParams {
  return { ...periodDates(state, today), granularity: state.granularity, tz, filters: metricsFilters(state) };
}

/** The viewer's IANA time zone (UTC when the browser does not say). */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

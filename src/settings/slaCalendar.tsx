// The desk's SLA settings in the browser: one query for the whole app (GET /api/settings/sla), and
// the working calendar every countdown reads from context, so a page of rows asks once. Until the
// settings arrive the countdowns count as the 24 × 7 default does.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useDataProvider } from 'react-admin';
import {
  ALWAYS_OPEN_CALENDAR,
  calendarOf,
  isWorkingTime,
  nextWorkingStart,
  type WorkingCalendar,
} from '../domain/workingCalendar';
import type { RefundDeskDataProvider } from '../providers/dataProvider';

export const SLA_SETTINGS_QUERY_KEY = ['sla-settings'] as const;

export function useSlaSettings() {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  return useQuery({
    queryKey: SLA_SETTINGS_QUERY_KEY,
    queryFn: async () => (await dataProvider.getSlaSettings()).data,
    staleTime: 5 * 60_000,
  });
}

const SlaCalendarContext = createContext<WorkingCalendar>(ALWAYS_OPEN_CALENDAR);

export function SlaCalendarProvider({ children }: { children: ReactNode }) {
  const { data } = useSlaSettings();
  const calendar = useMemo(() => (data ? calendarOf(data) : ALWAYS_OPEN_CALENDAR), [data]);
  return <SlaCalendarContext.Provider value={calendar}>{children}</SlaCalendarContext.Provider>;
}

export const useSlaCalendar = (): WorkingCalendar => useContext(SlaCalendarContext);

/** The last answer per calendar: every row of a page asks about the same tick of the one clock. */
const lastResume = new WeakMap<WorkingCalendar, { atMs: number; resumesAtMs: number | null }>();

/**
 * When the desk's calendar next opens, if it is closed at `atMs` (null while it is open). A page of
 * countdowns asks with the same `atMs`, so the calendar is walked once per tick, not once per row.
 */
export function useCalendarResumesAt(atMs: number): number | null {
  const calendar = useSlaCalendar();
  const last = lastResume.get(calendar);
  if (last?.atMs === atMs) return last.resumesAtMs;
  const resumesAtMs = isWorkingTime(calendar, atMs) ? null : nextWorkingStart(calendar, atMs);
  lastResume.set(calendar, { atMs, resumesAtMs });
  return resumesAtMs;
}

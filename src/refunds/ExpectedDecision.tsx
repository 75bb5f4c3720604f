// When a request can expect its decision (src/domain/expectedDecision.ts, computed by the API from
// the queue ahead and the desk's pace): a secondary line under the SLA countdown in the queue, and
// on the request page with what the customer was told at submission. The queue asks once for the
// page's rows (GET /api/refunds/expected-decisions), after the rows are painted, never per row.
import { Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { awaitsDecision, type ExpectedDecision } from '../domain/expectedDecision';
import type { RefundRequest } from '../domain/model';
import { useLocale } from '../i18n/fields';
import { formatDateTime } from '../i18n/format';
import type { RefundDeskDataProvider } from '../providers/dataProvider';

type Row = Pick<RefundRequest, 'id' | 'status' | 'version'>;

interface PageExpectations {
  byId: ReadonlyMap<string, ExpectedDecision>;
  pace: number | null;
}

const NONE: PageExpectations = { byId: new Map(), pace: null };
const ExpectedDecisionsContext = createContext<PageExpectations>(NONE);

/** The expectations of `rows` that await a decision, asked again when one of them changes. */
export function useExpectedDecisions(rows: readonly Row[]): PageExpectations {
  const dataProvider = useDataProvider<RefundDeskDataProvider>();
  const waiting = rows.filter((r) => awaitsDecision(r.status));
  const key = waiting.map((r) => `${r.id}@${r.version}`).join(',');
  const { data } = useQuery({
    // not under the ['refunds'] prefix a live change invalidates: the rows' versions in the key
    // already ask again once the refetched list brings a changed row, and an invalidation would
    // first re-ask the old key beside the list's own refetch, delaying it for an answer then dropped
    queryKey: ['expected-decisions', key],
    queryFn: async () => (await dataProvider.getExpectedDecisions(waiting.map((r) => r.id))).data,
    enabled: waiting.length > 0,
    // the queue ahead moves as others are decided: a minute-old answer is asked again
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  return useMemo(
    () =>
      data ? { byId: new Map(data.data.map((e) => [e.id, e])), pace: data.decisionsPerWorkingHour } : NONE,
    [data],
  );
}

/** Provides the page's expectations to its rows' ExpectedDecisionField. */
export function ExpectedDecisionsProvider({ rows, children }: { rows: readonly Row[]; children: ReactNode }) {
  const expectations = useExpectedDecisions(rows);
  return (
    <ExpectedDecisionsContext.Provider value={expectations}>{children}</ExpectedDecisionsContext.Provider>
  );
}

/** The line's text and its tooltip (how many are ahead, at what pace), or null without a time. */
function useExpectationWords(
  expectation: ExpectedDecision | undefined,
  pace: number | null,
): { text: string; title?: string } | null {
  const translate = useTranslate();
  const locale = useLocale();
  if (!expectation?.expectedDecisionBy) return null;
  return {
    text: translate('refunds.expected.by', { date: formatDateTime(expectation.expectedDecisionBy, locale) }),
    title:
      expectation.positionAhead !== null && pace !== null
        ? translate('refunds.expected.title', {
            smart_count: expectation.positionAhead,
            pace: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(pace),
          })
        : undefined,
  };
}

/** The queue row's expected decision, from the page's one answer (styled by the table's classes). */
export function ExpectedDecisionField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  const { byId, pace } = useContext(ExpectedDecisionsContext);
  const words = useExpectationWords(record ? byId.get(String(record.id)) : undefined, pace);
  return words ? (
    <span className="refund-caption refund-nowrap" data-testid="expected-decision" title={words.title}>
      {words.text}
    </span>
  ) : null;
}

/** The request page's expected decision, and what the customer was told when they submitted it. */
export function ExpectedDecisionDetail() {
  const record = useRecordContext<RefundRequest>();
  const translate = useTranslate();
  const locale = useLocale();
  const rows = useMemo(() => (record ? [record] : []), [record]);
  const { byId, pace } = useExpectedDecisions(rows);
  const words = useExpectationWords(record ? byId.get(String(record.id)) : undefined, pace);
  if (!record || !awaitsDecision(record.status)) return null;
  return (
    <Stack spacing={0.25}>
      {words && (
        <Typography variant="body2" data-testid="expected-decision" title={words.title}>
          {words.text}
        </Typography>
      )}
      {record.expectedDecisionGiven && (
        <Typography variant="caption" color="text.secondary" data-testid="expected-decision-told">
          {translate('refunds.expected.told', { date: formatDateTime(record.expectedDecisionGiven, locale) })}
        </Typography>
      )}
    </Stack>
  );
}

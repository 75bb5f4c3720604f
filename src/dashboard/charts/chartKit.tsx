// What the dashboard's charts share: colours from the MUI theme (so they read in light and dark
// mode), the legend, the rows per time bucket, the period column of each chart's table and the
// click-through that opens the list of exactly what a bar counts.
import { Box, useTheme } from '@mui/material';
import { useMemo } from 'react';
import { useNavigate, useTranslate } from 'react-admin';
import type { DefaultLegendContentProps } from 'recharts';
import {
  DECISION_OUTCOMES,
  type DecisionOutcome,
  type MetricsAnswer,
  type MetricsBucket,
} from '../../domain/metrics';
import type { FrameColumn } from '../ChartFrame';
import type { Interval } from '../clickThrough';
import type { DashboardFormat } from '../useDashboardFormat';

export interface BucketRow extends MetricsBucket {
  label: string;
  period: string;
  decidedTotal: number;
  refundedYuan: number;
  [reasonKey: `reason_${string}`]: number | null;
}

/** What every chart is drawn from. */
export interface ChartProps {
  answer: MetricsAnswer;
  fmt: DashboardFormat;
  /** answer.buckets as chart rows (useBucketRows), computed once for all the charts */
  rows: BucketRow[];
}

export function useChartStyle() {
  const theme = useTheme();
  const p = theme.palette;
  return useMemo(
    () => ({
      axis: { stroke: p.text.secondary, tick: { fill: p.text.secondary, fontSize: 12 } },
      grid: { stroke: p.divider, strokeDasharray: '3 3' },
      tooltip: {
        contentStyle: {
          background: p.background.paper,
          border: `1px solid ${p.divider}`,
          color: p.text.primary,
        },
        itemStyle: { color: p.text.primary },
        labelStyle: { color: p.text.secondary },
        cursor: { fill: p.action.hover },
      },
      legend: { wrapperStyle: { color: p.text.primary, fontSize: 12 } },
      outcome: {
        approved: p.success.main,
        partially_approved: p.info.main,
        rejected: p.error.main,
        info_requested: p.warning.main,
      } satisfies Record<DecisionOutcome, string>,
      series: [p.primary.main, p.secondary.main, p.info.main, p.warning.main, p.error.main, p.success.main],
      primary: p.primary.main,
      secondary: p.secondary.main,
      danger: p.error.main,
      text: p.text.primary,
    }),
    [p],
  );
}

export const interval = (row: { start: string; end: string }): Interval => ({
  start: row.start,
  end: row.end,
});

export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };

/** The rows of the time-bucket charts, with the values recharts reads by key. */
export function useBucketRows(answer: MetricsAnswer, fmt: DashboardFormat): BucketRow[] {
  return useMemo(
    () =>
      answer.buckets.map((b) => {
        const row: BucketRow = {
          ...b,
          label: fmt.bucketLabel(b.start),
          period: fmt.interval(b.start, b.end),
          decidedTotal: DECISION_OUTCOMES.reduce((s, o) => s + b.decided[o], 0),
          refundedYuan: b.refundedFen / 100,
        };
        for (const r of Object.keys(b.byReason)) row[`reason_${r}`] = b.byReason[r].approvalRate;
        return row;
      }),
    [answer.buckets, fmt],
  );
}

/** What each chart's body needs besides its data: wording, colours, the period and navigation. */
export function useChartKit(answer: MetricsAnswer, fmt: DashboardFormat) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const style = useChartStyle();
  const periodColumn: FrameColumn<BucketRow> = {
    key: 'start',
    header: translate('dashboard.chart.bucket'),
    text: (r) => r.period,
    csv: (r) => r.start,
  };
  return {
    translate,
    style,
    periodColumn,
    filters: answer.filters,
    period: fmt.interval(answer.from, answer.to),
    percentTick: (v: number) => fmt.percent(v),
    go: (path: string | undefined) => {
      if (path) navigate(path);
    },
  };
}

/**
 * The legend as a list of coloured swatches and names. Recharts' own legend labels each icon
 * "<name> legend icon", in English, for screen readers: the swatches here are decoration.
 */
export function ChartLegend({ payload }: Pick<DefaultLegendContentProps, 'payload'>) {
  return (
    <Box
      component="ul"
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        display: 'flex',
        flexWrap: 'wrap',
        justifyContent: 'center',
        columnGap: 2,
        rowGap: 0.5,
        fontSize: 12,
        color: 'text.primary',
      }}
    >
      {(payload ?? []).map((entry, index) => (
        <Box
          component="li"
          key={`${String(entry.value)}-${index}`}
          sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}
        >
          <Box
            component="span"
            aria-hidden
            sx={{
              width: 12,
              height: entry.type === 'line' ? 3 : 12,
              borderRadius: entry.type === 'line' ? 0 : '2px',
              bgcolor: entry.color,
              flex: 'none',
            }}
          />
          {entry.value}
        </Box>
      ))}
    </Box>
  );
}

export const legendContent = (props: DefaultLegendContentProps) => <ChartLegend payload={props.payload} />;

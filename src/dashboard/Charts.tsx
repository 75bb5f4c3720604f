// The dashboard's charts (recharts, loaded with the lazy dashboard chunk). Colours come from the MUI
// theme so they read in light and dark mode; every bar opens the list of exactly what it counts.
import { Box, useTheme } from '@mui/material';
import { useMemo } from 'react';
import { useNavigate, useTranslate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DefaultLegendContentProps,
} from 'recharts';
import {
  BACKLOG_AGES,
  DECISION_OUTCOMES,
  METRIC_DEFINITIONS,
  type BacklogAge,
  type DecisionOutcome,
  type MetricsAnswer,
  type MetricsBucket,
} from '../domain/metrics';
import { FIRST_REVIEW_SLA_MS, HOUR_MS } from '../domain/sla';
import { ChartFrame, type FrameColumn } from './ChartFrame';
import {
  backlogPath,
  complaintsOpenedPath,
  complaintsResolvedPath,
  decidedPath,
  overturnsPath,
  refundedPath,
  submittedPath,
  type Interval,
} from './clickThrough';
import type { DashboardFormat } from './useDashboardFormat';

const SLA_HOURS = FIRST_REVIEW_SLA_MS / HOUR_MS;

interface BucketRow extends MetricsBucket {
  label: string;
  period: string;
  decidedTotal: number;
  refundedYuan: number;
  [reasonKey: `reason_${string}`]: number | null;
}

export interface ChartsProps {
  answer: MetricsAnswer;
  fmt: DashboardFormat;
  /** whether the complaints list exists (its click-throughs are offered only then) */
  complaintsList: boolean;
}

function useChartStyle() {
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

const interval = (row: { start: string; end: string }): Interval => ({ start: row.start, end: row.end });

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

const legendContent = (props: DefaultLegendContentProps) => <ChartLegend payload={props.payload} />;

export function DashboardCharts({ answer, fmt, complaintsList }: ChartsProps) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const style = useChartStyle();
  const filters = answer.filters;
  const refundFilters = Boolean(
    filters.reasonCategory?.length || filters.paymentChannel?.length || filters.submissionChannel?.length,
  );
  const complaintLinks = complaintsList && !refundFilters;
  const reasons = Object.keys(answer.totals.byReason);
  const reasonLabel = (r: string) => translate(`refunds.reason.${r}`);
  const outcomeLabel = (o: DecisionOutcome) => translate(`dashboard.outcomes.${o}`);

  const rows: BucketRow[] = useMemo(
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
  const periodColumn: FrameColumn<BucketRow> = {
    key: 'start',
    header: translate('dashboard.chart.bucket'),
    text: (r) => r.period,
    csv: (r) => r.start,
  };
  const percentTick = (v: number) => fmt.percent(v);
  const go = (path: string | undefined) => {
    if (path) navigate(path);
  };

  // --- volume: decisions stacked by outcome, submissions as a line
  const volumeColumns: FrameColumn<BucketRow>[] = [
    periodColumn,
    {
      key: 'submitted',
      header: translate('dashboard.series.submitted'),
      text: (r) => fmt.int(r.submitted),
      csv: (r) => r.submitted,
      to: (r) => submittedPath(interval(r), filters),
      align: 'right',
    },
    ...DECISION_OUTCOMES.map((o): FrameColumn<BucketRow> => ({
      key: o,
      header: outcomeLabel(o),
      text: (r) => fmt.int(r.decided[o]),
      csv: (r) => r.decided[o],
      to: (r) => decidedPath(interval(r), filters, [o]),
      align: 'right',
    })),
  ];

  // --- approval rate: overall and per reason
  const approvalColumns: FrameColumn<BucketRow>[] = [
    periodColumn,
    {
      key: 'approvalRate',
      header: translate('dashboard.series.overall'),
      text: (r) => fmt.percent(r.approvalRate),
      csv: (r) => r.approvalRate,
      to: (r) => decidedPath(interval(r), filters, ['approved', 'partially_approved']),
      align: 'right',
    },
    ...reasons.map((reason): FrameColumn<BucketRow> => ({
      key: `approvalRate_${reason}`,
      header: reasonLabel(reason),
      text: (r) => fmt.percent(r.byReason[reason]?.approvalRate ?? null),
      csv: (r) => r.byReason[reason]?.approvalRate ?? null,
      align: 'right',
    })),
  ];

  // --- latency
  const latencyColumns: FrameColumn<BucketRow>[] = [
    periodColumn,
    {
      key: 'latencyHoursP50',
      header: translate('dashboard.series.p50'),
      text: (r) => fmt.hours(r.latencyHours.p50),
      csv: (r) => r.latencyHours.p50,
      align: 'right',
    },
    {
      key: 'latencyHoursP90',
      header: translate('dashboard.series.p90'),
      text: (r) => fmt.hours(r.latencyHours.p90),
      csv: (r) => r.latencyHours.p90,
      align: 'right',
    },
    {
      key: 'slaCompliance',
      header: translate('dashboard.series.slaCompliance'),
      text: (r) => fmt.percent(r.slaCompliance),
      csv: (r) => r.slaCompliance,
      to: (r) => decidedPath(interval(r), filters),
      align: 'right',
    },
  ];
  const latencyRows = rows.map((r) => ({ ...r, p50: r.latencyHours.p50, p90: r.latencyHours.p90 }));

  // --- backlog by age (as of now)
  interface AgeRow {
    age: BacklogAge;
    label: string;
    count: number;
  }
  const ageRows: AgeRow[] = BACKLOG_AGES.map((age) => ({
    age,
    label: translate(`dashboard.backlogAge.${age}`),
    count: answer.totals.backlog.byAge[age],
  }));
  const ageColumns: FrameColumn<AgeRow>[] = [
    { key: 'age', header: translate('dashboard.series.age'), text: (r) => r.label, csv: (r) => r.age },
    {
      key: 'count',
      header: translate('dashboard.series.open'),
      text: (r) => fmt.int(r.count),
      csv: (r) => r.count,
      to: (r) => backlogPath(filters, answer.asOf, r.age),
      align: 'right',
    },
  ];

  // --- money
  const moneyColumns: FrameColumn<BucketRow>[] = [
    periodColumn,
    {
      key: 'refundedFen',
      header: translate('dashboard.series.refunded'),
      text: (r) => fmt.money(r.refundedFen),
      csv: (r) => r.refundedFen,
      to: (r) => refundedPath(interval(r), filters),
      align: 'right',
    },
    {
      key: 'partialShare',
      header: translate('dashboard.series.partialShare'),
      text: (r) => fmt.percent(r.partialShare),
      csv: (r) => r.partialShare,
      align: 'right',
    },
  ];

  // --- complaints
  const complaintColumns: FrameColumn<BucketRow>[] = [
    periodColumn,
    {
      key: 'complaintsOpened',
      header: translate('dashboard.series.complaintsOpened'),
      text: (r) => fmt.int(r.complaintsOpened),
      csv: (r) => r.complaintsOpened,
      to: complaintLinks ? (r) => complaintsOpenedPath(interval(r)) : undefined,
      align: 'right',
    },
    {
      key: 'escalationRate',
      header: translate('dashboard.series.escalationRate'),
      text: (r) => fmt.percent(r.escalationRate),
      csv: (r) => r.escalationRate,
      align: 'right',
    },
    {
      key: 'complaintsResolved',
      header: translate('dashboard.series.complaintsResolved'),
      text: (r) => fmt.int(r.complaintsResolved),
      csv: (r) => r.complaintsResolved,
      to: complaintLinks ? (r) => complaintsResolvedPath(interval(r)) : undefined,
      align: 'right',
    },
    {
      key: 'overturnRate',
      header: translate('dashboard.series.overturnRate'),
      text: (r) => fmt.percent(r.overturnRate),
      csv: (r) => r.overturnRate,
      to: complaintLinks ? (r) => overturnsPath(interval(r)) : undefined,
      align: 'right',
    },
    {
      key: 'complaintResolutionHoursP50',
      header: translate('dashboard.series.resolutionP50'),
      text: (r) => fmt.hours(r.complaintResolutionHoursP50),
      csv: (r) => r.complaintResolutionHoursP50,
      align: 'right',
    },
  ];

  const period = fmt.interval(answer.from, answer.to);
  const t = answer.totals;
  const decidedTotal = DECISION_OUTCOMES.reduce((s, o) => s + t.decided[o], 0);
  const margin = { top: 8, right: 8, bottom: 0, left: 0 };

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <ChartFrame
        title={translate('dashboard.charts.volume.title')}
        summary={translate('dashboard.charts.volume.summary', {
          period,
          submitted: fmt.int(t.submitted),
          decided: fmt.int(decidedTotal),
        })}
        definition={translate(METRIC_DEFINITIONS.decided)}
        rows={rows}
        columns={volumeColumns}
        csvName="volume"
      >
        <ResponsiveContainer>
          <ComposedChart data={rows} margin={margin} accessibilityLayer={false}>
            <CartesianGrid {...style.grid} vertical={false} />
            <XAxis dataKey="label" {...style.axis} />
            <YAxis allowDecimals={false} width={40} {...style.axis} />
            <Tooltip {...style.tooltip} />
            <Legend {...style.legend} content={legendContent} />
            {DECISION_OUTCOMES.map((o) => (
              <Bar
                key={o}
                dataKey={(r: BucketRow) => r.decided[o]}
                name={outcomeLabel(o)}
                stackId="decided"
                fill={style.outcome[o]}
                cursor="pointer"
                onClick={(_, index) => go(decidedPath(interval(rows[index]), filters, [o]))}
              />
            ))}
            <Line
              dataKey="submitted"
              name={translate('dashboard.series.submitted')}
              stroke={style.text}
              strokeDasharray="5 3"
              dot={false}
              type="monotone"
            />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title={translate('dashboard.charts.approval.title')}
        summary={translate('dashboard.charts.approval.summary', {
          period,
          rate: fmt.percent(t.approvalRate),
        })}
        definition={translate(METRIC_DEFINITIONS.approvalRate)}
        rows={rows}
        columns={approvalColumns}
        csvName="approval-rate"
      >
        <ResponsiveContainer>
          <LineChart data={rows} margin={margin} accessibilityLayer={false}>
            <CartesianGrid {...style.grid} vertical={false} />
            <XAxis dataKey="label" {...style.axis} />
            <YAxis domain={[0, 1]} tickFormatter={percentTick} width={48} {...style.axis} />
            <Tooltip
              {...style.tooltip}
              formatter={(v) => (typeof v === 'number' ? fmt.percent(v) : String(v))}
            />
            <Legend {...style.legend} content={legendContent} />
            <Line
              dataKey="approvalRate"
              name={translate('dashboard.series.overall')}
              stroke={style.text}
              strokeWidth={3}
              dot={false}
              type="monotone"
            />
            {reasons.map((reason, i) => (
              <Line
                key={reason}
                dataKey={`reason_${reason}`}
                name={reasonLabel(reason)}
                stroke={style.series[i % style.series.length]}
                strokeDasharray={i % 2 === 1 ? '4 2' : undefined}
                dot={false}
                type="monotone"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title={translate('dashboard.charts.latency.title')}
        summary={translate('dashboard.charts.latency.summary', {
          period,
          p50: fmt.hours(t.latencyHours.p50),
          p90: fmt.hours(t.latencyHours.p90),
          sla: fmt.percent(t.slaCompliance),
        })}
        definition={translate(METRIC_DEFINITIONS.latency)}
        rows={rows}
        columns={latencyColumns}
        csvName="latency"
      >
        <ResponsiveContainer>
          <LineChart data={latencyRows} margin={margin} accessibilityLayer={false}>
            <CartesianGrid {...style.grid} vertical={false} />
            <XAxis dataKey="label" {...style.axis} />
            <YAxis
              width={40}
              domain={[0, (max: number) => Math.ceil(Math.max(max, SLA_HOURS + 2))]}
              {...style.axis}
            />
            <Tooltip
              {...style.tooltip}
              formatter={(v) => (typeof v === 'number' ? fmt.hours(v) : String(v))}
            />
            <Legend {...style.legend} content={legendContent} />
            <ReferenceLine
              y={SLA_HOURS}
              stroke={style.danger}
              strokeDasharray="6 4"
              label={{
                value: translate('dashboard.charts.latency.sla'),
                position: 'insideTopRight',
                fill: style.danger,
                fontSize: 12,
              }}
            />
            <Line
              dataKey="p50"
              name={translate('dashboard.series.p50')}
              stroke={style.primary}
              strokeWidth={2}
              type="monotone"
              dot={{ r: 2, fill: style.primary, stroke: style.primary }}
            />
            <Line
              dataKey="p90"
              name={translate('dashboard.series.p90')}
              stroke={style.secondary}
              strokeDasharray="4 2"
              type="monotone"
              dot={{ r: 2, fill: style.secondary, stroke: style.secondary }}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title={translate('dashboard.charts.backlog.title')}
        summary={translate('dashboard.charts.backlog.summary', {
          total: fmt.int(t.backlog.total),
          breaches: fmt.int(t.breachesOpen),
        })}
        definition={translate(METRIC_DEFINITIONS.backlog)}
        rows={ageRows}
        columns={ageColumns}
        csvName="backlog-age"
      >
        <ResponsiveContainer>
          <BarChart data={ageRows} margin={margin} accessibilityLayer={false}>
            <CartesianGrid {...style.grid} vertical={false} />
            <XAxis dataKey="label" {...style.axis} />
            <YAxis allowDecimals={false} width={40} {...style.axis} />
            <Tooltip {...style.tooltip} />
            <Bar
              dataKey="count"
              name={translate('dashboard.series.open')}
              fill={style.primary}
              cursor="pointer"
              onClick={(_, index) => go(backlogPath(filters, answer.asOf, ageRows[index].age))}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title={translate('dashboard.charts.refunded.title')}
        summary={translate('dashboard.charts.refunded.summary', { period, amount: fmt.money(t.refundedFen) })}
        definition={translate(METRIC_DEFINITIONS.refundedFen)}
        rows={rows}
        columns={moneyColumns}
        csvName="refunded"
      >
        <ResponsiveContainer>
          <BarChart data={rows} margin={margin} accessibilityLayer={false}>
            <CartesianGrid {...style.grid} vertical={false} />
            <XAxis dataKey="label" {...style.axis} />
            <YAxis width={56} tickFormatter={(v: number) => fmt.int(v)} {...style.axis} />
            <Tooltip
              {...style.tooltip}
              formatter={(v) => (typeof v === 'number' ? fmt.money(Math.round(v * 100)) : String(v))}
            />
            <Bar
              dataKey="refundedYuan"
              name={translate('dashboard.series.refunded')}
              fill={style.outcome.approved}
              cursor="pointer"
              onClick={(_, index) => go(refundedPath(interval(rows[index]), filters))}
            />
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>

      <ChartFrame
        title={translate('dashboard.charts.complaints.title')}
        summary={translate('dashboard.charts.complaints.summary', {
          period,
          opened: fmt.int(t.complaintsOpened),
          overturn: fmt.percent(t.overturnRate),
          escalation: fmt.percent(t.escalationRate),
        })}
        definition={translate(METRIC_DEFINITIONS.overturnRate)}
        rows={rows}
        columns={complaintColumns}
        csvName="complaints"
      >
        <ResponsiveContainer>
          <ComposedChart data={rows} margin={margin} accessibilityLayer={false}>
            <CartesianGrid {...style.grid} vertical={false} />
            <XAxis dataKey="label" {...style.axis} />
            <YAxis yAxisId="count" allowDecimals={false} width={40} {...style.axis} />
            <YAxis
              yAxisId="rate"
              orientation="right"
              domain={[0, 1]}
              tickFormatter={percentTick}
              width={48}
              {...style.axis}
            />
            <Tooltip
              {...style.tooltip}
              formatter={(v, _name, item) =>
                typeof v !== 'number'
                  ? String(v)
                  : item.dataKey === 'complaintsOpened'
                    ? fmt.int(v)
                    : fmt.percent(v)
              }
            />
            <Legend {...style.legend} content={legendContent} />
            <Bar
              yAxisId="count"
              dataKey="complaintsOpened"
              name={translate('dashboard.series.complaintsOpened')}
              fill={style.series[1]}
              cursor={complaintLinks ? 'pointer' : undefined}
              onClick={(_, index) =>
                go(complaintLinks ? complaintsOpenedPath(interval(rows[index])) : undefined)
              }
            />
            <Line
              yAxisId="rate"
              dataKey="overturnRate"
              name={translate('dashboard.series.overturnRate')}
              stroke={style.danger}
              dot={{ r: 2, fill: style.danger, stroke: style.danger }}
              type="monotone"
            />
            <Line
              yAxisId="rate"
              dataKey="escalationRate"
              name={translate('dashboard.series.escalationRate')}
              stroke={style.series[3]}
              strokeDasharray="4 2"
              dot={{ r: 2, fill: style.series[3], stroke: style.series[3] }}
              type="monotone"
            />
          </ComposedChart>
        </ResponsiveContainer>
      </ChartFrame>
    </Box>
  );
}

// Time to decision per bucket (median and 90th percentile) against the first-review SLA.
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
import { FIRST_REVIEW_SLA_MS, HOUR_MS } from '../../domain/sla';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { decidedPath } from '../clickThrough';
import {
  CHART_MARGIN,
  interval,
  legendContent,
  useChartKit,
  type BucketRow,
  type ChartProps,
} from './chartKit';

const SLA_HOURS = FIRST_REVIEW_SLA_MS / HOUR_MS;

export function LatencyChart({ answer, fmt, rows }: ChartProps) {
  const { translate, style, periodColumn, filters, period } = useChartKit(answer, fmt);
  const t = answer.totals;
  const columns: FrameColumn<BucketRow>[] = [
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

  return (
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
      columns={columns}
      csvName="latency"
    >
      <ResponsiveContainer>
        <LineChart data={latencyRows} margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...style.grid} vertical={false} />
          <XAxis dataKey="label" {...style.axis} />
          <YAxis
            width={40}
            domain={[0, (max: number) => Math.ceil(Math.max(max, SLA_HOURS + 2))]}
            {...style.axis}
          />
          <Tooltip {...style.tooltip} formatter={(v) => (typeof v === 'number' ? fmt.hours(v) : String(v))} />
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
  );
}

// Complaints opened per bucket, with the overturn and escalation rates.
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { complaintsOpenedPath, complaintsResolvedPath, overturnsPath } from '../clickThrough';
import {
  CHART_MARGIN,
  interval,
  legendContent,
  useChartKit,
  type BucketRow,
  type ChartProps,
} from './chartKit';

export interface ComplaintsChartProps extends ChartProps {
  /** whether the bars and cells open the complaints list (it exists, and it shows what they count) */
  links: boolean;
}

export function ComplaintsChart({ answer, fmt, rows, links }: ComplaintsChartProps) {
  const { translate, style, periodColumn, period, percentTick, go } = useChartKit(answer, fmt);
  const t = answer.totals;
  const columns: FrameColumn<BucketRow>[] = [
    periodColumn,
    {
      key: 'complaintsOpened',
      header: translate('dashboard.series.complaintsOpened'),
      text: (r) => fmt.int(r.complaintsOpened),
      csv: (r) => r.complaintsOpened,
      to: links ? (r) => complaintsOpenedPath(interval(r)) : undefined,
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
      to: links ? (r) => complaintsResolvedPath(interval(r)) : undefined,
      align: 'right',
    },
    {
      key: 'overturnRate',
      header: translate('dashboard.series.overturnRate'),
      text: (r) => fmt.percent(r.overturnRate),
      csv: (r) => r.overturnRate,
      to: links ? (r) => overturnsPath(interval(r)) : undefined,
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

  return (
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
      columns={columns}
      csvName="complaints"
    >
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
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
            cursor={links ? 'pointer' : undefined}
            onClick={(_, index) => go(links ? complaintsOpenedPath(interval(rows[index])) : undefined)}
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
  );
}

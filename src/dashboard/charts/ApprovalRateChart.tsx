// The approval rate per bucket, overall and per reason.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
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

export function ApprovalRateChart({ answer, fmt, rows }: ChartProps) {
  const { translate, style, periodColumn, filters, period, percentTick } = useChartKit(answer, fmt);
  const reasons = Object.keys(answer.totals.byReason);
  const reasonLabel = (r: string) => translate(`refunds.reason.${r}`);
  const columns: FrameColumn<BucketRow>[] = [
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

  return (
    <ChartFrame
      title={translate('dashboard.charts.approval.title')}
      summary={translate('dashboard.charts.approval.summary', {
        period,
        rate: fmt.percent(answer.totals.approvalRate),
      })}
      definition={translate(METRIC_DEFINITIONS.approvalRate)}
      rows={rows}
      columns={columns}
      csvName="approval-rate"
    >
      <ResponsiveContainer>
        <LineChart data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
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
  );
}

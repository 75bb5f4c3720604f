// The money refunded per bucket.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { refundedPath } from '../clickThrough';
import { CHART_MARGIN, interval, useChartKit, type BucketRow, type ChartProps } from './chartKit';

export function RefundedChart({ answer, fmt, rows }: ChartProps) {
  const { translate, style, periodColumn, filters, period, go } = useChartKit(answer, fmt);
  const columns: FrameColumn<BucketRow>[] = [
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

  return (
    <ChartFrame
      title={translate('dashboard.charts.refunded.title')}
      summary={translate('dashboard.charts.refunded.summary', {
        period,
        amount: fmt.money(answer.totals.refundedFen),
      })}
      definition={translate(METRIC_DEFINITIONS.refundedFen)}
      rows={rows}
      columns={columns}
      csvName="refunded"
    >
      <ResponsiveContainer>
        <BarChart data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
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
  );
}

// The seed's review-time factors: the median and p90 wait for a decision, off-hours against
// in-hours, peak against off-peak, tipping against the rest (GET /api/metrics latencyHoursBySegment).
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
import { LATENCY_SEGMENTS, type LatencySegment } from '../../domain/reviewSegments';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { CHART_MARGIN, legendContent, useChartKit, type ChartProps } from './chartKit';

interface SegmentRow {
  segment: LatencySegment;
  label: string;
  p50: number | null;
  p90: number | null;
  n: number;
}

export function SegmentLatencyChart({ answer, fmt }: Omit<ChartProps, 'rows'>) {
  const { translate, style, period } = useChartKit(answer, fmt);
  const figures = answer.latencyHoursBySegment;
  if (!figures) return null;
  const rows: SegmentRow[] = LATENCY_SEGMENTS.map((segment) => ({
    segment,
    label: translate(`dashboard.segments.${segment}`),
    ...figures[segment],
  }));
  const columns: FrameColumn<SegmentRow>[] = [
    {
      key: 'segment',
      header: translate('dashboard.series.segment'),
      text: (r) => r.label,
      csv: (r) => r.segment,
    },
    {
      key: 'p50',
      header: translate('dashboard.series.p50'),
      text: (r) => fmt.hours(r.p50),
      csv: (r) => r.p50,
      align: 'right',
    },
    {
      key: 'p90',
      header: translate('dashboard.series.p90'),
      text: (r) => fmt.hours(r.p90),
      csv: (r) => r.p90,
      align: 'right',
    },
    {
      key: 'n',
      header: translate('dashboard.series.waits'),
      text: (r) => fmt.int(r.n),
      csv: (r) => r.n,
      align: 'right',
    },
  ];
  return (
    <ChartFrame
      title={translate('dashboard.charts.segments.title')}
      summary={translate('dashboard.charts.segments.summary', {
        period,
        offHours: fmt.hours(figures.offHours.p50),
        inHours: fmt.hours(figures.inHours.p50),
        peak: fmt.hours(figures.peak.p50),
        offPeak: fmt.hours(figures.offPeak.p50),
        tipping: fmt.hours(figures.tipping.p50),
        notTipping: fmt.hours(figures.notTipping.p50),
      })}
      definition={translate(METRIC_DEFINITIONS.segmentLatency)}
      rows={rows}
      columns={columns}
      csvName="latency-by-segment"
    >
      <ResponsiveContainer>
        <BarChart data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...style.grid} vertical={false} />
          <XAxis dataKey="label" interval={0} {...style.axis} />
          <YAxis width={40} {...style.axis} />
          <Tooltip {...style.tooltip} formatter={(v) => (typeof v === 'number' ? fmt.hours(v) : String(v))} />
          <Legend {...style.legend} content={legendContent} />
          <Bar dataKey="p50" name={translate('dashboard.series.p50')} fill={style.primary} />
          <Bar dataKey="p90" name={translate('dashboard.series.p90')} fill={style.secondary} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

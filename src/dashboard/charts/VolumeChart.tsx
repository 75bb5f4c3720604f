// Decisions per bucket stacked by outcome, submissions as a line.
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
import { DECISION_OUTCOMES, METRIC_DEFINITIONS, type DecisionOutcome } from '../../domain/metrics';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { decidedPath, submittedPath } from '../clickThrough';
import {
  CHART_MARGIN,
  interval,
  legendContent,
  useChartKit,
  type BucketRow,
  type ChartProps,
} from './chartKit';

export function VolumeChart({ answer, fmt, rows }: ChartProps) {
  const { translate, style, periodColumn, filters, period, go } = useChartKit(answer, fmt);
  const outcomeLabel = (o: DecisionOutcome) => translate(`dashboard.outcomes.${o}`);
  const t = answer.totals;
  const decidedTotal = DECISION_OUTCOMES.reduce((s, o) => s + t.decided[o], 0);
  const columns: FrameColumn<BucketRow>[] = [
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

  return (
    <ChartFrame
      title={translate('dashboard.charts.volume.title')}
      summary={translate('dashboard.charts.volume.summary', {
        period,
        submitted: fmt.int(t.submitted),
        decided: fmt.int(decidedTotal),
      })}
      definition={translate(METRIC_DEFINITIONS.decided)}
      rows={rows}
      columns={columns}
      csvName="volume"
    >
      <ResponsiveContainer>
        <ComposedChart data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
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
  );
}

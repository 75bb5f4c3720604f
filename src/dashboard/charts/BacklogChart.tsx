// The open requests by age, as of now.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BACKLOG_AGES, METRIC_DEFINITIONS, type BacklogAge } from '../../domain/metrics';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { backlogPath } from '../clickThrough';
import { CHART_MARGIN, useChartKit, type ChartProps } from './chartKit';

interface AgeRow {
  age: BacklogAge;
  label: string;
  count: number;
}

export function BacklogChart({ answer, fmt }: Omit<ChartProps, 'rows'>) {
  const { translate, style, filters, go } = useChartKit(answer, fmt);
  const t = answer.totals;
  const ageRows: AgeRow[] = BACKLOG_AGES.map((age) => ({
    age,
    label: translate(`dashboard.backlogAge.${age}`),
    count: t.backlog.byAge[age],
  }));
  const columns: FrameColumn<AgeRow>[] = [
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

  return (
    <ChartFrame
      title={translate('dashboard.charts.backlog.title')}
      summary={translate('dashboard.charts.backlog.summary', {
        total: fmt.int(t.backlog.total),
        breaches: fmt.int(t.breachesOpen),
      })}
      definition={translate(METRIC_DEFINITIONS.backlog)}
      rows={ageRows}
      columns={columns}
      csvName="backlog-age"
    >
      <ResponsiveContainer>
        <BarChart data={ageRows} margin={CHART_MARGIN} accessibilityLayer={false}>
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
  );
}

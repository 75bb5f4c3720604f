// Where in the week the backlog builds: submissions against decisions per local hour of the week
// (GET /api/metrics heatMap), drawn as a grid of 7 stacked unit bars per hour, each cell coloured
// by submissions − decisions (warm where more arrived than were decided, cool where fewer).
import { alpha, Box } from '@mui/material';
import {
  Bar,
  BarChart,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
import type { WeekHourCell } from '../../domain/reviewSegments';
import { WEEKDAYS, type Weekday } from '../../domain/workingCalendar';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { useChartKit, type ChartProps } from './chartKit';

type HourRow = { hour: number; label: string } & Record<Weekday, number>;

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

export function WeekHeatMapChart({ answer, fmt }: Omit<ChartProps, 'rows'>) {
  const { translate, style, period } = useChartKit(answer, fmt);
  const heatMap = answer.heatMap;
  if (!heatMap) return null;
  const cells = heatMap.cells;
  const cellAt = (weekday: Weekday, hour: number) => cells[WEEKDAYS.indexOf(weekday) * 24 + hour];
  const net = (c: WeekHourCell) => c.submissions - c.decisions;
  const widest = Math.max(1, ...cells.map((c) => Math.abs(net(c))));
  const dayName = (weekday: Weekday) => translate(`slaSettings.day.${weekday}`);
  // one row per hour; each weekday a unit bar, so the stack is a column of seven equal cells
  const hourRows: HourRow[] = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    label: hourLabel(hour),
    ...(Object.fromEntries(WEEKDAYS.map((d) => [d, 1])) as Record<Weekday, number>),
  }));
  const busiest = cells.reduce((a, b) => (net(b) > net(a) ? b : a), cells[0]);
  const totals = cells.reduce(
    (sum, c) => ({ submissions: sum.submissions + c.submissions, decisions: sum.decisions + c.decisions }),
    { submissions: 0, decisions: 0 },
  );
  const columns: FrameColumn<WeekHourCell>[] = [
    {
      key: 'weekday',
      header: translate('dashboard.series.weekday'),
      text: (c) => dayName(c.weekday),
      csv: (c) => c.weekday,
    },
    {
      key: 'hour',
      header: translate('dashboard.series.hour'),
      text: (c) => hourLabel(c.hour),
      csv: (c) => c.hour,
    },
    {
      key: 'submissions',
      header: translate('dashboard.series.submitted'),
      text: (c) => fmt.int(c.submissions),
      csv: (c) => c.submissions,
      align: 'right',
    },
    {
      key: 'decisions',
      header: translate('dashboard.series.decisions'),
      text: (c) => fmt.int(c.decisions),
      csv: (c) => c.decisions,
      align: 'right',
    },
    {
      key: 'net',
      header: translate('dashboard.series.net'),
      text: (c) => fmt.int(net(c)),
      csv: (c) => net(c),
      align: 'right',
    },
  ];
  const fillOf = (cell: WeekHourCell) => {
    const n = net(cell);
    if (n === 0) return alpha(style.text, 0.06);
    return alpha(n > 0 ? style.danger : style.primary, 0.15 + 0.85 * (Math.abs(n) / widest));
  };
  const cellShape = (weekday: Weekday) =>
    function HeatCell(props: BarShapeProps) {
      const cell = cellAt(weekday, props.index);
      // the reversed axis (Monday on top) gives the bars a negative height
      const top = Math.min(props.y, props.y + props.height);
      const height = Math.max(0, Math.abs(props.height) - 2);
      return (
        <rect x={props.x} y={top + 1} width={props.width} height={height} fill={fillOf(cell)} rx={2}>
          <title>
            {translate('dashboard.charts.heatMap.cell', {
              day: dayName(weekday),
              hour: hourLabel(cell.hour),
              submitted: fmt.int(cell.submissions),
              decided: fmt.int(cell.decisions),
            })}
          </title>
        </rect>
      );
    };
  return (
    <ChartFrame
      title={translate('dashboard.charts.heatMap.title')}
      summary={translate('dashboard.charts.heatMap.summary', {
        period,
        tz: heatMap.tz,
        submitted: fmt.int(totals.submissions),
        decided: fmt.int(totals.decisions),
        day: dayName(busiest.weekday),
        hour: hourLabel(busiest.hour),
        net: fmt.int(net(busiest)),
      })}
      definition={translate(METRIC_DEFINITIONS.heatMap)}
      rows={cells}
      columns={columns}
      csvName="week-heat-map"
      height={300}
    >
      <ResponsiveContainer>
        <BarChart data={hourRows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <XAxis dataKey="label" interval={2} {...style.axis} />
          <YAxis
            type="number"
            domain={[0, 7]}
            ticks={WEEKDAYS.map((_, i) => i + 0.5)}
            tickFormatter={(v: number) => dayName(WEEKDAYS[Math.floor(v)]).slice(0, 3)}
            reversed
            width={48}
            {...style.axis}
          />
          <Tooltip
            {...style.tooltip}
            cursor={false}
            content={({ active, label }) => {
              if (!active || typeof label !== 'string') return null;
              const hour = Number(label.slice(0, 2));
              return (
                <div style={{ ...style.tooltip.contentStyle, padding: 8, fontSize: 12 }}>
                  <div style={style.tooltip.labelStyle}>{label}</div>
                  {WEEKDAYS.map((d) => {
                    const c = cellAt(d, hour);
                    return (
                      <div key={d}>
                        {translate('dashboard.charts.heatMap.tooltipLine', {
                          day: dayName(d),
                          submitted: fmt.int(c.submissions),
                          decided: fmt.int(c.decisions),
                        })}
                      </div>
                    );
                  })}
                </div>
              );
            }}
          />
          <Legend
            {...style.legend}
            content={() => (
              <Box sx={{ display: 'flex', gap: 2, justifyContent: 'center', fontSize: 12, pt: 0.5 }}>
                {(['grows', 'shrinks'] as const).map((way) => (
                  <Box key={way} sx={{ display: 'flex', alignItems: 'center', gap: 0.5 }}>
                    <Box
                      aria-hidden
                      sx={{
                        width: 12,
                        height: 12,
                        borderRadius: 0.5,
                        bgcolor: way === 'grows' ? style.danger : style.primary,
                      }}
                    />
                    {translate(`dashboard.charts.heatMap.${way}`)}
                  </Box>
                ))}
              </Box>
            )}
          />
          {WEEKDAYS.map((d) => (
            <Bar key={d} dataKey={d} stackId="week" isAnimationActive={false} shape={cellShape(d)} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

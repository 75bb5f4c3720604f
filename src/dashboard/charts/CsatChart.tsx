// Customer satisfaction by who decided, why the customer asked and what they were told (GET
// /api/metrics csatBy): the average rating (1–5) of each, with how many ratings, one dimension at a
// time. Reviewers by name; the automatic rejection after the information timeout has no reviewer.
import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import { useGetMany } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { METRIC_DEFINITIONS } from '../../domain/metrics';
import type { StaffUser } from '../../domain/model';
import { ChartFrame, type FrameColumn } from '../ChartFrame';
import { CHART_MARGIN, useChartKit, type ChartProps } from './chartKit';

export const CSAT_DIMENSIONS = ['reviewer', 'reasonCategory', 'outcome'] as const;
export type CsatDimension = (typeof CSAT_DIMENSIONS)[number];

interface CsatRow {
  /** the reviewer's id, the reason or the outcome; "" for the timeout's ratings */
  key: string;
  label: string;
  average: number | null;
  n: number;
}

export function CsatChart({ answer, fmt }: Omit<ChartProps, 'rows'>) {
  const { translate, style, period } = useChartKit(answer, fmt);
  const [dimension, setDimension] = useState<CsatDimension>('reviewer');
  const by = answer.csatBy;
  const ids = (by?.reviewer ?? []).flatMap((r) => (r.reviewerId === null ? [] : [r.reviewerId]));
  const { data: users } = useGetMany<StaffUser>('users', { ids }, { enabled: ids.length > 0 });
  const csat = answer.totals.csat;
  if (!by || !csat) return null;
  const names = new Map((users ?? []).map((u) => [u.id, u.fullName]));
  const rows: CsatRow[] =
    dimension === 'reviewer'
      ? by.reviewer.map((r) => ({
          key: r.reviewerId ?? '',
          label:
            r.reviewerId === null
              ? translate('dashboard.csat.noReviewer')
              : (names.get(r.reviewerId) ?? r.reviewerId),
          average: r.average,
          n: r.n,
        }))
      : dimension === 'reasonCategory'
        ? by.reasonCategory.map((r) => ({
            key: r.reasonCategory,
            label: translate(`refunds.reason.${r.reasonCategory}`),
            average: r.average,
            n: r.n,
          }))
        : by.outcome.map((r) => ({
            key: r.outcome,
            label: translate(`dashboard.outcomes.${r.outcome}`),
            average: r.average,
            n: r.n,
          }));
  const dimensionName = translate(`dashboard.csat.by.${dimension}`);
  const columns: FrameColumn<CsatRow>[] = [
    { key: dimension, header: dimensionName, text: (r) => r.label, csv: (r) => r.key },
    {
      key: 'average',
      header: translate('dashboard.series.csatAverage'),
      text: (r) => fmt.score(r.average),
      csv: (r) => r.average,
      align: 'right',
    },
    {
      key: 'n',
      header: translate('dashboard.series.ratings'),
      text: (r) => fmt.int(r.n),
      csv: (r) => r.n,
      align: 'right',
    },
  ];
  const title = translate('dashboard.charts.csat.title');
  return (
    <ChartFrame
      title={title}
      summary={translate('dashboard.charts.csat.summary', {
        period,
        dimension: translate(`dashboard.csat.byWord.${dimension}`),
        average: fmt.score(csat.average),
        count: fmt.int(csat.n),
      })}
      definition={translate(METRIC_DEFINITIONS.csat)}
      rows={rows}
      columns={columns}
      csvName={`csat-by-${dimension}`}
      controls={
        <ToggleButtonGroup
          size="small"
          exclusive
          value={dimension}
          onChange={(_, next: CsatDimension | null) => next && setDimension(next)}
          aria-label={translate('dashboard.csat.dimension', { name: title })}
        >
          {CSAT_DIMENSIONS.map((d) => (
            <ToggleButton key={d} value={d} sx={{ px: 1, py: 0.25, textTransform: 'none' }}>
              {translate(`dashboard.csat.by.${d}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      }
    >
      <ResponsiveContainer>
        <BarChart data={rows} layout="vertical" margin={CHART_MARGIN} accessibilityLayer={false}>
          <CartesianGrid {...style.grid} horizontal={false} />
          <XAxis type="number" domain={[0, 5]} ticks={[0, 1, 2, 3, 4, 5]} {...style.axis} />
          <YAxis type="category" dataKey="label" width={140} interval={0} {...style.axis} />
          <Tooltip
            {...style.tooltip}
            formatter={(v, _name, item) =>
              typeof v === 'number'
                ? `${fmt.score(v)} · ${translate('dashboard.csat.ratings', {
                    smart_count: (item.payload as CsatRow).n,
                    count: fmt.int((item.payload as CsatRow).n),
                  })}`
                : String(v)
            }
          />
          <Bar dataKey="average" name={translate('dashboard.series.csatAverage')} fill={style.primary} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

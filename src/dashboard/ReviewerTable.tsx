// Per-reviewer figures of the period in a react-admin-styled table, each decision count linking to
// the requests behind it, with a CSV export.
import DownloadIcon from '@mui/icons-material/Download';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import { Box, Card, IconButton, Tooltip, Typography } from '@mui/material';
import { useId } from 'react';
import { downloadCSV, useGetMany, useTranslate } from 'react-admin';
import type { StaffUser } from '../domain/model';
import { METRIC_DEFINITIONS, type MetricsAnswer, type ReviewerFigures } from '../domain/metrics';
import { DataTable, type FrameColumn } from './ChartFrame';
import { decidedPath } from './clickThrough';
import { toCsv } from '../domain/csv';
import type { DashboardFormat } from './useDashboardFormat';

interface ReviewerRow extends ReviewerFigures {
  name: string;
}

export function ReviewerTable({ answer, fmt }: { answer: MetricsAnswer; fmt: DashboardFormat }) {
  const translate = useTranslate();
  const captionId = useId();
  const ids = answer.reviewers.map((r) => r.reviewerId);
  const { data: users } = useGetMany<StaffUser>('users', { ids }, { enabled: ids.length > 0 });
  const names = new Map((users ?? []).map((u) => [u.id, u.fullName]));
  const rows: ReviewerRow[] = answer.reviewers.map((r) => ({
    ...r,
    name: names.get(r.reviewerId) ?? r.reviewerId,
  }));
  const period = { start: answer.from, end: answer.to };
  const filters = answer.filters;

  const columns: FrameColumn<ReviewerRow>[] = [
    {
      key: 'reviewer',
      header: translate('dashboard.reviewers.reviewer'),
      text: (r) => r.name,
      csv: (r) => r.name,
    },
    {
      key: 'reviewerId',
      header: translate('resources.users.fields.id'),
      text: (r) => r.reviewerId,
      csv: (r) => r.reviewerId,
    },
    {
      key: 'decisions',
      header: translate('dashboard.reviewers.decisions'),
      text: (r) => fmt.int(r.decisions),
      csv: (r) => r.decisions,
      to: (r) => decidedPath(period, filters, undefined, r.reviewerId),
      align: 'right',
    },
    {
      key: 'approvalRate',
      header: translate('dashboard.reviewers.approvalRate'),
      text: (r) => fmt.percent(r.approvalRate),
      csv: (r) => r.approvalRate,
      to: (r) => decidedPath(period, filters, ['approved', 'partially_approved'], r.reviewerId),
      align: 'right',
    },
    {
      key: 'latencyHoursP50',
      header: translate('dashboard.reviewers.latencyP50'),
      text: (r) => fmt.hours(r.latencyHoursP50),
      csv: (r) => r.latencyHoursP50,
      align: 'right',
    },
    {
      key: 'slaCompliance',
      header: translate('dashboard.reviewers.slaCompliance'),
      text: (r) => fmt.percent(r.slaCompliance),
      csv: (r) => r.slaCompliance,
      align: 'right',
    },
    {
      key: 'overturnRate',
      header: translate('dashboard.reviewers.overturnRate'),
      text: (r) => fmt.percent(r.overturnRate),
      csv: (r) => r.overturnRate,
      align: 'right',
    },
    {
      key: 'againstSuggestionCount',
      header: translate('dashboard.reviewers.againstSuggestion'),
      text: (r) => `${fmt.int(r.againstSuggestionCount)} (${fmt.percent(r.againstSuggestionShare)})`,
      csv: (r) => r.againstSuggestionCount,
      align: 'right',
    },
    {
      key: 'againstSuggestionShare',
      header: translate('dashboard.reviewers.againstSuggestionShare'),
      text: (r) => fmt.percent(r.againstSuggestionShare),
      csv: (r) => r.againstSuggestionShare,
      align: 'right',
    },
  ];
  // the share is already shown next to the count; the CSV keeps both as raw numbers
  const shown = columns.filter((c) => c.key !== 'againstSuggestionShare' && c.key !== 'reviewerId');

  return (
    <Card variant="outlined" component="section" aria-labelledby={captionId} sx={{ p: 2, minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, mb: 1 }}>
        <Typography id={captionId} component="h2" variant="subtitle1" sx={{ fontWeight: 500, flex: 1 }}>
          {translate('dashboard.reviewers.title')}
        </Typography>
        <Tooltip title={translate(METRIC_DEFINITIONS.reviewerOverturnRate)}>
          <IconButton
            size="small"
            aria-label={translate('dashboard.definition', {
              name: translate('dashboard.reviewers.overturnRate'),
            })}
          >
            <InfoOutlinedIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={translate('dashboard.chart.exportCsv')}>
          <IconButton
            size="small"
            aria-label={translate('dashboard.chart.exportCsvOf', {
              name: translate('dashboard.reviewers.title'),
            })}
            onClick={() =>
              downloadCSV(
                toCsv(
                  rows,
                  columns.map((c) => ({ header: c.key, value: c.csv })),
                ),
                'reviewers',
              )
            }
          >
            <DownloadIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Box>
      {rows.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('dashboard.reviewers.empty')}
        </Typography>
      ) : (
        <DataTable rows={rows} columns={shown} labelledBy={captionId} />
      )}
    </Card>
  );
}

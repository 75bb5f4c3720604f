// The dashboard's charts (recharts, loaded with the lazy dashboard chunk), one chart a file in
// charts/ as react-admin's demo dashboard has them; every bar opens the list of exactly what it counts.
import { Box } from '@mui/material';
import type { MetricsAnswer } from '../domain/metrics';
import { ApprovalRateChart } from './charts/ApprovalRateChart';
import { BacklogChart } from './charts/BacklogChart';
import { useBucketRows } from './charts/chartKit';
import { ComplaintsChart } from './charts/ComplaintsChart';
import { CsatChart } from './charts/CsatChart';
import { LatencyChart } from './charts/LatencyChart';
import { RefundedChart } from './charts/RefundedChart';
import { SegmentLatencyChart } from './charts/SegmentLatencyChart';
import { VolumeChart } from './charts/VolumeChart';
import { WeekHeatMapChart } from './charts/WeekHeatMapChart';
import type { DashboardFormat } from './useDashboardFormat';

export interface ChartsProps {
  answer: MetricsAnswer;
  fmt: DashboardFormat;
  /** whether the complaints list exists (its click-throughs are offered only then) */
  complaintsList: boolean;
}

export function DashboardCharts({ answer, fmt, complaintsList }: ChartsProps) {
  const rows = useBucketRows(answer, fmt);
  const filters = answer.filters;
  // the complaints list cannot be narrowed by the refund filters: it opens only when none is set
  const refundFilters = Boolean(
    filters.reasonCategory?.length || filters.paymentChannel?.length || filters.submissionChannel?.length,
  );
  const chart = { answer, fmt, rows };
  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' } }}>
      <VolumeChart {...chart} />
      <ApprovalRateChart {...chart} />
      <LatencyChart {...chart} />
      <SegmentLatencyChart answer={answer} fmt={fmt} />
      <BacklogChart answer={answer} fmt={fmt} />
      <RefundedChart {...chart} />
      <ComplaintsChart {...chart} links={complaintsList && !refundFilters} />
      <CsatChart answer={answer} fmt={fmt} />
      <Box sx={{ gridColumn: '1 / -1', minWidth: 0 }}>
        <WeekHeatMapChart answer={answer} fmt={fmt} />
      </Box>
    </Box>
  );
}

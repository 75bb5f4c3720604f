// The controls around the queue's rows, loaded as a chunk of their own once the first rows are on
// screen (see AfterRows): the filter sidebar, the queue tabs, the toolbar (automatic assignment,
// claim next, filters, columns, export) and the bulk actions. None of them is needed to read the
// queue. The filter bar is not here: it renders with the rows, since its height depends on the
// filters shown and no placeholder could hold its place.
import { ColumnsButton, ExportButton, FilterButton, TopToolbar } from 'react-admin';
import { AutoAssignmentControl } from '../settings/AutoAssignmentControl';
import { ClaimNextButton } from './review/ClaimNextButton';
import { useQueue } from './review/queue';
import { useKeyboardShortcuts } from './review/shortcuts';

export { RefundFilterSidebar } from './RefundFilters';
export { QueueTabs } from './review/QueueTabs';
export { RefundBulkActions } from './review/BulkActions';
export { refundExporter } from './exporter';

/** Claim next on the toolbar, with its shortcut, for those who may. */
function ToolbarClaimNext() {
  const queue = useQueue();
  useKeyboardShortcuts({ n: () => void queue.claimNext() }, queue.mayClaimNext && !queue.busy);
  if (!queue.mayClaimNext) return null;
  return <ClaimNextButton queue={queue} disabled={queue.busy} variant="contained" />;
}

export function RefundListActions() {
  return (
    <TopToolbar>
      <AutoAssignmentControl />
      <ToolbarClaimNext />
      <FilterButton />
      <ColumnsButton />
      <ExportButton maxResults={1000} />
    </TopToolbar>
  );
}

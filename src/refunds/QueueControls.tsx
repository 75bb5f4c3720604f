// The controls around the queue's rows, loaded as a chunk of their own once the first rows are on
// screen (see AfterRows): the filter sidebar, the queue tabs, the toolbar (claim next, filters,
// columns, export) and the bulk actions. None of them is needed to read the queue. The filter bar
// is not here: it renders with the rows, since its height depends on the filters shown and no
// placeholder could hold its place.
import NextIcon from '@mui/icons-material/SkipNext';
import { Button, Tooltip } from '@mui/material';
import { ColumnsButton, ExportButton, FilterButton, TopToolbar, useTranslate } from 'react-admin';
import { useQueue } from './review/queue';
import { useKeyboardShortcuts } from './review/shortcuts';

export { RefundFilterSidebar } from './RefundFilters';
export { QueueTabs } from './review/QueueTabs';
export { RefundBulkActions } from './review/BulkActions';
export { refundExporter } from './exporter';

/** "Claim next" (shortcut n) for those who may: the most urgent unassigned request opens, claimed. */
function ClaimNextButton() {
  const translate = useTranslate();
  const queue = useQueue();
  useKeyboardShortcuts({ n: () => void queue.claimNext() }, queue.mayClaimNext && !queue.busy);
  if (!queue.mayClaimNext) return null;
  return (
    <Tooltip title={translate('shortcuts.hint', { key: 'N' })}>
      <span>
        <Button
          size="small"
          variant="contained"
          startIcon={<NextIcon />}
          disabled={queue.busy}
          aria-keyshortcuts="n"
          onClick={() => void queue.claimNext()}
          data-testid="claim-next"
        >
          {translate('refunds.review.actions.claim_next')}
        </Button>
      </span>
    </Tooltip>
  );
}

export function RefundListActions() {
  return (
    <TopToolbar>
      <ClaimNextButton />
      <FilterButton />
      <ColumnsButton />
      <ExportButton maxResults={1000} />
    </TopToolbar>
  );
}

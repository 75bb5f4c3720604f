// Previous / next request in the current list (the list's filters and sort, as last used), with
// the keyboard: j next, k previous.
import PrevIcon from '@mui/icons-material/NavigateBefore';
import NextIcon from '@mui/icons-material/NavigateNext';
import { Box, IconButton, Tooltip, Typography } from '@mui/material';
import { usePrevNextController, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { OPEN_REFUND_STATUSES, type RefundRequest } from '../../domain/model';
import { useKeyboardShortcuts } from './shortcuts';

export function RefundPrevNext() {
  const translate = useTranslate();
  const navigate = useNavigate();
  // the same defaults as <RefundList>, for when the list has not been used yet in this browser
  const { hasPrev, hasNext, prevPath, nextPath, index, total } = usePrevNextController<RefundRequest>({
    linkType: 'show',
    sort: { field: 'slaDueAt', order: 'ASC' },
    filterDefaultValues: { status: [...OPEN_REFUND_STATUSES] },
    limit: 500,
  });
  useKeyboardShortcuts({
    j: () => {
      if (nextPath) navigate(nextPath);
    },
    k: () => {
      if (prevPath) navigate(prevPath);
    },
  });
  return (
    <Box sx={{ display: 'flex', alignItems: 'center' }} data-testid="prev-next">
      <Tooltip title={`${translate('refunds.review.previous')} (K)`}>
        <span>
          <IconButton
            size="small"
            disabled={!hasPrev}
            onClick={() => prevPath && navigate(prevPath)}
            aria-label={translate('refunds.review.previous')}
            aria-keyshortcuts="k"
          >
            <PrevIcon />
          </IconButton>
        </span>
      </Tooltip>
      {typeof index === 'number' && typeof total === 'number' && (
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', mx: 0.5 }}>
          {index + 1} / {total}
        </Typography>
      )}
      <Tooltip title={`${translate('refunds.review.next')} (J)`}>
        <span>
          <IconButton
            size="small"
            disabled={!hasNext}
            onClick={() => nextPath && navigate(nextPath)}
            aria-label={translate('refunds.review.next')}
            aria-keyshortcuts="j"
          >
            <NextIcon />
          </IconButton>
        </span>
      </Tooltip>
    </Box>
  );
}

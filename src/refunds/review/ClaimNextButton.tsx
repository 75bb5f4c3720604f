// "Claim next" (shortcut n), on the queue's toolbar and on a request page: the most urgent
// unassigned request opens, claimed. The caller decides whether it is shown and when it is off.
import NextIcon from '@mui/icons-material/SkipNext';
import { Button, CircularProgress, Tooltip, type ButtonProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { useQueue } from './queue';

export function ClaimNextButton({
  queue,
  disabled,
  variant,
}: {
  queue: ReturnType<typeof useQueue>;
  disabled: boolean;
  variant?: ButtonProps['variant'];
}) {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('shortcuts.hint', { key: 'N' })}>
      <span>
        <Button
          size="small"
          variant={variant}
          startIcon={queue.busy ? <CircularProgress size={14} /> : <NextIcon />}
          disabled={disabled}
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

// The policy flags stored on a request, as small icons with translated tooltips.
import TippingIcon from '@mui/icons-material/CardGiftcard';
import DuplicateIcon from '@mui/icons-material/ContentCopy';
import OutsideWindowIcon from '@mui/icons-material/EventBusy';
import InfoIncompleteIcon from '@mui/icons-material/HelpOutlineOutlined';
import RestrictedIcon from '@mui/icons-material/Block';
import SpentIcon from '@mui/icons-material/MoneyOff';
import PurchaseAfterSubmissionIcon from '@mui/icons-material/HistoryToggleOff';
import { Box, type SvgIconProps } from '@mui/material';
import type { ComponentType } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { POLICY_FLAGS, type PolicyFlag, type RefundRequest } from '../domain/model';

export const POLICY_FLAG_ICONS: Record<PolicyFlag, ComponentType<SvgIconProps>> = {
  outsideWindow: OutsideWindowIcon,
  hasSpentCoins: SpentIcon,
  tipping: TippingIcon,
  infoIncomplete: InfoIncompleteIcon,
  accountRestricted: RestrictedIcon,
  duplicate: DuplicateIcon,
  purchaseAfterSubmission: PurchaseAfterSubmissionIcon,
};

const FLAG_COLORS: Record<PolicyFlag, SvgIconProps['color']> = {
  outsideWindow: 'error',
  hasSpentCoins: 'action',
  tipping: 'secondary',
  infoIncomplete: 'warning',
  accountRestricted: 'error',
  duplicate: 'warning',
  purchaseAfterSubmission: 'error',
};

export function PolicyFlagIcons({ request }: { request: Pick<RefundRequest, PolicyFlag> }) {
  const translate = useTranslate();
  const raised = POLICY_FLAGS.filter((flag) => request[flag]);
  if (raised.length === 0) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', gap: 0.5 }} data-testid="policy-flags">
      {raised.map((flag) => {
        const Icon = POLICY_FLAG_ICONS[flag];
        const label = translate(`refunds.flags.${flag}`);
        // titleAccess: an SVG <title>, the icon's accessible name and the browser's own tooltip
        // (a Material UI Tooltip per icon costs a component tree in each of a page's rows)
        return (
          <Icon
            key={flag}
            fontSize="small"
            color={FLAG_COLORS[flag]}
            titleAccess={label}
            aria-label={label}
            data-flag={flag}
          />
        );
      })}
    </Box>
  );
}

export function PolicyFlagsField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  return record ? <PolicyFlagIcons request={record} /> : null;
}

// The policy flags stored on a request, as small icons with translated tooltips.
import { Box } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { POLICY_FLAGS, type PolicyFlag, type RefundRequest } from '../domain/model';
import { ICON_PATHS, type IconPath } from '../layout/iconPaths';
import { PlainIcon } from '../layout/PlainIcon';
import type { PlainMarkColor } from '../layout/plainMarks';

export const POLICY_FLAG_ICONS: Record<PolicyFlag, IconPath> = {
  outsideWindow: ICON_PATHS.eventBusy,
  hasSpentCoins: ICON_PATHS.moneyOff,
  tipping: ICON_PATHS.giftCard,
  infoIncomplete: ICON_PATHS.helpOutline,
  accountRestricted: ICON_PATHS.block,
  duplicate: ICON_PATHS.copy,
  purchaseAfterSubmission: ICON_PATHS.historyToggleOff,
};

const FLAG_COLORS: Record<PolicyFlag, PlainMarkColor> = {
  outsideWindow: 'error',
  hasSpentCoins: 'action',
  tipping: 'secondary',
  infoIncomplete: 'warning',
  accountRestricted: 'error',
  duplicate: 'warning',
  purchaseAfterSubmission: 'error',
};

const FLAGS_SX = { display: 'inline-flex', gap: 0.5 } as const;

export function PolicyFlagIcons({ request }: { request: Pick<RefundRequest, PolicyFlag> }) {
  const translate = useTranslate();
  const raised = POLICY_FLAGS.filter((flag) => request[flag]);
  if (raised.length === 0) return null;
  return (
    <Box component="span" sx={FLAGS_SX} data-testid="policy-flags">
      {raised.map((flag) => (
        // the SVG <title> is the icon's accessible name and the browser's own tooltip (a Material
        // UI Tooltip per icon would cost a component tree in each of a page's rows)
        <PlainIcon
          key={flag}
          path={POLICY_FLAG_ICONS[flag]}
          size="small"
          color={FLAG_COLORS[flag]}
          title={translate(`refunds.flags.${flag}`)}
          data-flag={flag}
        />
      ))}
    </Box>
  );
}

export function PolicyFlagsField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<RefundRequest>();
  return record ? <PolicyFlagIcons request={record} /> : null;
}

// Empty states that say what to do. <ListEmpty> serves both react-admin slots: <List empty> (no
// record at all) and <DataTable empty> (nothing left after filtering, or an empty related list).
// With filters on, it says so and offers to clear them; without, it shows the list's own message.
import InboxIcon from '@mui/icons-material/Inbox';
import FilterOffIcon from '@mui/icons-material/FilterAltOff';
import { Box, Button, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useListContextWithProps, useTranslate } from 'react-admin';

export function EmptyState({
  icon,
  title,
  hint,
  action,
}: {
  icon?: ReactNode;
  title: string;
  hint?: string;
  action?: ReactNode;
}) {
  return (
    <Box
      role="status"
      data-testid="empty-state"
      sx={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        textAlign: 'center',
        gap: 1,
        py: 6,
        px: 2,
        mx: 'auto',
        maxWidth: 520,
        color: 'text.secondary',
      }}
    >
      <Box aria-hidden sx={{ '& svg': { fontSize: 56 } }}>
        {icon ?? <InboxIcon />}
      </Box>
      <Typography variant="h6" component="h2" color="text.primary">
        {title}
      </Typography>
      {hint && <Typography variant="body2">{hint}</Typography>}
      {action}
    </Box>
  );
}

/**
 * The empty list: `title` and `hint` (i18n keys) say what would be here and how it gets here. When
 * filters hide everything, it says that instead and offers to clear them.
 */
export function ListEmpty({
  title,
  hint,
  icon,
  compact = false,
}: {
  title: string;
  hint?: string;
  icon?: ReactNode;
  /** one line of text, for a related list inside a record's page */
  compact?: boolean;
}) {
  const translate = useTranslate();
  // works inside a list (filters) and inside a ReferenceManyField (no filter bar)
  const { filterValues, setFilters } = useListContextWithProps({});
  const filtered = Object.keys(filterValues ?? {}).length > 0;
  if (filtered && setFilters) {
    return (
      <EmptyState
        icon={<FilterOffIcon />}
        title={translate('layout.empty.filtered_title')}
        hint={translate('layout.empty.filtered_hint')}
        action={
          <Button variant="outlined" onClick={() => setFilters({}, [])} sx={{ mt: 1 }}>
            {translate('layout.empty.clear_filters')}
          </Button>
        }
      />
    );
  }
  if (compact) {
    return (
      <Typography
        variant="body2"
        color="text.secondary"
        role="status"
        data-testid="empty-state"
        sx={{ py: 1 }}
      >
        {translate(title)}
      </Typography>
    );
  }
  return <EmptyState icon={icon} title={translate(title)} hint={hint ? translate(hint) : undefined} />;
}

// What the dashboard shows while its figures load: the shape of the page to come (headline cards,
// charts), not a spinner. Kept out of the lazy chunk: it is also the chunk's own loading state.
import { Box, Card, CardContent, Skeleton } from '@mui/material';
import { useTranslate } from 'react-admin';

export function DashboardSkeleton({ cards = 6, charts = 2 }: { cards?: number; charts?: number }) {
  const translate = useTranslate();
  return (
    <Box
      role="progressbar"
      aria-label={translate('layout.loading')}
      aria-busy="true"
      data-testid="loading-skeleton"
      sx={{ display: 'grid', gap: 2, minWidth: 0 }}
    >
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))' }}>
        {Array.from({ length: cards }, (_, i) => (
          <Card key={i} variant="outlined">
            <CardContent>
              <Skeleton variant="text" width="60%" />
              <Skeleton variant="text" sx={{ fontSize: '2rem' }} width="40%" />
              <Skeleton variant="text" width="80%" />
            </CardContent>
          </Card>
        ))}
      </Box>
      {Array.from({ length: charts }, (_, i) => (
        <Card key={i} variant="outlined" sx={{ p: 2 }}>
          <Skeleton variant="text" width="30%" />
          <Skeleton variant="rounded" height={240} />
        </Card>
      ))}
    </Box>
  );
}

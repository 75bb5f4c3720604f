// Locale-aware display fields: money from fen, date-times, relative times. They read the value at
// `source` from the record context and format it with src/i18n/format.ts in the current locale.
import { Typography, type SxProps, type Theme } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useNow } from '../layout/clock';
import { formatDateTime, formatFen, formatInteger, formatRelative } from './format';

export interface DisplayFieldProps {
  source: string;
  /** used by <Labeled> and list headers */
  label?: string;
  /** an i18n key shown when the value is empty */
  emptyText?: string;
  sx?: SxProps<Theme>;
}

export function useLocale(): string {
  const [locale] = useLocaleState();
  return locale;
}

function useValue(source: string): unknown {
  const record = useRecordContext<Record<string, unknown>>();
  return record?.[source];
}

function Empty({ emptyText, sx }: Pick<DisplayFieldProps, 'emptyText' | 'sx'>) {
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2" color="text.secondary" sx={sx}>
      {translate(emptyText ?? 'common.none')}
    </Typography>
  );
}

/** `¥1,234.50` from integer fen. */
export function FenField({ source, emptyText, sx }: DisplayFieldProps) {
  const value = useValue(source);
  const locale = useLocale();
  if (typeof value !== 'number') return <Empty emptyText={emptyText} sx={sx} />;
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', ...sx }}>
      {formatFen(value, locale)}
    </Typography>
  );
}

/** An integer with grouping (coins). */
export function IntegerField({ source, emptyText, sx }: DisplayFieldProps) {
  const value = useValue(source);
  const locale = useLocale();
  if (typeof value !== 'number') return <Empty emptyText={emptyText} sx={sx} />;
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', ...sx }}>
      {formatInteger(value, locale)}
    </Typography>
  );
}

/** A date and time in the viewer's time zone. */
export function DateTimeField({ source, emptyText, sx }: DisplayFieldProps) {
  const value = useValue(source);
  const locale = useLocale();
  if (typeof value !== 'string' || !value) return <Empty emptyText={emptyText} sx={sx} />;
  return (
    <Typography component="span" variant="body2" sx={sx}>
      <time dateTime={value}>{formatDateTime(value, locale)}</time>
    </Typography>
  );
}

/** "3 hours ago", with the exact date and time on hover. Refreshed by the shared clock every 30 s. */
export function RelativeTimeField({ source, emptyText, sx }: DisplayFieldProps) {
  const value = useValue(source);
  if (typeof value !== 'string' || !value) return <Empty emptyText={emptyText} sx={sx} />;
  return (
    <Typography component="span" variant="body2" sx={sx}>
      <RelativeTime source={source} />
    </Typography>
  );
}

/** The bare <time> of RelativeTimeField, for a table that styles its cells itself. */
export function RelativeTime({ source }: { source: string }) {
  const value = useValue(source);
  const locale = useLocale();
  const now = useNow(30_000);
  if (typeof value !== 'string' || !value) return null;
  return (
    <time dateTime={value} title={formatDateTime(value, locale)}>
      {formatRelative(value, now, locale)}
    </time>
  );
}

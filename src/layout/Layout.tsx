// The page frame: app bar, side menu (collapsed to icons on a tablet), the document language and
// title kept in step with the UI's, Material UI's own labels in the UI's language, and the
// "server unreachable" page in place of the content while the API is down.
import { ThemeProvider, useMediaQuery, type Theme } from '@mui/material';
import { enUS, zhCN, type Localization } from '@mui/material/locale';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { Layout as RaLayout, useLocaleState, useSidebarState, useTranslate } from 'react-admin';
import { AppBar } from './AppBar';
import { ApiStatusGate } from './ApiStatus';
import { useDocumentLocale } from './documentLocale';
import { LiveUpdates } from './LiveUpdates';
import { Menu } from './Menu';
import { SlaCalendarProvider } from '../settings/slaCalendar';

/** Screen readers and the browser's own translation need <html lang> to follow the locale switch. */
function DocumentLanguage() {
  useDocumentLocale();
  return null;
}

/** On a tablet (600–1199 px) the side menu starts collapsed to its icons; the user may open it. */
function CollapseMenuOnTablet() {
  const tablet = useMediaQuery((theme: Theme) => theme.breakpoints.between('sm', 'lg'), { noSsr: true });
  const [, setOpen] = useSidebarState();
  const setOpenRef = useRef(setOpen);
  setOpenRef.current = setOpen;
  useEffect(() => {
    if (tablet) setOpenRef.current(false);
  }, [tablet]);
  return null;
}

type ThemeComponents = NonNullable<Theme['components']>;

/** Adds a Material UI locale's default props to the theme's, component by component. */
export function withMuiLocale(theme: Theme, localization: Localization): Theme {
  const added = (localization.components ?? {}) as Record<string, { defaultProps?: object } | undefined>;
  const components: Record<string, { defaultProps?: object } | undefined> = {
    ...(theme.components as Record<string, { defaultProps?: object } | undefined>),
  };
  for (const [name, value] of Object.entries(added)) {
    const existing = components[name];
    components[name] = {
      ...existing,
      defaultProps: { ...existing?.defaultProps, ...value?.defaultProps },
    };
  }
  return { ...theme, components: components as ThemeComponents };
}

/**
 * A name for every progress indicator (react-admin's loading spinner in the app bar has none, and
 * screen readers announce a nameless progress bar as just "progress bar").
 */
export function progressLabels(loading: string): Localization {
  const named = { defaultProps: { 'aria-label': loading } };
  return { components: { MuiCircularProgress: named, MuiLinearProgress: named } } as Localization;
}

/** Material UI's few built-in labels (pagination, autocomplete, alerts) in the UI's language. */
function MuiLocale({ children }: { children: ReactNode }) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const loading = translate('ra.page.loading');
  const localization = locale.toLowerCase().startsWith('zh') ? zhCN : enUS;
  const theme = useCallback(
    (outer: Theme) => withMuiLocale(withMuiLocale(outer, localization), progressLabels(loading)),
    [localization, loading],
  );
  return <ThemeProvider theme={theme}>{children}</ThemeProvider>;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    // around the whole frame: the app bar's loading spinner is named too
    <MuiLocale>
      <RaLayout
        appBar={AppBar}
        menu={Menu}
        // wide tables scroll inside their card instead of widening the whole page
        sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}
      >
        <DocumentLanguage />
        <CollapseMenuOnTablet />
        <LiveUpdates />
        <ApiStatusGate>
          <SlaCalendarProvider>{children}</SlaCalendarProvider>
        </ApiStatusGate>
      </RaLayout>
    </MuiLocale>
  );
}

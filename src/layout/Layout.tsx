// The page frame: app bar, side menu, and the document language kept in step with the UI's.
import { useEffect, type ReactNode } from 'react';
import { Layout as RaLayout, useLocaleState } from 'react-admin';
import { AppBar } from './AppBar';
import { Menu } from './Menu';

/** Screen readers and the browser's own translation need <html lang> to follow the locale switch. */
function DocumentLanguage() {
  const [locale] = useLocaleState();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return null;
}

export function Layout({ children }: { children: ReactNode }) {
  return (
    <RaLayout
      appBar={AppBar}
      menu={Menu}
      // wide tables scroll inside their card instead of widening the whole page
      sx={{ minWidth: 0, '& .RaLayout-content': { minWidth: 0 } }}
    >
      <DocumentLanguage />
      {children}
    </RaLayout>
  );
}

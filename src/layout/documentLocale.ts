// The document follows the interface's language: <html lang> (screen readers, the browser's own
// translation, CJK font selection) and the tab's title.
import { useEffect } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';

export function useDocumentLocale(): void {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const title = translate('app.title');
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = title;
  }, [locale, title]);
}

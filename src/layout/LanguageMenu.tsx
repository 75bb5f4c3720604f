// The language menu (app bar and sign-in page): the current language by name, in its own language,
// and the list of the others. Replaces react-admin's <LocalesMenuButton>, whose button has an empty
// accessible name. The choice goes to react-admin's store (key "locale"): it is remembered.
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import LanguageIcon from '@mui/icons-material/Translate';
import { Button, Menu, MenuItem } from '@mui/material';
import { useId, useState } from 'react';
import { useLocaleState, useLocales, useTranslate } from 'react-admin';

export function LanguageMenu() {
  const translate = useTranslate();
  const [locale, setLocale] = useLocaleState();
  const locales = useLocales();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const menuId = useId();
  const current = locales.find((l) => l.locale === locale) ?? locales[0];
  const open = anchor !== null;
  if (locales.length < 2) return null;
  return (
    <>
      <Button
        color="inherit"
        startIcon={<LanguageIcon />}
        endIcon={<ExpandMoreIcon fontSize="small" />}
        aria-label={translate('layout.language.button', { name: current?.name ?? locale })}
        aria-haspopup="menu"
        aria-controls={open ? menuId : undefined}
        aria-expanded={open ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        data-testid="language-menu"
        sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}
      >
        <span lang={current?.locale}>{current?.name}</span>
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={open}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-label': translate('layout.language.menu') } }}
      >
        {locales.map((l) => (
          <MenuItem
            key={l.locale}
            lang={l.locale}
            selected={l.locale === locale}
            onClick={() => {
              setAnchor(null);
              setLocale(l.locale);
            }}
          >
            {l.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

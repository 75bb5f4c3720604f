// The app bar: page title, my away switch (reviewers and supervisors), my notifications (the bell), keyboard shortcuts (`?`), language menu (zh-CN / en), light/dark switch, loading indicator, user menu.
import { AppBar as RaAppBar, LoadingIndicator, TitlePortal, ToggleThemeButton } from 'react-admin';
import { MyAwaySwitch } from '../users/AwaySwitch';
import { LanguageMenu } from './LanguageMenu';
import { NotificationBell } from './NotificationBell';
import { ShortcutHelp } from './ShortcutHelp';

function AppBarToolbar() {
  return (
    <>
      <MyAwaySwitch />
      <NotificationBell />
      <ShortcutHelp />
      <LanguageMenu />
      <ToggleThemeButton />
      <LoadingIndicator />
    </>
  );
}

export function AppBar() {
  return (
    // primary (a darker blue than react-admin's default secondary): white text on it reaches 4.5:1
    <RaAppBar color="primary" toolbar={<AppBarToolbar />}>
      <TitlePortal />
    </RaAppBar>
  );
}

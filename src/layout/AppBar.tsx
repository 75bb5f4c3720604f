// The app bar: page title, language menu (zh-CN / en), light/dark switch, loading indicator, user menu.
import {
  AppBar as RaAppBar,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  ToggleThemeButton,
} from 'react-admin';

function AppBarToolbar() {
  return (
    <>
      <LocalesMenuButton />
      <ToggleThemeButton />
      <LoadingIndicator />
    </>
  );
}

export function AppBar() {
  return (
    <RaAppBar toolbar={<AppBarToolbar />}>
      <TitlePortal />
    </RaAppBar>
  );
}

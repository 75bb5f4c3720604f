export { AppBar } from './AppBar';
export { FixedNow, useNow } from './clock';
export { Layout } from './Layout';
export { Login } from './Login';
export { Menu, MENU_RESOURCES } from './Menu';
export { darkTheme, lightTheme } from './themes';

// Light and dark themes: react-admin's defaults, switchable from the app bar.
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

export const lightTheme: RaThemeOptions = defaultLightTheme;
export const darkTheme: RaThemeOptions = defaultDarkTheme;

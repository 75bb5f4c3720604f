// Light and dark themes, switchable from the app bar (react-admin remembers the choice).
//
// Built on react-admin's defaults, with what accessibility needs on top:
// - status colours that stay readable: every palette colour used as text on the page background, and
//   every filled chip's label on its colour, reach 4.5:1 (contrastThreshold 4.5 makes Material UI
//   pick a dark label where white would not reach it);
// - a visible focus ring on everything the keyboard can reach (buttons, menu items, tabs, inputs,
//   checkboxes, table rows), drawn in a colour that stands out on its background;
// - table rows that open their record can be reached with Tab and opened with Enter;
// - checkboxes that carry an aria-label put it on their <input>, where it names the control.
// The Material UI locale (its own few English labels) is added per language by <Layout>.
import type { KeyboardEvent } from 'react';
import type { Theme } from '@mui/material/styles';
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';
import { plainMarkStyles } from './plainMarks';

/** Enter (or Space) on a focused clickable row does what a click does: open the record. */
export function openRowFromKeyboard(event: KeyboardEvent<HTMLTableRowElement>): void {
  if (event.target !== event.currentTarget) return;
  if (event.key !== 'Enter' && event.key !== ' ') return;
  if (!event.currentTarget.classList.contains('RaDataTable-clickableRow')) return;
  event.preventDefault();
  event.currentTarget.click();
}

interface CheckboxOwnerState {
  'aria-label'?: string;
}

/** The light palette: Material UI's hues, one step darker where the default is too light as text. */
const LIGHT_PALETTE = {
  contrastThreshold: 4.5,
  primary: { main: '#1565c0', light: '#1e88e5', dark: '#0d47a1' },
  secondary: { main: '#7b1fa2', light: '#9c27b0', dark: '#4a148c' },
  info: { main: '#0277bd', light: '#0288d1', dark: '#01579b' },
  success: { main: '#2e7d32', light: '#4caf50', dark: '#1b5e20' },
  warning: { main: '#b45309', light: '#ed6c02', dark: '#8a3c00' },
  error: { main: '#c62828', light: '#d32f2f', dark: '#b71c1c' },
};

/**
 * The dark palette: react-admin's, with labels on filled chips chosen for contrast, and a lighter
 * red (Material UI's #f44336 reaches only 3.5:1 as text on the #313131 page).
 */
const DARK_PALETTE = {
  contrastThreshold: 4.5,
  error: { main: '#f28b82', light: '#f6aea9', dark: '#e57373' },
};

function withAccessibility(
  base: RaThemeOptions,
  palette: Record<string, unknown>,
  focus: { color: string; onAppBar: string; placeholder: string },
): RaThemeOptions {
  const ring = { outline: `2px solid ${focus.color}`, outlineOffset: 2 };
  const innerRing = { outline: `2px solid ${focus.color}`, outlineOffset: -2 };
  return {
    ...base,
    palette: { ...base.palette, ...palette },
    components: {
      ...base.components,
      MuiCssBaseline: {
        styleOverrides: (theme: Theme) => ({
          ...plainMarkStyles(theme),
          // the browser's own ring is thin and, on blue, invisible: one ring everywhere instead
          // ("html" outranks the components' own `outline: 0`)
          'html :focus-visible': ring,
          'html .Mui-focusVisible': innerRing,
          // rows reached with Tab
          'html tr:focus-visible': innerRing,
          '@keyframes refund-desk-pulse': {
            '0%': { opacity: 1 },
            '50%': { opacity: 0.45 },
            '100%': { opacity: 1 },
          },
          '@media (prefers-reduced-motion: reduce)': {
            '.RaPlaceholder-root, .MuiSkeleton-root': { animation: 'none !important' },
          },
        }),
      },
      // a list's buttons (claim next, filters, columns, export) wrap on a tablet instead of
      // pushing the page wider than the screen
      RaTopToolbar: {
        styleOverrides: { root: { flexWrap: 'wrap', rowGap: 4 } },
      },
      // the lists' loading skeleton (react-admin shows it when a page takes over a second)
      RaPlaceholder: {
        styleOverrides: {
          root: {
            backgroundColor: focus.placeholder,
            borderRadius: 4,
            animation: 'refund-desk-pulse 1.5s ease-in-out 0.5s infinite',
          },
        },
      },
      MuiAppBar: {
        defaultProps: { color: 'primary' },
        styleOverrides: {
          root: {
            '& :focus-visible, & .Mui-focusVisible': { outlineColor: `${focus.onAppBar} !important` },
          },
        },
      },
      MuiInputBase: {
        styleOverrides: {
          // the underline alone is a thin colour change: add a ring while the field has the focus
          root: { '&.Mui-focused': { boxShadow: `0 0 0 2px ${focus.color}` } },
        },
      },
      MuiCheckbox: {
        defaultProps: {
          slotProps: {
            // react-admin's row checkboxes pass aria-label to the root <span>: move it to the <input>
            root: (ownerState: CheckboxOwnerState) =>
              ownerState['aria-label'] ? { 'aria-label': undefined } : {},
            input: (ownerState: CheckboxOwnerState) =>
              ownerState['aria-label'] ? { 'aria-label': ownerState['aria-label'] } : {},
          },
        },
      },
      RaDataTableRow: {
        defaultProps: { tabIndex: 0, onKeyDown: openRowFromKeyboard },
      },
    },
  };
}

export const lightTheme: RaThemeOptions = withAccessibility(defaultLightTheme, LIGHT_PALETTE, {
  color: LIGHT_PALETTE.primary.main,
  onAppBar: '#ffffff',
  placeholder: 'rgba(0, 0, 0, 0.11)',
});

export const darkTheme: RaThemeOptions = withAccessibility(defaultDarkTheme, DARK_PALETTE, {
  color: '#90caf9',
  onAppBar: '#90caf9',
  placeholder: 'rgba(255, 255, 255, 0.13)',
});

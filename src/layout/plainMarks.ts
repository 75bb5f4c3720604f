// Chips and icons drawn as plain elements styled once for the whole app, for the marks a list
// repeats in every row (a request's status, its SLA icon, its policy flags). Material UI's <Chip>
// and <SvgIcon> are several components each; a page of 25–100 rows pays for every one of them on
// first paint. These look the same as Material UI's small chip and icon (same sizes, colours and
// contrast rules) and are styled by the theme's global styles (themes.ts).
import type { Theme } from '@mui/material/styles';
import type { PaletteColor } from '../refunds/choices';

const CHIP_COLORS = ['primary', 'secondary', 'error', 'info', 'success', 'warning'] as const;

/** The global CSS for `.rd-chip` and `.rd-icon`, from the theme's palette. */
export function plainMarkStyles(theme: Theme): Record<string, Record<string, unknown>> {
  const { palette, typography } = theme;
  const styles: Record<string, Record<string, unknown>> = {
    '.rd-chip': {
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      boxSizing: 'border-box',
      width: 'fit-content',
      maxWidth: '100%',
      height: 24,
      padding: '0 8px',
      borderRadius: 12,
      border: '1px solid transparent',
      whiteSpace: 'nowrap',
      verticalAlign: 'middle',
      fontFamily: typography.fontFamily,
      fontSize: typography.pxToRem(13),
      lineHeight: 1,
      backgroundColor: palette.action.selected,
      color: palette.text.primary,
    },
    '.rd-chip[data-variant="outlined"]': {
      backgroundColor: 'transparent',
      borderColor: palette.mode === 'light' ? palette.grey[400] : palette.grey[700],
    },
    '.rd-icon': {
      display: 'inline-block',
      flexShrink: 0,
      width: '1em',
      height: '1em',
      fill: 'currentColor',
      userSelect: 'none',
    },
    '.rd-icon[data-size="small"]': { fontSize: typography.pxToRem(20) },
    '.rd-icon[data-color="action"]': { color: palette.action.active },
  };
  for (const color of CHIP_COLORS) {
    const hue = palette[color];
    styles[`.rd-chip[data-color="${color}"]`] = {
      backgroundColor: hue.main,
      borderColor: hue.main,
      color: hue.contrastText,
    };
    styles[`.rd-chip[data-color="${color}"][data-variant="outlined"]`] = {
      backgroundColor: 'transparent',
      color: hue.main,
    };
    styles[`.rd-icon[data-color="${color}"]`] = { color: hue.main };
  }
  return styles;
}

export type PlainMarkColor = PaletteColor | 'action';

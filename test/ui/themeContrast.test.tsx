// @vitest-environment jsdom
// Status colours stay readable in both themes: every colour a status chip can take reaches 4.5:1 —
// a filled chip's label on its colour, an outlined chip's label (the colour itself) on the paper and
// on the page background. Covers the refund, complaint, priority and account status chips.
import { createTheme, getContrastRatio, type PaletteColor as MuiPaletteColor } from '@mui/material/styles';
import { describe, expect, it } from 'vitest';
import { COMPLAINT_STATUS_COLORS, PRIORITY_COLORS } from '../../src/complaints/choices';
import { ACCOUNT_STATUS_COLORS } from '../../src/customers/AccountStatusChip';
import { darkTheme, lightTheme } from '../../src/layout/themes';
import { STATUS_COLORS, type PaletteColor } from '../../src/refunds/choices';

const used = new Set<PaletteColor>([
  ...Object.values(STATUS_COLORS),
  ...Object.values(COMPLAINT_STATUS_COLORS),
  ...Object.values(PRIORITY_COLORS),
  ...Object.values(ACCOUNT_STATUS_COLORS),
  'secondary', // the complaint level chip
]);
const colours = [...used].filter((c): c is Exclude<PaletteColor, 'default'> => c !== 'default');

describe.each([
  ['light', lightTheme],
  ['dark', darkTheme],
] as const)('%s theme', (_name, options) => {
  const theme = createTheme(options);
  const p = theme.palette;

  it.each(colours)('%s: filled chip label on its colour', (colour) => {
    const { main, contrastText } = p[colour] as MuiPaletteColor;
    expect(getContrastRatio(contrastText, main)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colours)('%s: outlined chip and coloured text on the paper and the page', (colour) => {
    const { main } = p[colour] as MuiPaletteColor;
    expect(getContrastRatio(main, p.background.paper)).toBeGreaterThanOrEqual(4.5);
    expect(getContrastRatio(main, p.background.default)).toBeGreaterThanOrEqual(4.5);
  });

  it('the app bar: its text on its colour', () => {
    const bar = theme.palette.mode === 'light' ? p.primary : null;
    if (bar) expect(getContrastRatio(bar.contrastText, bar.main)).toBeGreaterThanOrEqual(4.5);
  });
});

// Layout the queue's controls share with their placeholders (AfterRows), which render before the
// controls' code has loaded and must take exactly their place.

/** The queue tabs' bar: a line under it; a tab bar is 48 px high. */
export const TABS_BAR_SX = { borderBottom: 1, borderColor: 'divider', px: 1 } as const;
export const TABS_BAR_HEIGHT_PX = 48;

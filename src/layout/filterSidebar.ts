// Where a list's filter sidebar sits, in a module of its own: the queue's placeholder for its
// sidebar takes the same place before the sidebar's code has loaded.

/** Beside the list, hidden on phones; the sidebars and their placeholders all use it. */
export const FILTER_SIDEBAR_SX = {
  display: { xs: 'none', md: 'block' },
  order: -1,
  flex: '0 0 14em',
  mr: 2,
  mt: 8,
  alignSelf: 'flex-start',
} as const;

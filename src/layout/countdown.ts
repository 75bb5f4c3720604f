// How a deadline countdown reads (a refund's SLA, a complaint's due time): one line, tabular
// figures, its icon beside the text, the colour and the weight chosen by its state attribute. One
// style object per kind of countdown, so every row of a list shares one class.

/** The `sx` of a countdown whose element carries `attribute="<state>"`; `bold` is the late state. */
export function countdownSx<S extends string>(
  attribute: string,
  colors: Record<S, string>,
  bold: NoInfer<S>,
) {
  return {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 0.5,
    whiteSpace: 'nowrap',
    fontSize: '0.875rem',
    fontVariantNumeric: 'tabular-nums',
    ...Object.fromEntries(
      (Object.entries(colors) as [S, string][]).map(([state, color]) => [
        `&[${attribute}="${state}"]`,
        { color, fontWeight: state === bold ? 600 : undefined },
      ]),
    ),
  };
}

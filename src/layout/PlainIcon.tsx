// An icon as one plain <svg> (see plainMarks.ts): for marks repeated in every row of a list.
import type { PlainMarkColor } from './plainMarks';
import type { IconPath } from './iconPaths';

export function PlainIcon({
  path,
  title,
  color,
  size = 'inherit',
  ...data
}: {
  path: IconPath;
  /** the accessible name (an SVG <title>, which is also the browser's tooltip); none: decorative */
  title?: string;
  color?: PlainMarkColor;
  size?: 'inherit' | 'small';
} & { [key: `data-${string}`]: string }) {
  return (
    <svg
      className="rd-icon"
      viewBox="0 0 24 24"
      focusable="false"
      data-size={size}
      data-color={color}
      role={title ? 'img' : undefined}
      aria-label={title}
      aria-hidden={title ? undefined : true}
      {...data}
    >
      {title && <title>{title}</title>}
      <path d={path} />
    </svg>
  );
}

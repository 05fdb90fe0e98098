/** A bootstrap-italia icon from the locally served sprite (no external request, no lazy chunk). */
const SPRITE = '/bootstrap-italia/svg/sprites.svg';

interface Props {
  name: string;
  className?: string;
  size?: 'xs' | 'sm' | 'lg' | 'xl';
  color?: 'primary' | 'white' | 'danger' | 'success' | 'warning' | 'secondary';
  /** Text for a meaningful icon; decorative icons (the default) are hidden from assistive technology. */
  title?: string;
}

export function Icon({ name, className, size, color, title }: Props) {
  const classes = ['icon', size && `icon-${size}`, color && `icon-${color}`, className]
    .filter(Boolean)
    .join(' ');
  return title ? (
    <svg className={classes} role="img" aria-label={title} focusable="false">
      <title>{title}</title>
      <use href={`${SPRITE}#${name}`} />
    </svg>
  ) : (
    <svg className={classes} aria-hidden="true" focusable="false">
      <use href={`${SPRITE}#${name}`} />
    </svg>
  );
}

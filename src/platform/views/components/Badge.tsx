export type AccentColor =
  | 'green-tilleul-verveine'
  | 'green-bourgeon'
  | 'green-emeraude'
  | 'green-menthe'
  | 'green-archipel'
  | 'blue-ecume'
  | 'blue-cumulus'
  | 'purple-glycine'
  | 'pink-macaron'
  | 'pink-tuile'
  | 'yellow-tournesol'
  | 'yellow-moutarde'
  | 'orange-terre-battue'
  | 'brown-cafe-creme'
  | 'brown-caramel'
  | 'brown-opera'
  | 'beige-gris-galet';

export interface BadgeProps {
  label: string;
  /** System badge (with its icon) … */
  type?: 'info' | 'success' | 'warning' | 'error' | 'new';
  /** … or an accent colour (no icon). */
  color?: AccentColor;
  size?: 'sm' | 'md';
  noIcon?: boolean;
  /** `p` by default (DSFR); `span` inside phrasing content (a table cell sentence, a title). */
  as?: 'p' | 'span';
}

function badgeClass(props: BadgeProps) {
  return [
    'fr-badge',
    props.type && `fr-badge--${props.type}`,
    !props.type && props.color && `fr-badge--${props.color}`,
    props.size === 'sm' && 'fr-badge--sm',
    props.noIcon === true && 'fr-badge--no-icon',
  ];
}

/** DSFR "Badge": a status shown next to content (a dossier's state, "Lauréat"…). */
export function Badge(props: BadgeProps): JSX.Element {
  return props.as === 'span' ? (
    <span class={badgeClass(props)} safe>
      {props.label}
    </span>
  ) : (
    <p class={badgeClass(props)} safe>
      {props.label}
    </p>
  );
}

/** DSFR "Groupe de badges" (`ul.fr-badges-group`). */
export function BadgesGroup(props: { badges: BadgeProps[]; size?: 'sm' | 'md' }): JSX.Element {
  return (
    <ul class={['fr-badges-group', props.size === 'sm' && 'fr-badges-group--sm']}>
      {props.badges.map((badge) => (
        <li>
          <Badge {...badge} />
        </li>
      ))}
    </ul>
  );
}

import Html from '@kitajs/html';
import type { AccentColor } from './Badge.js';
import { type ComponentLabels, componentsFr, safeUrl } from './shared.js';

export interface TagProps {
  label: string;
  size?: 'sm' | 'md';
  /** DSFR icon class shown on the left (`fr-icon-map-pin-2-line`). */
  icon?: string;
  /** Accent colour (clickable tags only). */
  color?: AccentColor;
  /** Clickable tag: a link. */
  href?: string;
  /**
   * Selectable tag: a `<button aria-pressed>`. Without JavaScript it does nothing unless it is a
   * submit button of a filter form (`type: 'submit'`, `name`, `value`).
   */
  pressed?: boolean;
  type?: 'button' | 'submit';
  name?: string;
  value?: string;
  /**
   * Removable filter tag: a link to the same list without this filter. Rendered as a link (not
   * DSFR's JS-only button) so it works without JavaScript; its accessible name says "Retirer le filtre …".
   */
  dismissHref?: string;
  disabled?: boolean;
  id?: string;
  labels?: ComponentLabels;
}

/** DSFR "Tag": static (`<p>`), link, selectable button or removable filter. */
export function Tag(props: TagProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const cls = [
    'fr-tag',
    props.size === 'sm' && 'fr-tag--sm',
    props.icon,
    Boolean(props.icon) && 'fr-tag--icon-left',
    props.color && `fr-tag--${props.color}`,
  ];
  const safeText = Html.escapeHtml(props.label);
  if (props.dismissHref !== undefined) {
    return props.disabled ? (
      // biome-ignore lint/a11y/useValidAnchor: DSFR's disabled link tag is an <a> without href, role=link, aria-disabled
      <a class={[...cls, 'fr-tag--dismiss']} id={props.id} role="link" aria-disabled="true">
        {safeText}
      </a>
    ) : (
      <a
        class={[...cls, 'fr-tag--dismiss']}
        id={props.id}
        href={safeUrl(props.dismissHref)}
        aria-label={labels.removeFilter(props.label)}
      >
        {safeText}
      </a>
    );
  }
  if (props.pressed !== undefined) {
    return (
      <button
        class={cls}
        id={props.id}
        type={props.type ?? 'button'}
        name={props.name}
        value={props.value}
        aria-pressed={props.pressed ? 'true' : 'false'}
        disabled={props.disabled}
      >
        {safeText}
      </button>
    );
  }
  if (props.href !== undefined) {
    return props.disabled ? (
      // biome-ignore lint/a11y/useValidAnchor: DSFR's disabled link tag is an <a> without href, role=link, aria-disabled
      <a class={cls} id={props.id} role="link" aria-disabled="true">
        {safeText}
      </a>
    ) : (
      <a class={cls} id={props.id} href={safeUrl(props.href)}>
        {safeText}
      </a>
    );
  }
  return (
    <p class={cls} id={props.id}>
      {safeText}
    </p>
  );
}

/** DSFR "Groupe de tags" (`ul.fr-tags-group`). */
export function TagsGroup(props: { tags: TagProps[]; size?: 'sm' | 'md' }): JSX.Element {
  return (
    <ul class={['fr-tags-group', props.size === 'sm' && 'fr-tags-group--sm']}>
      {props.tags.map((tag) => (
        <li>
          <Tag {...tag} />
        </li>
      ))}
    </ul>
  );
}

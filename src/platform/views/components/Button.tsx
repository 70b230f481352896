import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, newWindowTitle, safeUrl } from './shared.js';

export interface ButtonProps {
  /** Visible text; for an icon-only button it is kept for screen readers and repeated in `title`. */
  label: string;
  kind?: 'primary' | 'secondary' | 'tertiary' | 'tertiary-no-outline';
  size?: 'sm' | 'md' | 'lg';
  /** DSFR icon class, e.g. `fr-icon-download-line`. */
  icon?: string;
  iconPosition?: 'left' | 'right' | 'only';
  id?: string;
  class?: string;
  disabled?: boolean;
  /** Renders a link styled as a button (`<a class="fr-btn">`). */
  href?: string;
  /** Link only: opens in a new window, which the `title` announces. */
  newWindow?: boolean;
  /** Link only: `download` attribute (true, or the suggested file name). */
  download?: boolean | string;
  /** Button only. Defaults to `button`; use `submit` in forms. */
  type?: 'button' | 'submit' | 'reset';
  name?: string;
  value?: string;
  /** Button only: id of the form it submits. */
  form?: string;
  /** Button only: URL the form is posted to instead of its action. */
  formaction?: string;
  labels?: ComponentLabels;
}

export function buttonClasses(props: Pick<ButtonProps, 'kind' | 'size' | 'icon' | 'iconPosition' | 'class'>) {
  const kind = props.kind ?? 'primary';
  const position = props.iconPosition ?? 'left';
  return [
    'fr-btn',
    kind !== 'primary' && `fr-btn--${kind}`,
    props.size === 'sm' && 'fr-btn--sm',
    props.size === 'lg' && 'fr-btn--lg',
    props.icon,
    Boolean(props.icon) && position !== 'only' && `fr-btn--icon-${position}`,
    props.class,
  ];
}

/** DSFR "Bouton": a `<button class="fr-btn">`, or a link styled as one when `href` is given. */
export function Button(props: ButtonProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const iconOnly = Boolean(props.icon) && props.iconPosition === 'only';
  const cls = buttonClasses(props);
  if (props.href !== undefined) {
    if (props.disabled) {
      return (
        // biome-ignore lint/a11y/useValidAnchor: DSFR's disabled link is an <a> without href, role=link, aria-disabled
        <a
          class={cls}
          id={props.id}
          role="link"
          aria-disabled="true"
          title={iconOnly ? props.label : undefined}
        >
          {Html.escapeHtml(props.label)}
        </a>
      );
    }
    const title = props.newWindow ? newWindowTitle(props.label, labels) : iconOnly ? props.label : undefined;
    return (
      <a
        class={cls}
        id={props.id}
        href={safeUrl(props.href)}
        title={title}
        target={props.newWindow ? '_blank' : undefined}
        rel={props.newWindow ? 'noopener' : undefined}
        download={props.download === true ? '' : props.download || undefined}
      >
        {Html.escapeHtml(props.label)}
      </a>
    );
  }
  return (
    <button
      class={cls}
      id={props.id}
      type={props.type ?? 'button'}
      name={props.name}
      value={props.value}
      form={props.form}
      formaction={props.formaction}
      disabled={props.disabled}
      title={iconOnly ? props.label : undefined}
    >
      {Html.escapeHtml(props.label)}
    </button>
  );
}

export interface ButtonsGroupProps {
  buttons: ButtonProps[];
  /** Side by side: always (`true`) or from a breakpoint. Stacked by default. */
  inline?: boolean | 'sm' | 'md' | 'lg';
  align?: 'left' | 'center' | 'right';
  size?: 'sm' | 'md' | 'lg';
  /** Reverse the visual order when inline (primary action last in the DOM, first on screen). */
  reverse?: boolean;
  class?: string;
}

/** DSFR "Groupe de boutons" (`ul.fr-btns-group`). */
export function ButtonsGroup(props: ButtonsGroupProps): JSX.Element {
  const inline = props.inline;
  const inlineClass =
    inline === true ? 'fr-btns-group--inline' : inline ? `fr-btns-group--inline-${inline}` : undefined;
  const reverseClass = props.reverse === true ? 'fr-btns-group--inline-reverse' : undefined;
  return (
    <ul
      class={[
        'fr-btns-group',
        inlineClass,
        reverseClass,
        props.align === 'center' && 'fr-btns-group--center',
        props.align === 'right' && 'fr-btns-group--right',
        props.size === 'sm' && 'fr-btns-group--sm',
        props.size === 'lg' && 'fr-btns-group--lg',
        props.class,
      ]}
    >
      {props.buttons.map((button) => (
        <li>
          <Button {...button} />
        </li>
      ))}
    </ul>
  );
}

/**
 * Helpers shared by the DSFR component wrappers. Nothing here is a DSFR component itself.
 *
 * Escaping contract (see ENGINEERING.md): every prop typed `string` is user text and is escaped
 * by the component; every prop typed `JSX.Element` / `Html.Children` is markup already rendered by
 * another component and is passed through as is. Never pass raw user text as a child.
 */
import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr } from '../../i18n/components.fr.js';

export type { ComponentLabels };
export { componentsFr };

/** One entry of a component's examples file (fed to the `/_composants` catalogue and its tests). */
export interface ComponentExample {
  title: string;
  render: () => JSX.Element;
}

export type HeadingLevel = 2 | 3 | 4 | 5 | 6;

/**
 * The single rule turning a form field `name` into the id of its element. Form fields default
 * their `id` to it and `ErrorSummary` links to `#${fieldId(field)}`, so both always agree.
 * Accents are dropped and any character outside `[A-Za-z0-9_-]` becomes `-`
 * (`adresse.codePostal` → `field-adresse-codePostal`, `themes[]` → `field-themes`).
 */
export function fieldId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `field-${slug || 'unnamed'}`;
}

/**
 * Id of the n-th option (0-based) of a radio or checkbox group whose id is `groupId`. The first
 * option carries the group id itself so that an error summary link lands on (and focuses) the
 * first choice, as the GOV.UK design system does; the next ones are `${groupId}-2`, `-3`…
 */
export function optionId(groupId: string, index: number): string {
  return index === 0 ? groupId : `${groupId}-${index + 1}`;
}

/** Id of the `fr-messages-group` block of a field. */
export const messagesId = (id: string): string => `${id}-messages`;

/** Refuses script-bearing URL schemes (`javascript:`, `vbscript:`, `data:`) in href/src attributes. */
export function safeUrl(url: string): string {
  // Browsers ignore ASCII control characters and spaces inside a scheme (`java\tscript:`).
  const compact = Array.from(url)
    .filter((char) => char.charCodeAt(0) > 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('')
    .toLowerCase();
  return /^(javascript|vbscript|data):/.test(compact) ? '#' : url;
}

/** Replaces `{key}` placeholders of a catalogue entry. */
export function formatLabel(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** `title` of a link that opens a new window (RGAA 6.1: the title repeats the link text). */
export function newWindowTitle(text: string, labels: ComponentLabels): string {
  return `${text} - ${labels.newWindow}`;
}

/** A heading whose level is chosen by the page (`<h2>`…`<h6>`). */
export function Heading(props: {
  level: HeadingLevel;
  class?: string;
  id?: string;
  children?: Html.Children;
}): JSX.Element {
  const { level, id, children } = props;
  const cls = props.class;
  switch (level) {
    case 2:
      return (
        <h2 class={cls} id={id}>
          {children}
        </h2>
      );
    case 3:
      return (
        <h3 class={cls} id={id}>
          {children}
        </h3>
      );
    case 4:
      return (
        <h4 class={cls} id={id}>
          {children}
        </h4>
      );
    case 5:
      return (
        <h5 class={cls} id={id}>
          {children}
        </h5>
      );
    default:
      return (
        <h6 class={cls} id={id}>
          {children}
        </h6>
      );
  }
}

/** Text of a label or legend: the label, the required marker, then the hint (DSFR puts the hint inside). */
export function LabelText(props: {
  label: string;
  hint?: string | undefined;
  required?: boolean | undefined;
  labels: ComponentLabels;
}): JSX.Element {
  const { label, hint, required, labels } = props;
  return (
    <>
      {Html.escapeHtml(label)}
      {required ? Html.escapeHtml(` (${labels.required})`) : ''}
      {hint ? (
        <>
          {' '}
          <span class="fr-hint-text" safe>
            {hint}
          </span>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** DSFR `fr-messages-group`: always present (it is `aria-live`), holds the error or success message. */
export function Messages(props: {
  id: string;
  error?: string | undefined;
  valid?: string | undefined;
}): JSX.Element {
  const { id, error, valid } = props;
  return (
    <div class="fr-messages-group" id={id} aria-live="polite">
      {error ? (
        <p class="fr-message fr-message--error" id={`${id}-error`} safe>
          {error}
        </p>
      ) : (
        ''
      )}
      {valid && !error ? (
        <p class="fr-message fr-message--valid" id={`${id}-valid`} safe>
          {valid}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

/** Props common to every form field wrapper. */
export interface FieldProps {
  /** The `name` submitted with the form; the id defaults to `fieldId(name)`. */
  name: string;
  /** Visible label (user text, escaped). */
  label: string;
  /** Overrides `fieldId(name)`; keep the default when an `ErrorSummary` links to the field. */
  id?: string;
  /** Help text shown under the label (format expected, example…). */
  hint?: string;
  /** Error message shown under the field, in French (puts the field in its error state). */
  error?: string;
  /** Success message (puts the field in its valid state); ignored when `error` is set. */
  valid?: string;
  required?: boolean;
  disabled?: boolean;
  labels?: ComponentLabels;
}

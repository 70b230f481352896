import type Html from '@kitajs/html';
import { Heading, type HeadingLevel } from './shared.js';

export interface AlertProps {
  type: 'info' | 'success' | 'warning' | 'error';
  /** Required by DSFR for the medium size; optional for `size="sm"`. */
  title?: string;
  /** Plain text message (escaped). */
  description?: string;
  /** Rich content already rendered (links, lists), shown after `description`. */
  children?: Html.Children;
  size?: 'sm' | 'md';
  headingLevel?: HeadingLevel;
  id?: string;
  /**
   * `alert` or `status` to have it announced when it is inserted or shown after a redirect
   * (e.g. "Votre dossier a été déposé"); none by default.
   */
  role?: 'alert' | 'status';
}

/**
 * DSFR "Alerte" (`fr-alert`). Not closable: DSFR's close button needs an inline `onclick`,
 * which the CSP forbids.
 */
export function Alert(props: AlertProps): JSX.Element {
  const { children } = props;
  return (
    <div
      class={['fr-alert', `fr-alert--${props.type}`, props.size === 'sm' && 'fr-alert--sm']}
      id={props.id}
      role={props.role}
    >
      {props.title ? (
        <Heading level={props.headingLevel ?? 3} class="fr-alert__title">
          <span safe>{props.title}</span>
        </Heading>
      ) : (
        ''
      )}
      {props.description ? <p safe>{props.description}</p> : ''}
      {children ?? ''}
    </div>
  );
}

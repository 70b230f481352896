import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, newWindowTitle, safeUrl } from './shared.js';

export interface NoticeProps {
  type?: 'info' | 'warning' | 'alert';
  title: string;
  description?: string;
  link?: { href: string; label: string; newWindow?: boolean };
  /** DSFR icon class replacing the default one (`fr-icon-calendar-line`). */
  icon?: string;
  id?: string;
  labels?: ComponentLabels;
}

/**
 * DSFR "Bandeau d'information importante" (`fr-notice`), placed under the header. Not closable
 * (the DSFR close button relies on an inline `onclick`, forbidden by the CSP).
 */
export function Notice(props: NoticeProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const { link } = props;
  return (
    <div class={['fr-notice', `fr-notice--${props.type ?? 'info'}`]} id={props.id}>
      <div class="fr-container">
        <div class="fr-notice__body">
          <p>
            <span class={['fr-notice__title', props.icon]} safe>
              {props.title}
            </span>
            {props.description ? (
              <span class="fr-notice__desc" safe>
                {props.description}
              </span>
            ) : (
              ''
            )}
            {link ? (
              <a
                class="fr-notice__link"
                href={safeUrl(link.href)}
                title={link.newWindow ? newWindowTitle(link.label, labels) : undefined}
                target={link.newWindow ? '_blank' : undefined}
                rel={link.newWindow ? 'noopener' : undefined}
              >
                {Html.escapeHtml(link.label)}
              </a>
            ) : (
              ''
            )}
          </p>
        </div>
      </div>
    </div>
  );
}

import Html from '@kitajs/html';
import { type ButtonProps, buttonClasses } from './Button.js';
import { type ComponentLabels, componentsFr, Heading, type HeadingLevel } from './shared.js';

export interface ModalProps {
  /** Id of the `<dialog>`; `ModalButton` points to it. */
  id: string;
  title: string;
  /** Content, already rendered. */
  children?: Html.Children;
  /** Action area, e.g. `<ButtonsGroup inline="lg" reverse align="right" …/>`. */
  footer?: JSX.Element;
  size?: 'sm' | 'md' | 'lg';
  /** DSFR icon class before the title. */
  icon?: string;
  headingLevel?: HeadingLevel;
  labels?: ComponentLabels;
}

const columns = {
  sm: 'fr-col-12 fr-col-md-6 fr-col-lg-4',
  md: 'fr-col-12 fr-col-md-8 fr-col-lg-6',
  lg: 'fr-col-12 fr-col-md-10 fr-col-lg-8',
} as const;

/**
 * DSFR "Modale" (`<dialog class="fr-modal">`), opened by `ModalButton` through DSFR's JavaScript.
 * Without JavaScript, the no-JavaScript rules of `public/app.css` show its content in the page flow and hides the opening
 * button: keep a modal's content meaningful where it is placed (typically at the end of `<main>`).
 */
export function Modal(props: ModalProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const titleId = `${props.id}-title`;
  const { children, footer } = props;
  return (
    <dialog id={props.id} class="fr-modal" aria-labelledby={titleId}>
      <div class="fr-container fr-container--fluid fr-container-md">
        <div class="fr-grid-row fr-grid-row--center">
          <div class={columns[props.size ?? 'md']}>
            <div class="fr-modal__body">
              <div class="fr-modal__header">
                <button
                  aria-controls={props.id}
                  title={labels.close}
                  type="button"
                  class="fr-btn--close fr-btn"
                >
                  {Html.escapeHtml(labels.close)}
                </button>
              </div>
              <div class="fr-modal__content">
                <Heading level={props.headingLevel ?? 2} class="fr-modal__title" id={titleId}>
                  {props.icon ? (
                    <>
                      <span class={[props.icon, 'fr-icon--lg']} aria-hidden="true" />{' '}
                    </>
                  ) : (
                    ''
                  )}
                  {Html.escapeHtml(props.title)}
                </Heading>
                {children ?? ''}
              </div>
              {footer === undefined ? '' : <div class="fr-modal__footer">{footer}</div>}
            </div>
          </div>
        </div>
      </div>
    </dialog>
  );
}

export interface ModalButtonProps
  extends Pick<ButtonProps, 'label' | 'kind' | 'size' | 'icon' | 'iconPosition' | 'class'> {
  /** Id of the `Modal` to open. */
  modalId: string;
  id?: string;
}

/** The button that opens a `Modal` (`data-fr-opened` + `aria-controls`). */
export function ModalButton(props: ModalButtonProps): JSX.Element {
  const iconOnly = Boolean(props.icon) && props.iconPosition === 'only';
  return (
    <button
      type="button"
      class={buttonClasses(props)}
      id={props.id}
      data-fr-opened="false"
      aria-controls={props.modalId}
      title={iconOnly ? props.label : undefined}
    >
      {Html.escapeHtml(props.label)}
    </button>
  );
}

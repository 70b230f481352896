import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, fieldId, Heading, type HeadingLevel } from './shared.js';

export interface FieldError {
  /** The field's `name`; the link goes to `#${fieldId(field)}`, the id form fields get by default. */
  field: string;
  message: string;
}

export interface ErrorSummaryProps {
  errors: readonly FieldError[];
  /** Defaults to "Le formulaire contient des erreurs". */
  title?: string;
  headingLevel?: HeadingLevel;
  id?: string;
  /**
   * Moves the focus to the summary when the page loads (`autofocus`, no script needed), as the
   * GOV.UK pattern asks after a failed submission. Turn off when several summaries share a page.
   */
  autofocus?: boolean;
  labels?: ComponentLabels;
}

/**
 * Error summary at the top of a form re-rendered with errors (status 400): a DSFR error alert
 * listing each message as a link to its field. Renders nothing when there is no error.
 */
export function ErrorSummary(props: ErrorSummaryProps): JSX.Element {
  if (props.errors.length === 0) return '';
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? 'error-summary';
  const titleId = `${id}-title`;
  // `autofocus` on a focusable non-form element is valid HTML but missing from the kitajs types.
  const focus = props.autofocus === false ? {} : { autofocus: true };
  return (
    <div
      class="fr-alert fr-alert--error fr-mb-4w"
      id={id}
      role="alert"
      tabindex="-1"
      aria-labelledby={titleId}
      {...focus}
    >
      <Heading level={props.headingLevel ?? 2} class="fr-alert__title" id={titleId}>
        {Html.escapeHtml(props.title ?? labels.errorSummaryTitle)}
      </Heading>
      <ul>
        {props.errors.map((error) => (
          <li>
            <a href={`#${fieldId(error.field)}`} safe>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

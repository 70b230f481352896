import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, Heading, type HeadingLevel } from './shared.js';

export interface StepperProps {
  /** Title of the current step. */
  title: string;
  /** Current step, 1-based. */
  current: number;
  total: number;
  /** Title of the next step; omitted on the last step. */
  nextTitle?: string;
  headingLevel?: HeadingLevel;
  labels?: ComponentLabels;
}

/** DSFR "Indicateur d'étapes" (`fr-stepper`) for a multi-page form (a dossier's submission). */
export function Stepper(props: StepperProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const total = Math.max(1, Math.floor(props.total));
  const current = Math.min(Math.max(1, Math.floor(props.current) || 1), total);
  return (
    <div class="fr-stepper">
      <Heading level={props.headingLevel ?? 2} class="fr-stepper__title">
        {Html.escapeHtml(props.title)}{' '}
        <span class="fr-stepper__state" safe>
          {labels.stepOf(current, total)}
        </span>
      </Heading>
      <div class="fr-stepper__steps" data-fr-current-step={String(current)} data-fr-steps={String(total)} />
      {props.nextTitle && current < total ? (
        <p class="fr-stepper__details">
          <span class="fr-text--bold" safe>
            {labels.nextStep}
          </span>{' '}
          {Html.escapeHtml(props.nextTitle)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

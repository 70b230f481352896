import type { ChoiceOption } from './Checkbox.js';
import {
  componentsFr,
  type FieldProps,
  fieldId,
  LabelText,
  Messages,
  messagesId,
  optionId,
} from './shared.js';

export interface RadioGroupProps extends FieldProps {
  options: ChoiceOption[];
  /** Checked value kept after a failed submission. */
  value?: string | null;
  inline?: boolean;
  size?: 'sm' | 'md';
}

/**
 * DSFR set of radio buttons: a `fieldset` whose legend is `label`. The first radio carries the
 * field id (`fieldId(name)`), so an error summary link focuses it.
 */
export function RadioGroup(props: RadioGroupProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const legendId = `${id}-legend`;
  return (
    <fieldset
      class={[
        'fr-fieldset',
        Boolean(props.error) && 'fr-fieldset--error',
        Boolean(props.valid) && !props.error && 'fr-fieldset--valid',
      ]}
      id={`${id}-fieldset`}
      aria-labelledby={`${legendId} ${msgId}`}
      disabled={props.disabled}
    >
      <legend class="fr-fieldset__legend--regular fr-fieldset__legend" id={legendId}>
        <LabelText label={props.label} hint={props.hint} required={props.required} labels={labels} />
      </legend>
      {props.options.map((option, index) => {
        const inputId = optionId(id, index);
        return (
          <div class={['fr-fieldset__element', props.inline === true && 'fr-fieldset__element--inline']}>
            <div class={['fr-radio-group', props.size === 'sm' && 'fr-radio-group--sm']}>
              <input
                type="radio"
                id={inputId}
                name={props.name}
                value={option.value}
                checked={option.value === props.value}
                required={props.required}
                disabled={option.disabled}
              />
              <label class="fr-label" for={inputId}>
                <LabelText label={option.label} hint={option.hint} labels={labels} />
              </label>
            </div>
          </div>
        );
      })}
      <Messages id={msgId} error={props.error} valid={props.valid} />
    </fieldset>
  );
}

import {
  componentsFr,
  type FieldProps,
  fieldId,
  LabelText,
  Messages,
  messagesId,
  optionId,
} from './shared.js';

export interface CheckboxProps extends FieldProps {
  checked?: boolean;
  /** Submitted value when checked (browsers send "on" by default). */
  value?: string;
  size?: 'sm' | 'md';
}

/** A single DSFR checkbox (`fr-checkbox-group`), e.g. a consent or an attestation. */
export function Checkbox(props: CheckboxProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  return (
    <div
      class={[
        'fr-checkbox-group',
        Boolean(props.error) && 'fr-checkbox-group--error',
        Boolean(props.valid) && !props.error && 'fr-checkbox-group--valid',
        props.size === 'sm' && 'fr-checkbox-group--sm',
      ]}
    >
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        required={props.required}
        disabled={props.disabled}
        aria-describedby={msgId}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <label class="fr-label" for={id}>
        <LabelText label={props.label} hint={props.hint} required={props.required} labels={labels} />
      </label>
      <Messages id={msgId} error={props.error} valid={props.valid} />
    </div>
  );
}

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
  disabled?: boolean;
}

export interface CheckboxGroupProps extends FieldProps {
  options: ChoiceOption[];
  /** Checked values kept after a failed submission. */
  values?: readonly string[];
  /** Options side by side (`fr-fieldset__element--inline`). */
  inline?: boolean;
  size?: 'sm' | 'md';
}

/**
 * DSFR set of checkboxes: a `fieldset` whose legend is `label`; every box shares `name`.
 * `required` means "at least one": it marks the legend but is not set on each box (that would
 * require all of them); the server checks it.
 */
export function CheckboxGroup(props: CheckboxGroupProps): JSX.Element {
  const values = props.values ?? [];
  return <ChoiceFieldset {...props} kind="checkbox" isChecked={(value) => values.includes(value)} />;
}

/**
 * The fieldset shared by checkbox and radio groups: legend = label, one input per option, the first one
 * carrying the field id so that an error summary link focuses it, messages at the end.
 */
export function ChoiceFieldset(
  props: FieldProps & {
    kind: 'checkbox' | 'radio';
    options: ChoiceOption[];
    isChecked: (value: string) => boolean;
    inline?: boolean;
    size?: 'sm' | 'md';
  },
): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const legendId = `${id}-legend`;
  const group = `fr-${props.kind}-group`;
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
            <div class={[group, props.size === 'sm' && `${group}--sm`]}>
              <input
                type={props.kind}
                id={inputId}
                name={props.name}
                value={option.value}
                checked={props.isChecked(option.value)}
                required={props.kind === 'radio' ? props.required : undefined}
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

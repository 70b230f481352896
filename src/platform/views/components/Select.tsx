import { groupClass } from './Input.js';
import { componentsFr, type FieldProps, fieldId, LabelText, Messages, messagesId } from './shared.js';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectOptionGroup {
  label: string;
  options: SelectOption[];
}

export interface SelectProps extends FieldProps {
  /** Choices, or groups of choices (`<optgroup>`). */
  options: (SelectOption | SelectOptionGroup)[];
  /** Selected value kept after a failed submission. */
  value?: string | null;
  /** First, empty option; defaults to "Sélectionner une option". Pass `false` to omit it. */
  placeholder?: string | false;
  autocomplete?: string;
}

function isGroup(option: SelectOption | SelectOptionGroup): option is SelectOptionGroup {
  return 'options' in option;
}

function Option(props: { option: SelectOption; selected: boolean }): JSX.Element {
  const { option } = props;
  return (
    <option value={option.value} selected={props.selected} disabled={option.disabled} safe>
      {option.label}
    </option>
  );
}

/** DSFR "Liste déroulante": `fr-select-group` with label, hint, `<select class="fr-select">` and messages. */
export function Select(props: SelectProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const value = props.value ?? '';
  const placeholder = props.placeholder === undefined ? labels.selectPlaceholder : props.placeholder;
  return (
    <div class={groupClass('fr-select-group', props.error, props.valid, props.disabled)}>
      <label class="fr-label" for={id}>
        <LabelText label={props.label} hint={props.hint} required={props.required} labels={labels} />
      </label>
      <select
        class="fr-select"
        id={id}
        name={props.name}
        aria-describedby={msgId}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
        disabled={props.disabled}
        autocomplete={props.autocomplete}
      >
        {placeholder === false ? (
          ''
        ) : (
          // Disabled only when a choice is required, so an optional select can be emptied again.
          <option value="" selected={value === ''} disabled={props.required} safe>
            {placeholder}
          </option>
        )}
        {props.options.map((option) =>
          isGroup(option) ? (
            <optgroup label={option.label}>
              {option.options.map((inner) => (
                <Option option={inner} selected={inner.value === value} />
              ))}
            </optgroup>
          ) : (
            <Option option={option} selected={option.value === value} />
          ),
        )}
      </select>
      <Messages id={msgId} error={props.error} valid={props.valid} />
    </div>
  );
}

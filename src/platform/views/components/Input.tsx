import { componentsFr, type FieldProps, fieldId, LabelText, Messages, messagesId } from './shared.js';

export interface InputProps extends FieldProps {
  type?:
    | 'text'
    | 'email'
    | 'tel'
    | 'url'
    | 'number'
    | 'date'
    | 'time'
    | 'datetime-local'
    | 'month'
    | 'password'
    | 'search';
  /** Value kept after a failed submission (never rendered for `type="password"`). */
  value?: string | number | null;
  /** HTML autocomplete token (`email`, `organization`, `postal-code`, `off`…). */
  autocomplete?: string;
  inputmode?: 'none' | 'text' | 'decimal' | 'numeric' | 'tel' | 'search' | 'email' | 'url';
  min?: string | number;
  max?: string | number;
  step?: string | number;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  placeholder?: string;
  readonly?: boolean;
  spellcheck?: boolean;
  autocapitalize?: 'off' | 'on' | 'words' | 'characters';
  /** DSFR icon class shown inside the field (`fr-icon-mail-line`). */
  icon?: string;
  /** A button rendered next to the field (`fr-input-wrap--addon`), e.g. `<Button type="submit" …/>`. */
  addon?: JSX.Element;
}

function groupClass(base: string, error?: string, valid?: string, disabled?: boolean): string[] {
  return [
    base,
    Boolean(error) && `${base}--error`,
    Boolean(valid) && !error && `${base}--valid`,
    Boolean(disabled) && `${base}--disabled`,
  ].filter((c): c is string => typeof c === 'string');
}

/** DSFR "Champ de saisie": `fr-input-group` with label, hint, field and messages. */
export function Input(props: InputProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const { addon } = props;
  const input = (
    <input
      class="fr-input"
      type={props.type ?? 'text'}
      id={id}
      name={props.name}
      value={
        // A password is never sent back to the browser, even after a failed submission.
        props.value === undefined || props.value === null || props.type === 'password'
          ? undefined
          : String(props.value)
      }
      aria-describedby={msgId}
      aria-invalid={props.error ? 'true' : undefined}
      required={props.required}
      disabled={props.disabled}
      readonly={props.readonly}
      autocomplete={props.autocomplete}
      inputmode={props.inputmode}
      min={props.min}
      max={props.max}
      step={props.step === undefined ? undefined : String(props.step)}
      minlength={props.minlength}
      maxlength={props.maxlength}
      pattern={props.pattern}
      placeholder={props.placeholder}
      spellcheck={props.spellcheck === undefined ? undefined : String(props.spellcheck)}
      autocapitalize={props.autocapitalize}
    />
  );
  return (
    <div class={groupClass('fr-input-group', props.error, props.valid, props.disabled)}>
      <label class="fr-label" for={id}>
        <LabelText label={props.label} hint={props.hint} required={props.required} labels={labels} />
      </label>
      {addon || props.icon ? (
        <div class={['fr-input-wrap', addon ? 'fr-input-wrap--addon' : props.icon]}>
          {input}
          {addon === undefined ? '' : addon}
        </div>
      ) : (
        input
      )}
      <Messages id={msgId} error={props.error} valid={props.valid} />
    </div>
  );
}

export interface TextareaProps extends FieldProps {
  value?: string | null;
  rows?: number;
  minlength?: number;
  maxlength?: number;
  placeholder?: string;
  autocomplete?: string;
  readonly?: boolean;
  spellcheck?: boolean;
}

/** DSFR "Zone de texte": the `fr-input-group` with a `<textarea class="fr-input">`. */
export function Textarea(props: TextareaProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const value = props.value ?? '';
  return (
    <div class={groupClass('fr-input-group', props.error, props.valid, props.disabled)}>
      <label class="fr-label" for={id}>
        <LabelText label={props.label} hint={props.hint} required={props.required} labels={labels} />
      </label>
      <textarea
        class="fr-input"
        id={id}
        name={props.name}
        rows={props.rows === undefined ? undefined : String(props.rows)}
        aria-describedby={msgId}
        aria-invalid={props.error ? 'true' : undefined}
        required={props.required}
        disabled={props.disabled}
        readonly={props.readonly}
        minlength={props.minlength}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        spellcheck={props.spellcheck === undefined ? undefined : String(props.spellcheck)}
        // kitajs types lack `autocomplete` on textarea; the HTML attribute is valid there.
        {...{ autocomplete: props.autocomplete }}
        safe
      >
        {value}
      </textarea>
      <Messages id={msgId} error={props.error} valid={props.valid} />
    </div>
  );
}

export { groupClass };

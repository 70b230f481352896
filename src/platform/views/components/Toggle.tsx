import Html from '@kitajs/html';
import { componentsFr, type FieldProps, fieldId, Messages, messagesId } from './shared.js';

export interface ToggleProps extends Omit<FieldProps, 'required'> {
  checked?: boolean;
  /** Submitted value when on (browsers send "on" by default). */
  value?: string;
  /** Shows "Activé" / "Désactivé" next to the switch. */
  showState?: boolean;
  labelLeft?: boolean;
  borderBottom?: boolean;
}

/** DSFR "Interrupteur": a checkbox styled as a switch (`fr-toggle`). */
export function Toggle(props: ToggleProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const hintId = `${id}-hint`;
  return (
    <div
      class={[
        'fr-toggle',
        Boolean(props.error) && 'fr-toggle--error',
        Boolean(props.valid) && !props.error && 'fr-toggle--valid',
        props.labelLeft === true && 'fr-toggle--label-left',
        props.borderBottom === true && 'fr-toggle--border-bottom',
      ]}
    >
      <input
        type="checkbox"
        class="fr-toggle__input"
        id={id}
        name={props.name}
        value={props.value}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${hintId} ${msgId}` : msgId}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <label
        class="fr-toggle__label"
        for={id}
        data-fr-checked-label={props.showState ? labels.toggleOn : undefined}
        data-fr-unchecked-label={props.showState ? labels.toggleOff : undefined}
      >
        {Html.escapeHtml(props.label)}
      </label>
      {props.hint ? (
        <p class="fr-hint-text" id={hintId} safe>
          {props.hint}
        </p>
      ) : (
        ''
      )}
      <Messages id={msgId} error={props.error} valid={props.valid} />
    </div>
  );
}

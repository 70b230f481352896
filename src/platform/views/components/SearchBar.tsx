import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, Messages, messagesId, safeUrl } from './shared.js';

export interface SearchBarProps {
  /** Id of the search bar; the input is `${id}-input`. */
  id?: string;
  /** Query-string parameter, `q` by default. */
  name?: string;
  /** Current query, kept in the field. */
  value?: string;
  /** Label (visually hidden unless `showLabel`); defaults to "Rechercher". */
  label?: string;
  showLabel?: boolean;
  placeholder?: string;
  /** URL of the results page; the current page when omitted. */
  action?: string;
  size?: 'md' | 'lg';
  error?: string;
  labels?: ComponentLabels;
}

/** DSFR "Barre de recherche" inside its own GET form, so it works without JavaScript. */
export function SearchBar(props: SearchBarProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? 'search';
  const inputId = `${id}-input`;
  const msgId = messagesId(inputId);
  return (
    <form action={props.action === undefined ? undefined : safeUrl(props.action)} method="get">
      <div
        class={[
          'fr-search-bar',
          props.size === 'lg' && 'fr-search-bar--lg',
          props.showLabel === true && 'fr-search-bar--labelled',
        ]}
        id={id}
        role="search"
      >
        <label class="fr-label" for={inputId} safe>
          {props.label ?? labels.search}
        </label>
        <input
          class={['fr-input', Boolean(props.error) && 'fr-input--error']}
          type="search"
          id={inputId}
          name={props.name ?? 'q'}
          value={props.value}
          placeholder={props.placeholder ?? labels.searchPlaceholder}
          aria-describedby={msgId}
          aria-invalid={props.error ? 'true' : undefined}
        />
        <Messages id={msgId} error={props.error} />
        <button title={labels.search} type="submit" class={['fr-btn', props.size === 'lg' && 'fr-btn--lg']}>
          {Html.escapeHtml(labels.search)}
        </button>
      </div>
    </form>
  );
}

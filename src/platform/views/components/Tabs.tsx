import Html from '@kitajs/html';

export interface TabItem {
  label: string;
  /** Panel content, already rendered. */
  content: JSX.Element;
  /** DSFR icon class shown before the label. */
  icon?: string;
}

export interface TabsProps {
  /** Prefix of the tab and panel ids; unique in the page. */
  id: string;
  /** Accessible name of the tab list ("Informations du dossier"). */
  label: string;
  tabs: TabItem[];
  /** Index of the tab selected on load (0 by default). */
  selected?: number;
}

export const tabId = (id: string, index: number): string => `${id}-tab-${index + 1}`;
export const tabPanelId = (id: string, index: number): string => `${id}-panel-${index + 1}`;

/**
 * DSFR "Onglets". Every panel is in the page, in order, each labelled by its tab; without
 * JavaScript the no-JavaScript rules of `public/app.css` show them one after the other.
 */
export function Tabs(props: TabsProps): JSX.Element {
  const selected = Math.min(Math.max(0, props.selected ?? 0), Math.max(0, props.tabs.length - 1));
  return (
    <div class="fr-tabs">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: DSFR's tab list is a ul[role=tablist] */}
      <ul class="fr-tabs__list" role="tablist" aria-label={props.label}>
        {props.tabs.map((tab, index) => (
          <li role="presentation">
            <button
              type="button"
              id={tabId(props.id, index)}
              class={['fr-tabs__tab', tab.icon, Boolean(tab.icon) && 'fr-tabs__tab--icon-left']}
              tabindex={index === selected ? '0' : '-1'}
              role="tab"
              aria-selected={index === selected ? 'true' : 'false'}
              aria-controls={tabPanelId(props.id, index)}
            >
              {Html.escapeHtml(tab.label)}
            </button>
          </li>
        ))}
      </ul>
      {props.tabs.map((tab, index) => {
        const { content } = tab;
        return (
          <div
            id={tabPanelId(props.id, index)}
            class={['fr-tabs__panel', index === selected && 'fr-tabs__panel--selected']}
            role="tabpanel"
            aria-labelledby={tabId(props.id, index)}
            tabindex="0"
          >
            {content}
          </div>
        );
      })}
    </div>
  );
}

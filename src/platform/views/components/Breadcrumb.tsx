import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, safeUrl } from './shared.js';

export interface BreadcrumbProps {
  /** Ancestors of the current page, from the home page. */
  items: { label: string; href: string }[];
  /** Title of the current page (not a link). */
  current: string;
  /** Id of the collapsible list (one breadcrumb per page). */
  id?: string;
  labels?: ComponentLabels;
}

/**
 * DSFR "Fil d'Ariane". On small screens DSFR's JavaScript folds the list behind a button; see
 * the no-JavaScript rules of `public/app.css` for the fallback without JavaScript.
 */
export function Breadcrumb(props: BreadcrumbProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? 'breadcrumb';
  return (
    <nav class="fr-breadcrumb" aria-label={labels.breadcrumbLabel}>
      <button type="button" class="fr-breadcrumb__button" aria-expanded="false" aria-controls={id}>
        {Html.escapeHtml(labels.breadcrumbToggle)}
      </button>
      <div class="fr-collapse" id={id}>
        <ol class="fr-breadcrumb__list">
          {props.items.map((item) => (
            <li>
              <a class="fr-breadcrumb__link" href={safeUrl(item.href)} safe>
                {item.label}
              </a>
            </li>
          ))}
          <li>
            {/* biome-ignore lint/a11y/useValidAnchor: DSFR marks the current page as a link without href */}
            <a class="fr-breadcrumb__link" aria-current="page" safe>
              {props.current}
            </a>
          </li>
        </ol>
      </div>
    </nav>
  );
}

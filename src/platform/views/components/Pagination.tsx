import Html from '@kitajs/html';
import { type ComponentLabels, componentsFr, safeUrl } from './shared.js';

export type PageItem = number | 'ellipsis';

/**
 * Pages to show: the first, the last, and a block of `2 * siblings + 1` pages around the current
 * one (shifted at the edges so the block keeps its size). A gap of one page shows that page; a
 * larger gap shows an ellipsis. `current` is clamped to `[1, total]`.
 *
 * paginationWindow(1, 500) → [1, 2, 3, 'ellipsis', 500]
 * paginationWindow(250, 500) → [1, 'ellipsis', 249, 250, 251, 'ellipsis', 500]
 */
export function paginationWindow(current: number, total: number, siblings = 1): PageItem[] {
  const last = Math.max(0, Math.floor(total));
  if (last === 0) return [];
  const page = Math.min(Math.max(1, Math.floor(current) || 1), last);
  const start = Math.max(1, Math.min(page - siblings, last - 2 * siblings));
  const end = Math.min(last, start + 2 * siblings);
  const pages = new Set<number>([1, last]);
  for (let p = start; p <= end; p++) pages.add(p);
  const items: PageItem[] = [];
  let previous = 0;
  for (const p of [...pages].sort((a, b) => a - b)) {
    if (previous > 0 && p - previous === 2) items.push(previous + 1);
    else if (previous > 0 && p - previous > 2) items.push('ellipsis');
    items.push(p);
    previous = p;
  }
  return items;
}

export interface PaginationProps {
  /** Current page, 1-based (clamped to `[1, total]`). */
  current: number;
  /** Number of pages. Nothing is rendered when there is at most one page. */
  total: number;
  /** URL of a page (keep the list's filters in it). */
  href: (page: number) => string;
  /** Pages shown on each side of the current one on large screens. */
  siblings?: number;
  /** Accessible name of the navigation landmark; defaults to "Pagination". */
  ariaLabel?: string;
  labels?: ComponentLabels;
}

function EdgeLink(props: {
  kind: 'first' | 'prev' | 'next' | 'last';
  text: string;
  href?: string;
}): JSX.Element {
  const cls = [
    'fr-pagination__link',
    `fr-pagination__link--${props.kind}`,
    (props.kind === 'prev' || props.kind === 'next') && 'fr-pagination__link--lg-label',
  ];
  return props.href === undefined ? (
    // biome-ignore lint/a11y/useValidAnchor: DSFR's disabled pagination link is an <a> without href, role=link, aria-disabled
    <a class={cls} role="link" aria-disabled="true">
      {Html.escapeHtml(props.text)}
    </a>
  ) : (
    <a class={cls} href={safeUrl(props.href)}>
      {Html.escapeHtml(props.text)}
    </a>
  );
}

/** DSFR "Pagination". On small screens only the first, current and last pages are listed. */
export function Pagination(props: PaginationProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const total = Math.max(0, Math.floor(props.total));
  if (total <= 1) return '';
  const current = Math.min(Math.max(1, Math.floor(props.current) || 1), total);
  const items = paginationWindow(current, total, props.siblings ?? 1);
  const onlyLarge = (page: number) => page !== 1 && page !== total && page !== current;
  return (
    <nav class="fr-pagination" aria-label={props.ariaLabel ?? labels.pagination}>
      <ul class="fr-pagination__list">
        <li>
          <EdgeLink kind="first" text={labels.firstPage} href={current > 1 ? props.href(1) : undefined} />
        </li>
        <li>
          <EdgeLink
            kind="prev"
            text={labels.previousPage}
            href={current > 1 ? props.href(current - 1) : undefined}
          />
        </li>
        {items.map((item) =>
          item === 'ellipsis' ? (
            <li>
              <span class="fr-pagination__link fr-hidden fr-unhidden-lg">…</span>
            </li>
          ) : (
            <li>
              {item === current ? (
                // biome-ignore lint/a11y/useValidAnchor: DSFR marks the current page as a link without href
                <a class="fr-pagination__link" aria-current="page" title={`${labels.page} ${item}`}>
                  {item}
                </a>
              ) : (
                <a
                  class={['fr-pagination__link', onlyLarge(item) && 'fr-hidden fr-unhidden-lg']}
                  href={safeUrl(props.href(item))}
                  title={`${labels.page} ${item}`}
                >
                  {item}
                </a>
              )}
            </li>
          ),
        )}
        <li>
          <EdgeLink
            kind="next"
            text={labels.nextPage}
            href={current < total ? props.href(current + 1) : undefined}
          />
        </li>
        <li>
          <EdgeLink
            kind="last"
            text={labels.lastPage}
            href={current < total ? props.href(total) : undefined}
          />
        </li>
      </ul>
    </nav>
  );
}

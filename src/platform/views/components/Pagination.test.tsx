import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { componentsEn } from '../../i18n/components.en.js';
import { Pagination, paginationWindow } from './Pagination.js';
import { $, $$, classes, dom, type El, render, text } from './testing.js';

const href = (page: number) => `/dossiers?statut=depose&page=${page}`;

/** The page numbers listed, `…` for an ellipsis, `[n]` for the current page. */
async function listed(current: number, total: number) {
  const root = await dom(<Pagination current={current} total={total} href={href} />);
  return $$(root, '.fr-pagination__list li')
    .map((li) => li.children.find((child) => typeof child !== 'string') as El)
    .filter((el) => !/--(first|prev|next|last)\b/.test(el.attrs.class ?? ''))
    .map((el) => (el.attrs['aria-current'] === 'page' ? `[${text(el)}]` : text(el)))
    .join(' ');
}

describe('paginationWindow', () => {
  it('shows the first, last and neighbouring pages with ellipses for the gaps', () => {
    assert.deepEqual(paginationWindow(1, 500), [1, 2, 3, 'ellipsis', 500]);
    assert.deepEqual(paginationWindow(250, 500), [1, 'ellipsis', 249, 250, 251, 'ellipsis', 500]);
    assert.deepEqual(paginationWindow(500, 500), [1, 'ellipsis', 498, 499, 500]);
    assert.deepEqual(paginationWindow(2, 500), [1, 2, 3, 'ellipsis', 500]);
  });

  it('shows a page instead of an ellipsis that would hide only that page', () => {
    assert.deepEqual(paginationWindow(4, 10), [1, 2, 3, 4, 5, 'ellipsis', 10]);
    assert.deepEqual(paginationWindow(7, 10), [1, 'ellipsis', 6, 7, 8, 9, 10]);
  });

  it('lists every page of a short list', () => {
    assert.deepEqual(paginationWindow(1, 1), [1]);
    assert.deepEqual(paginationWindow(2, 2), [1, 2]);
    assert.deepEqual(paginationWindow(3, 5), [1, 2, 3, 4, 5]);
  });

  it('clamps out-of-range pages and handles no page at all', () => {
    assert.deepEqual(paginationWindow(0, 3), [1, 2, 3]);
    assert.deepEqual(paginationWindow(99, 12), [1, 'ellipsis', 10, 11, 12]);
    assert.deepEqual(paginationWindow(1, 0), []);
  });

  it('always contains the current page, 1 and the last page, in order, without repeats', () => {
    for (const total of [1, 2, 3, 7, 8, 50, 500]) {
      for (let current = 1; current <= total; current += Math.max(1, Math.floor(total / 13))) {
        const items = paginationWindow(current, total);
        const pages = items.filter((i): i is number => i !== 'ellipsis');
        assert.ok(
          pages.includes(current) && pages.includes(1) && pages.includes(total),
          `${current}/${total}`,
        );
        assert.deepEqual(
          pages,
          [...pages].sort((a, b) => a - b),
        );
        assert.equal(new Set(pages).size, pages.length);
        assert.ok(items.length <= 7, `${current}/${total} lists ${items.length} items`);
      }
    }
  });
});

describe('Pagination', () => {
  it('marks the current page with aria-current="page" and no link', async () => {
    const root = await dom(<Pagination current={3} total={12} href={href} />);
    const current = $(root, '[aria-current="page"]');
    assert.equal(text(current), '3');
    assert.equal(current.attrs.href, undefined);
    assert.equal(current.attrs.title, 'Page 3');
    assert.equal($(root, 'nav').attrs['aria-label'], 'Pagination');
    assert.ok(classes($(root, 'nav')).includes('fr-pagination'));
  });

  it('on page 1, disables first and previous and links next and last', async () => {
    const root = await dom(<Pagination current={1} total={12} href={href} />);
    for (const kind of ['first', 'prev']) {
      const link = $(root, `.fr-pagination__link--${kind}`);
      assert.equal(link.attrs.href, undefined, kind);
      assert.equal(link.attrs['aria-disabled'], 'true');
      assert.equal(link.attrs.role, 'link');
    }
    assert.equal($(root, '.fr-pagination__link--next').attrs.href, href(2));
    assert.equal($(root, '.fr-pagination__link--last').attrs.href, href(12));
    assert.equal(await listed(1, 12), '[1] 2 3 … 12');
  });

  it('on the last page, disables next and last and links previous and first', async () => {
    const root = await dom(<Pagination current={12} total={12} href={href} />);
    assert.equal($(root, '.fr-pagination__link--first').attrs.href, href(1));
    assert.equal($(root, '.fr-pagination__link--prev').attrs.href, href(11));
    assert.equal($(root, '.fr-pagination__link--next').attrs['aria-disabled'], 'true');
    assert.equal($(root, '.fr-pagination__link--last').attrs['aria-disabled'], 'true');
    assert.equal(await listed(12, 12), '1 … 10 11 [12]');
  });

  it('renders nothing when there is a single page (or none)', async () => {
    assert.equal(await render(<Pagination current={1} total={1} href={href} />), '');
    assert.equal(await render(<Pagination current={1} total={0} href={href} />), '');
  });

  it('keeps 500 pages to a short list with links carrying the filters', async () => {
    assert.equal(await listed(250, 500), '1 … 249 [250] 251 … 500');
    const root = await dom(<Pagination current={250} total={500} href={href} />);
    const links = $$(root, 'a[href]');
    assert.ok(links.every((a) => a.attrs.href?.startsWith('/dossiers?statut=depose&page=')));
    assert.equal($(root, '[title="Page 251"]').attrs.href, href(251));
  });

  it('keeps the first, current and last pages on small screens only', async () => {
    const root = await dom(<Pagination current={250} total={500} href={href} />);
    const hiddenOnSmall = $$(root, '.fr-hidden').map((el) => text(el));
    assert.deepEqual(hiddenOnSmall, ['…', '249', '251', '…']);
  });

  it('prints English words with the English catalogue', async () => {
    const root = await dom(<Pagination current={2} total={3} href={href} labels={componentsEn} />);
    assert.equal(text($(root, '.fr-pagination__link--next')), 'Next page');
    assert.equal($(root, '[aria-current="page"]').attrs.title, 'Page 2');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestContext } from '../../../platform/http/context.js';
import { messages } from '../../../platform/i18n/index.js';
import {
  $,
  $$,
  brokenReferences,
  cspViolations,
  dom,
  type El,
  text,
} from '../../../platform/views/components/testing.js';
import { directoryEn } from '../directory.en.js';
import { directoryFr } from '../directory.fr.js';
import { DEFAULT_PARAMS, type DirectoryGeo, type DirectoryParams } from '../directory.schemas.js';
import type { DirectoryHit, DirectoryResult } from '../directory.types.js';
import { correctedWords, DirectoryErrorPage, DirectoryPage, mapLevel } from './DirectoryPage.js';

/**
 * The directory page rendered from results built by hand (the engine has its own tests): what a visitor
 * reads and where each link leads.
 */

const GEO: DirectoryGeo = {
  regions: [
    { code: '84', name: 'Auvergne-Rhône-Alpes' },
    { code: '53', name: 'Bretagne' },
    { code: '11', name: 'Île-de-France' },
  ],
  departements: [
    { code: '35', name: 'Ille-et-Vilaine', region_code: '53' },
    { code: '69', name: 'Rhône', region_code: '84' },
    { code: '75', name: 'Paris', region_code: '11' },
    { code: '92', name: 'Hauts-de-Seine', region_code: '11' },
  ],
};

function ctxOf(locale: 'fr' | 'en' = 'fr'): RequestContext {
  return {
    locale,
    m: messages(locale),
    nonce: 'n',
    csrfToken: 't',
    path: '/annuaire',
  };
}

function hit(overrides: Partial<DirectoryHit> = {}): DirectoryHit {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Wimoov',
    legal_form: 'association',
    siren: null,
    rna: null,
    commune_name: 'Lyon',
    departement_code: '69',
    region_code: '84',
    domains: ['economie_inclusive'],
    excerpt: 'Plateformes de mobilité solidaire pour l’accès à l’emploi.',
    movementMember: false,
    hasLogo: false,
    ...overrides,
  };
}

function result(overrides: Partial<DirectoryResult> = {}): DirectoryResult {
  return {
    total: 1234,
    hits: [hit()],
    facets: {
      legal_form: [
        { value: 'association', count: 1000 },
        { value: 'cooperative', count: 234 },
      ],
      domain: [{ value: 'economie_inclusive', count: 1234 }],
      region: [
        { value: '84', count: 1200 },
        { value: '11', count: 34 },
      ],
      departement: [
        { value: '69', count: 1200 },
        { value: '75', count: 34 },
      ],
      movement: 12,
    },
    page: 1,
    pageCount: 62,
    corrections: [],
    identifier: null,
    ...overrides,
  };
}

async function page(
  params: Partial<DirectoryParams> = {},
  res: Partial<DirectoryResult> = {},
  options: { pageMissing?: boolean; locale?: 'fr' | 'en' } = {},
): Promise<El> {
  const locale = options.locale ?? 'fr';
  return dom(
    <DirectoryPage
      ctx={ctxOf(locale)}
      w={locale === 'fr' ? directoryFr : directoryEn}
      geo={GEO}
      params={{ ...DEFAULT_PARAMS, ...params }}
      result={result(res)}
      pageMissing={options.pageMissing}
    />,
  );
}

/** The query of a link, as a list of [key, value] pairs. */
function queryOf(href: string | undefined): [string, string][] {
  assert.ok(href, 'a link');
  const url = new URL(href, 'http://x');
  assert.equal(url.pathname, '/annuaire');
  return [...url.searchParams.entries()];
}

/** French thousands separator in attributes (text() reads it as a space). */
const NNBSP = '\u202f';

describe('directory page: results', () => {
  it('has one h1, breadcrumbs, the search field with its label and hint, and no broken reference', async () => {
    const root = await page({ q: 'mobilité' });
    assert.equal($$(root, 'h1').length, 1);
    assert.equal(text($(root, 'h1')), 'Annuaire des organisations');
    assert.match(text($(root, 'nav.fr-breadcrumb')), /Accueil.*Annuaire.*Recherche « mobilité »/);
    const label = $(root, 'label[for="annuaire-q"]');
    assert.match(text(label), /^Rechercher une organisation/);
    assert.equal(text($(label, '.fr-hint-text')), 'Nom, mot-clé, commune, SIREN ou RNA');
    assert.equal($(root, '#annuaire-q').attrs.value, 'mobilité');
    assert.deepEqual(brokenReferences(root), []);
    assert.deepEqual(cspViolations(root), []);
  });

  it('heads the results with their count, then lists them as cards linking to each profile', async () => {
    const root = await page();
    assert.equal(text($(root, 'h2#resultats')), '1 234 organisations');
    const cards = $$(root, 'ul.fr-raw-list .fr-card');
    assert.equal(cards.length, 1);
    const card = cards[0]!;
    const link = $(card, 'h3.fr-card__title a');
    assert.equal(link.attrs.href, '/organisations/00000000-0000-4000-8000-000000000001');
    assert.equal(text(link), 'Wimoov');
    assert.equal(
      text($(card, '.fr-card__desc')),
      'Plateformes de mobilité solidaire pour l’accès à l’emploi.',
    );
    assert.equal(text($(card, '.fr-card__detail')), 'Association — Lyon (69)');
    assert.deepEqual(
      $$(card, '.fr-tag').map((t) => text(t)),
      ['Économie inclusive'],
    );
    assert.equal($$(card, 'img').length, 0, 'no logo');
    assert.equal($$(card, '.fr-badge').length, 0, 'no banner');
  });

  it('shows the banner of a movement member and the logo (decorative) of an organisation that has one', async () => {
    const root = await page({}, { hits: [hit({ movementMember: true, hasLogo: true })] });
    const card = $(root, 'ul.fr-raw-list .fr-card');
    assert.equal(text($(card, '.fr-badge')), 'Membre du mouvement French Impact');
    const img = $(card, 'img');
    assert.equal(img.attrs.src, '/organisations/00000000-0000-4000-8000-000000000001/logo');
    assert.equal(img.attrs.alt, '');
  });

  it('says so when nothing matches, and words the count for one result', async () => {
    let root = await page({ q: 'zzz' }, { total: 0, hits: [], pageCount: 0 });
    assert.equal(text($(root, 'h2#resultats')), 'Aucune organisation');
    assert.match(text($(root, '#resultats-vide')), /Aucune organisation ne correspond/);
    assert.equal($$(root, 'nav.fr-pagination').length, 0);
    root = await page({}, { total: 1, pageCount: 1 });
    assert.equal(text($(root, 'h2#resultats')), '1 organisation');
  });

  it('names a SIREN lookup, and shows a corrected search with a link to the words as typed', async () => {
    let root = await page({ q: '552100554' }, { identifier: 'siren', total: 1, pageCount: 1 });
    assert.match(text(root), /Organisation portant le SIREN 552100554/);
    root = await page({ q: 'wimov lyon' }, { corrections: [{ from: 'wimov', to: 'wimoov' }] });
    assert.match(text(root), /Résultats pour « wimoov lyon »/);
    const original = $$(root, 'a').find((a) => text(a) === 'Rechercher plutôt « wimov lyon »');
    assert.deepEqual(queryOf(original?.attrs.href), [
      ['q', 'wimov lyon'],
      ['exact', '1'],
    ]);
  });

  it('asks to refine when the results go beyond what can be paged', async () => {
    const root = await page({}, { total: 12_345, pageCount: 500 });
    assert.match(text(root), /Seuls les 10 000 premiers résultats peuvent être parcourus/);
    const small = await page({}, { total: 10_000, pageCount: 500 });
    assert.doesNotMatch(text(small), /premiers résultats/);
  });

  it('pages with links that keep the search and the filters, up to the last reachable page', async () => {
    const root = await page({
      q: 'santé',
      regions: ['84'],
      sort: 'name',
      page: 3,
    });
    const nav = $(root, 'nav.fr-pagination');
    assert.equal(nav.attrs['aria-label'], 'Pages de résultats');
    const next = $(nav, 'a.fr-pagination__link--next');
    assert.deepEqual(queryOf(next.attrs.href), [
      ['q', 'santé'],
      ['region', '84'],
      ['tri', 'nom'],
      ['page', '4'],
    ]);
    assert.ok(next.attrs.href?.endsWith('#resultats'));
    const last = $(nav, 'a.fr-pagination__link--last');
    assert.equal(new URL(last.attrs.href!, 'http://x').searchParams.get('page'), '62');
    const first = $(nav, 'a.fr-pagination__link--first');
    assert.equal(
      new URL(first.attrs.href!, 'http://x').searchParams.get('page'),
      null,
      'page 1 has no page=',
    );
    assert.equal(text($(nav, '[aria-current="page"]')), '3');
  });

  it('for a page beyond the last one, shows no card and links to the last page', async () => {
    const root = await page({ page: 70 }, { hits: [] }, { pageMissing: true });
    assert.match(text(root), /La page 70 n’existe pas : cette recherche compte 62 pages\./);
    const link = $$(root, '.fr-alert a')[0];
    assert.equal(new URL(link!.attrs.href!, 'http://x').searchParams.get('page'), '62');
    assert.equal($$(root, 'ul.fr-raw-list').length, 0);
  });
});

describe('directory page: facets', () => {
  it('lists each facet value with its count, in a GET form, and the movement members', async () => {
    const root = await page();
    const form = $(root, 'form#annuaire-recherche');
    assert.equal(form.attrs.method, 'get');
    assert.equal(form.attrs.action, '/annuaire');
    const labelsOf = (name: string) =>
      $$(form, `input[name="${name}"]`).map((input) => text($(root, `label[for="${input.attrs.id}"]`)));
    assert.deepEqual(labelsOf('forme'), ['Association (1 000)', 'Coopérative (234)']);
    assert.deepEqual(labelsOf('domaine'), ['Économie inclusive (1 234)']);
    assert.deepEqual(labelsOf('region'), ['Auvergne-Rhône-Alpes (1 200)', 'Île-de-France (34)']);
    assert.deepEqual(labelsOf('membres'), ['Membres du mouvement uniquement (12)']);
    assert.equal(text($(form, 'button.fr-icon-filter-line')), 'Filtrer');
  });

  it('keeps a checked value shown at 0, and its box checked', async () => {
    const root = await page({ legalForms: ['fondation'], regions: ['53'] });
    const fondation = $$(root, 'input[name="forme"]').find((i) => i.attrs.value === 'fondation');
    assert.ok(fondation);
    assert.equal(fondation.attrs.checked, '');
    assert.equal(text($(root, `label[for="${fondation.attrs.id}"]`)), 'Fondation (0)');
    const bretagne = $$(root, 'input[name="region"]').find((i) => i.attrs.value === '53');
    assert.equal(bretagne?.attrs.checked, '');
  });

  it('offers the départements of the chosen régions as boxes, else a list of all to choose one', async () => {
    let root = await page({ regions: ['11'] }, {});
    assert.deepEqual(
      $$(root, 'input[name="departement"]').map((i) => i.attrs.value),
      ['75'],
      'only the départements of Île-de-France that have results',
    );
    assert.equal($$(root, 'select[name="departement"]').length, 0);
    root = await page();
    const select = $(root, 'select[name="departement"]');
    assert.deepEqual(
      $$(select, 'option').map((o) => [o.attrs.value, text(o)]),
      [
        ['', 'Tous les départements'],
        ['69', '69 – Rhône (1 200)'],
        ['75', '75 – Paris (34)'],
      ],
    );
  });

  it('shows the filters in force as tags, each removing only itself', async () => {
    const root = await page({
      q: 'vélo',
      legalForms: ['association', 'cooperative'],
      departements: ['75'],
    });
    const tags = $$(root, 'a.fr-tag--dismiss');
    assert.deepEqual(
      tags.map((t) => [text(t), t.attrs['aria-label']]),
      [
        ['Recherche : vélo', 'Retirer le filtre Recherche : vélo'],
        ['Association', 'Retirer le filtre Association'],
        ['Coopérative', 'Retirer le filtre Coopérative'],
        ['Paris (75)', 'Retirer le filtre Paris (75)'],
      ],
    );
    assert.deepEqual(queryOf(tags[1]!.attrs.href), [
      ['q', 'vélo'],
      ['forme', 'cooperative'],
      ['departement', '75'],
    ]);
    const clear = $$(root, 'a').find((a) => text(a) === 'Effacer tous les filtres');
    assert.deepEqual(queryOf(clear?.attrs.href), [['q', 'vélo']]);
  });

  it('keeps the sort in a select of the same form', async () => {
    const root = await page({ sort: 'name' });
    const select = $(root, 'form#annuaire-recherche select[name="tri"]');
    assert.deepEqual(
      $$(select, 'option').map((o) => [o.attrs.value, o.attrs.selected !== undefined]),
      [
        ['pertinence', false],
        ['nom', true],
      ],
    );
  });
});

describe('directory page: map', () => {
  it('maps the régions, each linking to the directory filtered on it with the same words and filters', async () => {
    const root = await page({ q: 'santé', domains: ['sante'] });
    const map = $(root, 'figure.fi-france-map');
    const bretagne = $$(map, 'svg a').find((a) => a.attrs['data-code'] === '84');
    assert.equal(bretagne?.attrs['aria-label'], `Auvergne-Rhône-Alpes : 1${NNBSP}200 organisations`);
    assert.deepEqual(queryOf(bretagne?.attrs.href), [
      ['q', 'santé'],
      ['domaine', 'sante'],
      ['region', '84'],
    ]);
    assert.match(text(map), /Fond de carte/, 'the base map is credited');
    assert.ok($$(map, 'table').length === 1, 'with its data table');
  });

  it('maps the départements of a chosen région, or on demand', async () => {
    assert.equal(mapLevel({ ...DEFAULT_PARAMS }), 'region');
    assert.equal(mapLevel({ ...DEFAULT_PARAMS, regions: ['11'] }), 'departement');
    assert.equal(mapLevel({ ...DEFAULT_PARAMS, regions: ['11'], map: 'regions' }), 'region');
    assert.equal(mapLevel({ ...DEFAULT_PARAMS, map: 'departements' }), 'departement');
    const root = await page({ regions: ['11'], departements: ['92'] });
    const paris = $$(root, 'figure svg a').find((a) => a.attrs['data-code'] === '75');
    assert.deepEqual(queryOf(paris?.attrs.href), [
      ['region', '11'],
      ['departement', '75'],
    ]);
    const toggle = $$(root, 'a').find((a) => text(a) === 'Par région');
    assert.deepEqual(queryOf(toggle?.attrs.href), [
      ['region', '11'],
      ['departement', '92'],
      ['carte', 'regions'],
    ]);
  });
});

describe('directory page: other cases', () => {
  it('applies the corrections word by word', () => {
    assert.equal(correctedWords('Wimov Lyon', [{ from: 'wimov', to: 'wimoov' }]), 'wimoov Lyon');
    assert.equal(correctedWords('Éduc populaire', [{ from: 'educ', to: 'educ' }]), 'educ populaire');
    assert.equal(
      correctedWords('associattions solidaires', [{ from: 'associattion', to: 'association' }]),
      'association solidaires',
    );
    assert.equal(
      correctedWords('a.b', [{ from: 'zz', to: 'x' }]),
      'x',
      'unmatched: the corrected words alone',
    );
  });

  it('speaks English', async () => {
    const root = await page({}, {}, { locale: 'en' });
    assert.equal(text($(root, 'h1')), 'Directory of organisations');
    assert.equal(text($(root, 'h2#resultats')), '1,234 organisations');
  });

  it('explains a query it cannot read, keeps the words, and links to the search without the bad criteria', async () => {
    const root = await dom(
      <DirectoryErrorPage
        ctx={ctxOf()}
        w={directoryFr}
        geo={GEO}
        params={{ ...DEFAULT_PARAMS, q: 'vélo', regions: ['84'] }}
        typed="vélo"
        problems={[
          {
            param: 'forme',
            message: '« sarl » n’est pas une forme juridique de l’annuaire.',
          },
        ]}
      />,
    );
    assert.equal($$(root, 'h1').length, 1);
    assert.match(text($(root, '.fr-alert')), /« sarl » n’est pas une forme juridique/);
    const retry = $$(root, '.fr-alert a')[0];
    assert.deepEqual(queryOf(retry?.attrs.href), [
      ['q', 'vélo'],
      ['region', '84'],
    ]);
    assert.equal($(root, '#annuaire-q').attrs.value, 'vélo');
  });
});

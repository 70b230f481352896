import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { seedGeography } from '../../platform/geo/index.js';
import { createTestApp, type TestApp } from '../../platform/testing/app.js';
import { upsertOrganisations } from '../organisations/index.js';
import { DIRECTORY_FIXTURE, DIRECTORY_FIXTURE_CULTURE } from './testing.js';

/**
 * `/annuaire` over a real database and the real search engine: a few organisations, then what a visitor
 * reads — results, counts, filters, map links, pages — and what a broken address gets (400, in French).
 */

const CULTURE_COUNT = DIRECTORY_FIXTURE_CULTURE;
const ROWS = DIRECTORY_FIXTURE;
const TOTAL = ROWS.length;

let t: TestApp;

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await seedGeography(db);
  await upsertOrganisations(db, 'demo', ROWS);
  // Wimoov joined the movement (the index follows organisations.change_seq).
  await db
    .updateTable('organisations')
    .set({
      movement_joined_at: new Date(),
      change_seq: sql`nextval('organisations_change_seq')`,
    })
    .where('source_key', '=', 'wimoov')
    .execute();
});

after(() => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.client().get(url, headers);

function decode(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The number in the results heading (« 1 234 organisations » → 1234; « Aucune organisation » → 0). */
function headingCount(html: string): number {
  const heading = /<h2 id="resultats"[^>]*>([^<]*)<\/h2>/.exec(html)?.[1];
  assert.ok(heading !== undefined, 'a results heading');
  const digits = heading.replace(/[\s\u202f\u00a0]/g, '').match(/^[0-9]+/)?.[0];
  return digits ? Number(digits) : 0;
}

/** The names of the cards, in order. */
function cardNames(html: string): string[] {
  return [...html.matchAll(/<h3 class="fr-card__title"><a href="\/organisations\/[^"]+">([^<]*)<\/a>/g)].map(
    (m) => decode(m[1]!),
  );
}

/** Label of each checkbox of a facet: value → count shown. */
function facetCounts(html: string, name: string): Map<string, number> {
  const counts = new Map<string, number>();
  const inputs = html.matchAll(
    new RegExp(`<input type="checkbox" id="([^"]+)" name="${name}" value="([^"]+)"`, 'g'),
  );
  for (const [, id, value] of inputs) {
    const label = new RegExp(`<label class="fr-label" for="${id}">([^<]*)`).exec(html)?.[1] ?? '';
    const count = /\(([0-9\s\u202f]+)\)\s*$/.exec(decode(label).trim())?.[1];
    counts.set(value!, Number((count ?? '').replace(/\D/g, '')));
  }
  return counts;
}

/** The href of the map area of an INSEE code. */
function mapLink(html: string, code: string): string {
  const href = new RegExp(
    `<a href="([^"]+)" aria-label="[^"]*"(?: aria-current="true")? class="[^"]*" data-code="${code}"`,
  ).exec(html)?.[1];
  assert.ok(href, `a map link for ${code}`);
  return decode(href);
}

/** Waits (bounded) for a page whose body passes `check`: the index may still be loading at first. */
async function eventually(url: string, check: (body: string) => boolean): Promise<string> {
  let body = '';
  for (let attempt = 0; attempt < 50; attempt++) {
    body = (await get(url)).body;
    if (check(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return body;
}

describe('GET /annuaire', () => {
  test('lists every organisation, in the main navigation, with one h1 and a title', async () => {
    const res = await get('/annuaire');
    assert.equal(res.statusCode, 200);
    assert.equal(headingCount(res.body), TOTAL);
    assert.equal(cardNames(res.body).length, 20, 'a first page of 20 cards');
    assert.equal(res.body.match(/<h1[\s>]/g)?.length, 1);
    assert.match(res.body, /<title>Annuaire — French Impact<\/title>/);
    assert.match(res.body, /href="\/annuaire" aria-current="page"/);
    assert.doesNotMatch(res.body, /Bientôt disponible/);
  });

  test('finds an organisation by a word of its description, and titles the page after the search', async () => {
    const res = await get('/annuaire?q=bicyclettes');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(cardNames(res.body), ['Coopérative des vélos bretons']);
    assert.equal(headingCount(res.body), 1);
    assert.match(res.body, /<h2 id="resultats"[^>]*>1 organisation<\/h2>/);
    assert.match(decode(res.body), /<title>Recherche « bicyclettes » — Annuaire — French Impact<\/title>/);
    assert.match(res.body, /Rennes \(35\)/);
  });

  test('facet counts equal what the filter gives: the total and the cards', async () => {
    const all = (await get('/annuaire')).body;
    const forms = facetCounts(all, 'forme');
    assert.deepEqual(
      Object.fromEntries(forms),
      { association: CULTURE_COUNT + 1, fondation: 1, cooperative: 1 },
      'every legal form present, with its count',
    );
    for (const [form, count] of forms) {
      const res = await get(`/annuaire?forme=${form}`);
      assert.equal(headingCount(res.body), count, form);
      assert.equal(cardNames(res.body).length, Math.min(count, 20), form);
    }
    const domains = facetCounts(all, 'domaine');
    assert.equal(domains.get('culture'), CULTURE_COUNT);
    const movement = facetCounts(all, 'membres');
    assert.equal(movement.get('1'), 1);
    const members = await get('/annuaire?membres=1');
    assert.deepEqual(cardNames(members.body), ['Wimoov']);
    assert.match(members.body, /Membre du mouvement French Impact/);
  });

  test('a facet narrows the results, keeps the other values of its facet, and shows its tag', async () => {
    const res = await get('/annuaire?forme=fondation');
    assert.deepEqual(cardNames(res.body), ['Fondation Santé pour tous']);
    const forms = facetCounts(res.body, 'forme');
    assert.equal(
      forms.get('association'),
      CULTURE_COUNT + 1,
      'disjunctive: the other forms keep their counts',
    );
    assert.match(res.body, /<input type="checkbox" id="[^"]+" name="forme" value="fondation" checked/);
    assert.match(
      res.body,
      /class="fr-tag fr-tag--sm fr-tag--dismiss" href="\/annuaire" aria-label="Retirer le filtre Fondation"/,
    );
    // Filters combine: a form and a domain with nothing in common give nothing, with the values still shown.
    const none = await get('/annuaire?forme=fondation&domaine=culture');
    assert.equal(headingCount(none.body), 0);
    assert.match(none.body, /Aucune organisation ne correspond à ces critères/);
    assert.equal(facetCounts(none.body, 'domaine').get('culture'), 0, 'a value in force is shown even at 0');
  });

  test('a région from the map gives that région only, with the count the map showed', async () => {
    const all = (await get('/annuaire?q=th%C3%A9%C3%A2tre')).body;
    const label =
      /aria-label="Provence-Alpes-Côte d(?:’|&#39;|')Azur : ([0-9\s\u202f]+) organisations?"/.exec(
        decode(all),
      );
    assert.ok(label, 'the map names the count of the région');
    const href = mapLink(all, '93');
    assert.equal(href, '/annuaire?q=th%C3%A9%C3%A2tre&region=93', 'the link keeps the words');
    const res = await get(href);
    assert.equal(res.statusCode, 200);
    const count = Number(label[1]!.replace(/\D/g, ''));
    assert.equal(count, Math.floor(CULTURE_COUNT / 2));
    assert.equal(headingCount(res.body), count);
    const places = [...res.body.matchAll(/fr-card__detail[^>]*>([^<]*)</g)].map((m) => decode(m[1]!));
    assert.equal(places.length, count);
    for (const place of places) assert.match(place, /Marseille \(13\)$/);
    // With a région chosen, the map shows its départements, each a link to that département.
    assert.match(res.body, /Organisations trouvées par département/);
    assert.equal(mapLink(res.body, '13'), '/annuaire?q=th%C3%A9%C3%A2tre&region=93&departement=13');
  });

  test('pages keep the words, the filters and the sort; a page beyond the last is a 404 with a way back', async () => {
    const first = await get('/annuaire?domaine=culture&tri=nom');
    assert.equal(headingCount(first.body), CULTURE_COUNT);
    const names = cardNames(first.body);
    assert.equal(names.length, 20);
    assert.deepEqual(names, [...names].sort(), 'by name');
    const next =
      /<a class="fr-pagination__link fr-pagination__link--next fr-pagination__link--lg-label" href="([^"]+)"/.exec(
        first.body,
      )?.[1];
    assert.equal(decode(next ?? ''), '/annuaire?domaine=culture&tri=nom&page=2#resultats');
    const second = await get('/annuaire?domaine=culture&tri=nom&page=2');
    assert.equal(second.statusCode, 200);
    assert.deepEqual(cardNames(second.body), ['Théâtre numéro 21', 'Théâtre numéro 22', 'Théâtre numéro 23']);
    assert.match(decode(second.body), /<title>Annuaire \(page 2\) — French Impact<\/title>/);
    const beyond = await get('/annuaire?domaine=culture&tri=nom&page=3');
    assert.equal(beyond.statusCode, 404);
    assert.match(decode(beyond.body), /La page 3 n’existe pas : cette recherche compte 2 pages\./);
    assert.match(decode(beyond.body), /href="\/annuaire\?domaine=culture&tri=nom&page=2#resultats"/);
    assert.deepEqual(cardNames(beyond.body), []);
  });

  test('a SIREN finds its organisation and says so; a typo in a name is corrected', async () => {
    const res = await get('/annuaire?q=775%20672%20272');
    assert.deepEqual(cardNames(res.body), ['Wimoov']);
    assert.match(decode(res.body), /Organisation portant le SIREN 775 672 272/);
    const typo = await eventually('/annuaire?q=wimov', (body) => cardNames(body).includes('Wimoov'));
    assert.deepEqual(cardNames(typo), ['Wimoov']);
    assert.match(decode(typo), /Résultats pour « wimoov »/);
    // « Rechercher plutôt « wimov » »: the words as typed, without correction.
    assert.match(decode(typo), /href="\/annuaire\?q=wimov&exact=1"/);
    const asTyped = await get('/annuaire?q=wimov&exact=1');
    assert.equal(asTyped.statusCode, 200);
    assert.deepEqual(cardNames(asTyped.body), []);
    assert.doesNotMatch(decode(asTyped.body), /Résultats pour/);
  });

  test('speaks English', async () => {
    const res = await get('/annuaire?forme=cooperative', { cookie: 'lang=en' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h2 id="resultats"[^>]*>1 organisation<\/h2>/);
    assert.match(res.body, /Directory of organisations/);
    assert.match(res.body, /Cooperative \(1\)/);
  });

  test('an address it cannot read gets a 400 page in French that names the problem, never a 500', async () => {
    const cases: [string, RegExp][] = [
      ['page=abc', /Le numéro de page doit être un nombre entier/],
      ['page=0', /Le numéro de page doit être un nombre entier/],
      ['page=-2', /Le numéro de page doit être un nombre entier/],
      ['forme=sarl', /« sarl » n’est pas une forme juridique/],
      ['domaine=%3Cscript%3E', /« &lt;script(&gt;|>) » n’est pas un domaine d’impact/],
      ['region=99', /« 99 » n’est pas un code de région/],
      ['departement=20', /« 20 » n’est pas un code de département/],
      ['tri=date', /Le tri doit être « pertinence » ou « nom »/],
      ['carte=monde', /La carte doit être « regions » ou « departements »/],
      ['membres=oui', /Le critère « membres » n’accepte que la valeur 1/],
      ['q=a&q=b', /Le critère « q » ne peut être donné qu’une fois/],
      [`q=${'a'.repeat(201)}`, /La recherche ne peut pas dépasser 200 caractères/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/annuaire?${query}`);
      assert.equal(res.statusCode, 400, query);
      assert.match(res.body, message, query);
      assert.match(res.body, /<html lang="fr"/);
      assert.match(res.body, /Cette recherche n’a pas pu être faite/, query);
    }
    const mixed = await get('/annuaire?q=v%C3%A9lo&forme=sarl&region=84');
    assert.match(
      decode(mixed.body),
      /href="\/annuaire\?q=v%C3%A9lo&region=84">Voir l’annuaire sans ces critères/,
    );
    for (const query of [
      'q=%00',
      'q=%ZZ',
      'q=%C3',
      'utm_source=lettre',
      'forme=',
      'page=',
      'q=%20%20',
      `q=${'é'.repeat(200)}`,
    ]) {
      const res = await get(`/annuaire?${query}`);
      assert.equal(res.statusCode, 200, query);
    }
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { readCogCommunes } from '../../platform/geo/index.js';
import { isValidRna, isValidSiren, isValidSiret } from '../../platform/validation/siren.js';
import {
  CATEGORIES_JURIDIQUES,
  type GeneratedOrganisation,
  generateOrganisations,
  IMPACT_DOMAINS,
  LATEST_FOUNDING_YEAR,
  LEGAL_FORMS,
  type LegalForm,
  MAX_GENERATED_ORGANISATIONS,
  SIZE_BANDS,
} from './index.js';

const communes = readCogCommunes();
const communeByCode = new Map(communes.map((c) => [c.code, c]));
const COMPANY_CATEGORIES = new Set(['5710', '5499', '5498', '5599']);

function take(seed: number | string, count: number, start = 0): GeneratedOrganisation[] {
  return [...generateOrganisations({ seed, count, communes, start })];
}

/** Every rule a generated organisation must follow; returns what is wrong (nothing when all is well). */
function problems(o: GeneratedOrganisation): string[] {
  const wrong: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) wrong.push(what);
  };
  check(isValidSiren(o.siren), `SIREN ${o.siren}`);
  check(isValidSiret(o.siret) && o.siret.startsWith(o.siren), `SIRET ${o.siret}`);
  const alsaceMoselle = ['57', '67', '68'].includes(o.departement_code);
  if (o.legal_form === 'association' && !alsaceMoselle)
    check(o.rna !== null && isValidRna(o.rna), `RNA ${o.rna}`);
  else check(o.rna === null, `no RNA expected: ${o.rna}`);
  const category = CATEGORIES_JURIDIQUES[o.categorie_juridique];
  check(
    category?.form === o.legal_form ||
      (category?.form === null &&
        (o.legal_form === 'entreprise_sociale' || o.legal_form === 'entreprise_engagee') &&
        COMPANY_CATEGORIES.has(o.categorie_juridique)),
    `catégorie ${o.categorie_juridique} for ${o.legal_form}`,
  );
  check(
    alsaceMoselle === (o.categorie_juridique === '9260') || o.legal_form !== 'association',
    'droit local',
  );
  const commune = communeByCode.get(o.commune_code);
  check(
    commune?.departement_code === o.departement_code && commune.region_code === o.region_code,
    `commune ${o.commune_code}`,
  );
  check(
    o.postal_code === null || (commune?.postal_codes.includes(o.postal_code) ?? false),
    `postal code ${o.postal_code}`,
  );
  check(
    o.domains.length >= 1 &&
      o.domains.length <= 3 &&
      new Set(o.domains).size === o.domains.length &&
      o.domains.every((d) => (IMPACT_DOMAINS as readonly string[]).includes(d)),
    `domains ${o.domains}`,
  );
  const sentences = o.description.split(/(?<=\.) (?=\p{Lu})/u);
  check(
    sentences.length >= 2 && sentences.length <= 3 && o.description.endsWith('.'),
    `description ${o.description}`,
  );
  check(o.founded_year >= 1790 && o.founded_year <= LATEST_FOUNDING_YEAR, `year ${o.founded_year}`);
  check(o.size_band in SIZE_BANDS, `size ${o.size_band}`);
  check(
    o.website === null || /^https:\/\/www\.[a-z0-9]+(-[a-z0-9]+)*\.[a-z.]+$/.test(o.website),
    `website ${o.website}`,
  );
  check(o.name.trim() === o.name && o.name.length >= 3, `name ${o.name}`);
  for (const text of [o.name, o.description]) {
    check(!/undefined|null|NaN|\{|\}|\s{2}/.test(text), `placeholder left in ${text}`);
    // A word boundary that knows accented letters: « Vernarède Agglomération » holds no « de A ».
    check(
      !/(?<!\p{L})(de|à) (Le|Les) /u.test(text) && !/(?<!\p{L})de [AEIOUÉÈÎ]/u.test(text),
      `contraction in ${text}`,
    );
  }
  return wrong;
}

describe('demo organisations generator', () => {
  test('the same seed gives the same organisations; another seed, others', () => {
    const first = take(2018, 500);
    assert.deepEqual(take(2018, 500), first);
    assert.deepEqual(take('french-impact', 50), take('french-impact', 50));
    const other = take(2019, 500);
    assert.ok(other.filter((o, i) => o.name === first[i]!.name).length < 100);
    assert.notDeepEqual(
      other.map((o) => o.siren),
      first.map((o) => o.siren),
    );
  });

  test('a slice of a run is the same as the run (an organisation depends only on its index)', () => {
    const whole = take(7, 300);
    assert.deepEqual(take(7, 100, 200), whole.slice(200));
    assert.deepEqual(
      whole.map((o) => o.index),
      [...Array(300).keys()],
    );
  });

  test('the order of the communes given does not change the output', () => {
    const reversed = [...communes].reverse();
    assert.deepEqual([...generateOrganisations({ seed: 3, count: 200, communes: reversed })], take(3, 200));
  });

  test('every organisation is valid (property over thousands of organisations and seeds)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(MAX_GENERATED_ORGANISATIONS - 50), (seed, start) => {
        for (const o of generateOrganisations({ seed, count: 50, communes, start })) {
          assert.deepEqual(problems(o), [], JSON.stringify(o));
        }
      }),
      { numRuns: 80 },
    );
  });

  test('no SIREN, SIRET or RNA number twice in 100,000 organisations', () => {
    const sirens = new Set<string>();
    const sirets = new Set<string>();
    const rnas = new Set<string>();
    let count = 0;
    let associations = 0;
    for (const o of generateOrganisations({ seed: 42, count: 100_000, communes })) {
      count++;
      sirens.add(o.siren);
      sirets.add(o.siret);
      if (o.rna) {
        associations++;
        rnas.add(o.rna);
      }
    }
    assert.equal(sirens.size, count);
    assert.equal(sirets.size, count);
    assert.equal(rnas.size, associations);
    assert.ok(associations > 60_000);
  });

  test('kinds and régions are spread as in the real community', () => {
    const n = 20_000;
    const byForm = new Map<LegalForm, number>();
    const byRegion = new Map<string, number>();
    const names = new Set<string>();
    let withAccent = 0;
    for (const o of generateOrganisations({ seed: 1, count: n, communes })) {
      byForm.set(o.legal_form, (byForm.get(o.legal_form) ?? 0) + 1);
      byRegion.set(o.region_code, (byRegion.get(o.region_code) ?? 0) + 1);
      names.add(o.name);
      if (/[àâçéèêëîïôûùüÿœ]/i.test(o.name)) withAccent++;
    }
    const share = (count: number | undefined) => (count ?? 0) / n;
    assert.ok(share(byForm.get('association')) > 0.62 && share(byForm.get('association')) < 0.78);
    for (const form of LEGAL_FORMS) assert.ok(share(byForm.get(form)) > 0.01, `${form}: ${byForm.get(form)}`);

    assert.equal(byRegion.size, 18, 'every région, overseas included');
    const ileDeFrance = share(byRegion.get('11'));
    assert.ok(ileDeFrance > 0.12 && ileDeFrance < 0.22, `Île-de-France ${ileDeFrance}`);
    assert.ok(share(byRegion.get('84')) > 0.08, 'Auvergne-Rhône-Alpes'); // second most populous
    assert.ok(Math.max(...byRegion.values()) / n < 0.22);
    assert.ok(share(byRegion.get('94')) < 0.01, 'Corse');

    assert.ok(names.size > n * 0.6, `${names.size} distinct names`);
    assert.ok(withAccent > n * 0.2, `${withAccent} names with an accent`);
  });

  test('bad options are refused', () => {
    assert.throws(() => take(1, -1), RangeError);
    assert.throws(() => take(1, 10, MAX_GENERATED_ORGANISATIONS - 5), RangeError);
    assert.throws(() => [...generateOrganisations({ seed: 1, count: 1, communes: [] })], RangeError);
    assert.throws(() => take(1.5, 1), RangeError);
    assert.deepEqual(take(1, 0), []);
  });
});

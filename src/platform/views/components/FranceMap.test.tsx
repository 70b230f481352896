import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { readCogDepartements, readCogRegions } from '../../geo/geo.data.js';
import { assetRoutes, assetUrl } from '../../http/assets.js';
import { componentsEn } from '../../i18n/components.en.js';
import { FranceMap, type FranceMapProps, mapBuckets, mapCodes } from './FranceMap.js';
import {
  DEPARTEMENTS,
  departementPath,
  franceMapSprite,
  OVERSEAS,
  SPRITE_FILE,
  unmappedSvgMapsIds,
} from './france-map.data.js';
import { $, $$, brokenReferences, classes, cspViolations, dom, parse, render, text } from './testing.js';

const regions = readCogRegions();
const departements = readCogDepartements();
const regionNames = Object.fromEntries(regions.map((r) => [r.code, r.name]));
const departementNames = Object.fromEntries(departements.map((d) => [d.code, d.name]));

function props(overrides: Partial<FranceMapProps> = {}): FranceMapProps {
  return {
    id: 'carte',
    level: 'region',
    caption: 'Organisations par région',
    names: regionNames,
    counts: { '53': 1234, '84': 10, '11': 500 },
    href: (code) => `/annuaire?region=${code}`,
    ...overrides,
  };
}

const areas = (root: Awaited<ReturnType<typeof dom>>) => $$(root, 'svg a');

describe('FranceMap: base map and INSEE codes', () => {
  it('maps every département of the geo reference (101) to its région, and every base-map path is used', () => {
    assert.equal(departements.length, 101);
    assert.deepEqual(Object.keys(DEPARTEMENTS).sort(), departements.map((d) => d.code).sort());
    for (const d of departements) assert.equal(DEPARTEMENTS[d.code]?.region, d.region_code, d.code);
    assert.deepEqual(unmappedSvgMapsIds(), []);
  });

  it('draws each région (18) and each département (101) exactly once; only the 5 overseas ones have no path', () => {
    assert.equal(regions.length, 18);
    assert.deepEqual(mapCodes('region'), regions.map((r) => r.code).sort());
    assert.deepEqual(mapCodes('departement').sort(), departements.map((d) => d.code).sort());
    const withoutPath = departements.map((d) => d.code).filter((code) => departementPath(code) === null);
    assert.deepEqual(withoutPath, ['971', '972', '973', '974', '976']);
    assert.deepEqual(
      OVERSEAS.map((o) => [o.departement, o.region]),
      withoutPath.map((code) => [code, DEPARTEMENTS[code]?.region]),
    );
  });

  it('renders one link per région and per département, each with its code once', async () => {
    for (const [level, codes, names] of [
      ['region', regions.map((r) => r.code), regionNames],
      ['departement', departements.map((d) => d.code), departementNames],
    ] as const) {
      const root = await dom(<FranceMap {...props({ level, names, counts: {} })} />);
      assert.deepEqual(
        areas(root)
          .map((a) => a.attrs['data-code'])
          .sort(),
        [...codes].sort(),
        level,
      );
      for (const a of areas(root))
        assert.ok($$(a, 'use').length + $$(a, 'rect').length > 0, a.attrs['data-code']);
    }
  });
});

describe('FranceMap: shapes from a cached sprite', () => {
  const spriteIds = new Set(
    $$(parse(franceMapSprite()), 'path').map((path) => {
      assert.ok(path.attrs.d, 'every path of the sprite has a shape');
      assert.equal(path.attrs.fill, undefined, 'the colour comes from the page');
      return path.attrs.id;
    }),
  );

  it('puts no shape in the page: each area uses paths of the fingerprinted sprite', async () => {
    assert.equal(spriteIds.size, 96);
    const sprite = assetUrl('app', SPRITE_FILE);
    assert.match(sprite, /^\/assets\/app-[0-9a-f]{10}\/france-map\.svg$/);
    for (const level of ['region', 'departement'] as const) {
      const root = await dom(<FranceMap {...props({ level })} />);
      assert.equal($$(root, 'path').length, 0, level);
      const used = $$(root, 'svg a use').map((use) => use.attrs.href ?? '');
      assert.equal(used.length, 96, level);
      for (const href of used) {
        const [file, id] = href.split('#');
        assert.equal(file, sprite);
        assert.ok(spriteIds.has(id ?? ''), href);
      }
    }
    const bretagne = $(await dom(<FranceMap {...props()} />), 'svg a[data-code="53"]');
    assert.deepEqual(
      $$(bretagne, 'use').map((use) => use.attrs.href?.split('#')[1]),
      ['d-22', 'd-29', 'd-35', 'd-56'],
    );
  });

  it('serves the sprite as a compressed SVG cached for a year; an unknown file is a 404', async () => {
    const app = Fastify();
    await app.register(assetRoutes);
    try {
      const response = await app.inject({
        url: assetUrl('app', SPRITE_FILE),
        headers: { 'accept-encoding': 'gzip' },
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'image/svg+xml');
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal(response.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(response.rawPayload).toString(), franceMapSprite());
      const missing = await app.inject({ url: assetUrl('app', 'carte-de-france.svg') });
      assert.equal(missing.statusCode, 404);
    } finally {
      await app.close();
    }
  });
});

describe('FranceMap: rendering', () => {
  it('makes every area a link named after its territory and its count, in French', async () => {
    const root = await dom(<FranceMap {...props()} />);
    const bretagne = $(root, 'svg a[data-code="53"]');
    assert.equal(bretagne.attrs.href, '/annuaire?region=53');
    assert.equal(bretagne.attrs['aria-label'], 'Bretagne : 1\u202f234 organisations');
    assert.equal($(root, 'svg a[data-code="94"]').attrs['aria-label'], 'Corse : 0 organisation');
    assert.equal($(root, 'svg a[data-code="01"]').attrs['aria-label'], 'Guadeloupe : 0 organisation');
    for (const a of areas(root))
      assert.match(a.attrs['aria-label'] ?? '', /^.+ : [\d\u202f]+ organisations?$/);
    assert.equal($(root, 'svg').attrs.role, 'group');
    assert.equal(text($(root, '#carte-titre')), 'Organisations par région');
    assert.equal($(root, 'svg').attrs['aria-labelledby'], 'carte-titre');
    assert.match(text($(root, 'svg desc')), /Carte de France par région/);
    assert.deepEqual(cspViolations(root), []);
    assert.deepEqual(brokenReferences(root), []);
  });

  it('shows the overseas départements as labelled boxes', async () => {
    const root = await dom(<FranceMap {...props({ level: 'departement', names: departementNames })} />);
    for (const code of ['971', '972', '973', '974', '976']) {
      const a = $(root, `svg a[data-code="${code}"]`);
      assert.equal($$(a, 'rect').length, 1);
      assert.equal(text($(a, 'text')), departementNames[code]);
    }
  });

  it('escapes names and refuses script links', async () => {
    const html = await render(
      <FranceMap
        {...props({
          names: { ...regionNames, '53': '"><script>alert(1)</script> & Breizh' },
          href: (code) => (code === '53' ? 'javascript:alert(1)' : `/annuaire?region=${code}`),
        })}
      />,
    );
    assert.ok(!html.includes('javascript:'));
    const root = parse(html);
    assert.deepEqual($$(root, 'script'), []);
    assert.equal(
      $(root, 'svg a[data-code="53"]').attrs['aria-label'],
      '"><script>alert(1)</script> & Breizh : 1\u202f234 organisations',
    );
    assert.equal(text($(root, 'tbody a[href="#"]')), '"><script>alert(1)</script> & Breizh');
  });

  it('shades areas in up to five classes shown in the legend', async () => {
    assert.deepEqual(mapBuckets([0, 1, 100]), [
      { shade: 0, from: 0, to: 0 },
      { shade: 1, from: 1, to: 20 },
      { shade: 2, from: 21, to: 40 },
      { shade: 3, from: 41, to: 60 },
      { shade: 4, from: 61, to: 80 },
      { shade: 5, from: 81, to: 100 },
    ]);
    assert.deepEqual(mapBuckets([0, 2]), [
      { shade: 0, from: 0, to: 0 },
      { shade: 1, from: 1, to: 1 },
      { shade: 2, from: 2, to: 2 },
    ]);
    assert.deepEqual(mapBuckets([0, 0]), [{ shade: 0, from: 0, to: 0 }]);

    const root = await dom(<FranceMap {...props({ counts: { '53': 1234, '84': 10, '11': 500 } })} />);
    assert.deepEqual(
      $$(root, '.fi-france-map__legend li').map((li) => text(li).trim()),
      ['0', '1 à 247', '248 à 494', '495 à 741', '742 à 988', '989 à 1 234'],
    );
    assert.ok(classes($(root, 'svg a[data-code="53"]')).includes('fi-france-map__area--5'));
    assert.ok(classes($(root, 'svg a[data-code="11"]')).includes('fi-france-map__area--3'));
    assert.ok(classes($(root, 'svg a[data-code="84"]')).includes('fi-france-map__area--1'));
    assert.ok(classes($(root, 'svg a[data-code="94"]')).includes('fi-france-map__area--0'));
  });

  it('marks the selected territory with aria-current, on the map and in the table', async () => {
    const root = await dom(<FranceMap {...props({ selected: '53' })} />);
    const selected = $(root, 'svg a[aria-current="true"]');
    assert.equal(selected.attrs['data-code'], '53');
    assert.ok(classes(selected).includes('fi-france-map__area--selected'));
    assert.match(selected.attrs['aria-label'] ?? '', /\(sélectionné\)$/);
    assert.equal(text($(root, 'tbody a[aria-current="true"]')), 'Bretagne');
  });

  it('offers the same data in a DSFR table inside an accordion', async () => {
    const root = await dom(<FranceMap {...props()} />);
    assert.equal($(root, '.fr-accordion__btn').attrs['aria-controls'], 'carte-tableau');
    const rows = $$(root, '#carte-tableau tbody tr');
    assert.equal(rows.length, 18);
    const bretagne = rows.find((row) => text($(row, 'th')) === 'Bretagne')!;
    assert.equal($(bretagne, 'a').attrs.href, '/annuaire?region=53');
    assert.equal(text($(bretagne, 'td')), '1 234');
    assert.match(
      text($(root, 'figure')),
      /Fond de carte : @svg-maps\/france\.departments, Victor Cazanave \(licence CC BY 4\.0\)/,
    );
  });

  it('speaks English with the English labels', async () => {
    const root = await dom(<FranceMap {...props({ locale: 'en', labels: componentsEn })} />);
    assert.equal($(root, 'svg a[data-code="53"]').attrs['aria-label'], 'Bretagne: 1,234 organisations');
    assert.equal(text($(root, '.fr-accordion__btn')), 'Show the data as a table');
  });
});

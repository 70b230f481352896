import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directoryFr } from './directory.fr.js';
import {
  DEFAULT_PARAMS,
  directoryHref,
  engineQuery,
  type GeoCodes,
  MAX_PAGE,
  normaliseWords,
  parseDirectoryQuery,
} from './directory.schemas.js';

const GEO: GeoCodes = {
  regions: new Set(['11', '53', '84']),
  departements: new Set(['35', '69', '75', '2A']),
};

const parse = (query: Record<string, string | string[]>) => parseDirectoryQuery(query, directoryFr, GEO);

describe('directory query string', () => {
  it('reads every criterion, repeated keys as several values, and drops duplicates and empty values', () => {
    const parsed = parse({
      q: '  éducation   populaire ',
      forme: ['association', 'fondation', 'association', ''],
      domaine: 'sante',
      region: ['11', '84'],
      departement: '2A',
      membres: '1',
      tri: 'nom',
      page: '3',
      carte: 'departements',
      utm_source: 'lettre',
    });
    assert.deepEqual(parsed, {
      ok: true,
      params: {
        q: 'éducation populaire',
        legalForms: ['association', 'fondation'],
        domains: ['sante'],
        regions: ['11', '84'],
        departements: ['2A'],
        movementOnly: true,
        sort: 'name',
        page: 3,
        map: 'departements',
        exact: false,
      },
    });
  });

  it('gives the defaults for an empty query or empty values', () => {
    assert.deepEqual(parse({}), { ok: true, params: DEFAULT_PARAMS });
    assert.deepEqual(parse({ q: '', tri: '', page: '', carte: '', membres: '' }), {
      ok: true,
      params: DEFAULT_PARAMS,
    });
    assert.deepEqual(parse({ tri: 'pertinence' }), {
      ok: true,
      params: DEFAULT_PARAMS,
    });
  });

  it('turns control characters (a NUL byte) into spaces', () => {
    assert.equal(normaliseWords('a\u0000b\tc\n'), 'a b c');
    const parsed = parse({ q: '\u0000' });
    assert.ok(parsed.ok);
    assert.equal(parsed.params.q, '');
  });

  it('accepts 200 characters of words, not 201', () => {
    assert.ok(parse({ q: `  ${'a'.repeat(200)}  ` }).ok);
    const parsed = parse({ q: 'a'.repeat(201) });
    assert.equal(parsed.ok, false);
    assert.deepEqual(!parsed.ok && parsed.problems, [
      {
        param: 'q',
        message: 'La recherche ne peut pas dépasser 200 caractères.',
      },
    ]);
  });

  it('names each value it does not know, in French, and keeps the valid part', () => {
    const parsed = parse({
      q: 'vélo',
      forme: ['association', 'sarl'],
      domaine: 'sport',
      region: ['84', '99'],
      departement: '20',
      membres: 'oui',
      tri: 'date',
      carte: 'monde',
      page: 'deux',
    });
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.deepEqual(
      parsed.problems.map((p) => p.message),
      [
        '« sarl » n’est pas une forme juridique de l’annuaire.',
        '« sport » n’est pas un domaine d’impact de l’annuaire.',
        '« 99 » n’est pas un code de région.',
        '« 20 » n’est pas un code de département.',
        'Le critère « membres » n’accepte que la valeur 1.',
        'Le tri doit être « pertinence » ou « nom ».',
        'La carte doit être « regions » ou « departements ».',
        'Le numéro de page doit être un nombre entier, 1 ou plus.',
      ],
    );
    assert.deepEqual(parsed.params, {
      ...DEFAULT_PARAMS,
      q: 'vélo',
      legalForms: ['association'],
      regions: ['84'],
    });
  });

  it('refuses a page that is not a whole number from 1, and a single criterion given twice', () => {
    for (const page of ['0', '-1', '1.5', '1e3', 'abc', ' 2x'])
      assert.equal(parse({ page }).ok, false, `page=${page}`);
    const huge = parse({ page: '999999999999' });
    assert.ok(huge.ok);
    assert.equal(engineQuery(huge.params).page, MAX_PAGE, 'the engine is never asked beyond the last page');
    const twice = parse({ q: ['a', 'b'] });
    assert.deepEqual(!twice.ok && twice.problems, [
      {
        param: 'q',
        message: 'Le critère « q » ne peut être donné qu’une fois.',
      },
    ]);
  });

  it('writes the URL back with only what differs from the defaults, and reads it again the same', () => {
    assert.equal(directoryHref(DEFAULT_PARAMS), '/annuaire');
    const params = {
      ...DEFAULT_PARAMS,
      q: 'santé & co',
      legalForms: ['association' as const],
      regions: ['11', '84'],
      movementOnly: true,
      sort: 'name' as const,
      page: 2,
    };
    const href = directoryHref(params, '#resultats');
    assert.equal(
      href,
      '/annuaire?q=sant%C3%A9+%26+co&forme=association&region=11&region=84&membres=1&tri=nom&page=2#resultats',
    );
    const url = new URL(href, 'http://x');
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(key);
      query[key] = all.length > 1 ? all : all[0]!;
    }
    assert.deepEqual(parse(query), { ok: true, params });
  });
});

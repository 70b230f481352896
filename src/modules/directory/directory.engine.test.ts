import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowedDistance, boundedDistance, searchIndex } from './directory.engine.js';
import { type IndexRow, SearchIndex } from './directory.index.js';
import type { DirectoryQuery } from './directory.types.js';

const everything: DirectoryQuery = {
  q: '',
  legalForms: [],
  domains: [],
  regions: [],
  departements: [],
  movementOnly: false,
  sort: 'relevance',
  page: 1,
};

let next = 0;
function row(name: string, extra: Partial<IndexRow> = {}): IndexRow {
  next++;
  const words = name.toLowerCase().split(' ');
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    seq: next,
    legal_form: 'association',
    region_code: '11',
    departement_code: '75',
    domains: 1,
    movement: false,
    closed: false,
    name_key: name.toLowerCase(),
    lexemes: words.join(' '),
    name_lexemes: words.join(' '),
    commune_lexemes: '',
    ...extra,
  };
}

describe('directory engine', () => {
  test('bounded Damerau-Levenshtein: substitutions, insertions, adjacent transpositions, and the bound', () => {
    assert.equal(boundedDistance('wimov', 'wimoov', 1), 1);
    assert.equal(boundedDistance('wimoov', 'wimoov', 1), 0);
    assert.equal(boundedDistance('solidaire', 'soldiaire', 2), 1);
    assert.equal(boundedDistance('passerelle', 'paserele', 2), 2);
    assert.equal(boundedDistance('jardin', 'garden', 1), 2);
    assert.equal(boundedDistance('abc', 'abcdef', 1), 2);
    assert.deepEqual([3, 4, 7, 8, 12].map(allowedDistance), [0, 1, 1, 2, 2]);
  });

  test('a changed document is found under its new words only; a closed one leaves; the name order follows', () => {
    const index = new SearchIndex();
    const rows = ['alpha', 'charlie', 'echo'].map((n) => row(n));
    index.beginOrderedLoad();
    for (const r of rows) index.apply(r, true);
    index.endOrderedLoad();
    const search = (q: Partial<DirectoryQuery>, lexemes: string[] = []) =>
      searchIndex(index, {
        query: { ...everything, ...q },
        analysed: { lexemes, nameKey: lexemes.join(' ') },
      });
    const names = (docs: number[]) => docs.map((d) => index.nameKey(d));

    assert.equal(index.apply(row('delta')), true);
    assert.equal(
      index.apply({
        ...rows[1]!,
        seq: 100,
        name_key: 'bravo',
        lexemes: 'bravo',
        name_lexemes: 'bravo',
      }),
      true,
    );
    // An older version (a late re-read) changes nothing.
    assert.equal(index.apply({ ...rows[1]!, seq: 50 }), false);
    assert.deepEqual(names(search({ sort: 'name' }).docs), ['alpha', 'bravo', 'delta', 'echo']);
    assert.equal(search({}, ['charlie']).total, 0);
    assert.equal(search({}, ['bravo']).total, 1);

    assert.equal(index.apply({ ...rows[0]!, seq: 101, closed: true }), true);
    assert.deepEqual(names(search({}).docs), ['bravo', 'delta', 'echo']);
    assert.equal(index.docOf(rows[0]!.id), -1);
    assert.equal(index.id(index.docOf(rows[2]!.id)), rows[2]!.id);
    assert.equal(search({ regions: ['11'] }).facets.region[0]?.count, 3);
  });
});

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type ChainedRow, canonicalJson, GENESIS_HASH, HASH_FORMAT, hashAuditRow } from './audit.hash.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const row: ChainedRow = {
  id: '42',
  occurred_at: new Date('2025-03-14T09:26:53.589Z'),
  actor_id: 'u-7',
  actor_label: 'élise@example.fr',
  action: 'roles.grant',
  object_type: 'account',
  object_id: 'u-9',
  ip: '2001:db8::1',
  request_id: 'req-1',
  summary: { role: 'instructeur', before: null, after: { scope: 'call', id: 3 } },
  prev_hash: GENESIS_HASH,
};

describe('canonicalJson', () => {
  test('sorts keys at every depth and writes no whitespace', () => {
    assert.equal(
      canonicalJson({ b: 1, a: [{ z: true, y: null }], c: 'x' }),
      '{"a":[{"y":null,"z":true}],"b":1,"c":"x"}',
    );
  });

  test('follows JSON for undefined, dates and negative zero', () => {
    assert.equal(
      canonicalJson({ gone: undefined, when: new Date(0), zero: -0, list: [undefined] }),
      '{"list":[null],"when":"1970-01-01T00:00:00.000Z","zero":0}',
    );
  });

  test('refuses what jsonb could not give back identically', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 10n, 'a\u0000b', '\uD800', 'x\uDC00']) {
      assert.throws(() => canonicalJson({ bad }), TypeError, String(bad));
    }
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    assert.throws(() => canonicalJson(deep), /deeper/);
    assert.throws(() => canonicalJson(undefined), TypeError);
  });

  test('the same value gives the same text whatever its key order, and reading it back changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 4 }), (value) => {
        const text = canonicalJson(value);
        assert.equal(canonicalJson(JSON.parse(text)), text);
        assert.equal(canonicalJson(reverseKeys(value)), text);
      }),
    );
  });
});

describe('hashAuditRow', () => {
  test('is the SHA-256 of the documented serialisation (changing it would fail every stored row)', () => {
    const expected =
      `["${HASH_FORMAT}","42","2025-03-14T09:26:53.589Z","u-7","élise@example.fr","roles.grant","account",` +
      `"u-9","2001:db8::1","req-1",{"after":{"id":3,"scope":"call"},"before":null,"role":"instructeur"},` +
      `"${GENESIS_HASH}"]`;
    assert.equal(hashAuditRow(row), sha256(expected));
    assert.match(hashAuditRow(row), /^[0-9a-f]{64}$/);
  });

  test('changes when any field changes, null and empty string included', () => {
    const base = hashAuditRow(row);
    const changes: Partial<ChainedRow>[] = [
      { id: '43' },
      { occurred_at: new Date('2025-03-14T09:26:53.590Z') },
      { actor_id: null },
      { actor_label: '' },
      { action: 'roles.revoke' },
      { object_type: 'role' },
      { object_id: null },
      { ip: '2001:db8::2' },
      { request_id: null },
      { summary: { ...row.summary, role: 'evaluateur' } },
      { prev_hash: 'f'.repeat(64) },
    ];
    const hashes = changes.map((change) => hashAuditRow({ ...row, ...change }));
    for (const [i, hash] of hashes.entries()) assert.notEqual(hash, base, JSON.stringify(changes[i]));
    assert.equal(new Set(hashes).size, hashes.length);
  });

  test('fields cannot shift into one another', () => {
    const a = hashAuditRow({ ...row, actor_id: 'a","b', actor_label: null });
    const b = hashAuditRow({ ...row, actor_id: 'a', actor_label: 'b' });
    assert.notEqual(a, b);
  });
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, reverseKeys((value as Record<string, unknown>)[k])]),
  );
}

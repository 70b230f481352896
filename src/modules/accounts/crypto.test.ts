import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generateTotpSecret } from '../../platform/totp/index.js';
import { decryptSecret, deriveTotpKey, encryptSecret } from './crypto.js';

const KEY = deriveTotpKey('un secret de session d’au moins trente-deux caractères');
const USER = '4f1c2a9e-0000-4000-8000-000000000001';

describe('TOTP secrets at rest (AES-256-GCM, key from SESSION_SECRET by HKDF)', () => {
  test('round trip, versioned form, never the secret in clear, a new IV each time', () => {
    const secret = generateTotpSecret();
    const a = encryptSecret(secret, KEY, USER);
    const b = encryptSecret(secret, KEY, USER);
    assert.match(a, /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    assert.ok(!a.includes(secret));
    assert.notEqual(a, b, 'a random IV per encryption');
    assert.equal(decryptSecret(a, KEY, USER), secret);
    assert.equal(decryptSecret(b, KEY, USER), secret);
  });

  test('the key is 256 bits, stable for one secret, different for another', () => {
    assert.equal(KEY.length, 32);
    assert.deepEqual(deriveTotpKey('un secret de session d’au moins trente-deux caractères'), KEY);
    assert.notDeepEqual(deriveTotpKey('un autre secret de session de trente-deux caractères'), KEY);
  });

  test('another key, another account, a tampered or malformed value: null, never a wrong secret', () => {
    const stored = encryptSecret(generateTotpSecret(), KEY, USER);
    const otherKey = deriveTotpKey('un autre secret de session de trente-deux caractères');
    assert.equal(decryptSecret(stored, otherKey, USER), null);
    assert.equal(decryptSecret(stored, KEY, '4f1c2a9e-0000-4000-8000-000000000002'), null);
    const [v, iv, tag, ct] = stored.split('.') as [string, string, string, string];
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    assert.equal(decryptSecret([v, iv, tag, flipped.toString('base64url')].join('.'), KEY, USER), null);
    for (const bad of ['', 'v1', 'v2.a.b.c', `v1.${iv}.${tag}`, `v1.xx.${tag}.${ct}`, 'JBSWY3DPEHPK3PXP'])
      assert.equal(decryptSecret(bad, KEY, USER), null, bad);
  });

  test('any text survives the round trip (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.uuid(),
        (text, user) => decryptSecret(encryptSecret(text, KEY, user), KEY, user) === text,
      ),
    );
  });
});

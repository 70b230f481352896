import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  base32Decode,
  base32Encode,
  formatSecretForDisplay,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  hotpCode,
  matchRecoveryCode,
  normaliseRecoveryCode,
  otpauthQrSvg,
  otpauthUri,
  RECOVERY_ALPHABET,
  totpCode,
  totpStep,
  verifyTotp,
} from './index.js';

/** The secret of the RFC 4226 and RFC 6238 test vectors (SHA-1). */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226)', () => {
  test('matches the appendix D test values', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expected.forEach((code, counter) => {
      assert.equal(hotpCode(RFC_SECRET, counter), code, `counter ${counter}`);
    });
  });

  test('takes the secret as base32 text too', () => {
    assert.equal(hotpCode(base32Encode(RFC_SECRET), 1), '287082');
  });
});

describe('TOTP (RFC 6238)', () => {
  const vectors: Array<[seconds: number, step: number, code: string]> = [
    [59, 0x1, '94287082'],
    [1111111109, 0x23523ec, '07081804'],
    [1111111111, 0x23523ed, '14050471'],
    [1234567890, 0x273ef07, '89005924'],
    [2000000000, 0x3f940aa, '69279037'],
    [20000000000, 0x27bc86aa, '65353130'],
  ];

  test('matches the appendix B SHA-1 test values (8 digits)', () => {
    for (const [seconds, step, code] of vectors) {
      assert.equal(totpStep(seconds * 1000), step, `step at ${seconds}`);
      assert.equal(totpCode(RFC_SECRET, new Date(seconds * 1000), 8), code, `code at ${seconds}`);
    }
  });

  test('gives the last six digits of those values by default', () => {
    for (const [seconds, , code] of vectors) {
      assert.equal(totpCode(RFC_SECRET, seconds * 1000), code.slice(2));
    }
  });

  test('generates 160-bit base32 secrets, different each time', () => {
    const a = generateTotpSecret();
    const b = generateTotpSecret();
    assert.match(a, /^[A-Z2-7]{32}$/);
    assert.equal(base32Decode(a).length, 20);
    assert.notEqual(a, b);
  });
});

describe('verifyTotp', () => {
  const secret = generateTotpSecret();
  const now = new Date('2026-11-27T10:00:10Z');
  const current = totpStep(now);
  const codeAt = (step: number) => hotpCode(secret, step);

  test('accepts the current code and returns its step', () => {
    assert.equal(verifyTotp(secret, codeAt(current), { now }), current);
  });

  test('accepts one step either side for clock drift, not two', () => {
    assert.equal(verifyTotp(secret, codeAt(current - 1), { now }), current - 1);
    assert.equal(verifyTotp(secret, codeAt(current + 1), { now }), current + 1);
    assert.equal(verifyTotp(secret, codeAt(current - 2), { now }), null);
    assert.equal(verifyTotp(secret, codeAt(current + 2), { now }), null);
  });

  test('a wider or zero window is the caller’s choice', () => {
    assert.equal(verifyTotp(secret, codeAt(current - 2), { now, window: 2 }), current - 2);
    assert.equal(verifyTotp(secret, codeAt(current - 1), { now, window: 0 }), null);
  });

  test('refuses a replay of the step already used, and any earlier step', () => {
    const step = verifyTotp(secret, codeAt(current), { now });
    assert.equal(step, current);
    assert.equal(verifyTotp(secret, codeAt(current), { now, lastUsedStep: step }), null);
    assert.equal(verifyTotp(secret, codeAt(current - 1), { now, lastUsedStep: step }), null);
    // The next code, once its step comes, is accepted.
    const later = new Date(now.getTime() + 30_000);
    assert.equal(verifyTotp(secret, codeAt(current + 1), { now: later, lastUsedStep: step }), current + 1);
  });

  test('after a code of the next step was used early, the current one is refused', () => {
    assert.equal(verifyTotp(secret, codeAt(current), { now, lastUsedStep: current + 1 }), null);
  });

  test('ignores spaces and refuses anything but six digits', () => {
    const code = codeAt(current);
    assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { now }), current);
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, '١٢٣٤٥٦']) {
      assert.equal(verifyTotp(secret, bad, { now }), null, JSON.stringify(bad));
    }
  });

  test('refuses the code of another secret', () => {
    const other = generateTotpSecret();
    const code = hotpCode(other, current);
    // Unless the two secrets happen to give the same code (one chance in 10^6 per step).
    const collides = [current - 1, current, current + 1].some((s) => codeAt(s) === code);
    if (!collides) assert.equal(verifyTotp(secret, code, { now }), null);
  });
});

describe('otpauthUri', () => {
  test('names the issuer and the account and carries the parameters apps read', () => {
    const secret = 'JBSWY3DPEHPK3PXP';
    const uri = otpauthUri({ secret, account: 'camille.dupont@example.fr', issuer: 'French Impact' });
    assert.equal(
      uri,
      'otpauth://totp/French%20Impact:camille.dupont%40example.fr?secret=JBSWY3DPEHPK3PXP&issuer=French%20Impact&algorithm=SHA1&digits=6&period=30',
    );
    const parsed = new URL(uri);
    assert.equal(parsed.protocol, 'otpauth:');
    assert.equal(parsed.searchParams.get('issuer'), 'French Impact');
    assert.equal(parsed.searchParams.get('secret'), secret);
  });

  test('the issuer defaults to French Impact', () => {
    assert.match(otpauthUri({ secret: 'JBSWY3DPEHPK3PXP', account: 'a@b.fr' }), /issuer=French%20Impact/);
  });

  test('renders as an SVG QR code with an accessible name, escaped', async () => {
    const svg = await otpauthQrSvg(otpauthUri({ secret: generateTotpSecret(), account: 'a@b.fr' }), {
      label: 'Code "QR" <à scanner>',
    });
    assert.match(svg, /^<svg role="img" aria-label="Code &quot;QR&quot; &lt;à scanner&gt;"/);
    assert.match(svg, /<path /);
    assert.doesNotMatch(svg, /<script|href=/);
  });

  test('shows the secret in groups of four for typing', () => {
    assert.equal(formatSecretForDisplay('JBSWY3DPEHPK3PXP'), 'JBSW Y3DP EHPK 3PXP');
  });
});

describe('base32 (RFC 4648)', () => {
  test('matches the RFC 4648 section 10 test vectors (without padding)', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(Buffer.from(plain)), encoded);
      assert.equal(base32Decode(encoded).toString(), plain);
    }
    assert.equal(base32Decode('MZXW6YQ=').toString(), 'foob');
  });

  test('decode(encode(bytes)) gives the bytes back, whatever the case and spacing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = base32Encode(bytes);
        assert.match(encoded, /^[A-Z2-7]*$/);
        assert.deepEqual(new Uint8Array(base32Decode(encoded)), bytes);
        const typed = formatSecretForDisplay(encoded.toLowerCase());
        assert.deepEqual(new Uint8Array(base32Decode(typed)), bytes);
      }),
    );
  });

  test('refuses characters outside the alphabet and impossible lengths', () => {
    for (const bad of ['MZXW1', 'MZ0Q', 'MZ8Q', 'M', 'MZX', 'MZXW6Y', 'MZ!Q']) {
      assert.throws(() => base32Decode(bad), RangeError, bad);
    }
  });
});

describe('recovery codes', () => {
  test('ten distinct codes of four groups of four unambiguous characters', () => {
    const codes = generateRecoveryCodes(10);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) {
      assert.match(code, /^[23456789abcdefghjkmnpqrstuvwxyz]{4}(-[23456789abcdefghjkmnpqrstuvwxyz]{4}){3}$/);
    }
    assert.doesNotMatch(RECOVERY_ALPHABET, /[01ilo]/);
  });

  test('a code matches its own hash once stored, typed in any case or spacing', () => {
    const codes = generateRecoveryCodes(10);
    const hashes = codes.map(hashRecoveryCode);
    assert.equal(new Set(hashes).size, 10);
    for (const hash of hashes) assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(matchRecoveryCode(codes[3]!, hashes), 3);
    assert.equal(matchRecoveryCode(codes[7]!.toUpperCase().replace(/-/g, ' '), hashes), 7);
    assert.equal(matchRecoveryCode(codes[0]!.replace(/-/g, ''), hashes), 0);
  });

  test('an unknown, malformed or already removed code matches nothing', () => {
    const codes = generateRecoveryCodes(3);
    const hashes = codes.map(hashRecoveryCode);
    const [fresh] = generateRecoveryCodes(1);
    assert.equal(matchRecoveryCode(fresh!, hashes), -1);
    assert.equal(matchRecoveryCode('', hashes), -1);
    assert.equal(matchRecoveryCode('0000-0000-0000-0000', hashes), -1);
    assert.equal(matchRecoveryCode(`${codes[0]}x`, hashes), -1);
    assert.equal(matchRecoveryCode(codes[0]!, hashes.slice(1)), -1);
    assert.equal(matchRecoveryCode(codes[0]!, ['not hex', '']), -1);
    assert.equal(normaliseRecoveryCode('ABCD-EFGH-JKMN-PQRS'), 'abcdefghjkmnpqrs');
    assert.throws(() => hashRecoveryCode('1111-1111-1111-1111'), RangeError);
  });
});

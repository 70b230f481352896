import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { cogDataDir } from '../geo/geo.data.js';
import {
  compactIdentifier,
  isValidRna,
  isValidSiren,
  isValidSiret,
  LA_POSTE_SIREN,
  luhnCheckDigit,
  luhnValid,
} from './siren.js';

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Any string of `length` digits followed by the check digit that makes it Luhn-valid. */
const withCheckDigit = (length: number) => digits(length, length).map((body) => body + luhnCheckDigit(body));

describe('Luhn check', () => {
  test('appending the check digit always gives a valid number', () => {
    fc.assert(fc.property(digits(1, 30), (body) => luhnValid(body + luhnCheckDigit(body))));
  });

  test('exactly one check digit makes a body valid', () => {
    fc.assert(
      fc.property(digits(1, 20), (body) => {
        const valid = [...'0123456789'].filter((d) => luhnValid(body + d));
        assert.deepEqual(valid, [String(luhnCheckDigit(body))]);
      }),
    );
  });

  test('any change of one digit is detected', () => {
    fc.assert(
      fc.property(withCheckDigit(13), fc.nat(13), fc.integer({ min: 1, max: 9 }), (n, at, shift) => {
        const changed = n.slice(0, at) + ((Number(n[at]) + shift) % 10) + n.slice(at + 1);
        assert.equal(luhnValid(changed), false, `${n} -> ${changed}`);
      }),
    );
  });

  test('swapping two adjacent different digits is detected, except 0 and 9', () => {
    fc.assert(
      fc.property(withCheckDigit(13), fc.nat(12), (n, at) => {
        const [a, b] = [n[at]!, n[at + 1]!];
        fc.pre(a !== b && `${a}${b}` !== '09' && `${a}${b}` !== '90');
        const swapped = n.slice(0, at) + b + a + n.slice(at + 2);
        assert.equal(luhnValid(swapped), false, `${n} -> ${swapped}`);
      }),
    );
  });

  test('anything but ASCII digits is refused', () => {
    for (const s of ['', ' ', '1234 5678', '１２３', '12a4', '-0', '0x10'])
      assert.equal(luhnValid(s), false, s);
    assert.throws(() => luhnCheckDigit('12a'), RangeError);
  });
});

describe('SIREN', () => {
  test('real SIRENs are valid (funding partners, La Poste)', () => {
    for (const siren of [
      '180020026', // Caisse des dépôts et consignations
      '662042449', // BNP Paribas
      '320252489', // Bpifrance
      '349974931', // Crédit Coopératif
      LA_POSTE_SIREN,
    ]) {
      assert.equal(isValidSiren(siren), true, siren);
    }
  });

  test("every commune's SIREN in the official geography is valid", () => {
    const communes: { code: string; siren?: string }[] = JSON.parse(
      readFileSync(join(cogDataDir(), 'communes.json'), 'utf8'),
    );
    const sirens = communes.flatMap((c) => (c.siren ? [c.siren] : []));
    assert.ok(sirens.length > 30_000, `${sirens.length} SIREN`);
    assert.deepEqual(
      sirens.filter((siren) => !isValidSiren(siren)),
      [],
    );
  });

  test('a SIREN is 9 digits with a valid check digit', () => {
    fc.assert(fc.property(withCheckDigit(8), (siren) => isValidSiren(siren)));
    fc.assert(
      fc.property(withCheckDigit(8), (siren) => {
        const last = Number(siren[8]);
        return !isValidSiren(siren.slice(0, 8) + ((last + 1) % 10));
      }),
    );
    for (const s of ['18002002', '1800200260', '180 020 026', '18002002X', '']) {
      assert.equal(isValidSiren(s), false, s);
    }
  });
});

describe('SIRET', () => {
  test('real SIRETs are valid', () => {
    assert.equal(isValidSiret('35600000000048'), true); // La Poste, head office (Luhn-valid)
    assert.equal(isValidSiret('66204244900014'), true); // BNP Paribas, head office
  });

  test('a Luhn-valid SIRET is valid when its SIREN is valid too', () => {
    fc.assert(
      fc.property(withCheckDigit(8), digits(4, 4), (siren, nic4) => {
        const body = siren + nic4;
        return isValidSiret(body + luhnCheckDigit(body));
      }),
    );
    // Luhn-valid over 14 digits, but its SIREN is not: refused.
    const badSiren = '180020027';
    const body = `${badSiren}0001`;
    assert.equal(luhnValid(body + luhnCheckDigit(body)), true);
    assert.equal(isValidSiret(body + luhnCheckDigit(body)), false);
  });

  test('a SIRET of La Poste is valid when its digits add up to a multiple of 5', () => {
    fc.assert(
      fc.property(digits(5, 5), (nic) => {
        const siret = LA_POSTE_SIREN + nic;
        const sum = [...siret].reduce((s, d) => s + Number(d), 0);
        assert.equal(isValidSiret(siret), sum % 5 === 0 || luhnValid(siret), siret);
      }),
    );
    // Not Luhn-valid, but 3+5+6+1+5 = 20: an establishment of La Poste.
    assert.equal(luhnValid('35600000000015'), false);
    assert.equal(isValidSiret('35600000000015'), true);
    // The sum rule is La Poste's only: the same NIC on another SIREN is refused.
    assert.equal(isValidSiret('18002002600015'), false);
  });

  test('anything but 14 digits is refused', () => {
    for (const s of ['3560000000004', '356000000000480', '356 000 000 00048', '3560000000004A', '']) {
      assert.equal(isValidSiret(s), false, s);
    }
  });
});

describe('RNA', () => {
  test("'W' and 9 digits", () => {
    fc.assert(fc.property(digits(9, 9), (n) => isValidRna(`W${n}`)));
    assert.equal(isValidRna('W751234567'), true);
    assert.equal(isValidRna('W2A1002345'), true); // Corse-du-Sud
    assert.equal(isValidRna('W2B1002345'), true); // Haute-Corse
    for (const s of [
      'W2C1002345',
      'WA21002345',
      'w751234567',
      'W75123456',
      'W7512345678',
      '751234567',
      'W 751234567',
      'WW51234567',
      '',
    ]) {
      assert.equal(isValidRna(s), false, s);
    }
  });
});

test('compactIdentifier removes what people type between digits', () => {
  assert.equal(compactIdentifier('180 020 026'), '180020026');
  assert.equal(compactIdentifier('356.000.000-00048'), '35600000000048');
  assert.equal(compactIdentifier('356\u00a0000\u202f000 00048'), '35600000000048');
  assert.equal(compactIdentifier(' w751 234 567 '), 'W751234567');
});

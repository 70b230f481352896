import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  commonPasswordCount,
  isCommonPassword,
  isInCommonPasswordList,
  isTrivialPattern,
} from './password-list.js';

describe('isCommonPassword', () => {
  test('the bundled list holds at least 10,000 distinct passwords', () => {
    assert.ok(commonPasswordCount() >= 10_000, `only ${commonPasswordCount()} entries`);
  });

  test('refuses passwords French users pick often', () => {
    for (const password of ['motdepasse', 'azertyuiop', '123456789012', 'azerty', 'soleil', 'password']) {
      assert.equal(isCommonPassword(password), true, password);
    }
  });

  test('ignores case and Unicode compatibility forms', () => {
    assert.equal(isCommonPassword('MotDePasse'), true);
    assert.equal(isCommonPassword('AZERTYUIOP'), true);
    // Full-width digits are NFKC-equivalent to ASCII digits.
    assert.equal(isCommonPassword('１２３４５６７８９０１２'), true);
  });

  test('accepts a random 20-character password', () => {
    const random = randomBytes(15).toString('base64url');
    assert.equal(random.length, 20);
    assert.equal(isCommonPassword(random), false);
  });

  test('does not match on a fragment: a common password inside a longer one is not in the list', () => {
    assert.equal(isCommonPassword('motdepasse-de-la-fabrique-sociale'), false);
  });

  test('refuses the repeats and runs that the list leaves out', () => {
    for (const password of ['aaaaaaaaaaaa', '111111111111', 'azertyazerty', '123412341234', 'abcdefghijkl']) {
      assert.equal(isInCommonPasswordList(password), false, `${password} is not in the list itself`);
      assert.equal(isTrivialPattern(password), true, password);
      assert.equal(isCommonPassword(password), true, password);
    }
    assert.equal(isCommonPassword('zyxwvutsrqpo'), true);
    assert.equal(isCommonPassword('0123456789'), true);
    // Not a pattern: a run that breaks, a repeat that does not fill the password.
    assert.equal(isTrivialPattern('abcdefghijkm'), false);
    assert.equal(isTrivialPattern('azertyazertyx'), false);
    assert.equal(isTrivialPattern('x'.repeat(10_000)), false, 'huge inputs are left to the length check');
  });
});

/**
 * French company and association identifiers, checked offline (no call to the Sirene or RNA registers):
 * - SIREN: 9 digits, the last one a Luhn check digit (INSEE, répertoire Sirene);
 * - SIRET: SIREN + NIC (5 digits) = 14 digits, Luhn over the 14 — except for La Poste (SIREN 356000000),
 *   whose many establishments have SIRETs whose digits add up to a multiple of 5 instead;
 * - RNA: 'W' + 9 digits (Répertoire national des associations; associations of Alsace-Moselle have none);
 *   in Corsica the département part holds a letter: 'W2A' or 'W2B' + 7 digits (as the database CHECK allows).
 * The functions take the compact form: strip the spaces a person types with `compactIdentifier` first.
 */

export const LA_POSTE_SIREN = '356000000';

const DIGITS = /^[0-9]+$/;

/** True when `digits` (only ASCII digits, at least one) passes the Luhn check (mod 10). */
export function luhnValid(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The digit to append to `body` (ASCII digits) so that the result passes the Luhn check. */
export function luhnCheckDigit(body: string): number {
  if (!DIGITS.test(body)) throw new RangeError(`Not a string of digits: ${JSON.stringify(body)}`);
  return (10 - (luhnSum(body, true) % 10)) % 10;
}

/** Luhn sum, doubling every second digit from the right: from the last one when a check digit will follow. */
function luhnSum(digits: string, doubleLast: boolean): number {
  let sum = 0;
  let double = doubleLast;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

export function isValidSiren(s: string): boolean {
  return s.length === 9 && luhnValid(s);
}

/**
 * A SIRET passes the Luhn check; a SIRET of La Poste passes it or has a digit sum that is a multiple
 * of 5 (its head office, 356 000 000 00048, is Luhn-valid; its other establishments follow the sum rule).
 */
export function isValidSiret(s: string): boolean {
  if (s.length !== 14 || !DIGITS.test(s)) return false;
  if (luhnValid(s)) return isValidSiren(s.slice(0, 9));
  return s.startsWith(LA_POSTE_SIREN) && digitSum(s) % 5 === 0;
}

const RNA = /^W[0-9][0-9AB][0-9]{7}$/;

export function isValidRna(s: string): boolean {
  return RNA.test(s);
}

/** What a person types ('180 020 026', '356.000.000-00048', 'w 751 234 567') in compact form. */
export function compactIdentifier(s: string): string {
  return s.replace(/[\s.\-\u00a0\u202f]/g, '').toUpperCase();
}

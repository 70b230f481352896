import { createRequire } from 'node:module';

/**
 * The bundled list of common and breached passwords that sign-up, reset and password change refuse
 * (ASVS 2.1.7). Source: `passwords-common` of the npm package `@zxcvbn-ts/language-common` (MIT, version
 * pinned by package-lock.json): 49,233 passwords ranked by frequency in public breach corpora, as used by
 * the zxcvbn-ts strength estimator. It includes French favourites such as "azerty", "motdepasse", "soleil".
 *
 * The list is loaded on first use (about 40 ms, about 5 MB of heap), then every call is one Set lookup.
 *
 * How the list was made (zxcvbn-ts `data-scripts/_generators/PasswordGenerator.ts`): Mark Burnett's "ten
 * million passwords" breach compilation (xato.net, 2015), lower-cased, ASCII only, kept when seen more than
 * ten times, ranked by frequency — minus the passwords that zxcvbn's pattern matchers already rate as weak
 * (repeats, sequences, dates). So the list alone misses `aaaaaaaaaaaa` or `123412341234`:
 * `isCommonPassword` also refuses those two trivial shapes (see `isTrivialPattern`).
 */
let common: ReadonlySet<string> | undefined;

/** The comparison key: NFKC (so full-width or composed forms match), then lower case. */
export function passwordKey(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

function load(): ReadonlySet<string> {
  if (!common) {
    // The package's CommonJS entry, loaded synchronously so that `isCommonPassword` stays synchronous.
    const require = createRequire(import.meta.url);
    const { dictionary } = require('@zxcvbn-ts/language-common') as {
      dictionary: { 'passwords-common': string[] };
    };
    common = new Set(dictionary['passwords-common'].map(passwordKey));
  }
  return common;
}

/** Whether the password (case and Unicode form ignored) is in the bundled list. */
export function isInCommonPasswordList(password: string): boolean {
  return load().has(passwordKey(password));
}

/**
 * The shapes the list leaves out because zxcvbn finds them by pattern: one unit repeated (`aaaaaaaaaaaa`,
 * `azertyazerty`, `123412341234`) or a straight run of consecutive characters (`abcdefghijkl`,
 * `987654321098` is not one, `0123456789` is).
 */
export function isTrivialPattern(password: string): boolean {
  const key = passwordKey(password);
  if (key.length > 256) return false; // past the accepted length anyway; keeps the regex cheap
  if (/^(.+?)\1+$/su.test(key)) return true;
  const codes = Array.from(key, (c) => c.codePointAt(0)!);
  if (codes.length < 3) return false;
  const step = codes[1]! - codes[0]!;
  return (step === 1 || step === -1) && codes.every((c, i) => i === 0 || c - codes[i - 1]! === step);
}

/**
 * Whether the password must be refused as common: in the bundled list (case and Unicode form ignored) or
 * of a trivial shape that the list leaves out.
 */
export function isCommonPassword(password: string): boolean {
  return isInCommonPasswordList(password) || isTrivialPattern(password);
}

/** How many distinct entries the list holds (tests, the security documentation). */
export function commonPasswordCount(): number {
  return load().size;
}

import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Recovery codes: single-use codes that stand in for the authenticator app when it is lost.
 *
 * A code is 16 characters from an alphabet without look-alikes (no 0/o, 1/i/l), shown as four groups of
 * four: `k7mh-3xqe-9tfw-2rbn`. Each character carries log2(31) ≈ 4.95 bits, so a code carries about 79
 * bits, drawn with `crypto.randomInt` (uniform, no modulo bias).
 *
 * Hashing: with 79 bits of entropy a fast hash is enough — guessing one code from its SHA-256 would take
 * about 2^78 hashes on average, out of reach even on GPUs — so codes are stored as SHA-256 (domain
 * separated), not with a slow password hash; a slow hash protects low-entropy secrets chosen by people, and
 * these are not. Checking compares against every stored hash in constant time.
 */
export const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
const GROUPS = 4;
const GROUP_LENGTH = 4;
const CODE_LENGTH = GROUPS * GROUP_LENGTH;
const HASH_PREFIX = 'french-impact/recovery-code/v1:';

function formatCode(canonical: string): string {
  return canonical.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-');
}

/** `count` new codes (10 by default), formatted `xxxx-xxxx-xxxx-xxxx`, all distinct. */
export function generateRecoveryCodes(count = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    let canonical = '';
    for (let i = 0; i < CODE_LENGTH; i++) canonical += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
    codes.add(formatCode(canonical));
  }
  return [...codes];
}

/**
 * The code as typed, reduced to its 16 characters: case, spaces and hyphens ignored. Null when it cannot
 * be a recovery code (wrong length or a character outside the alphabet).
 */
export function normaliseRecoveryCode(typed: string): string | null {
  const canonical = typed.toLowerCase().replace(/[\s-]/g, '');
  if (canonical.length !== CODE_LENGTH) return null;
  for (const char of canonical) if (!RECOVERY_ALPHABET.includes(char)) return null;
  return canonical;
}

/** The stored form of a code: hex SHA-256 of the normalised code. Throws on a malformed code. */
export function hashRecoveryCode(code: string): string {
  const canonical = normaliseRecoveryCode(code);
  if (canonical === null) throw new RangeError('not a recovery code');
  return createHash('sha256')
    .update(HASH_PREFIX + canonical)
    .digest('hex');
}

/**
 * Which stored hash the typed code matches: its index in `hashes`, or -1. Every hash is compared, in
 * constant time. The caller then deletes (or marks used) that code in the same transaction as the
 * sign-in, so each code works once.
 */
export function matchRecoveryCode(typed: string, hashes: readonly string[]): number {
  const canonical = normaliseRecoveryCode(typed);
  // Still hash something on malformed input, so the time taken does not reveal the format check.
  const digest = createHash('sha256')
    .update(HASH_PREFIX + (canonical ?? ''))
    .digest();
  let found = -1;
  hashes.forEach((hash, index) => {
    const stored = Buffer.from(hash, 'hex');
    if (
      stored.length === digest.length &&
      timingSafeEqual(stored, digest) &&
      canonical !== null &&
      found < 0
    ) {
      found = index;
    }
  });
  return found;
}

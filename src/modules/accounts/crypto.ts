import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of the TOTP secrets. The server must read a secret back (HMAC needs it), so it cannot
 * be hashed: it is encrypted with AES-256-GCM under a key that never lives in the database, derived by
 * HKDF-SHA256 from `SESSION_SECRET` (info `totp-secret`). A stolen database alone gives no usable secret.
 *
 * Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url; a 96-bit random IV per encryption, the
 * 128-bit GCM tag. The account's id is bound as additional data, so a ciphertext copied onto another
 * account does not decrypt. The version prefix lets a later key or algorithm coexist with this one.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The 256-bit key of the TOTP secrets, derived from the application's secret. */
export function deriveTotpKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, Buffer.alloc(0), 'totp-secret', 32));
}

/** Encrypts `plain` for the account `userId`: the versioned string to store. */
export function encryptSecret(plain: string, key: Buffer, userId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/**
 * Decrypts a stored secret of the account `userId`. Null when the string is not of a known version, is
 * malformed, or fails authentication (wrong key, tampered, another account's).
 */
export function decryptSecret(stored: string, key: Buffer, userId: string): string | null {
  const parts = stored.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) return null;
  const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

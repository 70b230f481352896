import { randomBytes } from 'node:crypto';

const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * Random tokens (CSP nonces, CSRF tokens) from the system's CSPRNG, read 4 KiB at a time instead of one
 * system call per token: every byte is used once.
 */
export function randomToken(bytes: number, encoding: 'base64' | 'base64url' = 'base64url'): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(Math.max(POOL_SIZE, bytes));
    offset = 0;
  }
  const token = pool.toString(encoding, offset, offset + bytes);
  offset += bytes;
  return token;
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { base32Decode, base32Encode } from './base32.js';

/** RFC 6238 defaults that every authenticator app supports: HMAC-SHA1, 6 digits, 30-second steps. */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ISSUER = 'French Impact';

/** A secret as bytes or as its base32 text. */
export type TotpSecret = string | Uint8Array;

function secretBytes(secret: TotpSecret): Buffer {
  return typeof secret === 'string' ? base32Decode(secret) : Buffer.from(secret);
}

/** A new TOTP secret: 20 random bytes (160 bits, the HMAC-SHA1 block of RFC 4226 §4), in base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** HOTP (RFC 4226 §5): HMAC-SHA1 of the 8-byte counter, dynamically truncated, `digits` decimal digits. */
export function hotpCode(secret: TotpSecret, counter: number | bigint, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secretBytes(secret)).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

function toSeconds(time: Date | number): number {
  return typeof time === 'number' ? time / 1000 : time.getTime() / 1000;
}

/** The time step (RFC 6238 §4: T = floor((now − T0) / X), T0 = 0) of a moment (a Date or epoch ms). */
export function totpStep(time: Date | number): number {
  return Math.floor(toSeconds(time) / TOTP_PERIOD_SECONDS);
}

/** The TOTP code at a moment (a Date or epoch milliseconds). */
export function totpCode(secret: TotpSecret, time: Date | number = Date.now(), digits = TOTP_DIGITS): string {
  return hotpCode(secret, totpStep(time), digits);
}

export interface VerifyTotpOptions {
  /** The moment to check against (a Date or epoch ms); default now. */
  now?: Date | number;
  /**
   * The step of the last code this account used, as stored by the caller. Codes of this step or an
   * earlier one are refused, so a code (even one seen over a shoulder) works only once.
   */
  lastUsedStep?: number | null;
  /** Steps accepted either side of the current one, for clock drift; default 1 (±30 s). */
  window?: number;
}

/**
 * Checks a code typed by the user. Returns the time step it matched — store it as the account's
 * `lastUsedStep` in the same statement that accepts the sign-in — or null when it matches no step of the
 * window, or only a step already used. Spaces in the code are ignored; anything but 6 digits is refused.
 * Every step of the window is computed and compared in constant time.
 */
export function verifyTotp(secret: TotpSecret, code: string, options: VerifyTotpOptions = {}): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const key = secretBytes(secret);
  const current = totpStep(options.now ?? Date.now());
  const window = options.window ?? 1;
  const typedBytes = Buffer.from(typed);
  let matched: number | null = null;
  for (let step = Math.max(0, current - window); step <= current + window; step++) {
    const equal = timingSafeEqual(Buffer.from(hotpCode(key, step)), typedBytes);
    const fresh = options.lastUsedStep == null || step > options.lastUsedStep;
    if (equal && fresh && matched === null) matched = step;
  }
  return matched;
}

/**
 * The `otpauth://` URI that authenticator apps read (the Key Uri Format of Google Authenticator, followed
 * by the others): label `Issuer:account`, then secret, issuer, algorithm, digits and period.
 */
export function otpauthUri(options: { secret: string; account: string; issuer?: string }): string {
  const issuer = options.issuer ?? TOTP_ISSUER;
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(options.account)}`;
  const query = new URLSearchParams({
    secret: options.secret.replace(/[\s=]/g, '').toUpperCase(),
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  // URLSearchParams writes spaces as "+", which some apps show literally: use %20.
  return `otpauth://totp/${label}?${query.toString().replace(/\+/g, '%20')}`;
}

/** The secret in groups of four characters, easier to type by hand than one block. */
export function formatSecretForDisplay(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { isCommonPassword } from './password-list.js';

/** `Algorithm.Argon2id` (a const enum, which `verbatimModuleSyntax` cannot import). */
const ARGON2ID = 2 as Algorithm;

/** OWASP's argon2id parameters: 19 MiB of memory, 2 iterations, 1 lane. */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** How many times argon2 ran in this process: lets a test prove a refused input never reached it. */
export const argon2Calls = { count: 0 };

export function hashPassword(password: string): Promise<string> {
  argon2Calls.count++;
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  argon2Calls.count++;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of one verification when there is no account, so that timing does not tell. */
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hash('not-a-password-of-anyone', ARGON2_OPTIONS);
  await verifyPassword(await dummyHash, password);
}

/**
 * The password rules (NIST SP 800-63B, ANSSI): 12 to 128 characters, no composition rule, not the
 * address or its local part, not a common or breached password (`isCommonPassword`, ASVS 2.1.7). A French
 * message, or null when the password is acceptable.
 */
export function checkPasswordPolicy(password: string, { email }: { email?: string } = {}): string | null {
  const length = [...password].length;
  if (length > PASSWORD_MAX) return `Le mot de passe doit compter ${PASSWORD_MAX} caractères au plus.`;
  if (length < PASSWORD_MIN) return `Le mot de passe doit compter au moins ${PASSWORD_MIN} caractères.`;
  if (email) {
    const lower = password.toLowerCase();
    const address = email.trim().toLowerCase();
    const local = address.split('@')[0] ?? '';
    if (lower === address || (local.length >= 3 && lower.includes(local)))
      return 'Le mot de passe ne doit pas contenir votre adresse e-mail.';
  }
  if (isCommonPassword(password))
    return 'Ce mot de passe est trop courant : il figure parmi les mots de passe les plus utilisés ou divulgués, et serait deviné vite. Choisissez-en un autre, par exemple une phrase de plusieurs mots.';
  return null;
}

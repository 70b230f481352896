import type { Config } from '../../config.js';
import type { RoleGrant } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { generateTotpSecret } from '../../platform/totp/index.js';
import { insertSession } from './accounts.queries.js';
import { newSecret, SESSION_ABSOLUTE_MS } from './accounts.service.js';
import { deriveTotpKey, encryptSecret } from './crypto.js';
import { hashPassword } from './passwords.js';

let seq = 0;

export interface TestUser {
  id: string;
  email: string;
  name: string;
}

/**
 * For tests of other modules: a verified account (with a password when given) holding `roles`, written
 * straight to the database.
 */
export async function createTestUser(
  db: Db,
  options: { email?: string; name?: string; password?: string; roles?: readonly RoleGrant[] } = {},
): Promise<TestUser> {
  const email = options.email ?? `compte${++seq}-${process.pid}@exemple.fr`;
  const name = options.name ?? `Compte ${seq}`;
  const row = await db
    .insertInto('users')
    .values({
      email,
      display_name: name,
      password_hash: options.password ? await hashPassword(options.password) : null,
      email_verified_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const grant of options.roles ?? [])
    await db
      .insertInto('role_assignments')
      .values({
        user_id: row.id,
        role: grant.role,
        scope_type: grant.scope?.type ?? null,
        scope_id: grant.scope?.id ?? null,
      })
      .execute();
  return { id: row.id, email, name };
}

/**
 * Opens a session for `userId` as a sign-in would (confirmed by a second factor when `secondFactor`), and
 * returns the cookie's value.
 */
export async function openTestSession(
  db: Db,
  userId: string,
  options: { secondFactor?: boolean } = {},
): Promise<string> {
  const secret = newSecret();
  await insertSession(db, {
    id: secret.id,
    userId,
    ttlMs: SESSION_ABSOLUTE_MS,
    ip: '127.0.0.1',
    userAgent: null,
    method: 'password',
    pendingSecondFactor: false,
  });
  if (options.secondFactor)
    await db
      .updateTable('sessions')
      .set({ second_factor_at: new Date() })
      .where('id', '=', secret.id)
      .execute();
  return secret.token;
}

/**
 * For tests of other modules (browser journeys, the matrix): turns TOTP on for `userId` as an enrolment
 * would (secret encrypted with the key of `config.SESSION_SECRET`), and returns the base32 secret: compute
 * codes with `totpCode(secret)` from `platform/totp`. No recovery code is created.
 */
export async function enableTestTotp(
  db: Db,
  userId: string,
  config: Pick<Config, 'SESSION_SECRET'>,
): Promise<string> {
  const secret = generateTotpSecret();
  await db
    .updateTable('users')
    .set({
      totp_secret: encryptSecret(secret, deriveTotpKey(config.SESSION_SECRET), userId),
      totp_enabled_at: new Date(),
      totp_last_step: null,
    })
    .where('id', '=', userId)
    .execute();
  return secret;
}

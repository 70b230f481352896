import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import { BadRequest, Conflict, Validation } from '../../platform/http/errors.js';
import {
  auditEventsOf,
  eraseAccount,
  identitiesOf,
  isAdministratorAccount,
  mailsTo,
  otherAdministrators,
  profileOf,
  rolesOf,
  sessionsOf,
  unusedRecoveryCodes,
} from './accounts.data.queries.js';
import { accountsFr } from './accounts.fr.js';
import { reauthenticate } from './accounts.links.service.js';
import { findUserById } from './accounts.queries.js';
import { normaliseEmail } from './accounts.schemas.js';
import type { AccountsService, ActionContext, ResolvedSession } from './accounts.service.js';
import { PASSWORD_MAX } from './passwords.js';

const e = accountsFr.data.errors;

export const deleteAccountForm = z.object({
  password: z.string().max(PASSWORD_MAX, accountsFr.errors.passwordTooLong).default(''),
  email: z.string().max(254, accountsFr.errors.emailTooLong).transform(normaliseEmail).default(''),
  confirmation: z.literal('oui', { error: e.confirmRequired }),
});
export type DeleteAccountInput = z.output<typeof deleteAccountForm>;

/** « Mes données »: the export of one's data (RGPD right of access) and the deletion of one's account. */
export function createDataService(accounts: AccountsService) {
  const { db } = accounts.deps;

  return {
    /** Whether the account has a password (deletion asks for it; otherwise for the address typed). */
    async hasPassword(userId: string): Promise<boolean> {
      return Boolean((await findUserById(db, userId))?.password_hash);
    },

    /**
     * Everything the platform keeps about the user, as JSON: never a secret (no password hash, no session
     * id, no TOTP key nor recovery code, no link token).
     */
    async exportData(userId: string) {
      const profile = await profileOf(db, userId);
      if (!profile) throw new BadRequest(accountsFr.roles.errors.unknownUser);
      const [roles, sessions, identities, recoveryCodesLeft, auditEvents, mails] = [
        await rolesOf(db, userId),
        await sessionsOf(db, userId),
        await identitiesOf(db, userId),
        await unusedRecoveryCodes(db, userId),
        await auditEventsOf(db, userId),
        await mailsTo(db, profile.email),
      ];
      return {
        exportedAt: new Date().toISOString(),
        profile: {
          id: profile.id,
          email: profile.email,
          displayName: profile.display_name,
          emailVerifiedAt: profile.email_verified_at,
          createdAt: profile.created_at,
          updatedAt: profile.updated_at,
          hasPassword: profile.has_password,
        },
        roles: roles.map((r) => ({
          role: r.role,
          scope: r.scope_type ? { type: r.scope_type, id: r.scope_id } : null,
          grantedAt: r.granted_at,
        })),
        sessions: sessions.map((s) => ({
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          expiresAt: s.expires_at,
          revokedAt: s.revoked_at,
          ip: s.ip,
          device: s.user_agent,
          method: s.method,
          waitingForSecondFactor: s.pending_second_factor,
          secondFactorAt: s.second_factor_at,
        })),
        identities: identities.map((i) => ({
          provider: i.provider,
          subject: i.subject,
          email: i.email,
          linkedAt: i.created_at,
          lastUsedAt: i.last_used_at,
        })),
        secondFactor: {
          enabled: profile.totp_enabled_at !== null,
          enabledAt: profile.totp_enabled_at,
          recoveryCodesLeft,
        },
        auditEvents: auditEvents.map((event) => ({
          action: event.action,
          at: event.occurred_at,
          ip: event.ip,
        })),
        mails: mails.map((mail) => ({ subject: mail.subject, at: mail.created_at })),
      };
    },

    /**
     * Deletes the signed-in user's account after checking the password (or, for an account without one, the
     * address typed) and the confirmation box: its row is anonymised, what belongs to it is erased, its
     * sessions with it. The audit trail keeps its rows (append-only); the event `account.deleted` records
     * no personal data. Throws Validation (400), RateLimited (429), Conflict (409) for the last administrator.
     */
    async deleteAccount(
      session: ResolvedSession,
      input: DeleteAccountInput,
      ctx: ActionContext,
    ): Promise<void> {
      const user = await findUserById(db, session.user.id);
      if (!user) throw new BadRequest(accountsFr.roles.errors.unknownUser);
      if (user.password_hash)
        await reauthenticate(accounts, user, input.password, ctx, {
          field: 'password',
          required: e.passwordRequired,
          wrong: e.wrongPassword,
          purpose: 'account_deletion',
        });
      else if (input.email !== user.email) throw new Validation(e.emailMismatch, { email: e.emailMismatch });
      // Checked before the transaction for a clear answer, and again inside it under the lock.
      if ((await isAdministratorAccount(db, user.id)) && (await otherAdministrators(db, user.id)) === 0)
        throw new Conflict(e.lastAdministrator);
      await db.transaction().execute(async (trx) => {
        if ((await isAdministratorAccount(trx, user.id)) && (await otherAdministrators(trx, user.id)) === 0)
          throw new Conflict(e.lastAdministrator);
        await eraseAccount(trx, user.id, user.email);
        // No address, name nor IP: only the account's id, which the trail's older events already carry.
        await recordAudit(trx, {
          action: 'account.deleted',
          objectType: 'user',
          objectId: user.id,
          actorId: user.id,
          requestId: ctx.requestId,
        });
      });
    },
  };
}

export type DataService = ReturnType<typeof createDataService>;

import { z } from 'zod';
import { recordAudit } from '../../platform/audit/index.js';
import type { DbOrTx } from '../../platform/db/index.js';
import { BadRequest, Conflict, Validation } from '../../platform/http/errors.js';
import type { MailTemplate } from '../../platform/mail/index.js';
import { accountsFr } from './accounts.fr.js';
import { countFailure, countMailRequest, forgetFailures, refuseWhenLocked } from './accounts.limits.js';
import {
  emailChangeMail,
  emailChangeNoticeMail,
  emailChangeTakenMail,
  type LinkMailData,
  signInLinkMail,
} from './accounts.mails.js';
import {
  changeUserEmail,
  consumeEmailChangeToken,
  consumeToken,
  expireAllTokens,
  expireTokens,
  findUserByEmail,
  findUserById,
  insertToken,
  isEmailTaken,
  markEmailVerified,
  revokeSessions,
} from './accounts.queries.js';
import { emailField } from './accounts.schemas.js';
import {
  type AccountsService,
  type ActionContext,
  hashSecret,
  newSecret,
  type OpenedSession,
  type ResolvedSession,
} from './accounts.service.js';
import { PASSWORD_MAX, verifyAgainstNothing, verifyPassword } from './passwords.js';

export const SIGN_IN_LINK_TTL_MS = 10 * 60_000;
export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;

export const signInLinkForm = z.object({ email: emailField });

export const emailChangeForm = z.object({
  email: emailField,
  password: z.string().max(PASSWORD_MAX, accountsFr.errors.passwordTooLong).default(''),
});
export type EmailChangeInput = z.output<typeof emailChangeForm>;

const audit = (ctx: ActionContext) => ({ ip: ctx.ip, requestId: ctx.requestId });

/** Postgres' unique_violation, as `pg` (and PGlite's adapter) report it. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Checks the current password of a signed-in user before a sensitive change (new address, deletion). Wrong
 * passwords count against the same limits as sign-in (per account address and per IP): a stolen session
 * cannot try passwords without end. Throws RateLimited (429), or Validation on `field` with `wrong`.
 */
export async function reauthenticate(
  accounts: AccountsService,
  user: { id: string; email: string; password_hash: string | null },
  password: string,
  ctx: ActionContext,
  messages: { field: string; required: string; wrong: string; purpose: string },
): Promise<void> {
  const { db } = accounts.deps;
  if (password === '') throw new Validation(messages.required, { [messages.field]: messages.required });
  const checks: Parameters<typeof refuseWhenLocked>[1] = [['signInAddress', user.email]];
  if (ctx.ip) checks.push(['signInIp', ctx.ip]);
  await refuseWhenLocked(db, checks);
  const ok = user.password_hash
    ? await verifyPassword(user.password_hash, password)
    : await verifyAgainstNothing(password).then(() => false);
  if (!ok) {
    await countFailure(db, checks);
    await recordAudit(db, {
      action: 'auth.reauthentication_failed',
      objectType: 'user',
      objectId: user.id,
      actorId: user.id,
      actorLabel: user.email,
      ...audit(ctx),
      summary: { purpose: messages.purpose },
    });
    throw new Validation(messages.wrong, { [messages.field]: messages.wrong });
  }
  await forgetFailures(db, 'signInAddress', user.email);
}

/**
 * E-mailed single-use links beyond sign-up and reset: sign-in without a password (10 minutes) and the
 * confirmation of a new address (24 hours). Built on the accounts service (its sessions and dependencies).
 */
export function createLinksService(accounts: AccountsService) {
  const { db, mailer, baseUrl } = accounts.deps;
  const url = (path: string, token?: string) => `${baseUrl}${path}${token ? `?jeton=${token}` : ''}`;

  /**
   * The one way these links are made: the previous links of the purpose stop working, a new token is stored
   * (its SHA-256 only), and the mail carrying it is queued in the same transaction.
   */
  async function sendAccountLink(
    trx: DbOrTx,
    link: {
      userId: string;
      to: string;
      name: string;
      purpose: 'sign_in_link' | 'email_change';
      ttlMs: number;
      newEmail?: string;
      path: string;
      template: MailTemplate<LinkMailData>;
    },
    ctx: ActionContext,
  ): Promise<void> {
    await expireTokens(trx, link.userId, link.purpose);
    const secret = newSecret();
    await insertToken(trx, {
      id: secret.id,
      userId: link.userId,
      purpose: link.purpose,
      ttlMs: link.ttlMs,
      ...(link.purpose === 'email_change' && link.newEmail ? { newEmail: link.newEmail } : {}),
    });
    await mailer.send({
      db: trx,
      to: link.to,
      locale: ctx.locale,
      template: link.template,
      data: { name: link.name, url: url(link.path, secret.token) },
    });
  }

  return {
    /**
     * Mails a sign-in link when the address has a verified account; does nothing otherwise (the page answers
     * the same). Counts the request against the e-mail limits first, whatever the address.
     */
    async requestSignInLink(email: string, ctx: ActionContext): Promise<void> {
      await countMailRequest(db, email, ctx.ip);
      const user = await findUserByEmail(db, email);
      if (!user?.email_verified_at) return;
      await db.transaction().execute(async (trx) => {
        await sendAccountLink(
          trx,
          {
            userId: user.id,
            to: user.email,
            name: user.display_name,
            purpose: 'sign_in_link',
            ttlMs: SIGN_IN_LINK_TTL_MS,
            path: '/connexion/lien/ouvrir',
            template: signInLinkMail,
          },
          ctx,
        );
        await recordAudit(trx, {
          action: 'auth.link_sent',
          objectType: 'user',
          objectId: user.id,
          actorId: null,
          actorLabel: email,
          ...audit(ctx),
          summary: { purpose: 'sign_in_link' },
        });
      });
    },

    /**
     * Uses a sign-in link once (the other sign-in links of the account stop working), and opens a session
     * (audited `auth.sign_in`, or `auth.first_factor` when the account has a second factor). Throws
     * BadRequest when the link was used, expired or is unknown.
     */
    async signInWithLink(
      token: string,
      ctx: ActionContext,
      previousSessionId: string | null,
    ): Promise<OpenedSession> {
      const userId = await db.transaction().execute(async (trx) => {
        const id = await consumeToken(trx, hashSecret(token), 'sign_in_link');
        if (!id) throw new BadRequest(accountsFr.errors.linkInvalid);
        await expireTokens(trx, id, 'sign_in_link');
        // The link reached the address: it is confirmed (it already was: links go to verified accounts).
        await markEmailVerified(trx, id);
        return id;
      });
      const user = await findUserById(db, userId);
      if (!user) throw new BadRequest(accountsFr.errors.linkInvalid);
      return accounts.openSession(user, 'link', ctx, previousSessionId);
    },

    /** Whether the signed-in user can confirm a change of address with a password. */
    async hasPassword(userId: string): Promise<boolean> {
      return Boolean((await findUserById(db, userId))?.password_hash);
    },

    /**
     * Asks for a new address, after checking the current password. Mails a confirmation link to the new
     * address (or, when that address already has an account, a notice instead: the page says the same) and a
     * notice to the current address. Throws Validation (400) for a wrong password or the same address,
     * BadRequest for an account without a password, RateLimited (429).
     */
    async requestEmailChange(
      session: ResolvedSession,
      input: EmailChangeInput,
      ctx: ActionContext,
    ): Promise<void> {
      const t = accountsFr.emailChange.errors;
      const user = await findUserById(db, session.user.id);
      if (!user) throw new BadRequest(accountsFr.roles.errors.unknownUser);
      if (!user.password_hash) throw new BadRequest(accountsFr.emailChange.noPassword);
      if (input.email === user.email) throw new Validation(t.same, { email: t.same });
      await reauthenticate(accounts, user, input.password, ctx, {
        field: 'password',
        required: t.passwordRequired,
        wrong: t.wrongPassword,
        purpose: 'email_change',
      });
      await countMailRequest(db, input.email, ctx.ip);
      await db.transaction().execute(async (trx) => {
        const owner = await findUserByEmail(trx, input.email);
        if (owner)
          await mailer.send({
            db: trx,
            to: owner.email,
            locale: ctx.locale,
            template: emailChangeTakenMail,
            data: { name: owner.display_name, url: url('/connexion') },
          });
        else if (!(await isEmailTaken(trx, input.email)))
          await sendAccountLink(
            trx,
            {
              userId: user.id,
              to: input.email,
              name: user.display_name,
              purpose: 'email_change',
              ttlMs: EMAIL_CHANGE_TTL_MS,
              newEmail: input.email,
              path: '/compte/adresse/confirmer',
              template: emailChangeMail,
            },
            ctx,
          );
        await mailer.send({
          db: trx,
          to: user.email,
          locale: ctx.locale,
          template: emailChangeNoticeMail,
          data: { name: user.display_name, url: url('/mot-de-passe-oublie') },
        });
        await recordAudit(trx, {
          action: 'auth.email_change_requested',
          objectType: 'user',
          objectId: user.id,
          actorId: user.id,
          actorLabel: user.email,
          ...audit(ctx),
        });
      });
    },

    /**
     * Uses a change-of-address link once: the new address replaces the old one (confirmed now), every other
     * session of the account is closed (the current one stays when it is this account's), every other link
     * stops working. Throws BadRequest when the link is no longer valid, Conflict (409) when the address was
     * taken meanwhile. Returns whether the current session belongs to the account.
     */
    async confirmEmailChange(
      token: string,
      ctx: ActionContext,
      current: ResolvedSession | null,
    ): Promise<{ ownSession: boolean }> {
      return db.transaction().execute(async (trx) => {
        const found = await consumeEmailChangeToken(trx, hashSecret(token));
        if (!found) throw new BadRequest(accountsFr.errors.linkInvalid);
        if (await isEmailTaken(trx, found.new_email)) throw new Conflict(accountsFr.emailChange.errors.taken);
        try {
          await changeUserEmail(trx, found.user_id, found.new_email);
        } catch (error) {
          if (isUniqueViolation(error)) throw new Conflict(accountsFr.emailChange.errors.taken);
          throw error;
        }
        const ownSession = current?.user.id === found.user_id;
        const revoked = await revokeSessions(
          trx,
          found.user_id,
          ownSession && current ? { exceptId: current.id } : {},
        );
        await expireAllTokens(trx, found.user_id);
        await recordAudit(trx, {
          action: 'auth.email_changed',
          objectType: 'user',
          objectId: found.user_id,
          actorId: found.user_id,
          actorLabel: found.email,
          ...audit(ctx),
          summary: { from: found.email, to: found.new_email, sessionsRevoked: revoked.length },
        });
        return { ownSession };
      });
    },
  };
}

export type LinksService = ReturnType<typeof createLinksService>;

import { createHash, randomBytes } from 'node:crypto';
import { isStaff, type Role, type RoleGrant, type ScopeType } from '../../platform/access/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { BadRequest, RateLimited, Validation } from '../../platform/http/errors.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { accountsFr } from './accounts.fr.js';
import { countFailure, countMailRequest, forgetFailures, refuseWhenLocked } from './accounts.limits.js';
import { accountExistsMail, passwordResetMail, verificationMail } from './accounts.mails.js';
import {
  consumeToken,
  expireTokens,
  findActiveSession,
  findUsableToken,
  findUserByEmail,
  insertSession,
  insertToken,
  insertUser,
  listActiveSessions,
  markEmailVerified,
  revokeSessions,
  type SessionListRow,
  setPasswordHash,
  touchSession,
} from './accounts.queries.js';
import type { SignInInput, SignUpInput } from './accounts.schemas.js';
import type { AccountTokenPurpose, SignInMethod } from './accounts.tables.js';
import { checkPasswordPolicy, hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';

const HOUR = 3_600_000;
export const SESSION_ABSOLUTE_MS = 30 * 24 * HOUR;
export const VERIFICATION_TTL_MS = 24 * HOUR;
export const RESET_TTL_MS = HOUR;
/** last_seen_at is written at most this often: not one write per request. */
export const TOUCH_INTERVAL_MS = 60_000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The signed-in user, as every handler sees it (`request.user`). */
export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  roles: readonly RoleGrant[];
  /** The account has a second factor (TOTP). */
  totpEnabled: boolean;
}

/** A session waiting for its second factor lives this long. */
export const PENDING_SESSION_MS = 10 * 60_000;
export const STAFF_IDLE_MS = 30 * 60_000;
export const USER_IDLE_MS = 12 * HOUR;

/** Idle timeout of a user's sessions: 30 minutes for staff roles, 12 hours otherwise. */
export function idleTimeoutMs(user: Pick<CurrentUser, 'roles'>): number {
  return isStaff(user) ? STAFF_IDLE_MS : USER_IDLE_MS;
}

function rolesOf(rows: readonly [Role, ScopeType | null, string | null][]): RoleGrant[] {
  return rows.map(([role, type, id]) => ({ role, scope: type && id ? { type, id } : null }));
}

/** Who acts and from where: what the audit trail and the e-mails need. */
export interface ActionContext {
  ip: string | null;
  requestId: string | null;
  userAgent: string | null;
  locale: Locale;
}

export interface AccountsDeps {
  db: Db;
  mailer: Mailer;
  /** Absolute base of the links in e-mails: PUBLIC_URL, or http://localhost:PORT in development. */
  baseUrl: string;
}

/** A 256-bit random secret (for the cookie or the link) and its SHA-256, the only thing stored. */
export function newSecret(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: hashSecret(token) };
}

export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type SignInResult = ({ ok: true } & OpenedSession) | { ok: false; reason: 'bad_credentials' };

/** A session just opened: its cookie token, and whether it still waits for the second factor. */
export interface OpenedSession {
  sessionToken: string;
  sessionId: string;
  pendingSecondFactor: boolean;
}

export interface ResolvedSession {
  id: string;
  publicId: string;
  user: CurrentUser;
  /** Opened by a first factor; waits for the TOTP code and signs no one in until then. */
  pendingSecondFactor: boolean;
  /** Confirmed by a second factor. */
  secondFactor: boolean;
}

export interface SessionView extends SessionListRow {
  current: boolean;
}

/** The business verbs of accounts: sign-up, verification, sign-in/out, password reset, sessions. */
export function createAccountsService(deps: AccountsDeps) {
  const { db, mailer } = deps;
  const link = (path: string, token: string) => `${deps.baseUrl}${path}?jeton=${token}`;

  async function sendLink(
    trx: DbOrTx,
    user: { id: string; email: string; display_name: string },
    purpose: AccountTokenPurpose,
    locale: Locale,
  ) {
    await expireTokens(trx, user.id, purpose);
    const secret = newSecret();
    const verification = purpose === 'email_verification';
    await insertToken(trx, {
      id: secret.id,
      userId: user.id,
      purpose,
      ttlMs: verification ? VERIFICATION_TTL_MS : RESET_TTL_MS,
    });
    await mailer.send({
      db: trx,
      to: user.email,
      locale,
      template: verification ? verificationMail : passwordResetMail,
      data: {
        name: user.display_name,
        url: link(verification ? '/inscription/verification' : '/mot-de-passe-oublie/nouveau', secret.token),
      },
    });
  }

  const audit = (ctx: ActionContext) => ({ ip: ctx.ip, requestId: ctx.requestId });

  /**
   * Opens a session after a first factor (password, e-mailed link, single sign-on): a new id (the browser's
   * previous session, if any, is revoked). For an account with TOTP the session waits for the code
   * (10 minutes) and signs no one in until then; otherwise the sign-in is complete and audited.
   */
  async function openSession(
    user: { id: string; email: string; totp_enabled_at: Date | null },
    method: SignInMethod,
    ctx: ActionContext,
    previousSessionId: string | null,
  ): Promise<OpenedSession> {
    const secret = newSecret();
    const pendingSecondFactor = user.totp_enabled_at !== null;
    await db.transaction().execute(async (trx) => {
      if (previousSessionId) await revokeSessions(trx, user.id, { id: previousSessionId });
      await insertSession(trx, {
        id: secret.id,
        userId: user.id,
        ttlMs: pendingSecondFactor ? PENDING_SESSION_MS : SESSION_ABSOLUTE_MS,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        method,
        pendingSecondFactor,
      });
      await recordAudit(trx, {
        action: pendingSecondFactor ? 'auth.first_factor' : 'auth.sign_in',
        objectType: 'user',
        objectId: user.id,
        actorId: user.id,
        actorLabel: user.email,
        ...audit(ctx),
        summary: { method },
      });
    });
    return { sessionToken: secret.token, sessionId: secret.id, pendingSecondFactor };
  }

  return {
    /** What the service was built with: for the services that extend accounts (e-mailed links, personal data). */
    deps,
    openSession,

    /**
     * Creates the account and sends the verification link; when the address already has an account, sends
     * that account a "you already have an account" mail instead. The caller answers the same either way.
     */
    async signUp(input: SignUpInput, ctx: ActionContext): Promise<void> {
      // Counted whatever the address: a 429 says nothing about whether it has an account.
      await countMailRequest(db, input.email, ctx.ip);
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        const id = await insertUser(trx, { email: input.email, displayName: input.name, passwordHash });
        if (!id) {
          const existing = await findUserByEmail(trx, input.email);
          if (existing)
            await mailer.send({
              db: trx,
              to: existing.email,
              locale: ctx.locale,
              template: accountExistsMail,
              data: { name: existing.display_name, url: `${deps.baseUrl}/mot-de-passe-oublie` },
            });
          return;
        }
        await sendLink(
          trx,
          { id, email: input.email, display_name: input.name },
          'email_verification',
          ctx.locale,
        );
        await recordAudit(trx, {
          action: 'auth.sign_up',
          objectType: 'user',
          objectId: id,
          actorId: id,
          actorLabel: input.email,
          ...audit(ctx),
        });
      });
    },

    /** True when a link's token can still be used (the GET pages show their button only then). */
    async isUsableToken(token: string, purpose: AccountTokenPurpose): Promise<boolean> {
      return TOKEN.test(token) && (await findUsableToken(db, hashSecret(token), purpose)) !== undefined;
    },

    /** Uses a verification link once. Throws BadRequest (400) when it was used, expired or unknown. */
    async verifyEmail(token: string, ctx: ActionContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const userId = await consumeToken(trx, hashSecret(token), 'email_verification');
        if (!userId) throw new BadRequest(accountsFr.errors.linkInvalid);
        await markEmailVerified(trx, userId);
        await recordAudit(trx, {
          action: 'auth.email_verified',
          objectType: 'user',
          objectId: userId,
          actorId: userId,
          ...audit(ctx),
        });
      });
    },

    /**
     * Checks the password and opens a new session (a new id: the previous session, if any, is revoked).
     * Unknown address, wrong password and unverified address all give the same answer; the last one also
     * sends a fresh verification link to the address.
     */
    async signIn(
      input: SignInInput,
      ctx: ActionContext,
      previousSessionId: string | null,
    ): Promise<SignInResult> {
      // Locked after too many failures for this address (whether or not it has an account) or this IP.
      const limits: Parameters<typeof countFailure>[1] = [['signInAddress', input.email]];
      if (ctx.ip) limits.push(['signInIp', ctx.ip]);
      await refuseWhenLocked(db, limits);
      const user = await findUserByEmail(db, input.email);
      const failed = async (reason: string, userId: string | null) => {
        await countFailure(db, limits);
        await recordAudit(db, {
          action: 'auth.sign_in_failed',
          objectType: 'user',
          objectId: userId,
          actorId: null,
          actorLabel: input.email,
          ...audit(ctx),
          summary: { reason },
        });
        return { ok: false, reason: 'bad_credentials' } as const;
      };
      if (!user?.password_hash) {
        await verifyAgainstNothing(input.password);
        return failed(user ? 'no_password' : 'unknown_account', user?.id ?? null);
      }
      if (!(await verifyPassword(user.password_hash, input.password)))
        return failed('wrong_password', user.id);
      if (!user.email_verified_at) {
        // A fresh link, within the e-mail limits; past them, silently none (the answer stays the same).
        const mayMail = await countMailRequest(db, user.email, ctx.ip).then(
          () => true,
          (error: unknown) => {
            if (error instanceof RateLimited) return false;
            throw error;
          },
        );
        if (mayMail)
          await db.transaction().execute((trx) => sendLink(trx, user, 'email_verification', ctx.locale));
        return failed('email_not_verified', user.id);
      }
      await forgetFailures(db, 'signInAddress', input.email);
      const opened = await openSession(user, 'password', ctx, previousSessionId);
      return { ok: true, ...opened };
    },

    /** The session a cookie's token opens, or null (unknown, revoked, expired, idle too long). */
    async resolveSession(token: string): Promise<ResolvedSession | null> {
      if (!TOKEN.test(token)) return null;
      const row = await findActiveSession(db, hashSecret(token));
      if (!row) return null;
      const user: CurrentUser = {
        id: row.user_id,
        email: row.email,
        name: row.display_name,
        roles: rolesOf(row.roles),
        totpEnabled: row.totp_enabled,
      };
      const idle = row.now.getTime() - row.last_seen_at.getTime();
      if (idle > idleTimeoutMs(user)) return null;
      if (idle > TOUCH_INTERVAL_MS) await touchSession(db, row.id);
      return {
        id: row.id,
        publicId: row.public_id,
        user,
        pendingSecondFactor: row.pending_second_factor,
        secondFactor: row.second_factor_at !== null,
      };
    },

    async signOut(session: ResolvedSession, ctx: ActionContext): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await revokeSessions(trx, session.user.id, { id: session.id });
        await recordAudit(trx, {
          action: 'auth.sign_out',
          objectType: 'session',
          objectId: session.publicId,
          actorId: session.user.id,
          actorLabel: session.user.email,
          ...audit(ctx),
        });
      });
    },

    /** Sends a reset link when the address has an account; does nothing otherwise (same answer). */
    async requestPasswordReset(email: string, ctx: ActionContext): Promise<void> {
      // Counted whatever the address: a 429 says nothing about whether it has an account.
      await countMailRequest(db, email, ctx.ip);
      const user = await findUserByEmail(db, email);
      if (!user) return;
      await db.transaction().execute((trx) => sendLink(trx, user, 'password_reset', ctx.locale));
    },

    /**
     * Uses a reset link once: new password, address confirmed (the link proves it), every session revoked.
     * Throws BadRequest when the link is no longer valid, Validation when the password breaks the policy.
     */
    async resetPassword(token: string, password: string, ctx: ActionContext): Promise<void> {
      const id = hashSecret(token);
      const found = await findUsableToken(db, id, 'password_reset');
      if (!found) throw new BadRequest(accountsFr.errors.linkInvalid);
      const problem = checkPasswordPolicy(password, { email: found.email });
      if (problem) throw new Validation(problem, { password: problem });
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const userId = await consumeToken(trx, id, 'password_reset');
        if (!userId) throw new BadRequest(accountsFr.errors.linkInvalid);
        await setPasswordHash(trx, userId, passwordHash);
        await markEmailVerified(trx, userId);
        await expireTokens(trx, userId, 'password_reset');
        const revoked = await revokeSessions(trx, userId, {});
        await recordAudit(trx, {
          action: 'auth.password_reset',
          objectType: 'user',
          objectId: userId,
          actorId: userId,
          actorLabel: found.email,
          ...audit(ctx),
          summary: { sessionsRevoked: revoked.length },
        });
      });
    },

    async listSessions(session: ResolvedSession): Promise<SessionView[]> {
      const rows = await listActiveSessions(db, session.user.id, idleTimeoutMs(session.user));
      return rows.map((row) => ({ ...row, current: row.id === session.id }));
    },

    /** Revokes one of the user's own sessions (by its public id) or all but the current one. */
    async revokeSessions(
      session: ResolvedSession,
      which: { publicId: string } | { allOthers: true },
      ctx: ActionContext,
    ): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const revoked = await revokeSessions(
          trx,
          session.user.id,
          'publicId' in which ? { publicId: which.publicId } : { exceptId: session.id },
        );
        for (const publicId of revoked)
          await recordAudit(trx, {
            action: 'auth.session_revoked',
            objectType: 'session',
            objectId: publicId,
            actorId: session.user.id,
            actorLabel: session.user.email,
            ...audit(ctx),
          });
        return revoked.length;
      });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;

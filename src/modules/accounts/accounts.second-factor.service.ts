import { isStaff } from '../../platform/access/index.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db, DbOrTx } from '../../platform/db/index.js';
import { Conflict, Validation } from '../../platform/http/errors.js';
import {
  formatSecretForDisplay,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  matchRecoveryCode,
  otpauthQrSvg,
  otpauthUri,
  verifyTotp,
} from '../../platform/totp/index.js';
import { accountsFr } from './accounts.fr.js';
import { countFailure, forgetFailures, refuseWhenLocked } from './accounts.limits.js';
import { insertSession } from './accounts.queries.js';
import {
  confirmSecondFactor,
  countUnusedRecoveryCodes,
  disableTotp,
  enableTotp,
  findTotpState,
  replaceRecoveryCodes,
  revokePendingSession,
  sessionMethod,
  storePendingSecret,
  type TotpStateRow,
  unusedRecoveryCodes,
  useRecoveryCode,
  useTotpStep,
} from './accounts.second-factor.queries.js';
import {
  type ActionContext,
  type CurrentUser,
  newSecret,
  type ResolvedSession,
  SESSION_ABSOLUTE_MS,
} from './accounts.service.js';
import { decryptSecret, encryptSecret } from './crypto.js';
import { verifyPassword } from './passwords.js';

const s = accountsFr.secondFactor;
const ROLLBACK = Symbol('rollback');
export const RECOVERY_CODE_COUNT = 10;

export interface SecondFactorDeps {
  db: Db;
  /** AES-256 key of the TOTP secrets at rest (see crypto.ts: derived from SESSION_SECRET). */
  totpKey: Buffer;
}

/** What « double authentification » shows: off, enrolment in progress, or on. */
export type SecondFactorState =
  | { status: 'off' }
  | { status: 'pending'; qrSvg: string; secretText: string }
  | { status: 'on'; unusedCodes: number; hasPassword: boolean };

/** A second-factor proof: a code of the app, or a recovery code. */
export type SecondFactorProof = { kind: 'totp'; code: string } | { kind: 'recovery_code'; code: string };

/** Enrolment, recovery codes, deactivation, and the second step of sign-in. */
export function createSecondFactorService(deps: SecondFactorDeps) {
  const { db, totpKey } = deps;
  const audit = (ctx: ActionContext) => ({ ip: ctx.ip, requestId: ctx.requestId });

  async function stateRow(userId: string): Promise<TotpStateRow> {
    const row = await findTotpState(db, userId);
    if (!row) throw new Conflict(s.errors.accountGone);
    return row;
  }

  const secretOf = (row: TotpStateRow): string | null =>
    row.totp_secret ? decryptSecret(row.totp_secret, totpKey, row.id) : null;

  const lastStep = (row: TotpStateRow) => (row.totp_last_step === null ? null : Number(row.totp_last_step));

  /**
   * Runs a check of something the user typed under the second-factor limits of the account and the IP:
   * refused (429) once locked; a failure counts, is audited, and becomes a 400 with `message` on `field`.
   */
  async function limited<T>(
    user: { id: string; email: string },
    ctx: ActionContext,
    field: string,
    message: string,
    attempt: () => Promise<T | null>,
  ): Promise<T> {
    const checks: Parameters<typeof refuseWhenLocked>[1] = [['secondFactorAccount', user.id]];
    if (ctx.ip) checks.push(['secondFactorIp', ctx.ip]);
    await refuseWhenLocked(db, checks);
    const result = await attempt();
    if (result !== null) {
      await forgetFailures(db, 'secondFactorAccount', user.id);
      return result;
    }
    await countFailure(db, checks);
    await recordAudit(db, {
      action: 'auth.second_factor_failed',
      objectType: 'user',
      objectId: user.id,
      actorId: user.id,
      actorLabel: user.email,
      ...audit(ctx),
      summary: { field },
    });
    throw new Validation(message, { [field]: message });
  }

  /** Checks a TOTP code against the account and records its step (never twice); the step, or null. */
  async function acceptTotp(row: TotpStateRow, code: string, trx: DbOrTx): Promise<number | null> {
    const secret = secretOf(row);
    if (!secret || !row.totp_enabled_at) return null;
    const step = verifyTotp(secret, code, { lastUsedStep: lastStep(row) });
    if (step === null) return null;
    return (await useTotpStep(trx, row.id, step)) ? step : null;
  }

  async function newRecoveryCodes(trx: DbOrTx, userId: string): Promise<string[]> {
    const codes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
    await replaceRecoveryCodes(trx, userId, codes.map(hashRecoveryCode));
    return codes;
  }

  /**
   * Runs `work` in a transaction that is rolled back when it answers null (a refused code): nothing it
   * wrote (a step, a used recovery code) survives a refusal.
   */
  async function orRollback<T>(work: (trx: DbOrTx) => Promise<T | null>): Promise<T | null> {
    try {
      return await db.transaction().execute(async (trx) => {
        const result = await work(trx);
        if (result === null) throw ROLLBACK;
        return result;
      });
    } catch (error) {
      if (error === ROLLBACK) return null;
      throw error;
    }
  }

  return {
    async state(user: CurrentUser): Promise<SecondFactorState> {
      const row = await stateRow(user.id);
      if (row.totp_enabled_at)
        return {
          status: 'on',
          unusedCodes: await countUnusedRecoveryCodes(db, user.id),
          hasPassword: row.password_hash !== null,
        };
      const secret = secretOf(row);
      if (!secret) return { status: 'off' };
      const uri = otpauthUri({ secret, account: row.email });
      return {
        status: 'pending',
        qrSvg: await otpauthQrSvg(uri, { label: s.qrLabel }),
        secretText: formatSecretForDisplay(secret),
      };
    },

    /** Starts (or starts again) the enrolment: a new secret, kept pending on the server. */
    async start(user: CurrentUser): Promise<void> {
      const secret = generateTotpSecret();
      if (!(await storePendingSecret(db, user.id, encryptSecret(secret, totpKey, user.id))))
        throw new Conflict(s.errors.alreadyOn);
    },

    /**
     * Confirms the enrolment with a code of the app: the second factor is on, this session counts as
     * confirmed, and the recovery codes are returned to be shown once (only their hashes are kept).
     */
    async confirm(session: ResolvedSession, code: string, ctx: ActionContext): Promise<string[]> {
      const { user } = session;
      const row = await stateRow(user.id);
      if (row.totp_enabled_at) throw new Conflict(s.errors.alreadyOn);
      const secret = secretOf(row);
      if (!secret) throw new Conflict(s.errors.notStarted);
      return limited(user, ctx, 'code', s.errors.wrongCode, async () => {
        const step = verifyTotp(secret, code);
        if (step === null) return null;
        return db.transaction().execute(async (trx) => {
          if (!(await enableTotp(trx, user.id, step))) throw new Conflict(s.errors.alreadyOn);
          const codes = await newRecoveryCodes(trx, user.id);
          await confirmSecondFactor(trx, session.id);
          await recordAudit(trx, {
            action: 'auth.second_factor_enabled',
            objectType: 'user',
            objectId: user.id,
            actorId: user.id,
            actorLabel: user.email,
            ...audit(ctx),
            summary: { method: 'totp' },
          });
          return codes;
        });
      });
    },

    /** New recovery codes (the old ones stop working), after a current code of the app. */
    async regenerateRecoveryCodes(
      session: ResolvedSession,
      code: string,
      ctx: ActionContext,
    ): Promise<string[]> {
      const { user } = session;
      const row = await stateRow(user.id);
      if (!row.totp_enabled_at) throw new Conflict(s.errors.notOn);
      return limited(user, ctx, 'code', s.errors.wrongCode, () =>
        orRollback(async (trx) => {
          if ((await acceptTotp(row, code, trx)) === null) return null;
          const codes = await newRecoveryCodes(trx, user.id);
          await recordAudit(trx, {
            action: 'auth.recovery_codes_regenerated',
            objectType: 'user',
            objectId: user.id,
            actorId: user.id,
            actorLabel: user.email,
            ...audit(ctx),
          });
          return codes;
        }),
      );
    },

    /**
     * Turns the second factor off, after the password (or, for an account without one, a code of the
     * app). Refused while the user holds a staff role: those must keep it.
     */
    async disable(session: ResolvedSession, input: { password: string; code: string }, ctx: ActionContext) {
      const { user } = session;
      if (isStaff(user)) throw new Conflict(s.errors.staffMustKeep);
      const row = await stateRow(user.id);
      if (!row.totp_enabled_at) throw new Conflict(s.errors.notOn);
      const field = row.password_hash ? 'password' : 'disableCode';
      const message = row.password_hash ? s.errors.wrongPassword : s.errors.wrongCode;
      await limited(user, ctx, field, message, () =>
        orRollback(async (trx) => {
          const ok = row.password_hash
            ? input.password !== '' && (await verifyPassword(row.password_hash, input.password))
            : (await acceptTotp(row, input.code, trx)) !== null;
          if (!ok) return null;
          await disableTotp(trx, user.id);
          await recordAudit(trx, {
            action: 'auth.second_factor_disabled',
            objectType: 'user',
            objectId: user.id,
            actorId: user.id,
            actorLabel: user.email,
            ...audit(ctx),
          });
          return true;
        }),
      );
    },

    /**
     * The second step of sign-in: checks the code (or a recovery code, then used up), and replaces the
     * pending session with a new one confirmed by the second factor (new id and token). Wrong codes are
     * counted (per account and IP) and answered 400; 429 once locked.
     */
    async completeSignIn(
      pending: ResolvedSession,
      proof: SecondFactorProof,
      ctx: ActionContext,
    ): Promise<{ sessionToken: string }> {
      const { user } = pending;
      const row = await stateRow(user.id);
      const method = (await sessionMethod(db, pending.id)) ?? 'password';
      const message = proof.kind === 'totp' ? s.errors.wrongCode : s.errors.wrongRecoveryCode;
      const field = proof.kind === 'totp' ? 'code' : 'recoveryCode';
      return limited(user, ctx, field, message, () =>
        orRollback(async (trx) => {
          if (proof.kind === 'totp') {
            if ((await acceptTotp(row, proof.code, trx)) === null) return null;
          } else {
            if (!row.totp_enabled_at) return null;
            const hashes = await unusedRecoveryCodes(trx, user.id);
            const index = matchRecoveryCode(proof.code, hashes);
            if (index < 0 || !(await useRecoveryCode(trx, user.id, hashes[index]!))) return null;
          }
          // The pending session is used once: a second request with it finds nothing.
          if (!(await revokePendingSession(trx, pending.id))) return null;
          const secret = newSecret();
          await insertSession(trx, {
            id: secret.id,
            userId: user.id,
            ttlMs: SESSION_ABSOLUTE_MS,
            ip: ctx.ip,
            userAgent: ctx.userAgent,
            method,
            pendingSecondFactor: false,
          });
          await confirmSecondFactor(trx, secret.id);
          await recordAudit(trx, {
            action: 'auth.sign_in',
            objectType: 'user',
            objectId: user.id,
            actorId: user.id,
            actorLabel: user.email,
            ...audit(ctx),
            summary: { method, secondFactor: proof.kind },
          });
          return { sessionToken: secret.token };
        }),
      );
    },
  };
}

export type SecondFactorService = ReturnType<typeof createSecondFactorService>;

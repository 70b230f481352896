import { timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { isLoopback, type OidcProviderConfig } from '../../config.js';
import { recordAudit } from '../../platform/audit/index.js';
import type { Db } from '../../platform/db/index.js';
import { accountsFr } from './accounts.fr.js';
import { countFailure, forgetFailures, refuseWhenLocked } from './accounts.limits.js';
import {
  deleteIdentities,
  deleteOidcLogin,
  findOidcLogin,
  identityExists,
  insertIdentity,
  insertOidcLogin,
  insertUserWithoutPassword,
  listIdentities,
  type OidcLoginRow,
  takeOidcLogin,
  useIdentity,
  userHasPassword,
} from './accounts.oidc.queries.js';
import { findUserByEmail, findUserById, type UserRow } from './accounts.queries.js';
import { normaliseEmail } from './accounts.schemas.js';
import {
  type AccountsService,
  type ActionContext,
  type CurrentUser,
  hashSecret,
  newSecret,
  type OpenedSession,
} from './accounts.service.js';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';

/** A login in progress (authorization, then the confirmation of a link) lives this long. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;
const DISCOVERY_TIMEOUT_S = 10;

/** The provider cannot be reached (discovery, token or userinfo request): a 503 page, not a 500. */
export class OidcUnavailable extends Error {
  constructor(
    readonly provider: string,
    cause: unknown,
  ) {
    super(`OpenID Connect provider ${provider} unreachable`, { cause });
  }
}

/** Why a single sign-on was refused (the audit's `reason`; the page says it in French). */
export type OidcRefusal =
  | 'provider_error'
  | 'invalid_state'
  | 'token_error'
  | 'no_email'
  | 'email_not_verified'
  | 'account_deleted';

export type OidcCallbackResult =
  | { kind: 'signed_in'; opened: OpenedSession; retour: string | null; created: boolean }
  | { kind: 'linking'; cookieToken: string }
  | { kind: 'refused'; reason: OidcRefusal };

export type OidcLinkResult =
  | { kind: 'linked'; opened: OpenedSession; retour: string | null }
  | { kind: 'expired' }
  | { kind: 'wrong_password' }
  | { kind: 'no_password' };

export interface PendingLink {
  provider: OidcProviderConfig;
  email: string;
  /** The local account has a password to confirm with (else: « mot de passe oublié » first). */
  hasPassword: boolean;
}

export interface IdentityView {
  provider: string;
  label: string;
  email: string | null;
  since: Date;
}

/** The claims read from the ID token and the userinfo endpoint. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(254).optional().catch(undefined),
  email_verified: z
    .union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])
    .optional()
    .catch(undefined),
  given_name: z.string().optional().catch(undefined),
  usual_name: z.string().optional().catch(undefined),
  family_name: z.string().optional().catch(undefined),
  name: z.string().optional().catch(undefined),
});
type Claims = z.infer<typeof claimsSchema>;

const EMAIL = z.email();

/** « Prénom Nom » from the claims (ProConnect: usual_name; FranceConnect and others: family_name, name). */
export function displayNameFrom(claims: Claims, email: string): string {
  const clean = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const parts = [clean(claims.given_name), clean(claims.usual_name) || clean(claims.family_name)].filter(
    Boolean,
  );
  const name = parts.join(' ') || clean(claims.name) || email.split('@')[0] || email;
  return name.slice(0, 100).trim() || email.slice(0, 100);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface OidcDeps {
  db: Db;
  accounts: AccountsService;
  providers: readonly OidcProviderConfig[];
  /** Absolute base of this site: the redirect URI is `<baseUrl>/connexion/oidc/<id>/retour`. */
  baseUrl: string;
}

/**
 * Single sign-on with OpenID Connect (authorization code flow, PKCE S256, state and nonce), built on
 * `openid-client`. Logins in progress live in `oidc_logins` (server side), found through a cookie token.
 */
export function createOidcService(deps: OidcDeps) {
  const { db, accounts } = deps;
  const byId = new Map(deps.providers.map((p) => [p.id, p]));
  const discovered = new Map<string, Promise<oidc.Configuration>>();
  const audit = (ctx: ActionContext) => ({ ip: ctx.ip, requestId: ctx.requestId });

  const redirectUri = (provider: OidcProviderConfig) =>
    `${deps.baseUrl}/connexion/oidc/${provider.id}/retour`;

  /** Discovery at first use, cached; a failure is not cached (the next attempt tries again). */
  function configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let pending = discovered.get(provider.id);
    if (!pending) {
      const issuer = new URL(provider.issuer);
      pending = oidc
        .discovery(issuer, provider.clientId, undefined, oidc.ClientSecretPost(provider.clientSecret), {
          timeout: DISCOVERY_TIMEOUT_S,
          // http is accepted by the configuration only for a provider on this machine (tests, development).
          ...(issuer.protocol === 'http:' && isLoopback(issuer)
            ? { execute: [oidc.allowInsecureRequests] }
            : {}),
        })
        .catch((error: unknown) => {
          discovered.delete(provider.id);
          throw new OidcUnavailable(provider.id, error);
        });
      discovered.set(provider.id, pending);
    }
    return pending;
  }

  async function refuse(
    provider: OidcProviderConfig,
    reason: OidcRefusal,
    ctx: ActionContext,
    details: { email?: string | null; userId?: string | null; error?: string } = {},
  ): Promise<OidcCallbackResult> {
    await recordAudit(db, {
      action: 'auth.sign_in_failed',
      objectType: 'user',
      objectId: details.userId ?? null,
      actorId: null,
      actorLabel: details.email ?? null,
      ...audit(ctx),
      summary: {
        method: 'oidc',
        provider: provider.id,
        reason,
        ...(details.error ? { error: details.error.slice(0, 100) } : {}),
      },
    });
    return { kind: 'refused', reason };
  }

  /** Exchanges the code (PKCE, state, nonce checked by openid-client) and reads the claims. */
  async function exchange(
    provider: OidcProviderConfig,
    config: oidc.Configuration,
    login: OidcLoginRow,
    query: URLSearchParams,
  ): Promise<{ ok: true; claims: Claims } | { ok: false; error: string }> {
    const currentUrl = new URL(redirectUri(provider));
    currentUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: login.code_verifier ?? '',
        expectedState: login.state ?? '',
        expectedNonce: login.nonce ?? '',
        idTokenExpected: true,
      });
    } catch (error) {
      if (isNetworkError(error)) throw new OidcUnavailable(provider.id, error);
      return { ok: false, error: errorCode(error) };
    }
    const idClaims = tokens.claims();
    if (!idClaims) return { ok: false, error: 'no_id_token' };
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (error) {
        if (isNetworkError(error)) throw new OidcUnavailable(provider.id, error);
        return { ok: false, error: errorCode(error) };
      }
    }
    const parsed = claimsSchema.safeParse({ ...idClaims, ...userinfo, sub: idClaims.sub });
    if (!parsed.success) return { ok: false, error: 'invalid_claims' };
    return { ok: true, claims: parsed.data };
  }

  return {
    /** The configured providers, in the order of OIDC_PROVIDERS (the sign-in page's buttons). */
    providers(): { id: string; label: string }[] {
      return deps.providers.map((p) => ({ id: p.id, label: p.label }));
    },

    provider(id: string): OidcProviderConfig | undefined {
      return byId.get(id);
    },

    /**
     * Starts a sign-in: state, nonce and PKCE verifier (S256) stored server side under the SHA-256 of a new
     * cookie token. Returns that token (for a 10-minute cookie) and the provider's authorization URL.
     * Throws OidcUnavailable when the provider cannot be reached.
     */
    async begin(
      provider: OidcProviderConfig,
      retour: string | null,
    ): Promise<{ cookieToken: string; url: string }> {
      const config = await configuration(provider);
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const secret = newSecret();
      await insertOidcLogin(db, {
        id: secret.id,
        provider: provider.id,
        step: 'authorization',
        state,
        nonce,
        code_verifier: codeVerifier,
        return_path: retour,
        user_id: null,
        subject: null,
        email: null,
        ttlMs: OIDC_LOGIN_TTL_MS,
      });
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri(provider),
        response_type: 'code',
        scope: provider.scopes,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
      });
      return { cookieToken: secret.token, url: url.href };
    },

    /**
     * The provider's answer. The login in progress is taken once (a replayed or forged callback finds
     * nothing, or a state that differs), then: a known identity signs its account in; an unknown identity
     * whose verified address has an account waits for that account's password (`linking`); otherwise a new
     * account is created. Throws OidcUnavailable when the provider cannot be reached.
     */
    async callback(
      provider: OidcProviderConfig,
      cookieToken: string | undefined,
      query: URLSearchParams,
      ctx: ActionContext,
      previousSessionId: string | null,
    ): Promise<OidcCallbackResult> {
      const login = cookieToken
        ? await takeOidcLogin(db, hashSecret(cookieToken), 'authorization')
        : undefined;
      const error = query.get('error');
      if (error) return refuse(provider, 'provider_error', ctx, { error });
      const state = query.get('state');
      if (!login || login.provider !== provider.id || !state || !login.state || !sameText(state, login.state))
        return refuse(provider, 'invalid_state', ctx);
      const config = await configuration(provider);
      const exchanged = await exchange(provider, config, login, query);
      if (!exchanged.ok) return refuse(provider, 'token_error', ctx, { error: exchanged.error });
      const claims = exchanged.claims;
      const email = claims.email ? normaliseEmail(claims.email) : null;
      const validEmail = email && EMAIL.safeParse(email).success ? email : null;

      // (a) A known identity: its account.
      const known = await useIdentity(db, provider.id, claims.sub, validEmail);
      if (known) {
        const opened = await accounts.openSession(known, 'oidc', ctx, previousSessionId);
        return { kind: 'signed_in', opened, retour: login.return_path, created: false };
      }
      if (await identityExists(db, provider.id, claims.sub))
        return refuse(provider, 'account_deleted', ctx, { email: validEmail });
      if (!validEmail) return refuse(provider, 'no_email', ctx);
      const verified =
        claims.email_verified === true || (provider.trustEmail && claims.email_verified !== false);
      if (!verified) return refuse(provider, 'email_not_verified', ctx, { email: validEmail });

      // (b) An account has this address: never linked silently, its owner confirms with the password.
      const existing = await findUserByEmail(db, validEmail);
      if (existing) {
        const secret = newSecret();
        await insertOidcLogin(db, {
          id: secret.id,
          provider: provider.id,
          step: 'linking',
          state: null,
          nonce: null,
          code_verifier: null,
          return_path: login.return_path,
          user_id: existing.id,
          subject: claims.sub,
          email: validEmail,
          ttlMs: OIDC_LOGIN_TTL_MS,
        });
        return { kind: 'linking', cookieToken: secret.token };
      }

      // (c) Nobody: a new account, address verified by the provider, no password.
      const created = await db.transaction().execute(async (trx) => {
        const user = await insertUserWithoutPassword(trx, {
          email: validEmail,
          displayName: displayNameFrom(claims, validEmail),
        });
        if (!user) return undefined;
        await insertIdentity(trx, {
          provider: provider.id,
          subject: claims.sub,
          userId: user.id,
          email: validEmail,
        });
        await recordAudit(trx, {
          action: 'auth.sign_up',
          objectType: 'user',
          objectId: user.id,
          actorId: user.id,
          actorLabel: validEmail,
          ...audit(ctx),
          summary: { method: 'oidc', provider: provider.id },
        });
        return user;
      });
      // The address was taken meanwhile (a sign-up at the same moment): refused, the next try links.
      if (!created) return refuse(provider, 'token_error', ctx, { email: validEmail, error: 'email_taken' });
      const opened = await accounts.openSession(created, 'oidc', ctx, previousSessionId);
      return { kind: 'signed_in', opened, retour: login.return_path, created: true };
    },

    /** The link waiting for confirmation (the confirmation page), or undefined when expired or unknown. */
    async pendingLink(cookieToken: string | undefined): Promise<PendingLink | undefined> {
      if (!cookieToken) return undefined;
      const row = await findOidcLogin(db, hashSecret(cookieToken), 'linking');
      const provider = row ? byId.get(row.provider) : undefined;
      if (!row?.user_id || !row.email || !provider) return undefined;
      return { provider, email: row.email, hasPassword: await userHasPassword(db, row.user_id) };
    },

    /**
     * Confirms a link with the password of the local account: links the identity (audited
     * `auth.identity_linked`) and signs in. A wrong password links nothing and counts against the sign-in
     * rate limits of the address and the IP (429 once reached).
     */
    async confirmLink(
      cookieToken: string | undefined,
      password: string,
      ctx: ActionContext,
      previousSessionId: string | null,
    ): Promise<OidcLinkResult> {
      if (!cookieToken) return { kind: 'expired' };
      const id = hashSecret(cookieToken);
      const row = await findOidcLogin(db, id, 'linking');
      const provider = row ? byId.get(row.provider) : undefined;
      const user = row?.user_id ? await findUserById(db, row.user_id) : undefined;
      if (!row?.subject || !provider || !user) return { kind: 'expired' };
      const limits: Parameters<typeof countFailure>[1] = [['signInAddress', user.email]];
      if (ctx.ip) limits.push(['signInIp', ctx.ip]);
      await refuseWhenLocked(db, limits);
      if (!user.password_hash) {
        await verifyAgainstNothing(password);
        return { kind: 'no_password' };
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        await countFailure(db, limits);
        await recordAudit(db, {
          action: 'auth.sign_in_failed',
          objectType: 'user',
          objectId: user.id,
          actorId: null,
          actorLabel: user.email,
          ...audit(ctx),
          summary: { method: 'oidc', provider: provider.id, reason: 'wrong_password' },
        });
        return { kind: 'wrong_password' };
      }
      await forgetFailures(db, 'signInAddress', user.email);
      const linked = await db.transaction().execute(async (trx) => {
        const taken = await takeOidcLogin(trx, id, 'linking');
        if (!taken?.subject) return false;
        if (
          !(await insertIdentity(trx, {
            provider: provider.id,
            subject: taken.subject,
            userId: user.id,
            email: taken.email,
          }))
        )
          return false;
        await recordAudit(trx, {
          action: 'auth.identity_linked',
          objectType: 'user',
          objectId: user.id,
          actorId: user.id,
          actorLabel: user.email,
          ...audit(ctx),
          summary: { provider: provider.id },
        });
        return true;
      });
      if (!linked) return { kind: 'expired' };
      const opened = await accounts.openSession(user as UserRow, 'oidc', ctx, previousSessionId);
      return { kind: 'linked', opened, retour: row.return_path };
    },

    /** Gives up a link waiting for confirmation. */
    async cancelLink(cookieToken: string | undefined): Promise<void> {
      if (cookieToken) await deleteOidcLogin(db, hashSecret(cookieToken));
    },

    /** The identities linked to an account (« mon compte »), labelled by their provider. */
    async identities(userId: string): Promise<IdentityView[]> {
      const rows = await listIdentities(db, userId);
      return rows.map((row) => ({
        provider: row.provider,
        label: byId.get(row.provider)?.label ?? row.provider,
        email: row.email,
        since: row.created_at,
      }));
    },

    async hasPassword(userId: string): Promise<boolean> {
      return userHasPassword(db, userId);
    },

    /**
     * Unlinks the identities of one provider from the signed-in account, only when the account has a
     * password (else it could no longer sign in). Audited `auth.identity_unlinked`.
     */
    async unlink(
      user: CurrentUser,
      providerId: string,
      ctx: ActionContext,
    ): Promise<'unlinked' | 'not_found' | 'no_password'> {
      return db.transaction().execute(async (trx) => {
        if (!(await userHasPassword(trx, user.id))) {
          const rows = await listIdentities(trx, user.id);
          return rows.some((r) => r.provider === providerId) ? 'no_password' : 'not_found';
        }
        const removed = await deleteIdentities(trx, user.id, providerId);
        if (removed === 0) return 'not_found';
        await recordAudit(trx, {
          action: 'auth.identity_unlinked',
          objectType: 'user',
          objectId: user.id,
          actorId: user.id,
          actorLabel: user.email,
          ...audit(ctx),
          summary: { provider: providerId },
        });
        return 'unlinked';
      });
    },
  };
}

export type OidcService = ReturnType<typeof createOidcService>;

/** fetch failed, refused connection, timeout: the provider is down, not the request wrong. */
function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError)
    return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error && cause !== error ? isNetworkError(cause) : false;
}

function errorCode(error: unknown): string {
  if (error instanceof oidc.ResponseBodyError) return error.error;
  if (error instanceof oidc.AuthorizationResponseError) return error.error;
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}

/** The confirmation form of a link: the local account's password (never more than 128 characters). */
export const linkForm = z.object({
  password: z
    .string(accountsFr.errors.passwordRequired)
    .min(1, accountsFr.errors.passwordRequired)
    .max(128, accountsFr.errors.passwordTooLong),
});

/** `:provider` of a route: a well-formed id (else 404). */
export const providerParams = z.object({ provider: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/) });

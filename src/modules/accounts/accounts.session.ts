import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Db } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { createSecondFactorService, type SecondFactorService } from './accounts.second-factor.service.js';
import {
  type AccountsService,
  type ActionContext,
  type CurrentUser,
  createAccountsService,
  type ResolvedSession,
  SESSION_ABSOLUTE_MS,
} from './accounts.service.js';
import { deriveTotpKey } from './crypto.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous visitor. */
    user: CurrentUser | null;
    /** The session the cookie opened (signed in), or null. */
    accountSession: ResolvedSession | null;
    /** A session waiting for its second factor (the user is not signed in yet), or null. */
    pendingSession: ResolvedSession | null;
  }
  interface FastifyInstance {
    accounts: AccountsService;
    /** The second factor (TOTP): enrolment, recovery codes, second step of sign-in. */
    secondFactor: SecondFactorService;
    /** Name of the session cookie: `__Host-session` over HTTPS, `session` otherwise. */
    sessionCookieName: string;
  }
}

export interface AccountsSessionOptions {
  db: Db;
  mailer: Mailer;
  config: Pick<Config, 'PUBLIC_URL' | 'PORT' | 'SESSION_SECRET'>;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

/** What the service needs to know about the request: where from, for the audit trail and e-mails. */
export function actionContext(request: FastifyRequest): ActionContext {
  return {
    ip: request.ip ?? null,
    requestId: request.id ?? null,
    userAgent: summariseUserAgent(request.headers['user-agent']),
    locale: request.ctx.locale,
  };
}

/** "Firefox sur Linux": enough to recognise one's device in the list of sessions, nothing more. */
export function summariseUserAgent(ua: string | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : undefined;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iOS/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X|Macintosh/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : undefined;
  if (browser && os) return `${browser} · ${os}`;
  return (browser ?? os ?? ua).slice(0, 100);
}

export function setSessionCookie(reply: FastifyReply, token: string): void {
  const name = reply.server.sessionCookieName;
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: name.startsWith('__Host-'),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  const name = reply.server.sessionCookieName;
  reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Host-') });
}

/**
 * Loads the session of every request from its cookie (`request.user`, `request.accountSession`), binds
 * the CSRF token to it (`request.csrfSessionKey`) and tells the layout (`ctx.account`). Register it after
 * the request context and before the CSRF plugin.
 */
async function accountsSessionPlugin(app: FastifyInstance, options: AccountsSessionOptions) {
  const secure = options.config.PUBLIC_URL?.startsWith('https://') ?? false;
  const baseUrl = (options.config.PUBLIC_URL ?? `http://localhost:${options.config.PORT}`).replace(/\/$/, '');
  app.decorate('accounts', createAccountsService({ db: options.db, mailer: options.mailer, baseUrl }));
  app.decorate(
    'secondFactor',
    createSecondFactorService({ db: options.db, totpKey: deriveTotpKey(options.config.SESSION_SECRET) }),
  );
  app.decorate('sessionCookieName', sessionCookieName(secure));
  app.decorateRequest('user', null);
  app.decorateRequest('accountSession', null);
  app.decorateRequest('pendingSession', null);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[app.sessionCookieName];
    // Fingerprinted static files and the health check need no user: no database query for them.
    if (!token || request.url.startsWith('/assets/') || request.url === '/sante') return;
    const session = await app.accounts.resolveSession(token);
    if (!session) {
      // Unknown, tampered, revoked or expired: anonymous, and the browser forgets it.
      clearSessionCookie(reply);
      return;
    }
    // Pages seen signed in hold personal data: never kept by a shared or browser cache.
    reply.header('cache-control', 'no-store');
    request.csrfSessionKey = session.id;
    if (session.pendingSecondFactor) {
      // Only the second-factor page knows this session; everywhere else the visitor is anonymous.
      request.pendingSession = session;
      return;
    }
    request.principal = {
      userId: session.user.id,
      roles: session.user.roles,
      secondFactor: session.secondFactor,
    };
    request.user = session.user;
    request.accountSession = session;
    request.ctx.account = {
      name: session.user.name,
      applicant: session.user.roles.some((grant) => grant.role === 'member'),
      instructs: session.user.roles.some(
        (grant) => grant.role === 'instructor' || grant.role === 'administrator',
      ),
      reviews: session.user.roles.some((grant) => grant.role === 'reviewer'),
    };
  });
}

export const accountsSession = fp(accountsSessionPlugin, {
  name: 'accounts-session',
  dependencies: ['@fastify/cookie', 'request-context'],
});

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CsrfError } from './errors.js';
import { randomToken } from './random.js';

export interface CsrfOptions {
  secret: string;
  /** Secure cookie with the `__Host-` prefix (HTTPS). */
  secure: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set to false only on routes authenticated otherwise (API tokens); every form POST keeps it. */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /**
     * Set by the sessions plugin (registered before this one) when the request carries a session: the
     * CSRF token is then derived from it, so a token from before sign-in stops working after it.
     */
    csrfSessionKey: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function cookieName(secure: boolean): string {
  return secure ? '__Host-csrf' : 'csrf';
}

function sign(token: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${token}`).digest('base64url');
}

/** The token of a session: HMAC(secret, session key); only the server can compute it. */
export function sessionCsrfToken(sessionKey: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf-session:${sessionKey}`).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Reads `token.signature` from the cookie; returns the token when the signature is ours. */
export function verifiedToken(cookie: string | undefined, secret: string): string | undefined {
  if (!cookie) return undefined;
  const [token, signature] = cookie.split('.');
  if (!token || !signature) return undefined;
  return equal(sign(token, secret), signature) ? token : undefined;
}

function submittedToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Signed double-submit cookie: each visitor gets a random token in a signed, HttpOnly, SameSite=Lax cookie;
 * every form posts the same token back as `_csrf`. A state change is refused (403) unless both match, the
 * signature is ours, and the Origin, when the browser sends one, is this site.
 * When the request carries a session (`request.csrfSessionKey`, set by the sessions plugin), the token is
 * bound to it instead: HMAC(secret, session key), no cookie needed.
 */
async function csrfPlugin(app: FastifyInstance, options: CsrfOptions) {
  const name = cookieName(options.secure);
  if (!app.hasRequestDecorator('csrfSessionKey')) app.decorateRequest('csrfSessionKey', null);
  app.addHook('onRequest', async (request, reply) => {
    if (request.csrfSessionKey) {
      request.ctx.csrfToken = sessionCsrfToken(request.csrfSessionKey, options.secret);
      return;
    }
    let token = verifiedToken(request.cookies[name], options.secret);
    if (!token) {
      token = randomToken(24);
      reply.setCookie(name, `${token}.${sign(token, options.secret)}`, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secure,
      });
    }
    request.ctx.csrfToken = token;
  });
  app.addHook('preHandler', async (request) => {
    if (!UNSAFE.has(request.method) || request.routeOptions.config.csrf === false) return;
    const expected = request.csrfSessionKey
      ? sessionCsrfToken(request.csrfSessionKey, options.secret)
      : verifiedToken(request.cookies[name], options.secret);
    const sent = submittedToken(request);
    if (!expected || !sent || !equal(expected, sent)) throw new CsrfError();
    const origin = request.headers.origin;
    if (origin && origin !== 'null') {
      const host = request.headers.host;
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      if (!host || originHost !== host) throw new CsrfError();
    }
  });
}

export const csrf = fp(csrfPlugin, {
  name: 'csrf',
  dependencies: ['@fastify/cookie', 'request-context'],
});

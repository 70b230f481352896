import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { RegisteredRoute } from '../access/index.js';
import { sessionCsrfToken } from '../http/csrf.js';

/** One row of the authorisation matrix: who is let in, and the path parameters to try the route with. */
export interface MatrixRow<P extends string> {
  allow: readonly P[];
  /** Values for the route's `:params` (default: a well-formed id that matches nothing). */
  params?: Record<string, string>;
}

export type AccessMatrix<P extends string> = Record<string, MatrixRow<P>>;

/**
 * `GET /compte`: the key of a route in the matrix. The content hash of fingerprinted asset paths
 * (`/assets/dsfr-<hash>/*`) is left out: it changes with the files, the rule does not.
 */
export function routeKey(route: Pick<RegisteredRoute, 'method' | 'url'>): string {
  return `${route.method} ${route.url.replace(/^\/assets\/([a-z]+)-[0-9a-f]+\/\*$/, '/assets/$1-*')}`;
}

/** The routes worth checking: every method but HEAD (Fastify derives it from GET, with the same rule). */
export function matrixRoutes(app: FastifyInstance): RegisteredRoute[] {
  const seen = new Set<string>();
  return app.accessRoutes.filter((route) => {
    const key = routeKey(route);
    if (route.method === 'HEAD' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Registered routes without a row (a new route must get one), and rows without a route (stale). */
export function matrixGaps<P extends string>(
  app: FastifyInstance,
  matrix: AccessMatrix<P>,
): { missing: string[]; stale: string[] } {
  const keys = new Set(matrixRoutes(app).map(routeKey));
  return {
    missing: [...keys].filter((key) => !(key in matrix)).sort(),
    stale: Object.keys(matrix)
      .filter((key) => !keys.has(key))
      .sort(),
  };
}

export const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';

/** A concrete URL for a route pattern: `:param` from the row (else SAMPLE_ID), `*` → `essai`. */
export function sampleUrl(url: string, params: Record<string, string> = {}): string {
  return url
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? SAMPLE_ID))
    .replace(/\*$/, 'essai');
}

/**
 * Whether the response refuses the visitor: a 403, a redirection to sign in (anonymous), or to the
 * second-factor enrolment (staff page without a confirmed session). Anything else (200, 303 elsewhere,
 * 400, 404…) means the rule let the request reach its handler.
 */
export function isRefusal(response: LightMyRequestResponse): boolean {
  if (response.statusCode === 403) return true;
  if (response.statusCode !== 303) return false;
  const location = String(response.headers.location ?? '');
  return (
    location === '/connexion' ||
    location.startsWith('/connexion?retour=') ||
    location.startsWith('/compte/double-authentification')
  );
}

/**
 * Sends one request to the route as the holder of `sessionCookie` (null: anonymous). Unsafe methods carry a
 * valid CSRF token (bound to the session, or a fresh double-submit pair), so that only the access rule can
 * refuse them.
 */
export async function tryRoute(
  app: FastifyInstance,
  route: RegisteredRoute,
  options: {
    /** `name=value` of the session cookie, or null for an anonymous visitor. */
    sessionCookie: string | null;
    /** What the CSRF token of the session derives from (the session's id). */
    sessionKey: string | null;
    secret: string;
    params?: Record<string, string>;
  },
): Promise<LightMyRequestResponse> {
  const url = sampleUrl(route.url, options.params);
  const cookies: string[] = options.sessionCookie ? [options.sessionCookie] : [];
  let csrf = '';
  if (route.method !== 'GET') {
    if (options.sessionKey) csrf = sessionCsrfToken(options.sessionKey, options.secret);
    else {
      const page = await app.inject({ method: 'GET', url: '/' });
      const cookie = page.cookies.find((c) => c.name === 'csrf');
      csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      if (cookie) cookies.push(`csrf=${cookie.value}`);
    }
  }
  return app.inject({
    method: route.method as 'GET',
    url,
    headers: {
      ...(cookies.length ? { cookie: cookies.join('; ') } : {}),
      ...(route.method !== 'GET' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(route.method !== 'GET' ? { payload: `_csrf=${encodeURIComponent(csrf)}` } : {}),
  });
}

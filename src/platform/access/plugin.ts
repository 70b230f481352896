import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import { Forbidden } from '../http/errors.js';
import { ANONYMOUS, type Principal } from './roles.js';
import type { AccessRule } from './rules.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may use the route. Required: registering a route without it throws (see `accessControl`). */
    access?: AccessRule;
  }
  interface FastifyRequest {
    /** Who is asking (set by the sessions plugin; anonymous otherwise). */
    principal: Principal;
  }
  interface FastifyInstance {
    /** Every route registered so far with its rule: what the authorisation matrix test walks through. */
    accessRoutes: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: AccessRule;
}

export type AccessDecision = 'allow' | 'sign_in' | 'second_factor' | 'forbidden';

/**
 * The decision for one request: a rule that refuses an anonymous visitor sends them to sign in, a signed-in
 * user gets 403; a staff page also needs a session confirmed by a second factor.
 */
export async function decideAccess(
  rule: AccessRule,
  principal: Principal,
  request: FastifyRequest,
): Promise<AccessDecision> {
  if (!(await rule.allows(principal, request))) return principal.userId === null ? 'sign_in' : 'forbidden';
  if (rule.staff && !principal.secondFactor) return 'second_factor';
  return 'allow';
}

/** Where to come back to after signing in: a path of this site only (never `//host` or `/\host`). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 1000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  return value;
}

const READS = new Set(['GET', 'HEAD']);

/**
 * Every route must declare `config.access`: registering one without it throws, so the app does not start.
 * Each request is checked against its route's rule once the session is known (register this plugin after
 * the sessions plugin and before any route).
 */
async function accessControlPlugin(app: FastifyInstance) {
  const routes: RegisteredRoute[] = [];
  app.decorate('accessRoutes', routes);
  app.decorateRequest('principal', null as unknown as Principal);

  app.addHook('onRoute', (options) => {
    const access = options.config?.access;
    const methods = ([] as HTTPMethods[]).concat(options.method as HTTPMethods | HTTPMethods[]);
    if (!access)
      throw new Error(
        `La route ${methods.join(',')} ${options.url} ne déclare pas de règle d’accès (config.access).`,
      );
    for (const method of methods) routes.push({ method, url: options.url, access });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.principal) request.principal = ANONYMOUS;
    const rule = request.routeOptions.config.access;
    // No rule: no route matched (the 404 page).
    if (!rule) return;
    const decision = await decideAccess(rule, request.principal, request);
    if (decision === 'allow') return;
    // After signing in, a read comes back to its page; a form posted without a session cannot be replayed.
    const back = READS.has(request.method) ? `?retour=${encodeURIComponent(request.url)}` : '';
    request.log.warn(
      { access: rule.name, decision, user: request.principal.userId, path: request.ctx.path },
      'access refused',
    );
    if (decision === 'sign_in') return reply.redirect(`/connexion${back}`, 303);
    if (decision === 'second_factor') return reply.redirect(`/compte/double-authentification${back}`, 303);
    throw new Forbidden();
  });
}

export const accessControl = fp(accessControlPlugin, {
  name: 'access-control',
  dependencies: ['request-context'],
});

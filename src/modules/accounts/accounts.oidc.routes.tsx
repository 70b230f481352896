import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { publicAccess, safeReturnPath, signedIn } from '../../platform/access/index.js';
import type { Db } from '../../platform/db/index.js';
import { BadRequest, NotFound } from '../../platform/http/errors.js';
import { emptyForm, parseForm, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { accountsEn } from './accounts.en.js';
import { accountsFr } from './accounts.fr.js';
import {
  createOidcService,
  linkForm,
  OIDC_LOGIN_TTL_MS,
  type OidcService,
  OidcUnavailable,
  providerParams,
} from './accounts.oidc.service.js';
import { nextAfterFirstFactor } from './accounts.routes.js';
import { actionContext, setSessionCookie } from './accounts.session.js';
import { LinkPage, OidcFailurePage } from './views/oidc.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Single sign-on (OpenID Connect): providers, logins in progress, linked identities. */
    oidc: OidcService;
  }
}

export interface OidcRoutesOptions {
  config: Pick<Config, 'PUBLIC_URL' | 'PORT' | 'oidcProviders'>;
  db: Db;
}

const words = localised({ fr: accountsFr, en: accountsEn });

/** Cookies of a login in progress: a random token whose SHA-256 finds the row in `oidc_logins`. */
function cookieNames(secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  return { login: `${prefix}oidc-login`, link: `${prefix}oidc-link` };
}

/**
 * Single sign-on: the button's POST (to the provider), the provider's callback, the confirmation of a link
 * to an existing account, and the unlinking of an identity from « mon compte ». Registered whatever the
 * configuration: an unknown provider is a 404.
 */
export async function oidcRoutes(app: FastifyInstance, options: OidcRoutesOptions) {
  const { config } = options;
  const secure = config.PUBLIC_URL?.startsWith('https://') ?? false;
  const baseUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  const service = createOidcService({
    db: options.db,
    accounts: app.accounts,
    providers: config.oidcProviders,
    baseUrl,
  });
  app.decorate('oidc', service);
  const cookies = cookieNames(secure);
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    maxAge: OIDC_LOGIN_TTL_MS / 1000,
  };
  // The button's form is answered by a redirection to the provider, and browsers apply the page's CSP
  // `form-action` to that redirection too: the pages of this module also allow the providers' origins.
  const origins = [...new Set(config.oidcProviders.map((p) => new URL(p.issuer).origin))];
  if (origins.length > 0)
    app.addHook('onSend', async (_request, reply, payload) => {
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string')
        reply.header(
          'content-security-policy',
          csp.replace("form-action 'self'", `form-action 'self' ${origins.join(' ')}`),
        );
      return payload;
    });
  const clear = (reply: FastifyReply, name: string) =>
    reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure });

  function providerOf(params: unknown) {
    const parsed = providerParams.safeParse(params);
    const provider = parsed.success ? service.provider(parsed.data.provider) : undefined;
    if (!provider) throw new NotFound();
    return provider;
  }

  function failure(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    title: string,
    message: string,
  ) {
    const a = words(request.ctx.locale);
    reply.header('cache-control', 'no-store');
    return reply.page(title, <OidcFailurePage ctx={request.ctx} a={a} title={title} message={message} />, {
      status,
    });
  }

  function unavailable(request: FastifyRequest, reply: FastifyReply, error: OidcUnavailable) {
    request.log.warn({ provider: error.provider, err: error.cause }, 'oidc provider unreachable');
    const a = words(request.ctx.locale);
    const label = service.provider(error.provider)?.label ?? error.provider;
    return failure(request, reply, 503, a.oidc.unavailableTitle, a.oidc.unavailable(label));
  }

  // The button: state, nonce and PKCE verifier kept server side, then off to the provider.
  app.post('/connexion/oidc/:provider', { config: { access: publicAccess } }, async (request, reply) => {
    const provider = providerOf(request.params);
    const retour = safeReturnPath(submittedValues(request.body).retour);
    try {
      const started = await service.begin(provider, retour);
      reply.setCookie(cookies.login, started.cookieToken, cookieOptions);
      return reply.redirect(started.url, 303);
    } catch (error) {
      if (error instanceof OidcUnavailable) return unavailable(request, reply, error);
      throw error;
    }
  });

  // The provider's answer (a top-level GET: the SameSite=Lax cookie comes with it).
  app.get(
    '/connexion/oidc/:provider/retour',
    { config: { access: publicAccess } },
    async (request, reply) => {
      const provider = providerOf(request.params);
      const a = words(request.ctx.locale);
      reply.header('cache-control', 'no-store');
      const token = request.cookies[cookies.login];
      if (token !== undefined) clear(reply, cookies.login);
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      try {
        const result = await service.callback(
          provider,
          token,
          query,
          actionContext(request),
          request.accountSession?.id ?? request.pendingSession?.id ?? null,
        );
        if (result.kind === 'signed_in') {
          setSessionCookie(reply, result.opened.sessionToken);
          return reply.redirect(nextAfterFirstFactor(result.opened, result.retour), 303);
        }
        if (result.kind === 'linking') {
          reply.setCookie(cookies.link, result.cookieToken, cookieOptions);
          return reply.redirect('/connexion/oidc/rattachement', 303);
        }
        return failure(request, reply, 400, a.oidc.failedTitle, a.oidc.refused[result.reason]);
      } catch (error) {
        if (error instanceof OidcUnavailable) return unavailable(request, reply, error);
        throw error;
      }
    },
  );

  // « Un compte existe déjà avec l’adresse … » : the owner confirms with the account's password.
  app.get('/connexion/oidc/rattachement', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    reply.header('cache-control', 'no-store');
    const pending = await service.pendingLink(request.cookies[cookies.link]);
    if (!pending) return failure(request, reply, 400, a.oidc.failedTitle, a.oidc.link.expired);
    return reply.page(
      a.oidc.link.title,
      <LinkPage
        ctx={request.ctx}
        a={a}
        providerLabel={pending.provider.label}
        email={pending.email}
        hasPassword={pending.hasPassword}
        state={emptyForm}
      />,
    );
  });

  app.post('/connexion/oidc/rattachement', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    reply.header('cache-control', 'no-store');
    const token = request.cookies[cookies.link];
    const pending = await service.pendingLink(token);
    if (!pending) return failure(request, reply, 400, a.oidc.failedTitle, a.oidc.link.expired);
    const page = (state: typeof emptyForm, hasPassword = pending.hasPassword) =>
      reply.page(
        a.oidc.link.title,
        <LinkPage
          ctx={request.ctx}
          a={a}
          providerLabel={pending.provider.label}
          email={pending.email}
          hasPassword={hasPassword}
          state={state}
        />,
        { status: 400 },
      );
    const parsed = parseForm(linkForm, request.body);
    if (!parsed.ok) return page(parsed.state);
    const result = await service.confirmLink(
      token,
      parsed.data.password,
      actionContext(request),
      request.accountSession?.id ?? request.pendingSession?.id ?? null,
    );
    if (result.kind === 'linked') {
      clear(reply, cookies.link);
      setSessionCookie(reply, result.opened.sessionToken);
      return reply.redirect(nextAfterFirstFactor(result.opened, result.retour), 303);
    }
    if (result.kind === 'wrong_password')
      return page(stateFromErrors({}, { password: a.oidc.link.wrongPassword }));
    if (result.kind === 'no_password') return page(emptyForm, false);
    return failure(request, reply, 400, a.oidc.failedTitle, a.oidc.link.expired);
  });

  app.post(
    '/connexion/oidc/rattachement/annulation',
    { config: { access: publicAccess } },
    async (request, reply) => {
      await service.cancelLink(request.cookies[cookies.link]);
      clear(reply, cookies.link);
      // (Not the bare /connexion: that is where refusals send visitors.)
      return reply.redirect('/connexion?rattachement_annule=1', 303);
    },
  );

  // « Mon compte »: unlink an identity (only when the account has a password to sign in with).
  app.post(
    '/compte/identites/:provider/dissocier',
    { config: { access: signedIn } },
    async (request, reply) => {
      const user = request.user;
      if (!user) throw new Error('signedIn route reached without a user');
      const params = providerParams.safeParse(request.params);
      if (!params.success) throw new NotFound();
      const done = await service.unlink(user, params.data.provider, actionContext(request));
      if (done === 'not_found') throw new NotFound();
      if (done === 'no_password') throw new BadRequest(words(request.ctx.locale).oidc.identities.noPassword);
      return reply.redirect('/compte?identite_dissociee=1', 303);
    },
  );
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess, safeReturnPath, signedIn } from '../../platform/access/index.js';
import { BadRequest, NotFound } from '../../platform/http/errors.js';
import {
  emptyForm,
  handleForm,
  parseForm,
  stateFromErrors,
  submittedValues,
} from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { dataRoutes } from './accounts.data.routes.js';
import { accountsEn } from './accounts.en.js';
import { accountsFr } from './accounts.fr.js';
import { linkRoutes } from './accounts.links.routes.js';
import { type OidcRoutesOptions, oidcRoutes } from './accounts.oidc.routes.js';
import {
  forgotForm,
  resetForm,
  sessionParams,
  signInForm,
  signUpForm,
  tokenField,
  tokenQuery,
} from './accounts.schemas.js';
import { secondFactorRoutes } from './accounts.second-factor.routes.js';
import type { ResolvedSession } from './accounts.service.js';
import { actionContext, clearSessionCookie, setSessionCookie } from './accounts.session.js';
import {
  AccountPage,
  ForgotPage,
  ResetPage,
  SentPage,
  type SignInNotice,
  SignInPage,
  SignUpPage,
  VerifyPage,
} from './views/pages.js';

const words = localised({ fr: accountsFr, en: accountsEn });

/**
 * The token of a link (`?jeton=`), or a 400 page saying the link is incomplete. The page keeps the token in
 * its address: never cached (and the platform's referrer policy sends no path to another site).
 */
function linkToken(query: unknown, reply: FastifyReply): string {
  reply.header('cache-control', 'no-store');
  const parsed = tokenQuery.safeParse(query ?? {});
  if (!parsed.success) throw new BadRequest(accountsFr.errors.tokenMissing);
  return parsed.data.jeton;
}

/** The signed-in session of a route whose rule is `signedIn`. */
function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.accountSession) throw new Error('signedIn route reached without a session');
  return request.accountSession;
}

/** Where a sign-in goes next: the page asked before (`retour`, a path of this site) or « mon compte ». */
export function afterSignIn(retour: unknown): string {
  return safeReturnPath(retour) ?? '/compte';
}

/** After a first factor: the second-factor page when the session waits for it, else where the user was going. */
export function nextAfterFirstFactor(opened: { pendingSecondFactor: boolean }, retour: unknown): string {
  const path = safeReturnPath(retour);
  if (opened.pendingSecondFactor)
    return `/connexion/double-authentification${path ? `?retour=${encodeURIComponent(path)}` : ''}`;
  return path ?? '/compte';
}

const SIGN_IN_NOTICES: Record<string, SignInNotice> = {
  deconnecte: 'signedOut',
  reinitialise: 'resetDone',
  confirmee: 'verified',
};

/** Sign-up, e-mail verification, sign-in and out, password reset, "mon compte" and its sessions. */
export async function accountsRoutes(app: FastifyInstance, options: OidcRoutesOptions) {
  const service = app.accounts;

  // --- Sign-up and verification ---------------------------------------------------------------
  app.get('/inscription', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(a.signUp.title, <SignUpPage ctx={request.ctx} a={a} state={emptyForm} />);
  });

  app.post('/inscription', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return handleForm(request, reply, {
      schema: signUpForm,
      render: (state) => ({
        title: a.signUp.title,
        body: <SignUpPage ctx={request.ctx} a={a} state={state} />,
      }),
      onValid: async (data) => {
        await service.signUp(data, actionContext(request));
        return '/inscription/envoyee';
      },
    });
  });

  app.get('/inscription/envoyee', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(
      a.signUp.sentTitle,
      <SentPage title={a.signUp.sentTitle} text={a.signUp.sent} hint={a.signUp.sentHint} />,
    );
  });

  app.get('/inscription/verification', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const token = linkToken(request.query, reply);
    if (!(await service.isUsableToken(token, 'email_verification')))
      throw new BadRequest(a.errors.linkInvalid);
    return reply.page(a.verify.title, <VerifyPage ctx={request.ctx} a={a} token={token} />);
  });

  app.post('/inscription/verification', { config: { access: publicAccess } }, async (request, reply) => {
    const token = tokenField.safeParse(submittedValues(request.body).jeton);
    if (!token.success) throw new BadRequest(accountsFr.errors.tokenMissing);
    await service.verifyEmail(token.data, actionContext(request));
    return reply.redirect('/connexion?confirmee=1', 303);
  });

  // --- Sign-in and sign-out -------------------------------------------------------------------
  app.get('/connexion', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice = Object.keys(SIGN_IN_NOTICES).find((key) => query[key] !== undefined);
    return reply.page(
      a.signIn.title,
      <SignInPage
        ctx={request.ctx}
        a={a}
        state={emptyForm}
        providers={app.oidc.providers()}
        notice={notice ? SIGN_IN_NOTICES[notice] : undefined}
        retour={safeReturnPath(query.retour)}
      />,
    );
  });

  app.post('/connexion', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const parsed = parseForm(signInForm, request.body);
    const retour = safeReturnPath(submittedValues(request.body).retour);
    if (!parsed.ok)
      return reply.page(
        a.signIn.title,
        <SignInPage ctx={request.ctx} a={a} state={parsed.state} retour={retour} />,
        { status: 400 },
      );
    const result = await service.signIn(
      parsed.data,
      actionContext(request),
      request.accountSession?.id ?? null,
    );
    if (!result.ok) {
      // One answer for an unknown address, a wrong password and an unconfirmed address.
      const values = submittedValues(request.body);
      const state = stateFromErrors({ email: values.email ?? '' }, { email: a.errors.badCredentials });
      return reply.page(
        a.signIn.title,
        <SignInPage ctx={request.ctx} a={a} state={state} failed retour={retour} />,
        { status: 400 },
      );
    }
    setSessionCookie(reply, result.sessionToken);
    return reply.redirect(nextAfterFirstFactor(result, retour), 303);
  });

  app.post('/deconnexion', { config: { access: publicAccess } }, async (request, reply) => {
    // A session still waiting for its second factor is closed too (« Annuler » on the code page).
    const session = request.accountSession ?? request.pendingSession;
    if (session) await service.signOut(session, actionContext(request));
    clearSessionCookie(reply);
    return reply.redirect('/connexion?deconnecte=1', 303);
  });

  // --- Password reset -------------------------------------------------------------------------
  app.get('/mot-de-passe-oublie', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(a.forgot.title, <ForgotPage ctx={request.ctx} a={a} state={emptyForm} />);
  });

  app.post('/mot-de-passe-oublie', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return handleForm(request, reply, {
      schema: forgotForm,
      render: (state) => ({
        title: a.forgot.title,
        body: <ForgotPage ctx={request.ctx} a={a} state={state} />,
      }),
      onValid: async (data) => {
        await service.requestPasswordReset(data.email, actionContext(request));
        return '/mot-de-passe-oublie/envoye';
      },
    });
  });

  app.get('/mot-de-passe-oublie/envoye', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(a.forgot.sentTitle, <SentPage title={a.forgot.sentTitle} text={a.forgot.sent} />);
  });

  app.get('/mot-de-passe-oublie/nouveau', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const token = linkToken(request.query, reply);
    if (!(await service.isUsableToken(token, 'password_reset'))) throw new BadRequest(a.errors.linkInvalid);
    return reply.page(a.reset.title, <ResetPage ctx={request.ctx} a={a} state={emptyForm} token={token} />);
  });

  app.post('/mot-de-passe-oublie/nouveau', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const token = tokenField.safeParse(submittedValues(request.body).jeton);
    if (!token.success) throw new BadRequest(accountsFr.errors.tokenMissing);
    return handleForm(request, reply, {
      schema: resetForm,
      render: (state) => ({
        title: a.reset.title,
        body: <ResetPage ctx={request.ctx} a={a} state={state} token={token.data} />,
      }),
      onValid: async (data) => {
        await service.resetPassword(data.jeton, data.password, actionContext(request));
        // Every session of the account is revoked, this one too if it was the same account.
        if (request.user) clearSessionCookie(reply);
        return '/connexion?reinitialise=1';
      },
    });
  });

  // --- Mon compte (signed-in users only) ------------------------------------------------------
  app.get('/compte', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.session_deconnectee !== undefined
        ? 'revoked'
        : query.autres_deconnectees !== undefined
          ? 'othersRevoked'
          : undefined;
    const sessions = await service.listSessions(session);
    const identities = await app.oidc.identities(session.user.id);
    const hasPassword = await app.oidc.hasPassword(session.user.id);
    return reply.page(
      a.account.title,
      <AccountPage
        ctx={request.ctx}
        a={a}
        user={session.user}
        sessions={sessions}
        notice={notice}
        identities={identities}
        hasPassword={hasPassword}
        identityUnlinked={query.identite_dissociee !== undefined}
      />,
    );
  });

  app.post(
    '/compte/sessions/deconnexion-autres',
    { config: { access: signedIn } },
    async (request, reply) => {
      const session = sessionOf(request);
      await service.revokeSessions(session, { allOthers: true }, actionContext(request));
      return reply.redirect('/compte?autres_deconnectees=1', 303);
    },
  );

  app.post('/compte/sessions/:id/deconnexion', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const params = sessionParams.safeParse(request.params);
    if (!params.success) throw new NotFound();
    const revoked = await service.revokeSessions(
      session,
      { publicId: params.data.id },
      actionContext(request),
    );
    if (revoked === 0) throw new NotFound();
    if (params.data.id === session.publicId) {
      clearSessionCookie(reply);
      return reply.redirect('/connexion?deconnecte=1', 303);
    }
    return reply.redirect('/compte?session_deconnectee=1', 303);
  });

  // --- Second factor (TOTP) -------------------------------------------------------------------
  await secondFactorRoutes(app);

  // --- E-mailed links, change of address, personal data ---------------------------------------
  await linkRoutes(app);
  await dataRoutes(app);

  // --- Single sign-on (OpenID Connect) --------------------------------------------------------
  await oidcRoutes(app, options);
}

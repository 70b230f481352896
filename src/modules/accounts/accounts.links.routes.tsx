import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicAccess, safeReturnPath, signedIn } from '../../platform/access/index.js';
import { BadRequest } from '../../platform/http/errors.js';
import { emptyForm, handleForm, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { accountsEn } from './accounts.en.js';
import { accountsFr } from './accounts.fr.js';
import { createLinksService, emailChangeForm, signInLinkForm } from './accounts.links.service.js';
import { nextAfterFirstFactor } from './accounts.routes.js';
import { tokenField, tokenQuery } from './accounts.schemas.js';
import type { ResolvedSession } from './accounts.service.js';
import { actionContext, setSessionCookie } from './accounts.session.js';
import { EmailChangedPage, EmailChangePage, OpenLinkPage, SignInLinkPage } from './views/links.js';
import { SentPage } from './views/pages.js';

const words = localised({ fr: accountsFr, en: accountsEn });

/** The token of a link (`?jeton=`), never cached; 400 when incomplete. */
function linkToken(query: unknown, reply: FastifyReply): string {
  reply.header('cache-control', 'no-store');
  const parsed = tokenQuery.safeParse(query ?? {});
  if (!parsed.success) throw new BadRequest(accountsFr.errors.tokenMissing);
  return parsed.data.jeton;
}

/** The token posted by a link's page. */
function postedToken(body: unknown): string {
  const token = tokenField.safeParse(submittedValues(body).jeton);
  if (!token.success) throw new BadRequest(accountsFr.errors.tokenMissing);
  return token.data;
}

function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.accountSession) throw new Error('signedIn route reached without a session');
  return request.accountSession;
}

/** Sign-in by e-mailed link, and the change of address confirmed by a link sent to the new address. */
export async function linkRoutes(app: FastifyInstance) {
  const accounts = app.accounts;
  const links = createLinksService(accounts);

  // --- Sign-in by e-mailed link (10 minutes, single use) ---------------------------------------
  app.get('/connexion/lien', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(a.link.title, <SignInLinkPage ctx={request.ctx} a={a} state={emptyForm} />);
  });

  app.post('/connexion/lien', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return handleForm(request, reply, {
      schema: signInLinkForm,
      render: (state) => ({
        title: a.link.title,
        body: <SignInLinkPage ctx={request.ctx} a={a} state={state} />,
      }),
      onValid: async (data) => {
        await links.requestSignInLink(data.email, actionContext(request));
        return '/connexion/lien/envoye';
      },
    });
  });

  app.get('/connexion/lien/envoye', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(
      a.link.sentTitle,
      <SentPage title={a.link.sentTitle} text={a.link.sent} hint={a.link.sentHint} />,
    );
  });

  app.get('/connexion/lien/ouvrir', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const token = linkToken(request.query, reply);
    if (!(await accounts.isUsableToken(token, 'sign_in_link'))) throw new BadRequest(a.errors.linkInvalid);
    return reply.page(
      a.link.openTitle,
      <OpenLinkPage
        ctx={request.ctx}
        title={a.link.openTitle}
        lead={a.link.openLead}
        submit={a.link.openSubmit}
        action="/connexion/lien/ouvrir"
        token={token}
      />,
    );
  });

  app.post('/connexion/lien/ouvrir', { config: { access: publicAccess } }, async (request, reply) => {
    const token = postedToken(request.body);
    // The browser's previous session (signed in or waiting for its second factor) is replaced.
    const previous = request.accountSession?.id ?? request.pendingSession?.id ?? null;
    const opened = await links.signInWithLink(token, actionContext(request), previous);
    setSessionCookie(reply, opened.sessionToken);
    return reply.redirect(
      nextAfterFirstFactor(opened, safeReturnPath(submittedValues(request.body).retour)),
      303,
    );
  });

  // --- Change of address ----------------------------------------------------------------------
  app.get('/compte/adresse', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice = query.envoye !== undefined ? 'sent' : query.modifiee !== undefined ? 'done' : undefined;
    return reply.page(
      a.emailChange.title,
      <EmailChangePage
        ctx={request.ctx}
        a={a}
        user={session.user}
        state={emptyForm}
        hasPassword={await links.hasPassword(session.user.id)}
        notice={notice}
      />,
    );
  });

  app.post('/compte/adresse', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    const hasPassword = await links.hasPassword(session.user.id);
    return handleForm(request, reply, {
      schema: emailChangeForm,
      render: (state) => ({
        title: a.emailChange.title,
        body: (
          <EmailChangePage
            ctx={request.ctx}
            a={a}
            user={session.user}
            state={state}
            hasPassword={hasPassword}
          />
        ),
      }),
      onValid: async (data) => {
        await links.requestEmailChange(session, data, actionContext(request));
        return '/compte/adresse?envoye=1';
      },
    });
  });

  app.get('/compte/adresse/confirmer', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    const token = linkToken(request.query, reply);
    if (!(await accounts.isUsableToken(token, 'email_change'))) throw new BadRequest(a.errors.linkInvalid);
    return reply.page(
      a.emailChange.confirmTitle,
      <OpenLinkPage
        ctx={request.ctx}
        title={a.emailChange.confirmTitle}
        lead={a.emailChange.confirmLead}
        submit={a.emailChange.confirmSubmit}
        action="/compte/adresse/confirmer"
        token={token}
      />,
    );
  });

  app.post('/compte/adresse/confirmer', { config: { access: publicAccess } }, async (request, reply) => {
    const token = postedToken(request.body);
    const { ownSession } = await links.confirmEmailChange(
      token,
      actionContext(request),
      request.accountSession,
    );
    return reply.redirect(ownSession ? '/compte/adresse?modifiee=1' : '/compte/adresse/modifiee', 303);
  });

  app.get('/compte/adresse/modifiee', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(a.emailChange.doneTitle, <EmailChangedPage a={a} signedIn={request.user !== null} />);
  });
}

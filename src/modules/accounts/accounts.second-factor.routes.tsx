import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isStaff, publicAccess, safeReturnPath, signedIn } from '../../platform/access/index.js';
import { Validation } from '../../platform/http/errors.js';
import { emptyForm, type FormState, stateFromErrors, submittedValues } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { accountsEn } from './accounts.en.js';
import { type AccountsMessages, accountsFr } from './accounts.fr.js';
import type { SecondFactorProof } from './accounts.second-factor.service.js';
import type { ResolvedSession } from './accounts.service.js';
import { actionContext, setSessionCookie } from './accounts.session.js';
import {
  RecoveryCodesPage,
  type SecondFactorForm,
  SecondFactorPage,
  SecondStepPage,
} from './views/second-factor.js';

const words = localised({ fr: accountsFr, en: accountsEn });
const PAGE = '/compte/double-authentification';

function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.accountSession) throw new Error('signedIn route reached without a session');
  return request.accountSession;
}

/** A text field of the posted form ('' when missing), cut short: codes are a few characters. */
function field(body: unknown, name: string, max = 200): string {
  const v = submittedValues(body)[name];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

/** The form's state after a refused code: the messages, never the codes or password typed. */
function refused(error: Validation, a: AccountsMessages): FormState {
  const e = a.secondFactor.errors;
  const messages: Record<string, string> = { recoveryCode: e.wrongRecoveryCode, password: e.wrongPassword };
  const fields = Object.fromEntries(
    Object.keys(error.fieldErrors).map((name) => [name, messages[name] ?? e.wrongCode]),
  );
  return stateFromErrors({}, fields);
}

/** `?retour=` or the posted `retour`, when it is a path of this site. */
function retourOf(request: FastifyRequest): string | null {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return safeReturnPath(query.retour) ?? safeReturnPath(submittedValues(request.body).retour);
}

/** « Double authentification » in « mon compte », and the second step of sign-in. */
export async function secondFactorRoutes(app: FastifyInstance) {
  const service = app.secondFactor;

  async function renderPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { form?: SecondFactorForm; notice?: 'enabled' | 'disabled'; status?: number } = {},
  ) {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    const state = await service.state(session.user);
    return reply.page(
      a.secondFactor.title,
      <SecondFactorPage
        ctx={request.ctx}
        a={a}
        user={session.user}
        state={state}
        staff={isStaff(session.user)}
        retour={retourOf(request)}
        form={options.form}
        notice={options.notice}
      />,
      { status: options.status ?? 200 },
    );
  }

  /** Runs a form's action; a refused code or password renders the page again (400) with its message. */
  async function onForm(
    request: FastifyRequest,
    reply: FastifyReply,
    name: 'confirm' | 'regenerate' | 'disable',
    action: () => Promise<FastifyReply>,
  ) {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof Validation)) throw error;
      return renderPage(request, reply, {
        form: { name, state: refused(error, words(request.ctx.locale)) },
        status: 400,
      });
    }
  }

  function codesPage(
    request: FastifyRequest,
    reply: FastifyReply,
    codes: string[],
    next: string,
    enabled: boolean,
  ) {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    // Shown once: never kept by any cache.
    reply.header('cache-control', 'no-store');
    return reply.page(
      a.secondFactor.codesTitle,
      <RecoveryCodesPage
        ctx={request.ctx}
        a={a}
        user={session.user}
        codes={codes}
        next={next}
        enabled={enabled}
      />,
    );
  }

  // --- Mon compte › double authentification ---------------------------------------------------
  app.get(PAGE, { config: { access: signedIn } }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const notice =
      query.activee !== undefined ? 'enabled' : query.desactivee !== undefined ? 'disabled' : undefined;
    return renderPage(request, reply, { notice });
  });

  app.post(`${PAGE}/activation`, { config: { access: signedIn } }, async (request, reply) => {
    await service.start(sessionOf(request).user);
    // The QR code and the key, answered right away (the page also shows them later while pending).
    return renderPage(request, reply);
  });

  app.post(`${PAGE}/confirmation`, { config: { access: signedIn } }, async (request, reply) =>
    onForm(request, reply, 'confirm', async () => {
      const code = field(request.body, 'code', 20);
      const codes = await service.confirm(sessionOf(request), code, actionContext(request));
      return codesPage(request, reply, codes, retourOf(request) ?? `${PAGE}?activee=1`, true);
    }),
  );

  app.post(`${PAGE}/codes-de-secours`, { config: { access: signedIn } }, async (request, reply) =>
    onForm(request, reply, 'regenerate', async () => {
      const code = field(request.body, 'code', 20);
      const codes = await service.regenerateRecoveryCodes(sessionOf(request), code, actionContext(request));
      return codesPage(request, reply, codes, PAGE, false);
    }),
  );

  app.post(`${PAGE}/desactivation`, { config: { access: signedIn } }, async (request, reply) =>
    onForm(request, reply, 'disable', async () => {
      await service.disable(
        sessionOf(request),
        { password: field(request.body, 'password', 128), code: field(request.body, 'disableCode', 20) },
        actionContext(request),
      );
      return reply.redirect(`${PAGE}?desactivee=1`, 303);
    }),
  );

  // --- Second step of sign-in -----------------------------------------------------------------
  /** Without a session waiting for its code: signed in already (« mon compte »), or back to sign-in. */
  function noPending(request: FastifyRequest, reply: FastifyReply) {
    return reply.redirect(request.accountSession ? '/compte' : '/connexion', 303);
  }

  function secondStep(
    request: FastifyRequest,
    reply: FastifyReply,
    state: FormState,
    recovery: boolean,
    status = 200,
  ) {
    const a = words(request.ctx.locale);
    return reply.page(
      a.secondFactor.signInTitle,
      <SecondStepPage ctx={request.ctx} a={a} state={state} recovery={recovery} retour={retourOf(request)} />,
      { status },
    );
  }

  app.get(
    '/connexion/double-authentification',
    { config: { access: publicAccess } },
    async (request, reply) => {
      if (!request.pendingSession) return noPending(request, reply);
      const query = (request.query ?? {}) as Record<string, unknown>;
      return secondStep(request, reply, emptyForm, query.secours !== undefined);
    },
  );

  app.post(
    '/connexion/double-authentification',
    { config: { access: publicAccess } },
    async (request, reply) => {
      const pending = request.pendingSession;
      if (!pending) return noPending(request, reply);
      const a = words(request.ctx.locale);
      const values = submittedValues(request.body);
      const recovery = typeof values.recoveryCode === 'string';
      const typed = field(request.body, recovery ? 'recoveryCode' : 'code', 60).trim();
      if (typed === '') {
        const name = recovery ? 'recoveryCode' : 'code';
        return secondStep(
          request,
          reply,
          stateFromErrors({}, { [name]: a.secondFactor.errors.codeRequired }),
          recovery,
          400,
        );
      }
      const proof: SecondFactorProof = recovery
        ? { kind: 'recovery_code', code: typed }
        : { kind: 'totp', code: typed };
      try {
        const { sessionToken } = await service.completeSignIn(pending, proof, actionContext(request));
        setSessionCookie(reply, sessionToken);
        return reply.redirect(retourOf(request) ?? '/compte', 303);
      } catch (error) {
        if (!(error instanceof Validation)) throw error;
        return secondStep(request, reply, refused(error, a), recovery, 400);
      }
    },
  );
}

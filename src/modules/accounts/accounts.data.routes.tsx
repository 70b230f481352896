import type { FastifyInstance, FastifyRequest } from 'fastify';
import { publicAccess, signedIn } from '../../platform/access/index.js';
import { emptyForm, handleForm } from '../../platform/http/forms.js';
import { localised } from '../../platform/i18n/index.js';
import { createDataService, deleteAccountForm } from './accounts.data.service.js';
import { accountsEn } from './accounts.en.js';
import { accountsFr } from './accounts.fr.js';
import type { ResolvedSession } from './accounts.service.js';
import { actionContext, clearSessionCookie } from './accounts.session.js';
import { DataPage, DeletedPage } from './views/data.js';

const words = localised({ fr: accountsFr, en: accountsEn });

function sessionOf(request: FastifyRequest): ResolvedSession {
  if (!request.accountSession) throw new Error('signedIn route reached without a session');
  return request.accountSession;
}

/** « Mes données »: what is kept, the JSON export, and the deletion of one's account. */
export async function dataRoutes(app: FastifyInstance) {
  const data = createDataService(app.accounts);

  app.get('/compte/donnees', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    return reply.page(
      a.data.title,
      <DataPage
        ctx={request.ctx}
        a={a}
        user={session.user}
        state={emptyForm}
        hasPassword={await data.hasPassword(session.user.id)}
      />,
    );
  });

  app.get('/compte/donnees/export.json', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const exported = await data.exportData(session.user.id);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="mes-donnees-french-impact-${day}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(exported, null, 2));
  });

  app.post('/compte/donnees/suppression', { config: { access: signedIn } }, async (request, reply) => {
    const session = sessionOf(request);
    const a = words(request.ctx.locale);
    const hasPassword = await data.hasPassword(session.user.id);
    return handleForm(request, reply, {
      schema: deleteAccountForm,
      render: (state) => ({
        title: a.data.title,
        body: (
          <DataPage ctx={request.ctx} a={a} user={session.user} state={state} hasPassword={hasPassword} />
        ),
      }),
      onValid: async (input) => {
        await data.deleteAccount(session, input, actionContext(request));
        clearSessionCookie(reply);
        return '/compte/supprime';
      },
    });
  });

  app.get('/compte/supprime', { config: { access: publicAccess } }, async (request, reply) => {
    const a = words(request.ctx.locale);
    return reply.page(a.data.deletedTitle, <DeletedPage a={a} />);
  });
}

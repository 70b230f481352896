import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_LOCALE, isLocale, type Locale, type Messages, messages } from '../i18n/index.js';
import { Layout, type LayoutOptions } from '../views/Layout.js';
import { randomToken } from './random.js';

/** What every page needs to know about the request it answers. */
export interface RequestContext {
  locale: Locale;
  m: Messages;
  /** CSP nonce of this response: the only inline script/style allowed carries it. */
  nonce: string;
  /** The token that every form of this response must post back as `_csrf`. */
  csrfToken: string;
  path: string;
  /** The signed-in account, set by the sessions plugin: the header shows "Mon compte" and "Se déconnecter". */
  account?: {
    name: string;
    /** Acts for at least one organisation: the header links to « Mes dossiers ». */
    applicant?: boolean;
    /** Instructs a call or administers the platform: the header links to « Instruction ». */
    instructs?: boolean;
    /** Évaluateur on a call's jury (role 'reviewer'): the header links to « Évaluations ». */
    reviews?: boolean;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyReply {
    /** Renders a full DSFR page (layout, header, footer) around `body`. */
    page(title: string, body: JSX.Element, options?: PageOptions): FastifyReply;
  }
}

export interface PageOptions extends Omit<LayoutOptions, 'title' | 'ctx'> {
  status?: number;
}

export const LANG_COOKIE = 'lang';

function localeOf(request: FastifyRequest): Locale {
  const fromCookie = request.cookies[LANG_COOKIE];
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}

async function contextPlugin(app: FastifyInstance) {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.addHook('onRequest', async (request) => {
    const locale = localeOf(request);
    request.ctx = {
      locale,
      m: messages(locale),
      nonce: randomToken(16, 'base64'),
      csrfToken: '',
      path: request.url.split('?')[0] ?? '/',
    };
  });
  app.decorateReply(
    'page',
    function page(this: FastifyReply, title: string, body: JSX.Element, options: PageOptions = {}) {
      const { status = 200, ...layout } = options;
      const html = Layout({ ...layout, title, ctx: this.request.ctx, children: body });
      this.code(status).type('text/html; charset=utf-8');
      // A Buffer is encoded once; a string would be measured, then encoded again on the socket.
      if (typeof html === 'string') return this.send(Buffer.from(html));
      html.then(
        (text) => this.send(Buffer.from(text)),
        (error: unknown) => this.send(error),
      );
      return this;
    },
  );
}

export const requestContext = fp(contextPlugin, {
  name: 'request-context',
  dependencies: ['@fastify/cookie'],
});

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publicAccess } from '../../platform/access/index.js';
import { LANG_COOKIE } from '../../platform/http/context.js';
import { BadRequest } from '../../platform/http/errors.js';
import { localised } from '../../platform/i18n/index.js';
import { renderOnce } from '../../platform/views/once.js';
import { siteEn } from './site.en.js';
import { siteFr } from './site.fr.js';
import { AboutPage, ComingSoonPage, HomePage, SitemapPage, TextPage } from './views/pages.js';

const siteMessages = localised({ fr: siteFr, en: siteEn });

const languageForm = z.object({
  lang: z.enum(['fr', 'en'], { message: 'Langue inconnue : choisissez le français ou l’anglais.' }),
  // Only a path of this site: never an absolute URL or `//host` (open redirect).
  retour: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/)
    .max(2000)
    .catch('/'),
});

/** The site's own pages: home, about, legal pages, sitemap, language choice, domains still to come. */
export async function siteRoutes(app: FastifyInstance) {
  // These pages are the same for every visitor of a language: rendered once, then reused.
  app.get('/', { config: { access: publicAccess } }, async (request, reply) => {
    const { locale } = request.ctx;
    const s = siteMessages(locale);
    return reply.page(s.home.title, renderOnce(`${locale}:home`, () => <HomePage s={s} />) as 'safe');
  });

  app.get('/a-propos', { config: { access: publicAccess } }, async (request, reply) => {
    const { locale } = request.ctx;
    const s = siteMessages(locale);
    return reply.page(s.about.title, renderOnce(`${locale}:about`, () => <AboutPage s={s} />) as 'safe');
  });

  const textPages = {
    '/mentions-legales': (s: typeof siteFr) => ({ title: s.legal.title, sections: s.legal.sections }),
    '/donnees-personnelles': (s: typeof siteFr) => s.privacy,
    '/accessibilite': (s: typeof siteFr) => s.accessibility,
  };
  for (const [path, pick] of Object.entries(textPages)) {
    app.get(path, { config: { access: publicAccess } }, async (request, reply) => {
      const { locale } = request.ctx;
      const page = pick(siteMessages(locale));
      return reply.page(page.title, renderOnce(`${locale}:${path}`, () => <TextPage {...page} />) as 'safe');
    });
  }

  app.get('/plan-du-site', { config: { access: publicAccess } }, async (request, reply) => {
    const s = siteMessages(request.ctx.locale);
    return reply.page(s.sitemap.title, <SitemapPage ctx={request.ctx} s={s} />);
  });

  for (const path of Object.keys(siteFr.domains)) {
    app.get(path, { config: { access: publicAccess } }, async (request, reply) => {
      const domain = siteMessages(request.ctx.locale).domains[path]!;
      return reply.page(domain.title, <ComingSoonPage ctx={request.ctx} domain={domain} />);
    });
  }

  app.post('/langue', { config: { access: publicAccess } }, async (request, reply) => {
    const parsed = languageForm.safeParse(request.body ?? {});
    if (!parsed.success) throw new BadRequest(parsed.error.issues[0]?.message);
    reply.setCookie(LANG_COOKIE, parsed.data.lang, {
      path: '/',
      maxAge: 365 * 24 * 3600,
      sameSite: 'lax',
      httpOnly: true,
      secure: request.protocol === 'https',
    });
    return reply.redirect(parsed.data.retour, 303);
  });
}
